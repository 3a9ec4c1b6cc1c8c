package io.dynaframe.catalog;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading catalog tables with push-down predicates, and sinks that register their output, on the
 * in-memory catalog.
 */
@SparkTest
class CatalogSourceAndSinkTest {

  @TempDir Path dir;

  private static DynamicFrame orders(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "id BIGINT, amount DOUBLE, year STRING, month STRING",
        row(1L, 10.5, "2023", "12"),
        row(2L, 20.0, "2024", "01"),
        row(3L, 30.0, "2024", "01"),
        row(4L, 40.0, "2024", "02"));
  }

  private Options sinkOptions(String path, List<String> keys, Object... more) {
    Options o =
        Options.of(
            "path",
            path,
            "partitionKeys",
            keys,
            "enableUpdateCatalog",
            true,
            "catalogDatabase",
            "sales",
            "catalogTableName",
            "orders");
    for (int i = 0; i < more.length; i += 2) {
      o = o.with((String) more[i], more[i + 1]);
    }
    return o;
  }

  private DynaContext withCatalog(DynaContext ctx, Catalog catalog) {
    catalog.createDatabase(Database.of("sales"));
    return ctx.withCatalog(catalog);
  }

  @Test
  void aSinkCreatesTheTableAndRegistersItsPartitions(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    String out = dir.resolve("orders").toString();
    ctx.getSinkWithFormat(
            "s3", sinkOptions(out, List.of("year", "month")), "orders", "parquet", Options.empty())
        .writeDynamicFrame(orders(ctx));

    TableDefinition t = catalog.getTable(TableIdentifier.of("sales", "orders"));
    assertThat(t.columns())
        .containsExactly(Column.of("id", "bigint"), Column.of("amount", "double"));
    assertThat(t.partitionKeys())
        .containsExactly(Column.of("year", "string"), Column.of("month", "string"));
    assertThat(t.location()).contains(out);
    assertThat(t.classification()).contains("parquet");
    assertThat(t.parameters()).containsEntry("UPDATED_BY_JOB_RUN", ctx.runId());
    List<Partition> parts = catalog.listAllPartitions(t.identifier(), null);
    assertThat(parts)
        .extracting(p -> String.join("/", p.values()))
        .containsExactlyInAnyOrder("2023/12", "2024/01", "2024/02");
    assertThat(parts)
        .allSatisfy(
            p ->
                assertThat(p.location().orElseThrow())
                    .endsWith("year=" + p.values().get(0) + "/month=" + p.values().get(1)));
  }

  @Test
  void readsOnlyThePartitionsThePredicateSelects(DynaContext shared) throws IOException {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    String out = dir.resolve("orders").toString();
    ctx.getSinkWithFormat(
            "s3", sinkOptions(out, List.of("year", "month")), "orders", "json", Options.empty())
        .writeDynamicFrame(orders(ctx));
    // the 2023 folder goes away; a source that listed it would fail on the missing path
    deleteTree(dir.resolve("orders").resolve("year=2023"));

    DynamicFrame jan =
        ctx.createDynamicFrameFromCatalog(
            "sales", "orders", "", "year = '2024' and month = '01'", Options.empty());
    FrameAssert.assertThat(jan)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, amount DOUBLE, year STRING, month STRING",
                row(2, 20.0, "2024", "01"),
                row(3, 30.0, "2024", "01")));
    assertThat(jan.name()).isEqualTo("orders");

    DynamicFrame y2024 =
        ctx.createDynamicFrameFromCatalog("sales", "orders", "", "year >= '2024'", Options.empty());
    assertThat(y2024.count()).isEqualTo(3);

    assertThatThrownBy(() -> ctx.createDynamicFrameFromCatalog("sales", "orders"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("year=2023");
  }

  @Test
  void aBadPredicateNamesThePartitionKeys(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    ctx.getSinkWithFormat(
            "s3",
            sinkOptions(dir.resolve("o").toString(), List.of("year", "month")),
            "",
            "parquet",
            Options.empty())
        .writeDynamicFrame(orders(ctx));
    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromCatalog(
                    "sales", "orders", "", "day = '1'", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("push-down predicate 'day = '1'' of table sales.orders")
        .hasMessageContaining("[year, month]");
    assertThatThrownBy(() -> ctx.createDynamicFrameFromCatalog("sales", "missing"))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("Table does not exist: sales.missing");
  }

  @Test
  void partitionKeysOutOfOrderFailBeforeAnythingIsWritten(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    ctx.getSinkWithFormat(
            "s3",
            sinkOptions(dir.resolve("a").toString(), List.of("year", "month")),
            "",
            "parquet",
            Options.empty())
        .writeDynamicFrame(orders(ctx));
    Path other = dir.resolve("b");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                        "s3",
                        sinkOptions(other.toString(), List.of("month", "year")),
                        "",
                        "parquet",
                        Options.empty())
                    .writeDynamicFrame(orders(ctx)))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "the partition keys [month, year] of the sink for table sales.orders do not match the table's "
                + "partition keys [year, month]; they must be the same keys in the same order");
    assertThat(Files.exists(other)).isFalse();
  }

  @Test
  void updateInDatabaseChangesTheSchemaAndLogKeepsIt(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    String out = dir.resolve("orders").toString();
    DynamicFrame wider =
        Frames.rows(
            ctx,
            "id BIGINT, amount DOUBLE, note STRING, year STRING, month STRING",
            row(5L, 1.0, "new", "2025", "03"));
    ctx.getSinkWithFormat(
            "s3", sinkOptions(out, List.of("year", "month")), "", "parquet", Options.empty())
        .writeDynamicFrame(orders(ctx));

    ctx.withRunId("run-2")
        .getSinkWithFormat(
            "s3",
            sinkOptions(out, List.of("year", "month"), "updateBehavior", "LOG"),
            "",
            "parquet",
            Options.empty())
        .writeDynamicFrame(wider);
    TableIdentifier id = TableIdentifier.of("sales", "orders");
    assertThat(catalog.getTable(id).columns())
        .extracting(Column::name)
        .containsExactly("id", "amount");
    assertThat(catalog.listAllPartitions(id, "year = '2025'")).isEmpty();

    ctx.withRunId("run-3")
        .getSinkWithFormat(
            "s3", sinkOptions(out, List.of("year", "month")), "", "parquet", Options.empty())
        .writeDynamicFrame(wider);
    assertThat(catalog.getTable(id).columns())
        .extracting(Column::name)
        .containsExactly("id", "amount", "note");
    assertThat(catalog.listAllPartitions(id, "year = '2025'")).hasSize(1);

    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    sinkOptions(out, List.of("year"), "updateBehavior", "MERGE"),
                    "",
                    "parquet",
                    Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("MERGE");
  }

  @Test
  void takesCsvSeparatorAndHeaderFromTheTable(DynaContext shared) throws IOException {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    Path data = Files.createDirectories(dir.resolve("people"));
    Files.writeString(data.resolve("part-1.csv"), "name|age\nana|31\nbo|42\n");
    catalog.createTable(
        TableDefinition.builder(TableIdentifier.of("sales", "people"))
            .column("name", "string")
            .column("age", "bigint")
            .location(data.toString())
            .format(StorageFormat.csv("|"))
            .parameter("classification", "csv")
            .parameter("skip.header.line.count", "1")
            .build());
    DynamicFrame people = ctx.createDynamicFrameFromCatalog("sales", "people");
    FrameAssert.assertThat(people)
        .isEqualTo(Frames.rows(ctx, "name STRING, age BIGINT", row("ana", 31L), row("bo", 42L)));
  }

  @Test
  void aCatalogSinkWritesWhereTheTableSays(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    DynaContext ctx = withCatalog(shared, catalog);
    String out = dir.resolve("orders").toString();
    catalog.createTable(
        TableDefinition.builder(TableIdentifier.of("sales", "orders"))
            .column("id", "bigint")
            .column("amount", "double")
            .partitionKey("year", "string")
            .partitionKey("month", "string")
            .location(out)
            .classification("parquet")
            .build());
    ctx.writeDynamicFrameFromCatalog(
        orders(ctx), "sales", "orders", "", Options.of("enableUpdateCatalog", true));
    assertThat(catalog.listAllPartitions(TableIdentifier.of("sales", "orders"), null)).hasSize(3);
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromCatalog(
                "sales", "orders", "", "month = '02'", Options.empty()))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, amount DOUBLE, year STRING, month STRING",
                row(4L, 40.0, "2024", "02")));
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
