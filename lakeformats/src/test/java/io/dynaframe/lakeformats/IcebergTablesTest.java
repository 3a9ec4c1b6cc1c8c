package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Iceberg tables of {@code glue_catalog} on real Iceberg and local Spark, kept in the embedded
 * catalog (a Hive metastore on Derby): made with Spark SQL as AWS's Iceberg page shows, read with
 * {@code from_catalog} (whole, at a snapshot, as of a time), written through the catalog (append,
 * overwrite, overwrite of partitions), each write one commit switched in the catalog.
 */
class IcebergTablesTest {
  private static final String DB = "lake_ice";
  private static final String DDL =
      "order_id BIGINT, customer STRING, amount DECIMAL(10,2), order_date DATE";

  private static DynaContext ctx;

  @BeforeAll
  static void start() {
    ctx = LakeSpark.context();
    LakeSpark.database(DB);
  }

  private static void create(String table) {
    ctx.spark()
        .sql(
            "CREATE TABLE glue_catalog."
                + DB
                + "."
                + table
                + " ("
                + DDL
                + ") USING iceberg PARTITIONED BY (order_date)");
  }

  private static Row order(long id, String customer, String amount, String date) {
    return row(id, customer, new BigDecimal(amount), Date.valueOf(date));
  }

  private static DynamicFrame orders(Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static void write(String table, String writeMode, Row... rows) {
    ctx.writeDynamicFrameFromCatalog(
        orders(rows), DB, table, "write_" + table, Options.of("writeMode", writeMode));
  }

  private static DynamicFrame read(String table, Options options) {
    return ctx.createDynamicFrameFromCatalog(DB, table, "", "", options);
  }

  /** The table's snapshots, oldest first: id and commit time. */
  private static List<Row> snapshots(String table) {
    return ctx.spark()
        .sql(
            "SELECT snapshot_id, committed_at FROM glue_catalog."
                + DB
                + "."
                + table
                + ".snapshots ORDER BY committed_at")
        .collectAsList();
  }

  @Test
  void aTableMadeWithSparkSqlIsAnIcebergTableOfTheCatalog() throws Exception {
    create("registered");
    TableDefinition t = ctx.catalog().getTable(TableIdentifier.of(DB, "registered"));
    assertThat(t.parameters()).containsEntry("table_type", "ICEBERG");
    String metadata = t.parameters().get("metadata_location");
    assertThat(metadata).endsWith(".metadata.json");
    assertThat(Files.exists(Path.of(java.net.URI.create(metadata)))).isTrue();
    assertThat(t.columns())
        .containsExactly(
            Column.of("order_id", "bigint"),
            Column.of("customer", "string"),
            Column.of("amount", "decimal(10,2)"),
            Column.of("order_date", "date"));
    assertThat(t.location().orElseThrow()).endsWith("lake_ice.db/registered");

    // one commit moves metadata_location on, and keeps the one before
    write("registered", "append", order(1, "ann", "10.50", "2026-12-01"));
    TableDefinition after = ctx.catalog().getTable(TableIdentifier.of(DB, "registered"));
    assertThat(after.parameters().get("metadata_location")).isNotEqualTo(metadata);
    assertThat(after.parameters()).containsEntry("previous_metadata_location", metadata);
  }

  @Test
  void fromCatalogReadsWhatAppendsWrote() {
    create("appended");
    write("appended", "append", order(1, "ann", "10.50", "2026-12-01"));
    write(
        "appended",
        "append",
        order(2, "bob", "3.00", "2026-12-01"),
        order(3, "cy", "7.25", "2026-12-02"));

    DynamicFrame read = read("appended", Options.empty());
    FrameAssert.assertThat(read)
        .isEqualTo(
            orders(
                order(1, "ann", "10.50", "2026-12-01"),
                order(2, "bob", "3.00", "2026-12-01"),
                order(3, "cy", "7.25", "2026-12-02")));
    assertThat(read.name()).isEqualTo("appended");
    assertThat(snapshots("appended")).hasSize(2);

    // a push-down predicate filters as Glue's does
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromCatalog(
                DB, "appended", "", "order_date = '2026-12-02'", Options.empty()))
        .isEqualTo(orders(order(3, "cy", "7.25", "2026-12-02")));
  }

  @Test
  void overwriteReplacesTheTableAndOverwritePartitionsOnlyThePartitionsWritten() {
    create("overwritten");
    write(
        "overwritten",
        "append",
        order(1, "ann", "10.50", "2026-12-01"),
        order(2, "bob", "3.00", "2026-12-02"));

    write("overwritten", "overwritePartitions", order(3, "cy", "7.25", "2026-12-02"));
    FrameAssert.assertThat(read("overwritten", Options.empty()))
        .isEqualTo(
            orders(order(1, "ann", "10.50", "2026-12-01"), order(3, "cy", "7.25", "2026-12-02")));

    write("overwritten", "overwrite", order(4, "dee", "1.00", "2026-12-03"));
    FrameAssert.assertThat(read("overwritten", Options.empty()))
        .isEqualTo(orders(order(4, "dee", "1.00", "2026-12-03")));
    assertThat(snapshots("overwritten")).hasSize(3);
  }

  @Test
  void timeTravelReadsASnapshotByIdOrByTime() {
    create("travelled");
    write("travelled", "append", order(1, "ann", "10.50", "2026-12-01"));
    write("travelled", "append", order(2, "bob", "3.00", "2026-12-02"));
    List<Row> snaps = snapshots("travelled");
    long first = snaps.get(0).getLong(0);
    long firstAt = ((Timestamp) snaps.get(0).get(1)).getTime();

    DynamicFrame firstOnly = orders(order(1, "ann", "10.50", "2026-12-01"));
    FrameAssert.assertThat(read("travelled", Options.of("snapshot-id", String.valueOf(first))))
        .isEqualTo(firstOnly);
    FrameAssert.assertThat(read("travelled", Options.of("as-of-timestamp", firstAt)))
        .isEqualTo(firstOnly);
    // Spark's spelling, which Iceberg 1.11 (Glue 6.0) takes instead of snapshot-id
    FrameAssert.assertThat(read("travelled", Options.of("versionAsOf", String.valueOf(first))))
        .isEqualTo(firstOnly);
    FrameAssert.assertThat(read("travelled", Options.empty()))
        .isEqualTo(
            orders(order(1, "ann", "10.50", "2026-12-01"), order(2, "bob", "3.00", "2026-12-02")));

    assertThatThrownBy(() -> read("travelled", Options.of("snapshot-id", "42")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("glue_catalog.lake_ice.travelled has no snapshot 42")
        .hasMessageContaining(String.valueOf(first));
    assertThatThrownBy(() -> read("travelled", Options.of("as-of-timestamp", firstAt - 60_000)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has no snapshot as of as-of-timestamp");
    assertThatThrownBy(() -> read("travelled", Options.of("snapshot-id", "first")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("option snapshot-id must be a whole number, got 'first'");
  }

  @Test
  void fromOptionsNamesTheTableAndBadWriteModesFailAtTheSink() {
    create("named");
    ctx.writeDynamicFrameFromOptions(
        orders(order(5, "eve", "2.50", "2026-12-05")),
        "iceberg",
        Options.of("path", "glue_catalog.lake_ice.named"),
        "",
        Options.empty(),
        "");
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromOptions(
                "s3", Options.of("path", "lake_ice.named"), "iceberg", Options.empty(), "named"))
        .isEqualTo(orders(order(5, "eve", "2.50", "2026-12-05")));

    assertThatThrownBy(() -> ctx.getCatalogSink(DB, "named", "", Options.of("writeMode", "upsert")))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("option writeMode is 'upsert'");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "iceberg", Options.of("path", "s3://bucket/x"), "", "", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("got 's3://bucket/x'");
  }

  @Test
  void aCommitBasedOnAStaleMetadataLocationFailsAndLeavesTheTableAsTheOtherCommitLeftIt() {
    create("contended");
    DynaframeIcebergCatalog catalog = new DynaframeIcebergCatalog();
    catalog.initialize(
        "glue_catalog", Map.of("warehouse", LakeSpark.dir().resolve("iceberg").toString()));
    org.apache.iceberg.catalog.TableIdentifier id =
        org.apache.iceberg.catalog.TableIdentifier.of(DB, "contended");
    Table stale = catalog.loadTable(id);
    TableOperations staleOps = ((HasTableOperations) stale).operations();
    TableMetadata base = staleOps.current();

    catalog.loadTable(id).updateProperties().set("owner", "first").commit();

    assertThatThrownBy(
            () ->
                staleOps.commit(
                    base,
                    TableMetadata.buildFrom(base).setProperties(Map.of("owner", "second")).build()))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("metadata location");
    assertThat(catalog.loadTable(id).properties()).containsEntry("owner", "first");
  }

  @Test
  void hudiIsRefusedByName() {
    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "hudi", Options.of("path", "/tmp/x"), "", Options.empty(), ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("Hudi tables are not supported");
  }
}
