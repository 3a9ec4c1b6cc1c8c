package io.dynaframe.catalog;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.StorageException;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GlueContext's catalog utilities on the in-memory catalog: {@code purge_table}, {@code
 * transition_table}, {@code get_catalog_schema_as_spark_schema}, {@code
 * create_data_frame.from_catalog}, {@code write_data_frame.from_catalog} and {@code
 * create_sample_dynamic_frame_from_catalog}.
 */
@SparkTest
class GlueContextCatalogUtilitiesTest {

  @TempDir Path dir;

  private static final String DDL = "id BIGINT, amount DOUBLE, year STRING, month STRING";

  private static DynamicFrame orders(DynaContext ctx) {
    return Frames.rows(
        ctx,
        DDL,
        row(1L, 10.5, "2023", "12"),
        row(2L, 20.0, "2024", "01"),
        row(3L, 30.0, "2024", "01"),
        row(4L, 40.0, "2024", "02"));
  }

  /** A context whose catalog has table sales.orders (parquet, partitioned by year and month). */
  private DynaContext withOrders(DynaContext shared, InMemoryCatalog catalog) {
    catalog.createDatabase(Database.of("sales"));
    DynaContext ctx = shared.withCatalog(catalog);
    ctx.getSinkWithFormat(
            "s3",
            Options.of(
                "path",
                dir.resolve("orders").toString(),
                "partitionKeys",
                List.of("year", "month"),
                "enableUpdateCatalog",
                true,
                "catalogDatabase",
                "sales",
                "catalogTableName",
                "orders"),
            "orders",
            "parquet",
            Options.empty())
        .writeDynamicFrame(orders(ctx));
    return ctx;
  }

  private List<String> dataFilesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }

  @Test
  void purgeTableDeletesThePartitionsThePredicateSelectsAndDropsThemFromTheCatalog(
      DynaContext shared) throws IOException {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withOrders(shared, catalog);
    Path jan = dir.resolve("orders/year=2024/month=01");
    List<String> janFiles = dataFilesUnder(jan);
    assertThat(janFiles).isNotEmpty();
    Path manifest = dir.resolve("manifest");

    ctx.purgeTable(
        "sales",
        "orders",
        Options.of(
            "partitionPredicate",
            "(month=='01')",
            "retentionPeriod",
            0,
            "excludeStorageClasses",
            List.of("STANDARD_IA"),
            "manifestFilePath",
            manifest.toString()),
        "purge_jan");

    assertThat(dataFilesUnder(jan)).isEmpty();
    assertThat(dataFilesUnder(dir.resolve("orders/year=2024/month=02"))).isNotEmpty();
    assertThat(dataFilesUnder(dir.resolve("orders/year=2023/month=12"))).isNotEmpty();
    TableIdentifier id = TableIdentifier.of("sales", "orders");
    assertThat(catalog.listAllPartitions(id, null))
        .extracting(p -> String.join("/", p.values()))
        .containsExactlyInAnyOrder("2023/12", "2024/02");
    // the manifest names the files as the catalog names their folders (file:/... or /...)
    assertThat(
            Files.readString(manifest.resolve("purge_jan/Success.csv"))
                .lines()
                .map(l -> l.replaceFirst("^file:", ""))
                .toList())
        .containsExactlyElementsOf(janFiles);
    assertThat(Files.readString(manifest.resolve("purge_jan/Failed.csv"))).isEmpty();
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("sales", "orders"))
        .isEqualTo(Frames.rows(ctx, DDL, row(1L, 10.5, "2023", "12"), row(4L, 40.0, "2024", "02")));
  }

  @Test
  void purgeTableKeepsFilesWithinTheDefaultRetentionPeriod(DynaContext shared) throws IOException {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withOrders(shared, catalog);
    List<String> before = dataFilesUnder(dir.resolve("orders"));
    ctx.purgeTable("sales", "orders", Options.empty(), "");
    assertThat(dataFilesUnder(dir.resolve("orders"))).isEqualTo(before);
    assertThat(catalog.listAllPartitions(TableIdentifier.of("sales", "orders"), null)).hasSize(3);
  }

  @Test
  void badPurgeAndTransitionArgumentsAreNamed(DynaContext shared) throws IOException {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withOrders(shared, catalog);
    List<String> before = dataFilesUnder(dir.resolve("orders"));
    assertThatThrownBy(
            () ->
                ctx.purgeTable(
                    "sales",
                    "orders",
                    Options.of("partitionPredicate", "day = '01'", "retentionPeriod", 0),
                    ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("purge_table: option partitionPredicate 'day = '01'' is not a valid")
        .hasMessageContaining("[year, month] of table sales.orders");
    catalog.createTable(
        TableDefinition.builder(TableIdentifier.of("sales", "flat"))
            .column("id", "bigint")
            .location(dir.resolve("flat").toString())
            .classification("parquet")
            .build());
    assertThatThrownBy(
            () ->
                ctx.purgeTable(
                    "sales", "flat", Options.of("partitionPredicate", "id = 1"), "purge_flat"))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "purge_table: table sales.flat is not partitioned, so it takes no partitionPredicate"
                + " ('id = 1')");
    Options transition =
        Options.of(
            "retentionPeriod",
            1,
            "accountId",
            "12345678901",
            "roleArn",
            "arn:aws:iam::123456789012:user/example-username");
    assertThatThrownBy(() -> ctx.transitionTable("sales", "orders", "STANDARD_IA", transition, "t"))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("transition_table cannot move ")
        .hasMessageContaining(dir.resolve("orders").toString())
        .hasMessageEndingWith(
            " to storage class STANDARD_IA: its file system (file) has no storage classes;"
                + " only Amazon S3 objects have one");
    assertThatThrownBy(
            () ->
                ctx.transitionTable(
                    "sales", "orders", "STANDARD_IA", transition.with("roleArn", ""), "t"))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "transition_table: option roleArn is mandatory (Glue runs the transition as them)");
    // the failed calls deleted nothing
    assertThat(dataFilesUnder(dir.resolve("orders"))).isEqualTo(before);
  }

  @Test
  void theCatalogSchemaAsASparkSchema(DynaContext shared) {
    DynaContext ctx = withOrders(shared, InMemoryCatalog.create());
    assertThat(ctx.getCatalogSchemaAsSparkSchema("sales", "orders").simpleString())
        .isEqualTo("struct<id:bigint,amount:double,year:string,month:string>");
    assertThatThrownBy(() -> ctx.getCatalogSchemaAsSparkSchema("sales", "nope"))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  void dataFramesFromAndIntoTheCatalog(DynaContext shared) {
    DynaContext ctx = withOrders(shared, InMemoryCatalog.create());
    Dataset<Row> df = ctx.createDataFrameFromCatalog("sales", "orders", "", Options.empty());
    FrameAssert.assertThat(df).isEqualTo(orders(ctx).toDF());

    Dataset<Row> more =
        Frames.rows(ctx, DDL, row(5L, 50.0, "2024", "02"), row(6L, 60.0, "2023", "12")).toDF();
    ctx.writeDataFrameFromCatalog(more, "sales", "orders", "more", Options.empty());
    FrameAssert.assertThat(ctx.createDataFrameFromCatalog("sales", "orders", "", Options.empty()))
        .isEqualTo(orders(ctx).toDF().union(more));
  }

  @Test
  void aSampleOfACatalogTable(DynaContext shared) {
    DynaContext ctx = withOrders(shared, InMemoryCatalog.create());
    DynamicFrame sample =
        ctx.createSampleDynamicFrameFromCatalog(
            "sales", "orders", 2, "", "year = '2024'", Options.empty(), Options.empty());
    List<Row> rows = sample.toDF().collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(sample.toDF().schema().simpleString())
        .isEqualTo("struct<id:bigint,amount:double,year:string,month:string>");
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.getLong(0)).isIn(2L, 3L, 4L))
        .allSatisfy(r -> assertThat(r.getString(2)).isEqualTo("2024"));
    FrameAssert.assertThat(
            ctx.createSampleDynamicFrameFromCatalog(
                "sales", "orders", 10, "", "year = '2024'", Options.empty(), Options.empty()))
        .isEqualTo(
            Frames.rows(
                ctx,
                DDL,
                row(2L, 20.0, "2024", "01"),
                row(3L, 30.0, "2024", "01"),
                row(4L, 40.0, "2024", "02")));
  }
}
