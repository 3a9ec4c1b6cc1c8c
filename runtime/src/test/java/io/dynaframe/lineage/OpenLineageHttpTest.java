package io.dynaframe.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dynaframe.DynaContext;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.RunResult;
import io.dynaframe.testing.SparkTest;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage events POSTed to an HTTP endpoint (a server on the loopback address) when one is
 * configured.
 */
@SparkTest
class OpenLineageHttpTest {

  @TempDir Path root;

  @Test
  void eventsArePostedToTheConfiguredEndpointWithTheApiKeyOnlyInTheHeader(DynaContext shared)
      throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/lineage",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    server.start();
    var conf = shared.spark().conf();
    try {
      conf.set(LineageSettings.URL, "http://127.0.0.1:" + server.getAddress().getPort());
      conf.set(LineageSettings.API_KEY, "s3cr3t-key");
      conf.set(LineageSettings.NAMESPACE, "tests");
      JobRunnerTest.landOrders(root.resolve("landing"));
      RunResult result =
          JobRunner.run(
              new OrdersJob(root.resolve("landing"), root.resolve("out")),
              shared.withRunId(DynaContext.newRunId()));

      assertThat(result.lineageEvents())
          .contains("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
      assertThat(bodies).hasSize(2);
      OpenLineage.RunEvent complete = OpenLineageClientUtils.runEventFromJson(bodies.get(1));
      assertThat(complete.getEventType()).isEqualTo(OpenLineage.RunEvent.EventType.COMPLETE);
      assertThat(complete.getJob().getNamespace()).isEqualTo("tests");
      assertThat(complete.getOutputs())
          .extracting(OpenLineage.OutputDataset::getName)
          .containsExactly(root.resolve("out/orders").toString());
      assertThat(auth).containsOnly("Bearer s3cr3t-key");
      assertThat(String.join("\n", bodies)).doesNotContain("s3cr3t-key");
    } finally {
      conf.unset(LineageSettings.URL);
      conf.unset(LineageSettings.API_KEY);
      conf.unset(LineageSettings.NAMESPACE);
      server.stop(0);
    }
  }
}
