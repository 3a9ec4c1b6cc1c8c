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
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.job.Publication;
import io.dynaframe.job.Publisher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Publishing a partitioned table: 1,000,000 records in 200 {@code day} partitions written as a new
 * version of a catalog table with {@link Publisher} (files written into a staging folder and moved
 * into {@code LOAD/<db>/<table>/v-<run>/day=.../} under names that say what they hold, 200
 * partitions registered in an in-memory catalog, the version recorded, older versions kept) against
 * a plain {@code partitionBy("day")} Parquet write of the same rows. Both read the same 4 Parquet
 * files, so each writes about 800 files.
 */
public final class PublishBenchmark implements Benchmark {
  static final long ROWS = 1_000_000L;
  static final int DAYS = 200;
  static final TableIdentifier TABLE = TableIdentifier.of("bench", "orders");

  private Path input;
  private Path out;
  private Catalog catalog;
  private Lake lake;
  private Publication last;
  private Path lastPlain;
  private Path stalePlain;
  private int runs;

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
    out = env.workDir();
    catalog = InMemoryCatalog.create();
    lake = Lake.at(out.resolve("lake"));
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
    last = Publisher.of(run, catalog, lake).publish(orders, TABLE, "parquet", List.of("day"));
  }

  /** Removes the previous plain write (untimed); the lake's retention is dynaframe's own work. */
  @Override
  public void beforeRun(BenchEnv env) throws IOException {
    if (stalePlain != null) {
      Inputs.deleteTree(stalePlain);
      stalePlain = null;
    }
  }

  @Override
  public void baseline(BenchEnv env) {
    stalePlain = lastPlain;
    lastPlain = out.resolve("plain-" + ++runs);
    env.spark()
        .read()
        .parquet(input.toString())
        .write()
        .partitionBy("day")
        .parquet(lastPlain.toString());
  }

  @Override
  public int repetitions() {
    return 7;
  }

  @Override
  public int warmups() {
    return 2;
  }

  @Override
  public void verify(BenchEnv env) {
    if (last.partitions().size() != DAYS || catalog.listAllPartitions(TABLE, null).size() != DAYS) {
      throw new IllegalStateException(
          "expected " + DAYS + " partitions published, got " + last.partitions().size());
    }
    Row published =
        env.spark()
            .read()
            .option("basePath", last.location())
            .parquet(last.location() + "/day=*")
            .agg(count(lit(1)), sum("amount"), countDistinct("day"))
            .first();
    Row plain =
        env.spark()
            .read()
            .parquet(lastPlain.toString())
            .agg(count(lit(1)), sum("amount"), countDistinct("day"))
            .first();
    if (!published.equals(plain) || published.getLong(0) != ROWS) {
      throw new IllegalStateException(
          "the published version holds " + published + ", the plain write " + plain);
    }
    System.out.println(
        "verified: "
            + published.getLong(0)
            + " records in "
            + DAYS
            + " partitions at "
            + last.location());
  }
}
