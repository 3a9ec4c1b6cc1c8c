package io.dynaframe.catalog.glue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.PartitionExpression;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * A stand-in for the AWS Glue Data Catalog service, for tests. NO REAL GLUE SERVICE RUNS HERE: this
 * is a WireMock server whose response transformer implements the Glue JSON 1.1 protocol ({@code
 * POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}) against an in-memory store, answering in
 * the shapes the real service uses, errors included ({@code {"__type": "EntityNotFoundException",
 * "Message": ...}} with HTTP 400). It enforces the service's batch limits (100 partitions per
 * {@code BatchCreatePartition}, 25 per {@code BatchDeletePartition}), evaluates {@code
 * GetPartitions} expressions, pages with {@code NextToken}, and keeps a {@code VersionId} per
 * table, and keeps connections ({@code CreateConnection}, {@code GetConnection} with {@code
 * HidePassword}, {@code GetConnections}, {@code DeleteConnection}). {@link #throttle} makes the
 * next calls of an operation fail with {@code ThrottlingException}.
 *
 * <p>The real AWS SDK v2 {@link GlueClient} talks to it through {@code endpointOverride}. Other
 * modules' tests use it through this module's test jar ({@code dynaframe-catalog} with type {@code
 * test-jar}); {@link #beforeNext} lets them act as another writer at a chosen moment.
 */
public final class FakeGlue implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final Map<String, ObjectNode> databases = new TreeMap<>();
  private final Map<String, ObjectNode> connections = new TreeMap<>();
  private final Map<String, ObjectNode> tables = new TreeMap<>();
  private final Map<String, Map<List<String>, ObjectNode>> partitions = new TreeMap<>();
  private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Runnable> before = new ConcurrentHashMap<>();

  /** Starts the fake on a free port of 127.0.0.1. */
  public FakeGlue() {
    server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").extensions(new Dispatcher()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)).withName("glue"));
  }

  /** The endpoint to give the client. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** A real SDK client on this fake, retrying with short delays. */
  public GlueClient client() {
    return GlueClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c ->
                c.retryStrategy(
                    GlueCatalog.retryStrategy(
                        4, java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(50))))
        .build();
  }

  /**
   * The next {@code times} calls of this operation ({@code GetTable}) answer with a
   * ThrottlingException.
   */
  public void throttle(String operation, int times) {
    throttled.computeIfAbsent(operation, k -> new AtomicInteger()).set(times);
  }

  /**
   * Runs {@code action} once, when the next call of this operation ({@code UpdateTable}) arrives
   * and before the fake answers it, outside the fake's lock: the action may call the fake itself
   * (as another writer changing the table between a client's read and its conditional update).
   */
  public void beforeNext(String operation, Runnable action) {
    before.put(operation, action);
  }

  /** How many calls of this operation the fake has answered (throttled ones included). */
  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** The WireMock server, for request verification. */
  public WireMockServer server() {
    return server;
  }

  @Override
  public void close() {
    server.stop();
  }

  // ---------------------------------------------------------------- protocol

  private static final class GlueError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;

    GlueError(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  private final class Dispatcher implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "fake-glue";
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String target = event.getRequest().getHeader("X-Amz-Target");
      if (target == null || !target.startsWith("AWSGlue.")) {
        return error(400, "UnknownOperationException", "no X-Amz-Target AWSGlue.* header");
      }
      String op = target.substring("AWSGlue.".length());
      calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      Runnable action = before.remove(op);
      if (action != null) {
        action.run();
      }
      AtomicInteger t = throttled.get(op);
      if (t != null && t.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return error(400, "ThrottlingException", "Rate exceeded");
      }
      try {
        JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
        ObjectNode out;
        synchronized (FakeGlue.this) {
          out = handle(op, body);
        }
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
            .withBody(JSON.writeValueAsString(out))
            .build();
      } catch (GlueError e) {
        return error(400, e.type, e.getMessage());
      } catch (Exception e) {
        return error(500, "InternalServiceException", String.valueOf(e));
      }
    }

    private ResponseDefinition error(int status, String type, String message) {
      ObjectNode err = JSON.createObjectNode().put("__type", type).put("Message", message);
      return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
          .withStatus(status)
          .withHeader("Content-Type", "application/x-amz-json-1.1")
          .withHeader("x-amzn-ErrorType", type)
          .withBody(err.toString())
          .build();
    }
  }

  private ObjectNode handle(String op, JsonNode in) {
    ObjectNode out = JSON.createObjectNode();
    switch (op) {
      case "CreateDatabase" -> {
        ObjectNode input = (ObjectNode) in.get("DatabaseInput").deepCopy();
        String name = input.get("Name").asText().toLowerCase();
        if (databases.containsKey(name)) {
          throw new GlueError("AlreadyExistsException", "Database already exists.");
        }
        input.put("Name", name).put("CreateTime", now()).put("CatalogId", catalogId(in));
        databases.put(name, input);
      }
      case "GetDatabase" -> out.set("Database", db(in.get("Name").asText()));
      case "GetDatabases" -> page(out, "DatabaseList", new ArrayList<>(databases.values()), in);
      case "UpdateDatabase" -> {
        ObjectNode old = db(in.get("Name").asText());
        ObjectNode input = (ObjectNode) in.get("DatabaseInput").deepCopy();
        input.put("Name", old.get("Name").asText()).set("CreateTime", old.get("CreateTime"));
        databases.put(old.get("Name").asText(), input);
      }
      case "DeleteDatabase" -> {
        String name = db(in.get("Name").asText()).get("Name").asText();
        databases.remove(name);
        tables.keySet().removeIf(k -> k.startsWith(name + "\u0000"));
        partitions.keySet().removeIf(k -> k.startsWith(name + "\u0000"));
      }
      case "CreateTable" -> {
        String dbName = db(in.get("DatabaseName").asText()).get("Name").asText();
        ObjectNode input = (ObjectNode) in.get("TableInput").deepCopy();
        String key = dbName + "\u0000" + input.get("Name").asText().toLowerCase();
        if (tables.containsKey(key)) {
          throw new GlueError("AlreadyExistsException", "Table already exists.");
        }
        input
            .put("Name", input.get("Name").asText().toLowerCase())
            .put("DatabaseName", dbName)
            .put("CreateTime", now())
            .put("UpdateTime", now())
            .put("VersionId", "0")
            .put("CatalogId", catalogId(in))
            .put("IsRegisteredWithLakeFormation", false);
        tables.put(key, input);
        partitions.put(key, new LinkedHashMap<>());
      }
      case "GetTable" ->
          out.set("Table", table(in.get("DatabaseName").asText(), in.get("Name").asText()));
      case "GetTables" -> {
        String dbName = db(in.get("DatabaseName").asText()).get("Name").asText();
        List<ObjectNode> list = new ArrayList<>();
        tables.forEach(
            (k, v) -> {
              if (k.startsWith(dbName + "\u0000")) {
                list.add(v);
              }
            });
        page(out, "TableList", list, in);
      }
      case "UpdateTable" -> {
        ObjectNode input = (ObjectNode) in.get("TableInput").deepCopy();
        ObjectNode old = table(in.get("DatabaseName").asText(), input.get("Name").asText());
        String version = old.get("VersionId").asText();
        if (in.hasNonNull("VersionId") && !in.get("VersionId").asText().equals(version)) {
          throw new GlueError(
              "ConcurrentModificationException",
              "Update table failed due to concurrent modifications.");
        }
        input
            .put("Name", old.get("Name").asText())
            .put("DatabaseName", old.get("DatabaseName").asText())
            .put("CreateTime", old.get("CreateTime").asDouble())
            .put("UpdateTime", now())
            .put("VersionId", String.valueOf(Integer.parseInt(version) + 1))
            .put("CatalogId", catalogId(in))
            .put("IsRegisteredWithLakeFormation", false);
        tables.put(key(old), input);
      }
      case "DeleteTable" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("Name").asText());
        tables.remove(key(t));
        partitions.remove(key(t));
      }
      case "CreatePartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        ObjectNode p = partitionOf(t, in.get("PartitionInput"));
        List<String> values = values(p.get("Values"));
        if (partitions.get(key(t)).containsKey(values)) {
          throw new GlueError("AlreadyExistsException", "Partition already exists.");
        }
        partitions.get(key(t)).put(values, p);
      }
      case "BatchCreatePartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        JsonNode list = in.get("PartitionInputList");
        if (list.size() > 100) {
          throw new GlueError(
              "InvalidInputException",
              "1 validation error detected: Value at 'partitionInputList' "
                  + "failed to satisfy constraint: Member must have length less than or equal to 100");
        }
        ArrayNode errors = out.putArray("Errors");
        for (JsonNode input : list) {
          ObjectNode p = partitionOf(t, input);
          List<String> values = values(p.get("Values"));
          if (partitions.get(key(t)).containsKey(values)) {
            ObjectNode e = errors.addObject();
            e.set("PartitionValues", p.get("Values"));
            e.putObject("ErrorDetail")
                .put("ErrorCode", "AlreadyExistsException")
                .put("ErrorMessage", "Partition already exists.");
          } else {
            partitions.get(key(t)).put(values, p);
          }
        }
      }
      case "GetPartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        out.set("Partition", partition(t, values(in.get("PartitionValues"))));
      }
      case "GetPartitions" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        List<ObjectNode> list = new ArrayList<>(partitions.get(key(t)).values());
        if (in.hasNonNull("Expression") && !in.get("Expression").asText().isBlank()) {
          List<Column> keys = new ArrayList<>();
          for (JsonNode k : t.path("PartitionKeys")) {
            keys.add(Column.of(k.get("Name").asText(), k.get("Type").asText()));
          }
          PartitionExpression e;
          try {
            e = PartitionExpression.parse(in.get("Expression").asText());
            e.check(keys);
          } catch (IllegalArgumentException bad) {
            throw new GlueError("InvalidInputException", bad.getMessage());
          }
          list.removeIf(p -> !e.matches(keys, values(p.get("Values"))));
        }
        page(out, "Partitions", list, in);
      }
      case "UpdatePartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        List<String> values = values(in.get("PartitionValueList"));
        partition(t, values);
        partitions.get(key(t)).put(values, partitionOf(t, in.get("PartitionInput")));
      }
      case "DeletePartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        List<String> values = values(in.get("PartitionValues"));
        partition(t, values);
        partitions.get(key(t)).remove(values);
      }
      case "BatchDeletePartition" -> {
        ObjectNode t = table(in.get("DatabaseName").asText(), in.get("TableName").asText());
        JsonNode list = in.get("PartitionsToDelete");
        if (list.size() > 25) {
          throw new GlueError(
              "InvalidInputException",
              "1 validation error detected: Value at 'partitionsToDelete' "
                  + "failed to satisfy constraint: Member must have length less than or equal to 25");
        }
        ArrayNode errors = out.putArray("Errors");
        for (JsonNode v : list) {
          List<String> values = values(v.get("Values"));
          if (partitions.get(key(t)).remove(values) == null) {
            ObjectNode e = errors.addObject();
            e.set("PartitionValues", v.get("Values"));
            e.putObject("ErrorDetail")
                .put("ErrorCode", "EntityNotFoundException")
                .put("ErrorMessage", "Partition not found.");
          }
        }
      }
      case "CreateConnection" -> {
        ObjectNode input = (ObjectNode) in.get("ConnectionInput").deepCopy();
        String name = input.get("Name").asText();
        if (connections.containsKey(name)) {
          throw new GlueError("AlreadyExistsException", "Connection already exists.");
        }
        input.put("CreationTime", now()).put("LastUpdatedTime", now());
        connections.put(name, input);
        out.put("CreateConnectionStatus", "READY");
      }
      case "GetConnection" ->
          out.set(
              "Connection",
              shown(connection(in.get("Name").asText()), in.path("HidePassword").asBoolean()));
      case "DeleteConnection" -> {
        connection(in.get("ConnectionName").asText());
        connections.remove(in.get("ConnectionName").asText());
      }
      case "GetConnections" -> {
        boolean hide = in.path("HidePassword").asBoolean();
        String type = in.path("Filter").path("ConnectionType").asText("");
        List<ObjectNode> list = new ArrayList<>();
        for (ObjectNode c : connections.values()) {
          if (type.isEmpty() || type.equals(c.path("ConnectionType").asText())) {
            list.add(shown(c, hide));
          }
        }
        page(out, "ConnectionList", list, in);
      }
      default ->
          throw new GlueError("UnknownOperationException", "the fake does not implement " + op);
    }
    return out;
  }

  private static String catalogId(JsonNode in) {
    return in.hasNonNull("CatalogId") ? in.get("CatalogId").asText() : "123456789012";
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private ObjectNode connection(String name) {
    ObjectNode c = connections.get(name);
    if (c == null) {
      throw new GlueError("EntityNotFoundException", "Connection not found.");
    }
    return c;
  }

  /** A connection as GetConnection answers: without its password when asked to hide it. */
  private static ObjectNode shown(ObjectNode c, boolean hidePassword) {
    ObjectNode out = c.deepCopy();
    if (hidePassword && out.has("ConnectionProperties")) {
      ((ObjectNode) out.get("ConnectionProperties")).remove("PASSWORD");
    }
    return out;
  }

  private ObjectNode db(String name) {
    ObjectNode d = databases.get(name.toLowerCase());
    if (d == null) {
      throw new GlueError("EntityNotFoundException", "Database " + name + " not found.");
    }
    return d;
  }

  private ObjectNode table(String dbName, String name) {
    db(dbName);
    ObjectNode t = tables.get(dbName.toLowerCase() + "\u0000" + name.toLowerCase());
    if (t == null) {
      throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
    }
    return t;
  }

  private static String key(ObjectNode table) {
    return table.get("DatabaseName").asText() + "\u0000" + table.get("Name").asText();
  }

  private ObjectNode partition(ObjectNode table, List<String> values) {
    ObjectNode p = partitions.get(key(table)).get(values);
    if (p == null) {
      throw new GlueError("EntityNotFoundException", "Cannot find partition.");
    }
    return p;
  }

  private static ObjectNode partitionOf(ObjectNode table, JsonNode input) {
    ObjectNode p = (ObjectNode) input.deepCopy();
    if (p.path("Values").size() != table.path("PartitionKeys").size()) {
      throw new GlueError(
          "InvalidInputException",
          "The number of partition keys do not match the number of partition values");
    }
    p.put("DatabaseName", table.get("DatabaseName").asText())
        .put("TableName", table.get("Name").asText())
        .put("CreationTime", now())
        .put("CatalogId", table.get("CatalogId").asText());
    return p;
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static void page(ObjectNode out, String field, List<ObjectNode> all, JsonNode in) {
    int from = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
    int size = in.hasNonNull("MaxResults") ? in.get("MaxResults").asInt() : 100;
    int to = Math.min(all.size(), from + size);
    ArrayNode items = out.putArray(field);
    all.subList(from, to).forEach(items::add);
    if (to < all.size()) {
      out.put("NextToken", String.valueOf(to));
    }
  }
}
