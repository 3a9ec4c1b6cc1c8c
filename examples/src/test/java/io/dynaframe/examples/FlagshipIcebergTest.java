package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.lakeformats.DataLakeFormats;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship with its Iceberg switch ({@code --datalake-formats iceberg --orders-format
 * iceberg}): each run publishes {@code sales.orders} as one Iceberg commit into {@code
 * glue_catalog}, and its bookmarked read of the table reads, on the second run, only the rows of
 * the snapshot that run committed. The test JVM's session is made with the settings of {@code
 * --datalake-formats iceberg} (examples' pom; checked here against {@link DataLakeFormats}).
 */
@SparkTest
@Tag("slow")
class FlagshipIcebergTest {

  @TempDir Path dir;

  @BeforeEach
  void freshCatalog(DynaContext ctx) {
    FlagshipCustomersTest.dropFlagshipDatabases(ctx);
  }

  private static DynamicFrame atSnapshot(DynaContext ctx, long snapshot) {
    return ctx.createDynamicFrameFromCatalog(
        "sales", "orders", "", "", Options.of("snapshot-id", String.valueOf(snapshot)));
  }

  @Test
  void theSecondRunReadsOnlyTheSnapshotItCommitted(DynaContext ctx) {
    // the session is the one --datalake-formats iceberg makes
    Map<String, String> settings = DataLakeFormats.of("iceberg").sparkConf(null);
    settings.forEach(
        (k, v) -> assertThat(ctx.spark().sparkContext().getConf().get(k, "")).as(k).isEqualTo(v));
    assertThat(DataLakeFormats.enabled(ctx.spark(), "iceberg")).isTrue();

    Lake lake = Lake.at(dir.resolve("lake"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    List<OrdersPipeline.Run> runs;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      runs =
          OrdersPipeline.runBatches(
              ctx, EmbeddedCatalog.of(ctx.spark()), lake, null, 2, 20, "iceberg");
    } finally {
      System.setOut(console);
    }
    String out = printed.toString(StandardCharsets.UTF_8);

    assertThat(ctx.catalog().getTable(TableIdentifier.of("sales", "orders")).parameters())
        .containsEntry("table_type", "ICEBERG");
    List<Long> snapshots =
        ctx
            .spark()
            .sql(
                "SELECT snapshot_id FROM glue_catalog.sales.orders.snapshots ORDER BY committed_at")
            .collectAsList()
            .stream()
            .map(r -> r.getLong(0))
            .toList();
    assertThat(snapshots).as("one Iceberg commit per run").hasSize(2);
    DynamicFrame first = atSnapshot(ctx, snapshots.get(0));
    DynamicFrame second = atSnapshot(ctx, snapshots.get(1));
    assertThat(first.count()).isPositive();

    // the first run reads the whole table, as its first snapshot holds it
    FrameAssert.assertThat(runs.get(0).ordersReadBack().orElseThrow()).isEqualTo(first);
    // the second run: only the rows its own snapshot added, not the first run's
    Dataset<Row> added = second.toDF().exceptAll(first.toDF());
    assertThat(added.count()).isPositive();
    FrameAssert.assertThat(runs.get(1).ordersReadBack().orElseThrow().toDF()).isEqualTo(added);
    // the table after both runs
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("sales", "orders")).isEqualTo(second);

    assertThat(out)
        .contains(
            "== Iceberg table glue_catalog.sales.orders: 1 snapshots, this run's "
                + snapshots.get(0))
        .contains(
            "== Iceberg table glue_catalog.sales.orders: 2 snapshots, this run's "
                + snapshots.get(1))
        .contains(
            "the bookmarked read read_published_orders read "
                + added.count()
                + " orders: those of"
                + " the snapshots committed since the last run");
  }

  @Test
  void theIcebergSwitchNeedsTheDataLakeFormatsArgument() {
    assertThat(OrdersPipeline.ordersFormat("Iceberg", true)).isEqualTo("iceberg");
    assertThat(OrdersPipeline.ordersFormat("parquet", false)).isEqualTo("parquet");
    assertThatThrownBy(() -> OrdersPipeline.ordersFormat("iceberg", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "--orders-format iceberg needs Glue's job argument --datalake-formats iceberg");
    assertThatThrownBy(() -> OrdersPipeline.ordersFormat("delta", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "option --orders-format takes one of [parquet, iceberg], not 'delta'");
  }
}
