package io.dynaframe.examples;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.InputFile;
import io.dynaframe.Lake;
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
import io.dynaframe.job.Publisher;
import io.dynaframe.job.RunReport;
import io.dynaframe.lakeformats.DataLakeFormats;
import io.dynaframe.quality.EvaluateDataQuality;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.DropFields;
import io.dynaframe.transforms.Join;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.Relationalize;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import io.dynaframe.transforms.Spigot;
import io.dynaframe.transforms.SplitRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * The flagship job, end to end on embedded defaults: messy raw orders land in the lake's SOURCE
 * area; a crawler registers them in the embedded catalog under custom table names; the job reads
 * them from the catalog (with bookmarks, so each run reads only new files), resolves the choices,
 * maps the fields, samples with Spigot, evaluates a data quality ruleset ({@link #ORDER_RULES}) and
 * moves the rows that fail a rule to a quarantine table (with the rules they failed),
 * relationalizes the nested items, and publishes partitioned Parquet into LOAD with catalog
 * registration. Its second source is the shop's customers in PostgreSQL ({@link ShopDatabase}, an
 * embedded server {@link #main} starts itself), read through the catalog connection {@value
 * ShopDatabase#CONNECTION} in two parallel queries with bookmarks on {@code customer_id}, so each
 * run reads only the customers added since the last one, and published as {@code sales.customers}.
 * Then it prints the run report and queries the tables with SQL. {@link #main} runs it twice, the
 * second time with one new batch of input.
 *
 * <p>The lake may be a local folder or any Hadoop file system URI; with {@code s3a://} every area
 * (CODE, TEMP, SOURCE, LOAD) is on S3 and the embedded catalog (Hive metastore on Derby and Spark's
 * warehouse) stays in a local folder:
 *
 * <pre>
 * java ... io.dynaframe.examples.OrdersPipeline s3a://my-bucket/lake --catalog-dir /tmp/orders-catalog \
 *     -Dspark.hadoop.fs.s3a.endpoint=... (any Hadoop s3a setting, as Spark conf or system property)
 * </pre>
 *
 * <p>With Glue's job argument {@code --datalake-formats iceberg} and the job's own {@code
 * --orders-format iceberg} it publishes {@code sales.orders} as an Iceberg table of {@code
 * glue_catalog} instead (one Iceberg commit per run) and reads it back with a job bookmark: each
 * run reads only the snapshots committed since the last one.
 *
 * <p>Tests call {@link #landBatch} and {@link #run} (or {@link #runBatches}) with a context,
 * catalog and lake of their own, and read the published {@link #TABLES} (and {@link #CUSTOMERS})
 * back. Without a {@link ShopDatabase} the job reads the orders only (the cluster and S3
 * integration tests run it so).
 */
public final class OrdersPipeline {
  private OrdersPipeline() {}

  /** What the quick start suggests trying next, printed at the end of each run. */
  static final String NEXT_STEPS =
      String.join(
          "\n",
          "== what to try next:",
          "   - run the same command again: it lands a new batch and the bookmarks read only the"
              + " new files and the new customers",
          "   - ./dynaframe-shell: a jshell with a context ready, to try a source or a transform"
              + " step by step",
          "   - change a step in examples/src/main/java/io/dynaframe/examples/OrdersPipeline.java"
              + " and run the command again",
          "   - mvn archetype:generate -DarchetypeGroupId=io.dynaframe"
              + " -DarchetypeArtifactId=dynaframe-archetype: a job project of your own (README,"
              + " \"Use it in your project\")");

  /**
   * The data quality ruleset the job evaluates on the mapped orders (DQDL, as in Glue Studio's
   * Evaluate Data Quality node); rows failing a rule go to the quarantine table, with the rules
   * they failed.
   */
  public static final String ORDER_RULES =
      String.join(
          "\n",
          "Rules = [",
          "  ColumnValues \"order_id\" > 0,",
          "  ColumnValues \"amount\" >= 0,",
          "  IsComplete \"customer_id\",",
          "  RowCount > 0",
          "]");

  /** The columns the row-level outcomes add; the published orders leave them out. */
  static final List<String> QUALITY_COLUMNS =
      List.of(
          "DataQualityRulesPass",
          "DataQualityRulesFail",
          "DataQualityRulesSkip",
          "DataQualityEvaluationResult");

  /** The job's name: its bookmarks, samples and reports are kept under it. */
  public static final String JOB = "orders_pipeline";

  /** Raw order lines per file by default; a batch is two files. */
  public static final int DEFAULT_ORDERS_PER_FILE = 150;

  /**
   * The tables each run publishes (in append mode): orders, their items, and the quarantined
   * orders.
   */
  public static final List<TableIdentifier> TABLES =
      List.of(
          TableIdentifier.of("sales", "orders"),
          TableIdentifier.of("sales", "order_items"),
          TableIdentifier.of("sales", "orders_quarantine"));

  /** The table of the customers read from the shop database (appended each run). */
  public static final TableIdentifier CUSTOMERS = TableIdentifier.of("sales", "customers");

  /** The formats {@code --orders-format} takes for {@code sales.orders}. */
  public static final List<String> ORDERS_FORMATS = List.of("parquet", "iceberg");

  /** The transformation context of the bookmarked read of the Iceberg {@code sales.orders}. */
  public static final String READ_PUBLISHED_ORDERS = "read_published_orders";

  /** The raw tables the crawler registers from the SOURCE area. */
  public static final List<TableIdentifier> RAW_TABLES =
      List.of(TableIdentifier.of("raw", "raw_orders"), TableIdentifier.of("raw", "raw_customers"));

  /**
   * What one run did.
   *
   * @param batch the batch of raw input landed just before the run (0 when none was landed)
   * @param runId the job run's id
   * @param filesRead the raw files the run read (after bookmarks), sorted
   * @param errorRecords the raw lines that could not be read
   * @param published the tables the run published
   * @param customersRead the customer rows the run read from the shop database (after bookmarks; 0
   *     without one)
   * @param ordersReadBack with {@code --orders-format iceberg}: the rows the bookmarked read of
   *     {@code glue_catalog.sales.orders} ({@value #READ_PUBLISHED_ORDERS}) read in this run, after
   *     its publish (collected); empty otherwise
   */
  public record Run(
      int batch,
      String runId,
      List<String> filesRead,
      long errorRecords,
      List<TableIdentifier> published,
      long customersRead,
      Optional<DynamicFrame> ordersReadBack) {
    /** Keeps copies of the lists. */
    public Run {
      filesRead = List.copyOf(filesRead);
      published = List.copyOf(published);
    }
  }

  /**
   * {@code OrdersPipeline [LAKE] [--catalog-dir DIR] [--orders-per-file N] [--runs N]
   * [--datalake-formats iceberg --orders-format iceberg]}: lands a new batch of raw orders and runs
   * the job, {@code --runs} times (2 by default). {@code LAKE} is a local folder ({@code lake} by
   * default) or a URI such as {@code s3a://bucket/lake}; the embedded catalog lives in {@code
   * --catalog-dir} ({@code <LAKE>/spark} for a local lake, {@code lake-catalog} otherwise). Hadoop
   * settings for the lake's file system (endpoint, credentials provider) come from Spark conf, e.g.
   * {@code -Dspark.hadoop.fs.s3a.endpoint=...}. The shop database (embedded PostgreSQL) keeps its
   * data in {@code <catalog dir>/shop-db}. Glue's job argument {@code --datalake-formats} enables
   * the data lake formats it names in the session, as on Glue; {@code --orders-format iceberg} (the
   * job's own; {@code parquet} by default) publishes {@code sales.orders} as an Iceberg table and
   * needs {@code --datalake-formats iceberg}.
   */
  public static void main(String[] argv) {
    String lakeArg = "lake";
    Path catalogDir = null;
    int perFile = DEFAULT_ORDERS_PER_FILE;
    int runs = 2;
    String formats = "";
    String ordersFormat = "parquet";
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      switch (a) {
        case "--catalog-dir" -> catalogDir = Path.of(value(argv, ++i, a));
        case "--orders-per-file" -> perFile = positive(value(argv, ++i, a), a);
        case "--runs" -> runs = positive(value(argv, ++i, a), a);
        case DataLakeFormats.ARGUMENT -> formats = value(argv, ++i, a);
        case "--orders-format" -> ordersFormat = value(argv, ++i, a);
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException(
                "unknown option "
                    + a
                    + "; usage: OrdersPipeline [LAKE] [--catalog-dir DIR] [--orders-per-file N]"
                    + " [--runs N] [--datalake-formats iceberg --orders-format iceberg]");
          }
          lakeArg = a;
        }
      }
    }
    DataLakeFormats lakeFormats = DataLakeFormats.parse(formats);
    ordersFormat = ordersFormat(ordersFormat, lakeFormats.has("iceberg"));
    boolean uri = lakeArg.matches("[A-Za-z][A-Za-z0-9+.-]+:.*");
    Lake lake = uri ? Lake.at(lakeArg) : Lake.at(Path.of(lakeArg));
    if (catalogDir == null) {
      catalogDir = uri ? Path.of("lake-catalog") : Path.of(lakeArg).resolve("spark");
    }
    DynaContext ctx =
        lakeFormats
            .configure(
                DynaContext.local().appName(JOB).dataDir(catalogDir.toAbsolutePath()),
                lake.load() + "/iceberg")
            .build();
    try (ShopDatabase shop = ShopDatabase.start(catalogDir.resolve("shop-db"))) {
      System.out.println("== shop database (embedded PostgreSQL) at " + shop.url());
      runBatches(ctx, EmbeddedCatalog.of(ctx.spark()), lake, shop, runs, perFile, ordersFormat);
    } finally {
      ctx.spark().stop();
    }
  }

  private static String value(String[] argv, int i, String option) {
    if (i >= argv.length) {
      throw new IllegalArgumentException("option " + option + " needs a value");
    }
    return argv[i];
  }

  /**
   * The format of {@code sales.orders} that {@code --orders-format} names: {@code parquet} or
   * {@code iceberg} (which needs {@code --datalake-formats iceberg}).
   *
   * @throws IllegalArgumentException naming the option and what it takes
   */
  static String ordersFormat(String value, boolean icebergEnabled) {
    String f = value.strip().toLowerCase(Locale.ROOT);
    if (!ORDERS_FORMATS.contains(f)) {
      throw new IllegalArgumentException(
          "option --orders-format takes one of " + ORDERS_FORMATS + ", not '" + value + "'");
    }
    if (f.equals("iceberg") && !icebergEnabled) {
      throw new IllegalArgumentException(
          "option --orders-format iceberg needs Glue's job argument --datalake-formats iceberg,"
              + " which enables Iceberg (and its catalog glue_catalog) in the session");
    }
    return f;
  }

  private static int positive(String value, String option) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option " + option + " takes a positive number, not '" + value + "'");
  }

  /**
   * Lands a new batch of raw input and runs the job on it, {@code runs} times, without the shop
   * database (orders only); returns what each run did.
   */
  public static List<Run> runBatches(
      DynaContext ctx, Catalog catalog, Lake lake, int runs, int ordersPerFile) {
    return runBatches(ctx, catalog, lake, null, runs, ordersPerFile);
  }

  /**
   * Lands a new batch of raw input (orders in the lake, customers in the shop database when there
   * is one) and runs the job on it, {@code runs} times; returns what each run did.
   */
  public static List<Run> runBatches(
      DynaContext ctx, Catalog catalog, Lake lake, ShopDatabase shop, int runs, int ordersPerFile) {
    return runBatches(ctx, catalog, lake, shop, runs, ordersPerFile, "parquet");
  }

  /**
   * As {@link #runBatches(DynaContext, Catalog, Lake, ShopDatabase, int, int)}, publishing {@code
   * sales.orders} in the given format ({@code parquet} or {@code iceberg}, as {@code
   * --orders-format} names them; iceberg needs a session made with {@code --datalake-formats
   * iceberg}).
   */
  public static List<Run> runBatches(
      DynaContext ctx,
      Catalog catalog,
      Lake lake,
      ShopDatabase shop,
      int runs,
      int ordersPerFile,
      String ordersFormat) {
    List<Run> done = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      int batch = landBatch(ctx, lake, ordersPerFile);
      if (shop != null) {
        int added = shop.addCustomers(batch);
        System.out.printf(
            "==== batch %d: %d new customers in PostgreSQL table %s%n",
            batch, added, ShopDatabase.TABLE);
      }
      Run r = run(ctx, catalog, lake, shop, ordersFormat);
      done.add(
          new Run(
              batch,
              r.runId(),
              r.filesRead(),
              r.errorRecords(),
              r.published(),
              r.customersRead(),
              r.ordersReadBack()));
    }
    return done;
  }

  /**
   * Lands the next batch of raw orders ({@code 2 * ordersPerFile} lines in two files) in the lake's
   * SOURCE area, and the customers file if it is not there yet; returns the batch number.
   */
  public static int landBatch(DynaContext ctx, Lake lake, int ordersPerFile) {
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    RawData.writeCustomers(conf, lake.source());
    int batch = RawData.nextBatch(conf, lake.source());
    int lines = RawData.writeOrders(conf, lake.source(), batch, ordersPerFile);
    System.out.printf(
        "%n==== batch %d: %d raw order lines landed in %s%n",
        batch, lines, lake.sourcePath("orders"));
    return batch;
  }

  /**
   * One run of the job without the shop database: crawls the SOURCE area into database {@code raw},
   * reads the new raw orders with bookmarks, and publishes {@link #TABLES} into LOAD, registered in
   * the catalog.
   */
  public static Run run(DynaContext base, Catalog catalog, Lake lake) {
    return run(base, catalog, lake, null);
  }

  /**
   * One run of the job: as {@link #run(DynaContext, Catalog, Lake)}, and with a shop database it
   * also reads the new customers through the catalog connection {@value ShopDatabase#CONNECTION}
   * (registered here for the database's current address) and publishes them into {@link
   * #CUSTOMERS}.
   */
  public static Run run(DynaContext base, Catalog catalog, Lake lake, ShopDatabase shop) {
    return run(base, catalog, lake, shop, "parquet");
  }

  /**
   * One run of the job, publishing {@code sales.orders} in the given format: as {@link
   * #run(DynaContext, Catalog, Lake, ShopDatabase)}; with {@code iceberg} the orders are one
   * Iceberg commit into {@code glue_catalog.sales.orders}, which the run then reads back with a job
   * bookmark ({@value #READ_PUBLISHED_ORDERS}): the first run the whole table, later runs only the
   * snapshots committed since the last run.
   */
  public static Run run(
      DynaContext base, Catalog catalog, Lake lake, ShopDatabase shop, String ordersFormat) {
    boolean iceberg = ordersFormat(ordersFormat, true).equals("iceberg");
    if (iceberg) {
      ordersFormat(ordersFormat, DataLakeFormats.enabled(base.spark(), "iceberg"));
    }
    String ordersTable =
        iceberg ? DataLakeFormats.ICEBERG_CATALOG + ".sales.orders" : "sales.orders";
    if (shop != null) {
      shop.register(catalog);
    }
    if (!catalog.databaseExists(DatabaseName.of("raw"))) {
      catalog.createDatabase(
          Database.of("raw")
              .withDescription("raw input as crawled from the SOURCE area")
              .withLocation(lake.source()));
    }
    CrawlReport crawl =
        Crawler.builder(catalog, "raw")
            .name("raw_crawler")
            .path(lake.sourcePath("orders"))
            .path(lake.sourcePath("customers"))
            .naming(TableNaming.template("raw_{folder}"))
            .build()
            .run();
    System.out.println(
        "== crawler: "
            + crawl.summary()
            + "; tables created: "
            + crawl.tablesCreated()
            + ", updated: "
            + crawl.tablesUpdated());

    JobArguments args =
        JobArguments.resolve(
            new String[] {"--JOB_NAME", JOB, "--job-bookmark-option", "job-bookmark-enable"},
            "JOB_NAME");
    try (Job job = Job.init(JOB, base.withCatalog(catalog), args, lake)) {
      DynaContext ctx = job.context();
      DynamicFrame orders =
          ctx.createDynamicFrameFromCatalog(
              "raw", "raw_orders", "read_orders", "", Options.empty());
      System.out.println("== raw orders as read (choices where records disagree):");
      orders.printSchema();

      DynamicFrame resolved =
          orders.apply(
              "resolve_choices",
              ResolveChoice.specs(
                  ResolveSpec.of("order_id", "cast:long"),
                  ResolveSpec.of("amount", "cast:double"),
                  ResolveSpec.of("items[].qty", "cast:long")));
      DynamicFrame mapped =
          resolved.apply(
              "map_fields",
              ApplyMapping.of(
                  MappingSpec.of("order_id", "long", "order_id", "long"),
                  MappingSpec.of("customer_id", "long", "customer_id", "long"),
                  MappingSpec.of("order_date", "string", "order_date", "string"),
                  MappingSpec.of("amount", "double", "amount", "double"),
                  MappingSpec.of("currency", "string", "currency", "string"),
                  MappingSpec.of("shipping.city", "string", "city", "string"),
                  MappingSpec.of("items", "items")));

      String samplePath = lake.samplesPath(JOB, ctx.runId(), "sample_orders");
      DynamicFrame sampled = mapped.apply("sample_orders", Spigot.to(samplePath).withTopk(20));

      // Evaluate Data Quality, then route rows on DataQualityEvaluationResult (Glue Studio)
      DynamicFrame checked =
          sampled
              .apply("check_orders", EvaluateDataQuality.of(ORDER_RULES).rowLevel())
              .get("rowLevelOutcomes");
      FrameCollection split =
          checked.apply(
              "quarantine_split",
              SplitRows.of(Map.of("DataQualityEvaluationResult", Map.of("=", "Passed")))
                  .withNames("good", "quarantine"));
      DynamicFrame good =
          split.get("good").apply("drop_quality_columns", DropFields.of(QUALITY_COLUMNS));
      DynamicFrame quarantine = split.get("quarantine");

      FrameCollection tables =
          good.apply(
              "relationalize",
              Relationalize.of("orders").withStagingPath(lake.stagingPath(JOB, ctx.runId())));
      // Relationalize's keys are unique within a run: join the items back to their order ids
      DynamicFrame items =
          tables
              .get("orders_items")
              .apply("items_with_order", Join.with(tables.get("orders"), "id", "items"))
              .apply(
                  "name_item_columns",
                  ApplyMapping.of(
                      MappingSpec.of("order_id", "long", "order_id", "long"),
                      MappingSpec.of("index", "int", "position", "int"),
                      MappingSpec.of("`items.val.sku`", "string", "sku", "string"),
                      MappingSpec.of("`items.val.qty`", "long", "qty", "long")));

      Publisher publisher = Publisher.of(job); // the catalog of the job's context, the job's lake
      publisher.publish(
          tables.get("orders"),
          TABLES.get(0),
          iceberg ? "iceberg" : "parquet",
          List.of("order_date"),
          Publisher.Mode.APPEND);
      publisher.publish(items, TABLES.get(1), "parquet", List.of(), Publisher.Mode.APPEND);
      publisher.publish(quarantine, TABLES.get(2), "parquet", List.of(), Publisher.Mode.APPEND);
      List<TableIdentifier> published = new ArrayList<>(TABLES);
      if (shop != null) {
        // the second source: the customers added since the last run, from PostgreSQL through the
        // catalog connection (URL and credentials), in two range queries over customer_id
        DynamicFrame customers =
            ctx.createDynamicFrameFromOptions(
                "postgresql",
                Options.of(
                    "useConnectionProperties",
                    "true",
                    "connectionName",
                    ShopDatabase.CONNECTION,
                    "dbtable",
                    ShopDatabase.TABLE,
                    "jobBookmarkKeys",
                    List.of("customer_id"),
                    "jobBookmarkKeysSortOrder",
                    "asc",
                    "hashexpression",
                    "customer_id",
                    "hashpartitions",
                    2),
                "",
                Options.empty(),
                "read_customers");
        publisher.publish(customers, CUSTOMERS, "parquet", List.of(), Publisher.Mode.APPEND);
        published.add(CUSTOMERS);
      }
      Optional<DynamicFrame> readBack = Optional.empty();
      if (iceberg) {
        // a downstream step: the orders committed to the Iceberg table since the last run, read
        // with a job bookmark (Iceberg's incremental read between the bookmark's snapshot and the
        // current one)
        DynamicFrame news =
            ctx.createDynamicFrameFromCatalog(
                "sales", "orders", READ_PUBLISHED_ORDERS, "", Options.empty());
        List<Row> rows = news.toDF().collectAsList();
        readBack =
            Optional.of(
                DynamicFrame.fromDF(
                    ctx.spark().createDataFrame(rows, news.toDF().schema()),
                    ctx,
                    READ_PUBLISHED_ORDERS));
      }
      job.commit();

      RunReport report = RunReport.of(job).writeTo(RunReport.defaultFolder(job)).print();
      System.out.println("== sample of 20 mapped orders written to " + samplePath);
      System.out.println(
          "   query it in one call: Spigot.createTempView(ctx, \""
              + samplePath
              + "\", \"sample\")");
      report.page().ifPresent(p -> System.out.println("== open the run page in a browser: " + p));
      report.lineageEvents().ifPresent(f -> System.out.println("== OpenLineage events in " + f));
      long errors = orders.errorsCount();
      System.out.println(
          "== "
              + errors
              + " raw lines could not be read; they are the source's error records, the first"
              + " ones with their file, line and reason:");
      orders
          .errorsAsDynamicFrame()
          .toDF()
          .selectExpr(
              "regexp_extract(error.source, '[^/]*$', 0) AS file",
              "error.line AS line",
              "error.msg AS reason")
          .orderBy("file", "line")
          .show(3, 80);
      System.out.println(
          "   all of them, each with its raw text: orders.errorsAsDynamicFrame().show() in the job");
      System.out.println("== SQL over the published tables:");
      ctx.spark()
          .sql(
              "SELECT o.order_date, count(DISTINCT o.order_id) AS orders, round(sum(o.amount), 2) AS revenue, "
                  + "sum(i.qty) AS items FROM "
                  + ordersTable
                  + " o LEFT JOIN sales.order_items i ON i.order_id = o.order_id "
                  + "GROUP BY o.order_date ORDER BY o.order_date")
          .show(50, false);
      ctx.spark().sql("SELECT count(*) AS quarantined FROM sales.orders_quarantine").show();
      if (readBack.isPresent()) {
        List<Row> snapshots =
            ctx.spark()
                .sql(
                    "SELECT snapshot_id, operation FROM "
                        + ordersTable
                        + ".snapshots ORDER BY committed_at")
                .collectAsList();
        System.out.println(
            "== Iceberg table "
                + ordersTable
                + ": "
                + snapshots.size()
                + " snapshots, this run's "
                + snapshots.get(snapshots.size() - 1).getLong(0)
                + " ("
                + snapshots.get(snapshots.size() - 1).getString(1)
                + "); the bookmarked read "
                + READ_PUBLISHED_ORDERS
                + " read "
                + readBack.get().count()
                + " orders: those of the snapshots committed since the last run (on a first run,"
                + " the whole table):");
        readBack
            .get()
            .toDF()
            .groupBy("order_date")
            .count()
            .withColumnRenamed("count", "orders")
            .orderBy("order_date")
            .show(50, false);
      }
      long customersRead = 0;
      if (shop != null) {
        customersRead =
            report.steps().stream()
                .filter(s -> s.id().equals("read_customers"))
                .mapToLong(RunReport.Step::recordsOut)
                .sum();
        System.out.println(
            "== "
                + customersRead
                + " new customers read from PostgreSQL through connection '"
                + ShopDatabase.CONNECTION
                + "' (bookmark on customer_id); revenue by the customers' country:");
        ctx.spark()
            .sql(
                "SELECT c.country, count(DISTINCT c.customer_id) AS customers, count(DISTINCT"
                    + " o.order_id) AS orders, round(sum(o.amount), 2) AS revenue FROM"
                    + " sales.customers c LEFT JOIN "
                    + ordersTable
                    + " o ON o.customer_id ="
                    + " c.customer_id GROUP BY c.country ORDER BY c.country")
            .show(10, false);
      }
      System.out.println(NEXT_STEPS);
      List<String> read =
          job.filesRead().values().stream()
              .flatMap(List::stream)
              .map(InputFile::path)
              .sorted()
              .toList();
      return new Run(0, job.runId(), read, errors, published, customersRead, readBack);
    }
  }
}
