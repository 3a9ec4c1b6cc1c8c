package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.crawler.CrawlReport;
import io.dynaframe.crawler.Crawler;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad-input corpus, paths in the catalog: a lake, a crawler path and a database location spelled
 * every way a user may spell them (relative, {@code ./}, {@code ../}, spaces and non-ASCII
 * characters, {@code file:} URIs, a trailing slash), on the embedded (Hive) catalog. Published data
 * lands in the folder asked, the catalog's locations point there, and the tables read back through
 * the catalog and Spark SQL.
 */
@SparkTest
class CatalogPathSpellingsBadInputTest {

  @TempDir static Path tmp;

  private static final String RUN = "cps-" + UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger DB = new AtomicInteger();

  record Spelling(String label, String given, Path folder) {
    @Override
    public String toString() {
      return label;
    }

    String slash(String rest) {
      return (given.endsWith("/") ? given : given + "/") + rest;
    }
  }

  static Stream<Spelling> spellings() {
    Path cwd = Path.of("").toAbsolutePath();
    String rel = "target/" + RUN;
    return Stream.of(
        new Spelling("relative", rel + "/lake", cwd.resolve(rel + "/lake")),
        new Spelling("dot-relative", "./" + rel + "/dot", cwd.resolve(rel + "/dot")),
        new Spelling("dot-dot", rel + "/x/../dd", cwd.resolve(rel + "/dd")),
        new Spelling(
            "relative with space and non-ASCII", rel + "/lac été", cwd.resolve(rel + "/lac été")),
        new Spelling(
            "absolute with space and non-ASCII",
            tmp.resolve("mon lac été").toString(),
            tmp.resolve("mon lac été")),
        new Spelling("file: URI", "file:" + tmp.resolve("uri"), tmp.resolve("uri")),
        new Spelling(
            "file:// URI with space", "file://" + tmp.resolve("lac 2"), tmp.resolve("lac 2")),
        new Spelling("trailing slash", tmp.resolve("slash") + "/", tmp.resolve("slash")));
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).toList();
    }
  }

  private static Path local(String location) {
    return Path.of(new org.apache.hadoop.fs.Path(location).toUri().getPath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void publishedTablesLandInALakeSpelledThisWayAndReadBack(Spelling s, DynaContext ctx)
      throws IOException {
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    String db = "paths_pub_" + DB.incrementAndGet();
    catalog.createDatabase(Database.of(db).withLocation(s.slash("load/" + db)));
    assertThat(
            local(
                catalog
                    .getDatabase(io.dynaframe.catalog.DatabaseName.of(db))
                    .location()
                    .orElseThrow()))
        .isEqualTo(s.folder().resolve("load/" + db));
    TableIdentifier id = TableIdentifier.of(db, "ventes");
    DynamicFrame sales =
        Frames.json(
                ctx,
                "{\"id\": 1, \"ville\": \"Zürich\", \"jour\": \"lundi\"}",
                "{\"id\": 2, \"ville\": \"Genève\", \"jour\": \"mardi\"}")
            .withName("ventes");
    Publication p =
        Publisher.of(ctx.withRunId("r" + DB.get()), catalog, Lake.at(s.given()))
            .publish(sales, id, "parquet", List.of("jour"));

    Path version = s.folder().resolve("load/" + db + "/ventes/v-r" + DB.get());
    assertThat(local(p.location())).isEqualTo(version);
    assertThat(tree(version)).contains("jour=lundi", "jour=mardi");
    assertThat(local(catalog.getTable(id).location().orElseThrow())).isEqualTo(version);
    assertThat(catalog.listAllPartitions(id, null))
        .extracting(part -> local(part.location().orElseThrow()))
        .containsExactlyInAnyOrder(version.resolve("jour=lundi"), version.resolve("jour=mardi"));
    FrameAssert.assertThat(ctx.spark().sql("SELECT id, ville, jour FROM " + db + ".ventes"))
        .isEqualTo(sales.toDF().select("id", "ville", "jour"));
    FrameAssert.assertThat(
            ctx.withCatalog(catalog)
                .createDynamicFrameFromCatalog(db, "ventes")
                .toDF()
                .select("id", "ville", "jour"))
        .isEqualTo(sales.toDF().select("id", "ville", "jour"));
    assertThat(tree(s.folder())).noneMatch(n -> n.contains("%"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void aCrawlerPathSpelledThisWayGivesATableAtThatFolder(Spelling s, DynaContext ctx)
      throws IOException {
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    String db = "paths_crawl_" + DB.incrementAndGet();
    catalog.createDatabase(Database.of(db));
    Path folder = s.folder().resolve("source/clients" + DB.get());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("clients été.json"), "{\"id\": 1, \"nom\": \"Zoé\"}\n");
    CrawlReport report =
        Crawler.builder(catalog, db)
            .name("crawl_" + DB.get())
            .path(s.slash("source/clients" + DB.get() + "/"))
            .build()
            .run();
    assertThat(report.tablesCreated()).hasSize(1);
    String created = report.tablesCreated().get(0);
    TableIdentifier table = TableIdentifier.of(db, created.substring(created.indexOf('.') + 1));
    assertThat(local(catalog.getTable(table).location().orElseThrow())).isEqualTo(folder);
    FrameAssert.assertThat(
            ctx.withCatalog(catalog)
                .createDynamicFrameFromCatalog(db, table.name())
                .toDF()
                .select("id", "nom"))
        .isEqualTo(Frames.json(ctx, "{\"id\": 1, \"nom\": \"Zoé\"}").toDF());
  }
}
