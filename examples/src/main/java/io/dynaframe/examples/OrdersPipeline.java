package io.dynaframe.examples;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.crawler.CrawlReport;
import io.dynaframe.crawler.Crawler;
import io.dynaframe.crawler.TableNaming;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.Lake;
import io.dynaframe.job.Publisher;
import io.dynaframe.job.RunReport;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.Join;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.Relationalize;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import io.dynaframe.transforms.Spigot;
import io.dynaframe.transforms.SplitRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The flagship job, end to end on embedded defaults: messy raw orders land in the lake's SOURCE
 * area; a crawler registers them in the embedded catalog under custom table names; the job
 * reads them from the catalog (with bookmarks, so each run reads only new files), resolves the
 * choices, maps the fields, samples with Spigot, moves questionable rows to a quarantine table
 * with SplitRows, relationalizes the nested items, and publishes partitioned Parquet into LOAD
 * with catalog registration; then it prints the run report and queries the tables with SQL.
 * {@link #main} runs it twice, the second time with one new batch of input.
 */
public final class OrdersPipeline {
  private OrdersPipeline() {}

  static final String JOB = "orders_pipeline";

  public static void main(String[] argv) throws Exception {
    Path lakeDir = Path.of(argv.length > 0 ? argv[0] : "lake").toAbsolutePath();
    Lake lake = Lake.at(lakeDir);
    DynaContext ctx = DynaContext.local().appName(JOB).dataDir(lakeDir.resolve("spark"))
        .config("spark.ui.showConsoleProgress", "true").build();
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    Path source = lakeDir.resolve("source");
    RawData.writeCustomers(source);

    int batch = nextBatch(source);
    for (int run = 0; run < 2; run++, batch++) {
      int lines = RawData.writeOrders(source, batch, 150);
      System.out.printf("%n==== batch %d: %d raw order lines landed in %s%n", batch, lines, lake.sourcePath("orders"));
      runOnce(ctx, catalog, lake);
    }
    ctx.spark().stop();
  }

  static void runOnce(DynaContext base, Catalog catalog, Lake lake) {
    if (!catalog.databaseExists(DatabaseName.of("raw"))) {
      catalog.createDatabase(Database.of("raw").withDescription("raw input as crawled from the SOURCE area")
          .withLocation(lake.source()));
    }
    CrawlReport crawl = Crawler.builder(catalog, "raw").name("raw_crawler")
        .path(lake.sourcePath("orders")).path(lake.sourcePath("customers"))
        .naming(TableNaming.template("raw_{folder}")).build().run();
    System.out.println("== crawler: " + crawl.summary() + "; tables " + crawl.tablesCreated() + crawl.tablesUpdated());

    JobArguments args = JobArguments.resolve(new String[] {"--JOB_NAME", JOB, "--job-bookmark-option", "job-bookmark-enable"},
        "JOB_NAME");
    Job job = Job.init(JOB, base.withCatalog(catalog), args, lake);
    DynaContext ctx = job.context();
    try {
      DynamicFrame orders = ctx.createDynamicFrameFromCatalog("raw", "raw_orders", "read_orders", "", Options.empty());
      System.out.println("== raw orders as read (choices where records disagree):");
      orders.printSchema();

      DynamicFrame resolved = orders.apply("resolve_choices", ResolveChoice.specs(
          ResolveSpec.of("order_id", "cast:long"), ResolveSpec.of("amount", "cast:double"),
          ResolveSpec.of("items[].qty", "cast:long")));
      DynamicFrame mapped = resolved.apply("map_fields", ApplyMapping.of(
          MappingSpec.of("order_id", "long", "order_id", "long"),
          MappingSpec.of("customer_id", "long", "customer_id", "long"),
          MappingSpec.of("order_date", "string", "order_date", "string"),
          MappingSpec.of("amount", "double", "amount", "double"),
          MappingSpec.of("currency", "string", "currency", "string"),
          MappingSpec.of("shipping.city", "string", "city", "string"),
          MappingSpec.of("items", "items")));

      String samplePath = lake.samplesPath(JOB, ctx.runId(), "sample_orders");
      DynamicFrame sampled = mapped.apply("sample_orders", Spigot.to(samplePath).withTopk(20));

      FrameCollection split = sampled.apply("quarantine_split",
          SplitRows.of(Map.of("amount", Map.of(">=", 0), "order_id", Map.of(">", 0))).withNames("good", "quarantine"));
      DynamicFrame good = split.get("good");
      DynamicFrame quarantine = split.get("quarantine");

      FrameCollection tables = good.apply("relationalize", Relationalize.of("orders")
          .withStagingPath(lake.stagingPath(JOB, ctx.runId())));
      // Relationalize's keys are unique within a run: join the items back to their order ids
      DynamicFrame items = tables.get("orders_items")
          .apply("items_with_order", Join.with(tables.get("orders"), "id", "items"))
          .apply("name_item_columns", ApplyMapping.of(
              MappingSpec.of("order_id", "long", "order_id", "long"),
              MappingSpec.of("index", "int", "position", "int"),
              MappingSpec.of("`items.val.sku`", "string", "sku", "string"),
              MappingSpec.of("`items.val.qty`", "long", "qty", "long")));

      Publisher publisher = Publisher.of(ctx, catalog, lake);
      publisher.publish(tables.get("orders"), TableIdentifier.of("sales", "orders"), "parquet", List.of("order_date"),
          Publisher.Mode.APPEND);
      publisher.publish(items, TableIdentifier.of("sales", "order_items"), "parquet", List.of(), Publisher.Mode.APPEND);
      publisher.publish(quarantine, TableIdentifier.of("sales", "orders_quarantine"), "parquet", List.of(),
          Publisher.Mode.APPEND);
      job.commit();

      RunReport report = RunReport.of(job).print();
      System.out.println("== sample of 20 mapped orders written to " + samplePath);
      System.out.println("   query it in one call: Spigot.createTempView(ctx, \"" + samplePath + "\", \"sample\")");
      report.folder().ifPresent(f -> System.out.println("== run report, diagram and lineage in " + f));
      report.lineageEvents().ifPresent(f -> System.out.println("== OpenLineage events in " + f));
      System.out.println("== " + orders.errorsCount() + " raw lines could not be read; they are in the error records");
      System.out.println("== SQL over the published tables:");
      ctx.spark().sql("SELECT o.order_date, count(DISTINCT o.order_id) AS orders, round(sum(o.amount), 2) AS revenue, "
          + "sum(i.qty) AS items FROM sales.orders o LEFT JOIN sales.order_items i ON i.order_id = o.order_id "
          + "GROUP BY o.order_date ORDER BY o.order_date").show(50, false);
      ctx.spark().sql("SELECT count(*) AS quarantined FROM sales.orders_quarantine").show();
    } catch (RuntimeException e) {
      job.fail(e);
      throw e;
    }
  }

  private static int nextBatch(Path source) throws java.io.IOException {
    Path orders = source.resolve("orders");
    if (!Files.exists(orders)) {
      return 1;
    }
    try (Stream<Path> s = Files.list(orders)) {
      return 1 + s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("batch="))
          .mapToInt(n -> Integer.parseInt(n.substring(6))).max().orElse(0);
    }
  }
}
