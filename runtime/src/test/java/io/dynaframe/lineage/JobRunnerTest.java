package io.dynaframe.lineage;

import static io.dynaframe.lineage.ColumnOrigin.Derivation.IDENTITY;
import static io.dynaframe.lineage.ColumnOrigin.Derivation.TRANSFORMATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dynaframe.DynaContext;
import io.dynaframe.graph.DotRenderer;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.RunResult;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link OrdersJob} with {@link JobRunner} and checks the graph that ran, its counts and
 * column lineage.
 */
@SparkTest
class JobRunnerTest {

  @TempDir Path root;

  static void landOrders(Path landing) throws IOException {
    Files.createDirectories(landing.resolve("orders"));
    Files.createDirectories(landing.resolve("customers"));
    Files.writeString(
        landing.resolve("orders/part-1.json"),
        String.join(
                "\n",
                "{\"id\": 1, \"customer\": \"c1\", \"amount\": \"10.5\"}",
                "{\"id\": 2, \"customer\": \"c2\", \"amount\": \"-3\"}",
                "{\"id\": 3, \"customer\": \"c1\", \"amount\": \"7\"}",
                "this line is not JSON",
                "{\"id\": 4, \"customer\": \"c3\", \"amount\": \"1\"}")
            + "\n");
    Files.writeString(
        landing.resolve("customers/part-1.json"),
        String.join(
                "\n",
                "{\"customer\": \"c1\", \"name\": \"Ada\"}",
                "{\"customer\": \"c2\", \"name\": \"Bob\"}",
                "{\"customer\": \"c3\", \"name\": \"Cy\"}")
            + "\n");
  }

  /** The graph with every duration set to zero, so that its rendering is the same on every run. */
  static JobGraph withoutTimes(JobGraph graph) {
    JobGraph g = graph;
    for (Node n : graph.nodes()) {
      StepStats s = n.stats().orElseThrow();
      g =
          g.withStats(
              n.id(),
              new StepStats(s.recordsIn(), s.recordsOut(), s.recordsInError(), Duration.ZERO));
    }
    return g;
  }

  @Test
  void runsTheDeclaredGraphAndCountsEveryStep(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    landOrders(root.resolve("landing"));
    RunResult result =
        JobRunner.run(new OrdersJob(root.resolve("landing"), root.resolve("lake")), ctx);

    // the graph that ran has exactly the nodes and edges of the compile-time diagram
    JobGraph ran = result.graph();
    assertThat(ran.nodes().stream().map(Node::id).toList())
        .containsExactlyElementsOf(result.declaredGraph().nodes().stream().map(Node::id).toList());
    assertThat(ran.edges()).isEqualTo(result.declaredGraph().edges());
    assertThat(DotRenderer.render(result.declaredGraph()))
        .isEqualTo(compileTimeDiagram(OrdersJob.class));

    // counts, error records included
    assertThat(stats(ran, "orders")).isEqualTo(List.of(5L, 4L, 1L));
    assertThat(stats(ran, "customers")).isEqualTo(List.of(3L, 3L, 0L));
    assertThat(stats(ran, "mapped")).isEqualTo(List.of(4L, 4L, 0L));
    assertThat(stats(ran, "valid")).isEqualTo(List.of(4L, 3L, 1L));
    assertThat(stats(ran, "joined")).isEqualTo(List.of(6L, 3L, 0L));
    assertThat(stats(ran, "lakeOrders")).isEqualTo(List.of(3L, 3L, 0L));

    // the rows written are the ones counted
    Dataset<Row> written = ctx.spark().read().parquet(root.resolve("lake/orders").toString());
    FrameAssert.assertThat(written)
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "customer STRING, order_id INT, amount DOUBLE, name STRING",
                    Frames.row("c1", 1, 10.5, "Ada"),
                    Frames.row("c1", 3, 7.0, "Ada"),
                    Frames.row("c3", 4, 1.0, "Cy"))
                .toDF());

    // golden DOT of the graph that ran, with its counts
    assertThat(DotRenderer.render(withoutTimes(ran)))
        .isEqualTo(
            """
        digraph "orders-daily" {
          rankdir=LR
          labelloc=t
          label="orders-daily\\nOrders and customers to the lake"
          fontname="Helvetica"
          node [fontname="Helvetica", fontsize=10]
          edge [fontname="Helvetica", fontsize=9]

          "orders" [shape=cylinder, style=filled, fillcolor="#dbeafe", label="orders\\nS3 JSON\\npaths = landing/orders\\n5 in / 4 out / 1 error / 0 ms", color="#b22222", fontcolor="#b22222"]
          "customers" [shape=cylinder, style=filled, fillcolor="#dbeafe", label="customers\\nS3 JSON\\npaths = landing/customers\\n3 in / 3 out / 0 errors / 0 ms"]
          "mapped" [shape=box, style="rounded,filled", fillcolor="#f3f4f6", label="mapped\\nApplyMapping\\nmappings = id -> order_id, amount -> amount: double\\n4 in / 4 out / 0 errors / 0 ms"]
          "valid" [shape=box, style="rounded,filled", fillcolor="#f3f4f6", label="valid\\nFilter\\ncondition = amount >= 0\\n4 in / 3 out / 1 error / 0 ms", color="#b22222", fontcolor="#b22222"]
          "joined" [shape=box, style="rounded,filled", fillcolor="#f3f4f6", label="joined\\nJoin\\nkeys = customer\\n6 in / 3 out / 0 errors / 0 ms"]
          "lakeOrders" [shape=box3d, style=filled, fillcolor="#dcfce7", label="lakeOrders\\nS3 Parquet\\npath = lake/orders\\n3 in / 3 out / 0 errors / 0 ms"]

          "orders" -> "mapped" [label="4"]
          "mapped" -> "valid" [label="4"]
          "valid" -> "joined" [label="3"]
          "customers" -> "joined" [label="3"]
          "joined" -> "lakeOrders" [label="3"]
        }
        """);
  }

  @Test
  void tracesRenamedAndCastColumnsToTheirSources(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    landOrders(root.resolve("landing"));
    RunLineage lineage =
        JobRunner.run(new OrdersJob(root.resolve("landing"), root.resolve("lake")), ctx).lineage();

    assertThat(lineage.columnOrigins("mapped"))
        .containsExactly(
            entry("order_id", List.of(new ColumnOrigin("orders", "id", IDENTITY))),
            entry("customer", List.of(new ColumnOrigin("orders", "customer", IDENTITY))),
            entry("amount", List.of(new ColumnOrigin("orders", "amount", TRANSFORMATION))));
    assertThat(lineage.columnOrigins("joined"))
        .containsExactly(
            entry("customer", List.of(new ColumnOrigin("valid", "customer", IDENTITY))),
            entry("order_id", List.of(new ColumnOrigin("valid", "order_id", IDENTITY))),
            entry("amount", List.of(new ColumnOrigin("valid", "amount", IDENTITY))),
            entry("name", List.of(new ColumnOrigin("customers", "name", IDENTITY))));
    assertThat(lineage.sourceColumns("lakeOrders"))
        .containsExactly(
            entry("customer", List.of(new ColumnOrigin("orders", "customer", IDENTITY))),
            entry("order_id", List.of(new ColumnOrigin("orders", "id", IDENTITY))),
            entry("amount", List.of(new ColumnOrigin("orders", "amount", TRANSFORMATION))),
            entry("name", List.of(new ColumnOrigin("customers", "name", IDENTITY))));
  }

  private static List<Long> stats(JobGraph graph, String id) {
    StepStats s = graph.node(id).orElseThrow().stats().orElseThrow();
    return List.of(s.recordsIn(), s.recordsOut(), s.recordsInError());
  }

  private static String compileTimeDiagram(Class<?> job) throws IOException {
    String name = job.getName().substring(job.getName().lastIndexOf('.') + 1) + ".dot";
    try (InputStream in = job.getResourceAsStream(name)) {
      assertThat(in).as("the annotation processor's diagram " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
