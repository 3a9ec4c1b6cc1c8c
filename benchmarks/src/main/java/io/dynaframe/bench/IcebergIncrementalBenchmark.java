package io.dynaframe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.lakeformats.DataLakeFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An incremental read of an Iceberg table: a job run with bookmarks reading the one snapshot
 * committed since its last run (300,000 records, 1% of the table's 30,300,000) through the catalog
 * source (Iceberg's incremental append scan), against a full scan of the table; both compute the
 * same aggregates over what they read. The job's run is not committed, so each repetition reads the
 * same new snapshot.
 */
public final class IcebergIncrementalBenchmark implements Benchmark {
  static final long ROWS = 30_000_000L;
  static final long NEW_ROWS = 300_000L;
  static final String DB = "bench";
  static final String TABLE = "events";
  static final String QUALIFIED = "glue_catalog." + DB + "." + TABLE;
  private static final String[] BOOKMARKS = {"--job-bookmark-option", "job-bookmark-enable"};

  private Lake lake;
  private Row lastRead;
  private Row lastScan;

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

  private static Dataset<Row> rows(SparkSession spark, long from, long to) {
    return spark
        .range(from, to, 1, 16)
        .select(
            col("id").alias("event_id"),
            concat(lit("customer-"), col("id").mod(10_000).cast("string")).alias("customer"),
            col("id").multiply(7919).mod(100_000).divide(100).cast("decimal(10,2)").alias("amount"),
            concat(lit("2026-"), col("id").mod(200).cast("string")).alias("day"));
  }

  /** What both sides compute over what they read. */
  private static Row aggregates(Dataset<Row> rows) {
    return rows.agg(count(lit(1)), sum("amount"), max("customer")).first();
  }

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    DynaContext ctx = env.context();
    lake = Lake.at(env.workDir().resolve("lake"));
    if (!ctx.catalog().databaseExists(DatabaseName.of(DB))) {
      ctx.catalog().createDatabase(Database.of(DB).withLocation(lake.load() + "/" + DB));
    }
    spark.sql("DROP TABLE IF EXISTS " + QUALIFIED);
    spark.sql(
        "CREATE TABLE "
            + QUALIFIED
            + " ("
            + rows(spark, 0, 1).schema().toDDL()
            + ") USING iceberg");
    try {
      rows(spark, 0, ROWS).writeTo(QUALIFIED).append();
      // the first run reads the table and commits its bookmark at this snapshot
      try (Job job = job(ctx)) {
        read(job).toDF().agg(count(lit(1))).first();
        job.commit();
      }
      rows(spark, ROWS, ROWS + NEW_ROWS).writeTo(QUALIFIED).append();
    } catch (Exception e) { // NoSuchTableException, checked and undeclared
      throw new IllegalStateException(e);
    }
  }

  private Job job(DynaContext ctx) {
    return Job.init("iceberg_incremental", ctx, JobArguments.resolve(BOOKMARKS), lake);
  }

  private static DynamicFrame read(Job job) {
    return job.context()
        .createDynamicFrameFromCatalog(DB, TABLE, "read_events", "", Options.empty());
  }

  @Override
  public void dynaframe(BenchEnv env) {
    try (Job job = job(env.context())) {
      lastRead = aggregates(read(job).toDF());
      // not committed: the next repetition reads the same snapshot again
    }
  }

  @Override
  public void baseline(BenchEnv env) {
    lastScan = aggregates(env.spark().table(QUALIFIED));
  }

  @Override
  public void verify(BenchEnv env) {
    if (lastRead == null || lastScan == null) { // no warm-up: one untimed run of each side
      dynaframe(env);
      baseline(env);
    }
    Row expected = aggregates(env.spark().table(QUALIFIED).where(col("event_id").geq(ROWS)));
    if (!lastRead.equals(expected) || lastRead.getLong(0) != NEW_ROWS) {
      throw new IllegalStateException(
          "the bookmarked read gave " + lastRead + ", the new snapshot holds " + expected);
    }
    if (lastScan.getLong(0) != ROWS + NEW_ROWS) {
      throw new IllegalStateException("the full scan counted " + lastScan);
    }
    System.out.println(
        "verified: the bookmarked read gave the new snapshot's "
            + NEW_ROWS
            + " records, the full scan "
            + lastScan.getLong(0));
  }
}
