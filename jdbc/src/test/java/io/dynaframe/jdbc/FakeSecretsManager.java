package io.dynaframe.jdbc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for AWS Secrets Manager, for tests. NO REAL AWS SERVICE RUNS HERE: a WireMock server
 * whose transformer answers Secrets Manager's JSON 1.1 protocol ({@code POST /} with {@code
 * X-Amz-Target: secretsmanager.GetSecretValue}) from secrets held in memory, in the shapes the
 * service uses ({@code ARN}, {@code Name}, {@code VersionId}, {@code SecretString}, {@code
 * VersionStages}, {@code CreatedDate}; a missing secret is HTTP 400 with {@code {"__type":
 * "ResourceNotFoundException", "Message": "Secrets Manager can't find the specified secret."}}).
 * The real SDK v2 client talks to it through {@code endpointOverride}.
 */
final class FakeSecretsManager implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  FakeSecretsManager() {
    server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").extensions(new Dispatcher()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** Keeps a secret string under a name. */
  void put(String name, String secretString) {
    secrets.put(name, secretString);
  }

  /** The endpoint for the client. */
  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every request, as "target body". */
  List<String> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Dispatcher implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "fake-secrets-manager";
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String target = event.getRequest().getHeader("X-Amz-Target");
      String body = event.getRequest().getBodyAsString();
      requests.add(target + " " + body);
      if (!"secretsmanager.GetSecretValue".equals(target)) {
        return error("UnknownOperationException", "the fake answers GetSecretValue only");
      }
      try {
        JsonNode in = JSON.readTree(body);
        String id = in.path("SecretId").asText();
        String name = id.startsWith("arn:") ? id.substring(id.lastIndexOf(':') + 1) : id;
        String value = secrets.get(name);
        if (value == null) {
          return error(
              "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf")
            .put("Name", name)
            .put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
            .put("SecretString", value)
            .put("CreatedDate", 1.523477145713E9);
        out.putArray("VersionStages").add("AWSCURRENT");
        return new ResponseDefinitionBuilder()
            .withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(out.toString())
            .build();
      } catch (Exception e) {
        return error("InternalServiceError", String.valueOf(e));
      }
    }

    private ResponseDefinition error(String type, String message) {
      return new ResponseDefinitionBuilder()
          .withStatus(400)
          .withHeader("Content-Type", "application/x-amz-json-1.1")
          .withHeader("x-amzn-ErrorType", type)
          .withBody(JSON.createObjectNode().put("__type", type).put("Message", message).toString())
          .build();
    }
  }
}
