package io.dynaframe.examples;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotated example job: its compile-time diagram, and a run compared whole with the expected
 * totals.
 */
@SparkTest
class CustomerTotalsTest {

  @TempDir Path dir;

  @Test
  void theDiagramIsDrawnWhenTheClassCompiles() throws IOException {
    String dot;
    try (InputStream in = CustomerTotals.class.getResourceAsStream("CustomerTotals.dot")) {
      assertThat(in).as("CustomerTotals.dot next to the class").isNotNull();
      dot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(dot)
        .startsWith("digraph \"customer_totals\" {")
        .contains(
            "\"orders\" -> \"resolved\"",
            "\"resolved\" -> \"mapped\"",
            "\"mapped\" -> \"valid\"",
            "\"valid\" -> \"totals\"",
            "\"totals\" -> \"write\"");
    assertThat(CustomerTotals.class.getResource("CustomerTotals.mmd")).isNotNull();
  }

  @Test
  void totalsPerCustomerOfTheOrdersWithAPositiveAmount(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    Path in = Files.createDirectories(dir.resolve("orders"));
    Files.write(
        in.resolve("orders.json"),
        List.of(
            "{\"customer\": \"ann\", \"amount\": 10.5}",
            "{\"customer\": \"bob\", \"amount\": \"7.25\"}",
            "{\"customer\": \"ann\", \"amount\": 4}",
            "{\"customer\": \"bob\", \"amount\": -3}",
            "{\"customer\": \"cy\", \"amount\": \"n/a\"}",
            "{not json"));
    String out = dir.resolve("totals").toString();

    RunResult result = JobRunner.run(new CustomerTotals(in.toString(), out), ctx);

    DynamicFrame written = Frames.json(ctx, jsonLines(Path.of(out)).toArray(String[]::new));
    FrameAssert.assertThat(written)
        .isEqualTo(
            Frames.rows(
                ctx,
                "customer STRING, orders INT, total DOUBLE",
                row("ann", 2, 14.5),
                row("bob", 1, 7.25)));
    StepStats orders = result.graph().node("orders").orElseThrow().stats().orElseThrow();
    assertThat(List.of(orders.recordsIn(), orders.recordsOut(), orders.recordsInError()))
        .containsExactly(6L, 5L, 1L);
    StepStats valid = result.graph().node("valid").orElseThrow().stats().orElseThrow();
    assertThat(valid.recordsOut()).isEqualTo(3L);
  }

  /** Every line of every JSON file the sink wrote. */
  private static List<String> jsonLines(Path folder) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }
}
