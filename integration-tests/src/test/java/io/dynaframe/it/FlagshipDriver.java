package io.dynaframe.it;

import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.examples.OrdersPipeline;
import io.dynaframe.job.Deployer;
import io.dynaframe.job.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the flagship job ({@link OrdersPipeline}) the way its tests need it, in a JVM of its own
 * whose classpath is Spark's jars plus the bundle and the examples jar: deploys the examples jar
 * into the lake's CODE area, lands and processes {@code --runs} batches, then writes a dump of
 * every published table as read back through the catalog with Spark SQL (catalog facts, schema, and
 * all rows as sorted JSON lines), plus what each run read. Two dumps are equal exactly when the
 * runs gave the same tables.
 *
 * <p>{@code FlagshipDriver --lake LAKE --catalog-dir DIR --orders-per-file N --runs N --dump FILE};
 * the Spark master and any Hadoop settings come from {@code -Dspark.*} system properties.
 */
public final class FlagshipDriver {
  private FlagshipDriver() {}

  public static void main(String[] argv) throws Exception {
    String lakeArg = null;
    Path catalogDir = null;
    Path dump = null;
    int perFile = OrdersPipeline.DEFAULT_ORDERS_PER_FILE;
    int runs = 2;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      switch (argv[i]) {
        case "--lake" -> lakeArg = argv[i + 1];
        case "--catalog-dir" -> catalogDir = Path.of(argv[i + 1]);
        case "--dump" -> dump = Path.of(argv[i + 1]);
        case "--orders-per-file" -> perFile = Integer.parseInt(argv[i + 1]);
        case "--runs" -> runs = Integer.parseInt(argv[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (lakeArg == null || catalogDir == null || dump == null) {
      throw new IllegalArgumentException("--lake, --catalog-dir and --dump are required");
    }
    Lake lake = lakeArg.contains("://") ? Lake.at(lakeArg) : Lake.at(Path.of(lakeArg));
    DynaContext ctx = DynaContext.local().appName(OrdersPipeline.JOB).dataDir(catalogDir).build();
    SparkSession spark = ctx.spark();
    try {
      Path jar =
          Path.of(OrdersPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // dynaframe itself (Glue does not bring it): core's jar, named with its Scala suffix
      Path dynaframe =
          Path.of(DynaContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Deployment deployed =
          Deployer.of(lake, spark.sparkContext().hadoopConfiguration())
              .deploy(OrdersPipeline.JOB, OrdersPipeline.class.getName(), List.of(jar, dynaframe));
      System.out.println("deployed " + deployed.location());

      Catalog catalog = EmbeddedCatalog.of(spark);
      List<OrdersPipeline.Run> done = OrdersPipeline.runBatches(ctx, catalog, lake, runs, perFile);

      List<String> lines = new ArrayList<>();
      for (int i = 0; i < done.size(); i++) {
        OrdersPipeline.Run r = done.get(i);
        List<String> read = r.filesRead().stream().map(f -> relative(lake.source(), f)).toList();
        lines.add(
            "run "
                + (i + 1)
                + " batch "
                + r.batch()
                + " errors "
                + r.errorRecords()
                + " read "
                + read);
      }
      for (TableIdentifier t : OrdersPipeline.TABLES) {
        lines.addAll(dumpTable(spark, catalog, lake, t));
      }
      Dataset<Row> check =
          spark.sql(
              "SELECT count(*) AS n, count(DISTINCT order_id) AS ids, "
                  + "sort_array(collect_set(CAST(floor(order_id / 10000) AS INT))) AS batches FROM sales.orders");
      lines.add("check sales.orders " + check.toJSON().first());
      check =
          spark.sql(
              "SELECT count(*) AS n, "
                  + "sort_array(collect_set(CAST(floor(order_id / 10000) AS INT))) AS batches FROM sales.orders_quarantine");
      lines.add("check sales.orders_quarantine " + check.toJSON().first());
      Files.write(dump, lines, StandardCharsets.UTF_8);
      System.out.println("dumped " + lines.size() + " lines to " + dump);
    } finally {
      spark.stop();
    }
  }

  /**
   * A table: its catalog entry (locations checked against the lake), its schema, and its rows
   * sorted.
   */
  private static List<String> dumpTable(
      SparkSession spark, Catalog catalog, Lake lake, TableIdentifier t) {
    List<String> lines = new ArrayList<>();
    TableDefinition def = catalog.getTable(t);
    String home = lake.tablePath(t.database().name(), t.name());
    List<Partition> partitions = catalog.listAllPartitions(t, null);
    String prefix = norm(home) + "/";
    boolean inLake =
        def.location().map(l -> norm(l).startsWith(prefix)).orElse(false)
            && partitions.stream()
                .allMatch(p -> p.location().map(l -> norm(l).startsWith(prefix)).orElse(false));
    if (!inLake) {
      throw new IllegalStateException(
          "table "
              + t
              + " or one of its partitions lies outside "
              + home
              + ": "
              + def.location()
              + " "
              + partitions);
    }
    lines.add(
        "table "
            + t
            + " format "
            + def.format()
            + " partition keys "
            + def.partitionKeyNames()
            + " partitions "
            + partitions.stream().map(p -> String.join("/", p.values())).sorted().toList()
            + " all under "
            + relative(lake.load(), home));
    Dataset<Row> rows = spark.table(t.toString());
    lines.add("schema " + t + " " + rows.schema().toDDL());
    List<String> json = new ArrayList<>(rows.toJSON().collectAsList());
    json.sort(null);
    lines.add("rows " + t + " " + json.size());
    json.forEach(j -> lines.add("row " + t + " " + j));
    return lines;
  }

  /** A path or URI with {@code file:} URIs as plain paths and s3a/s3n as s3. */
  private static String norm(String path) {
    return path.replaceFirst("^file:/+", "/").replaceFirst("^s3[an]?://", "s3://");
  }

  private static String relative(String root, String path) {
    String p = norm(path);
    String r = norm(root);
    if (!p.startsWith(r + "/")) {
      throw new IllegalStateException(path + " is not under " + root);
    }
    return p.substring(r.length() + 1);
  }
}
