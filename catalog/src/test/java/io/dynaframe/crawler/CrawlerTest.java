package io.dynaframe.crawler;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.Options;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crawler on local folders: each classification, both partition styles, naming, schema change
 * and recrawl policies.
 */
@SparkTest
class CrawlerTest {

  @TempDir Path dir;

  private InMemoryCatalog catalog;

  @BeforeEach
  void catalog() {
    catalog = InMemoryCatalog.create();
    catalog.createDatabase(Database.of("lake"));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private TableDefinition table(String name) {
    return catalog.getTable(TableIdentifier.of("lake", name));
  }

  private static List<String> values(Partition p) {
    return p.values();
  }

  private Crawler.Builder crawler(Path... paths) {
    Crawler.Builder b = Crawler.builder(catalog, "lake").name("test-crawler");
    for (Path p : paths) {
      b.path(p.toString());
    }
    return b;
  }

  @Test
  void classifiesEveryFormatAndReadsItsSchema(SparkSession spark) throws IOException {
    Path root = dir.resolve("raw");
    write(
        root.resolve("events/a.json"),
        "{\"id\": 1, \"kind\": \"click\", \"at\": {\"x\": 1}}\n{\"id\": 2, \"score\": 1.5}\n");
    write(root.resolve("events/b.json"), "{\"id\": 3, \"score\": 2, \"tags\": [\"a\"]}\n");
    write(root.resolve("people/p.csv"), "name,age,height\nana,31,1.62\nbo,42,1.80\n");
    write(root.resolve("codes/c.txt"), "a|1\nb|2\n");
    spark
        .sql(
            "SELECT CAST(1 AS BIGINT) AS id, 'x' AS label, CAST(2.5 AS DECIMAL(7,2)) AS price, "
                + "array(named_struct('a', 1, 'b', 'q')) AS items, map('k', 1L) AS attrs, DATE'2024-01-02' AS day")
        .coalesce(1)
        .write()
        .parquet(root.resolve("orders").toString());
    spark
        .sql("SELECT 7 AS n, 'o' AS s")
        .coalesce(1)
        .write()
        .orc(root.resolve("metrics").toString());
    Schema avro =
        SchemaBuilder.record("user")
            .fields()
            .requiredLong("id")
            .optionalString("email")
            .name("score")
            .type()
            .unionOf()
            .intType()
            .and()
            .stringType()
            .endUnion()
            .noDefault()
            .endRecord();
    Files.createDirectories(root.resolve("users"));
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(avro))) {
      w.create(avro, root.resolve("users/u.avro").toFile());
      GenericRecord r = new GenericData.Record(avro);
      r.put("id", 1L);
      r.put("email", "a@b");
      r.put("score", 3);
      w.append(r);
    }
    write(root.resolve("junk/readme"), "just words here");

    CrawlReport report = crawler(root).build().run();

    assertThat(report.tablesCreated())
        .containsExactlyInAnyOrder(
            "lake.events",
            "lake.people",
            "lake.codes",
            "lake.orders",
            "lake.metrics",
            "lake.users");
    assertThat(report.unclassifiedFiles()).singleElement().asString().endsWith("junk/readme");
    TableDefinition events = table("events");
    assertThat(events.classification()).contains("json");
    assertThat(events.columns())
        .containsExactly(
            Column.of("id", "bigint"),
            Column.of("kind", "string"),
            Column.of("at", "struct<x:bigint>"),
            Column.of("score", "double"),
            Column.of("tags", "array<string>"));
    TableDefinition people = table("people");
    assertThat(people.classification()).contains("csv");
    assertThat(people.columns())
        .containsExactly(
            Column.of("name", "string"), Column.of("age", "bigint"), Column.of("height", "double"));
    assertThat(people.parameters())
        .containsEntry("skip.header.line.count", "1")
        .containsEntry("delimiter", ",");
    TableDefinition codes = table("codes");
    assertThat(codes.columns())
        .containsExactly(Column.of("col0", "string"), Column.of("col1", "bigint"));
    assertThat(codes.format().serdeParameters()).containsEntry("field.delim", "|");
    assertThat(codes.parameters()).doesNotContainKey("skip.header.line.count");
    TableDefinition orders = table("orders");
    assertThat(orders.classification()).contains("parquet");
    assertThat(orders.columns())
        .containsExactly(
            Column.of("id", "bigint"),
            Column.of("label", "string"),
            Column.of("price", "decimal(7,2)"),
            Column.of("items", "array<struct<a:int,b:string>>"),
            Column.of("attrs", "map<string,bigint>"),
            Column.of("day", "date"));
    assertThat(table("metrics").classification()).contains("orc");
    assertThat(table("metrics").columns())
        .containsExactly(Column.of("n", "int"), Column.of("s", "string"));
    assertThat(table("users").classification()).contains("avro");
    assertThat(table("users").columns())
        .containsExactly(
            Column.of("id", "bigint"), Column.of("email", "string"), Column.of("score", "string"));
    assertThat(table("users").parameters())
        .containsEntry(Crawler.UPDATED_BY_CRAWLER, "test-crawler");
  }

  @Test
  void hiveStyleFoldersArePartitionsOfOneTable(DynaContext ctx) throws IOException {
    Path sales = dir.resolve("sales");
    write(sales.resolve("year=2023/month=12/a.csv"), "id,amount\n1,10.5\n");
    write(sales.resolve("year=2024/month=01/a.csv"), "id,amount\n2,20.0\n3,30.0\n");
    write(sales.resolve("year=2024/month=02/a.csv"), "id,amount\n4,40.0\n");
    CrawlReport report = crawler(sales).build().run();
    assertThat(report.tablesCreated()).containsExactly("lake.sales");
    assertThat(report.partitionsAdded()).isEqualTo(3);
    TableDefinition t = table("sales");
    assertThat(t.partitionKeys())
        .containsExactly(Column.of("year", "string"), Column.of("month", "string"));
    assertThat(t.columns())
        .containsExactly(Column.of("id", "bigint"), Column.of("amount", "double"));
    assertThat(catalog.listAllPartitions(t.identifier(), null))
        .extracting(CrawlerTest::values)
        .containsExactlyInAnyOrder(
            List.of("2023", "12"), List.of("2024", "01"), List.of("2024", "02"));

    // the crawled table reads back through the catalog source, pruned on its partitions
    FrameAssert.assertThat(
            ctx.withCatalog(catalog)
                .createDynamicFrameFromCatalog(
                    "lake", "sales", "", "year = '2024'", Options.empty()))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, amount DOUBLE, year STRING, month STRING",
                row(2L, 20.0, "2024", "01"),
                row(3L, 30.0, "2024", "01"),
                row(4L, 40.0, "2024", "02")));
  }

  @Test
  void unnamedFoldersArePartitionsNamedByLevel() throws IOException {
    Path logs = dir.resolve("logs");
    write(logs.resolve("2024/01/a.json"), "{\"msg\": \"a\"}\n");
    write(logs.resolve("2024/02/a.json"), "{\"msg\": \"b\", \"level\": \"warn\"}\n");
    crawler(logs).build().run();
    TableDefinition t = table("logs");
    assertThat(t.partitionKeyNames()).containsExactly("partition_0", "partition_1");
    assertThat(t.columns()).extracting(Column::name).containsExactly("msg", "level");
    assertThat(catalog.listAllPartitions(t.identifier(), "partition_1 = '02'")).hasSize(1);
  }

  @Test
  void namesTablesByPrefixTemplateOrFunction() throws IOException {
    Path root = dir.resolve("landing").resolve("crm");
    write(root.resolve("contacts/a.json"), "{\"id\": 1}\n");
    write(root.resolve("deals/a.csv"), "x,y\n1,2\n");
    crawler(root).tablePrefix("raw_").build().run();
    assertThat(catalog.tableExists(TableIdentifier.of("lake", "raw_contacts"))).isTrue();
    assertThat(catalog.tableExists(TableIdentifier.of("lake", "raw_deals"))).isTrue();

    InMemoryCatalog second = InMemoryCatalog.create();
    second.createDatabase(Database.of("lake"));
    Crawler.builder(second, "lake")
        .path(root.toString())
        .tablePrefix("raw_")
        .naming(TableNaming.template("{prefix}{segment[-2]}_{folder}"))
        .build()
        .run();
    assertThat(second.listAllTables(io.dynaframe.catalog.DatabaseName.of("lake")))
        .extracting(t -> t.identifier().name())
        .containsExactlyInAnyOrder("raw_crm_contacts", "raw_crm_deals");

    InMemoryCatalog third = InMemoryCatalog.create();
    third.createDatabase(Database.of("lake"));
    Crawler.builder(third, "lake")
        .path(root.toString())
        .naming(l -> l.folder().toUpperCase() + "-V1")
        .build()
        .run();
    assertThat(third.listAllTables(io.dynaframe.catalog.DatabaseName.of("lake")))
        .extracting(t -> t.identifier().name())
        .containsExactlyInAnyOrder("contacts_v1", "deals_v1");
  }

  @Test
  void recrawlsOnlyNewFolders() throws IOException {
    Path sales = dir.resolve("sales");
    write(sales.resolve("day=1/a.json"), "{\"id\": 1}\n");
    crawler(sales).build().run();
    // an old folder changes, a new one appears with a new column
    write(sales.resolve("day=1/b.json"), "{\"old_only\": true}\n");
    write(sales.resolve("day=2/a.json"), "{\"id\": 2, \"note\": \"n\"}\n");

    CrawlReport report =
        crawler(sales).recrawlBehavior(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY).build().run();
    assertThat(report.partitionsAdded()).isEqualTo(1);
    assertThat(report.tablesUpdated()).containsExactly("lake.sales");
    assertThat(table("sales").columns()).extracting(Column::name).containsExactly("id", "note");

    CrawlReport again =
        crawler(sales).recrawlBehavior(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY).build().run();
    assertThat(again.partitionsAdded()).isZero();
    assertThat(again.tablesUpdated()).isEmpty();
  }

  @Test
  void logsSchemaChangesAndDeprecatesOrDeletesVanishedTables() throws IOException {
    Path root = dir.resolve("root");
    write(root.resolve("a/x.json"), "{\"id\": 1}\n");
    write(root.resolve("b/x.csv"), "k,v\nq,1\n");
    crawler(root).build().run();
    write(root.resolve("a/y.json"), "{\"id\": 2, \"extra\": \"e\"}\n");

    CrawlReport logged = crawler(root).updateBehavior(UpdateBehavior.LOG).build().run();
    assertThat(logged.tablesUpdated()).isEmpty();
    assertThat(logged.tablesUnchanged()).containsExactlyInAnyOrder("lake.a", "lake.b");
    assertThat(logged.loggedChanges())
        .singleElement()
        .asString()
        .startsWith("table lake.a would change");
    assertThat(table("a").columns()).extracting(Column::name).containsExactly("id");

    CrawlReport updated = crawler(root).build().run();
    assertThat(updated.tablesUpdated()).containsExactly("lake.a");
    assertThat(updated.tablesUnchanged()).containsExactly("lake.b");
    assertThat(table("a").columns()).extracting(Column::name).containsExactly("id", "extra");

    Files.delete(root.resolve("b/x.csv"));
    CrawlReport deprecated = crawler(root).build().run();
    assertThat(deprecated.tablesDeprecated()).containsExactly("lake.b");
    assertThat(table("b").parameters()).containsKey(Crawler.DEPRECATED_BY_CRAWLER);

    CrawlReport deleted =
        crawler(root).deleteBehavior(DeleteBehavior.DELETE_FROM_DATABASE).build().run();
    assertThat(deleted.tablesDeleted()).containsExactly("lake.b");
    assertThat(catalog.tableExists(TableIdentifier.of("lake", "b"))).isFalse();
    assertThat(deleted.summary())
        .isEqualTo(
            "created 0, updated 0, unchanged 1, deprecated 0, deleted 1 tables; "
                + "0 partitions added, 0 deleted");
  }
}
