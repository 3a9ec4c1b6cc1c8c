package io.dynaframe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.Publisher;
import io.dynaframe.lakeformats.DataLakeFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Publishing a partitioned Iceberg table: 1,000,000 records in 200 {@code day} partitions published
 * with {@link Publisher} in format {@code iceberg} (one Iceberg commit replacing the partitions the
 * frame holds, then retention: snapshots older than the retention period expired, files no snapshot
 * references looked for) against Spark's own {@code writeTo(table).overwritePartitions()} of the
 * same rows into an identical table of the same catalog ({@code glue_catalog}, kept in dynaframe's
 * catalog). Both read the same 4 Parquet files.
 */
public final class IcebergPublishBenchmark implements Benchmark {
  static final long ROWS = 1_000_000L;
  static final int DAYS = 200;
  static final TableIdentifier TABLE = TableIdentifier.of("bench", "orders_published");
  static final String SPARK_TABLE = "glue_catalog.bench.orders_spark";

  private Path input;
  private Lake lake;
  private boolean published;
  private boolean written;

  @Override
  public Map<String, String> sessionConfig(Path workDir) {
    Map<String, String> conf =
        new java.util.LinkedHashMap<>(
            DataLakeFormats.of("iceberg")
                .sparkConf(workDir.resolve("iceberg-warehouse").toUri().toString()));
    // the benchmarks' session has no Hive: glue_catalog's tables are kept in the memory catalog
    conf.put("spark.dynaframe.catalog", "memory");
    return conf;
  }

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v1 rows=" + ROWS + " days=" + DAYS,
            d ->
                spark
                    .range(0, ROWS, 1, 4)
                    .select(
                        col("id").alias("order_id"),
                        concat(lit("customer-"), col("id").mod(10_000).cast("string"))
                            .alias("customer"),
                        col("id")
                            .multiply(7919)
                            .mod(100_000)
                            .divide(100)
                            .cast("decimal(10,2)")
                            .alias("amount"),
                        concat(lit("2026-"), col("id").mod(DAYS).cast("string")).alias("day"))
                    .write()
                    .parquet(d.resolve("orders").toString()));
    input = dir.resolve("orders");
    lake = Lake.at(env.workDir().resolve("lake"));
    DynaContext ctx = env.context();
    DatabaseName db = TABLE.database();
    if (!ctx.catalog().databaseExists(db)) {
      ctx.catalog().createDatabase(Database.of(db).withLocation(lake.load() + "/" + db.name()));
    }
    spark.sql("DROP TABLE IF EXISTS " + SPARK_TABLE);
    spark.sql("DROP TABLE IF EXISTS glue_catalog.bench." + TABLE.name());
    spark.sql(
        "CREATE TABLE "
            + SPARK_TABLE
            + " ("
            + spark.read().parquet(input.toString()).schema().toDDL()
            + ") USING iceberg PARTITIONED BY (day)");
  }

  @Override
  public void dynaframe(BenchEnv env) {
    DynaContext run = env.context().withRunId(DynaContext.newRunId());
    DynamicFrame orders =
        run.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "parquet",
            Options.empty(),
            "orders");
    Publisher.of(run, run.catalog(), lake).publish(orders, TABLE, "iceberg", List.of("day"));
    published = true;
  }

  @Override
  public void baseline(BenchEnv env) {
    try {
      env.spark().read().parquet(input.toString()).writeTo(SPARK_TABLE).overwritePartitions();
      written = true;
    } catch (Exception e) { // NoSuchTableException, checked and undeclared
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void verify(BenchEnv env) {
    if (!published || !written) { // no warm-up: one untimed run of each side
      dynaframe(env);
      baseline(env);
    }
    Row published =
        env.spark()
            .table("glue_catalog.bench." + TABLE.name())
            .agg(count(lit(1)), sum("amount"), countDistinct("day"))
            .first();
    Row plain =
        env.spark()
            .table(SPARK_TABLE)
            .agg(count(lit(1)), sum("amount"), countDistinct("day"))
            .first();
    if (!published.equals(plain) || published.getLong(0) != ROWS || published.getLong(2) != DAYS) {
      throw new IllegalStateException(
          "the published table holds " + published + ", Spark's write " + plain);
    }
    System.out.println(
        "verified: " + published.getLong(0) + " records in " + DAYS + " partitions in both tables");
  }
}
