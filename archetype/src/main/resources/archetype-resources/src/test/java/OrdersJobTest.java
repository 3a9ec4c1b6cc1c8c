package ${package};

import static io.dynaframe.testing.Frames.row;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's steps on a few orders, and a whole run from a folder to a folder. */
@SparkTest
class OrdersJobTest {

  @TempDir Path dir;

  private static DynamicFrame expected(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "customer STRING, orders BIGINT, total DOUBLE",
        row("ann", 2L, 14.5),
        row("bob", 1L, 7.25));
  }

  @Test
  void totalsPerCustomerOfThePositiveAmounts(DynaContext ctx) {
    DynamicFrame orders =
        Frames.json(
            ctx,
            "{\"customer\": \"ann\", \"amount\": 10.5}",
            "{\"customer\": \"bob\", \"amount\": \"7.25\"}",
            "{\"customer\": \"ann\", \"amount\": 4}",
            "{\"customer\": \"bob\", \"amount\": -3}");

    FrameAssert.assertThat(OrdersJob.totals(orders)).isEqualTo(expected(ctx));
  }

  @Test
  void aRunReadsTheInputFolderAndWritesTheTotals(DynaContext ctx) throws IOException {
    Path input = Files.createDirectories(dir.resolve("orders"));
    Files.write(
        input.resolve("part-1.json"),
        List.of(
            "{\"customer\": \"ann\", \"amount\": 10.5}",
            "{\"customer\": \"bob\", \"amount\": \"7.25\"}",
            "{\"customer\": \"ann\", \"amount\": 4}",
            "{\"customer\": \"cy\", \"amount\": -1}"));
    Path output = dir.resolve("totals");

    OrdersJob.main(
        new String[] {
          "--JOB_NAME", "orders-test", "--input", input.toString(), "--output", output.toString()
        });

    DynamicFrame written =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(output.toString())), "json", Options.empty(), "read");
    // read back from JSON, a whole number that fits 32 bits is an int, as in Glue
    FrameAssert.assertThat(written)
        .isEqualTo(
            Frames.rows(
                ctx,
                "customer STRING, orders INT, total DOUBLE",
                row("ann", 2, 14.5),
                row("bob", 1, 7.25)));
  }
}
