package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.crawler.CrawlReport;
import io.dynaframe.crawler.Crawler;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The crawler on a folder holding an Iceberg table, a Delta Lake table (both written by the
 * formats' own libraries) and a plain Parquet folder: the first two are registered as tables of
 * their format (their data files are not crawled as Parquet), and all three read back through the
 * catalog.
 */
@Tag("slow")
class CrawledTableFormatsTest {
  private static final String DDL = "order_id BIGINT, amount DOUBLE, order_date STRING";
  private static final List<Column> COLUMNS =
      List.of(
          Column.of("order_id", "bigint"),
          Column.of("amount", "double"),
          Column.of("order_date", "string"));

  private static DynamicFrame orders(DynaContext ctx, org.apache.spark.sql.Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static TableDefinition table(DynaContext ctx, String db, String name) {
    return ctx.catalog().getTable(TableIdentifier.of(db, name));
  }

  @Test
  void icebergAndDeltaFoldersAreRegisteredAsSuchTables() {
    DynaContext ctx = LakeSpark.context();
    LakeSpark.database("crawl_src");
    LakeSpark.database("crawled");
    Path root = LakeSpark.dir().resolve("crawl");
    String qualifiedRoot = "file:" + root;

    DynamicFrame ice = orders(ctx, row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02"));
    ctx.spark()
        .sql(
            "CREATE TABLE glue_catalog.crawl_src.ice_orders ("
                + DDL
                + ") USING iceberg PARTITIONED BY (order_date) LOCATION '"
                + root.resolve("ice_orders").toUri()
                + "'");
    ctx.writeDynamicFrameFromCatalog(ice, "crawl_src", "ice_orders", "", Options.empty());
    DynamicFrame delta = orders(ctx, row(3L, 30.0, "2026-12-03"), row(4L, 40.0, "2026-12-04"));
    delta.toDF().write().format("delta").partitionBy("order_date").save(root + "/delta_orders");
    DynamicFrame plain = orders(ctx, row(5L, 50.0, "2026-12-05"));
    plain.toDF().write().parquet(root + "/plain_orders");
    // a second plain folder of another schema: not a partition of plain_orders, a table of its own
    Frames.rows(ctx, "customer_id BIGINT, name STRING", row(7L, "ann"))
        .toDF()
        .write()
        .parquet(root + "/plain_customers");

    CrawlReport report =
        Crawler.builder(ctx.catalog(), "crawled")
            .name("lake-crawler")
            .path(root.toString())
            .configuration(ctx.spark().sparkContext().hadoopConfiguration())
            .build()
            .run();
    assertThat(report.tablesCreated())
        .containsExactlyInAnyOrder(
            "crawled.ice_orders",
            "crawled.delta_orders",
            "crawled.plain_orders",
            "crawled.plain_customers");
    assertThat(report.unclassifiedFiles()).isEmpty();

    String metadata = table(ctx, "crawl_src", "ice_orders").parameters().get("metadata_location");
    assertThat(metadata).endsWith(".metadata.json");
    assertThat(table(ctx, "crawled", "ice_orders"))
        .usingRecursiveComparison()
        .ignoringFields("version")
        .isEqualTo(
            TableDefinition.builder(TableIdentifier.of("crawled", "ice_orders"))
                .columns(COLUMNS)
                .location(qualifiedRoot + "/ice_orders")
                .tableType(TableDefinition.EXTERNAL_TABLE)
                .parameter("table_type", "ICEBERG")
                .parameter("metadata_location", metadata)
                // Hive's default classes: readers go through Iceberg
                .format(
                    StorageFormat.of(
                        "org.apache.hadoop.mapred.TextInputFormat",
                        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        java.util.Map.of("serialization.format", "1")))
                .parameter(Crawler.UPDATED_BY_CRAWLER, "lake-crawler")
                .build());
    assertThat(table(ctx, "crawled", "delta_orders"))
        .usingRecursiveComparison()
        .ignoringFields("version")
        .isEqualTo(
            TableDefinition.builder(TableIdentifier.of("crawled", "delta_orders"))
                .columns(COLUMNS)
                .location(qualifiedRoot + "/delta_orders")
                .tableType(TableDefinition.EXTERNAL_TABLE)
                .format(StorageFormat.forClassification("parquet"))
                .classification("delta")
                .parameter(Crawler.UPDATED_BY_CRAWLER, "lake-crawler")
                .build());
    assertThat(table(ctx, "crawled", "plain_orders"))
        .usingRecursiveComparison()
        .ignoringFields("version")
        .isEqualTo(
            TableDefinition.builder(TableIdentifier.of("crawled", "plain_orders"))
                .columns(COLUMNS)
                .location(qualifiedRoot + "/plain_orders")
                .classification("parquet")
                .parameter(Crawler.UPDATED_BY_CRAWLER, "lake-crawler")
                .parameter("typeOfData", "file")
                .parameter("compressionType", "none")
                .parameter("CrawlerSchemaDeserializerVersion", "1.0")
                .parameter("CrawlerSchemaSerializerVersion", "1.0")
                .build());

    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("crawled", "ice_orders"))
        .isEqualTo(ice);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("crawled", "delta_orders"))
        .isEqualTo(delta);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("crawled", "plain_orders"))
        .isEqualTo(plain);
  }
}
