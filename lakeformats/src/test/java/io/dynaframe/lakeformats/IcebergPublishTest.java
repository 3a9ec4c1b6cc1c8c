package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.PublishException;
import io.dynaframe.job.Publisher;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Publisher} with format {@code iceberg}: each publish is one Iceberg commit of every
 * partition it writes, so a reader sees the table before it or after it, never a mix.
 */
class IcebergPublishTest {
  private static final String DDL = "order_id BIGINT, amount DOUBLE, order_date STRING";
  private static DynaContext ctx;
  private static Publisher publisher;

  @BeforeAll
  static void start() {
    ctx = LakeSpark.context();
    publisher = Publisher.of(ctx, ctx.catalog(), Lake.at(LakeSpark.dir().resolve("lake")));
  }

  private static DynamicFrame orders(org.apache.spark.sql.Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static long snapshots(String table) {
    return ctx.spark().sql("SELECT * FROM glue_catalog." + table + ".snapshots").count();
  }

  @Test
  void eachPublishIsOneCommitOfAllItsPartitions() {
    TableIdentifier id = TableIdentifier.of("published", "orders");
    publisher.publish(
        orders(row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02")),
        id,
        "iceberg",
        List.of("order_date"));
    TableDefinition t = ctx.catalog().getTable(id);
    assertThat(t.parameters()).containsEntry("table_type", "ICEBERG");
    assertThat(snapshots("published.orders")).isEqualTo(1);

    // overwrite replaces the partitions the frame holds, in one commit; 2026-12-01 stays
    publisher.publish(
        orders(row(3L, 30.0, "2026-12-02"), row(4L, 40.0, "2026-12-03")),
        id,
        "iceberg",
        List.of("order_date"));
    assertThat(snapshots("published.orders")).isEqualTo(2);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "orders"))
        .isEqualTo(
            orders(
                row(1L, 10.0, "2026-12-01"),
                row(3L, 30.0, "2026-12-02"),
                row(4L, 40.0, "2026-12-03")));

    publisher.publish(
        orders(row(5L, 50.0, "2026-12-01")),
        id,
        "iceberg",
        List.of("order_date"),
        Publisher.Mode.APPEND);
    assertThat(snapshots("published.orders")).isEqualTo(3);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "orders"))
        .isEqualTo(
            orders(
                row(1L, 10.0, "2026-12-01"),
                row(5L, 50.0, "2026-12-01"),
                row(3L, 30.0, "2026-12-02"),
                row(4L, 40.0, "2026-12-03")));
  }

  @Test
  void aTableThatIsNotIcebergIsNotPublishedAsIceberg() {
    TableIdentifier id = TableIdentifier.of("published", "parquet_orders");
    publisher.publish(orders(row(1L, 1.0, "2026-12-01")), id, "parquet", List.of());
    assertThatThrownBy(
            () -> publisher.publish(orders(row(2L, 2.0, "2026-12-01")), id, "iceberg", List.of()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("is not an Iceberg table");
  }
}
