package io.dynaframe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writing 1,000,000 rows (4 Parquet files, so 4 writers a side) into a PostgreSQL table:
 * dynaframe's {@code postgresql} sink with {@code writeMode: publish} (the rows written into a
 * staging table, which is then swapped in for the table in one transaction, the old one kept as
 * {@code __previous}) against Spark's own {@code write().mode(Overwrite).jdbc(...)} (the table
 * dropped, created and filled); both with {@code batchsize} 1000, the same database in the same
 * run. The database is an embedded PostgreSQL (binaries from Maven jars) started empty for each run
 * of the program.
 */
public final class JdbcWriteBenchmark implements Benchmark {
  static final long ROWS = 1_000_000L;
  static final String BATCH = "1000";

  private Path input;
  private BenchPostgres pg;
  private boolean wroteDynaframe;
  private boolean wroteBaseline;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v1 rows=" + ROWS,
            d ->
                env.spark()
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
                        date_add(to_date(lit("2026-01-01")), col("id").mod(200).cast("int"))
                            .alias("day"),
                        md5(col("id").cast("string").cast("binary")).alias("note"))
                    .write()
                    .parquet(d.resolve("orders").toString()));
    input = dir.resolve("orders");
    pg = BenchPostgres.start(env.workDir().resolve("pg"), true);
    pg.sql("CREATE SCHEMA bench");
  }

  @Override
  public void dynaframe(BenchEnv env) {
    DynamicFrame orders =
        env.context()
            .createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(input.toString())),
                "parquet",
                Options.empty(),
                "orders");
    env.context()
        .writeDynamicFrameFromOptions(
            orders,
            "postgresql",
            Options.of(
                "url", pg.url(),
                "user", "postgres",
                "dbtable", "bench.orders_published",
                "writeMode", "publish",
                "batchsize", BATCH),
            "",
            Options.empty(),
            "publish_orders");
    wroteDynaframe = true;
  }

  @Override
  public void baseline(BenchEnv env) {
    env.spark()
        .read()
        .parquet(input.toString())
        .write()
        .mode(SaveMode.Overwrite)
        .option("batchsize", BATCH)
        .jdbc(pg.url(), "bench.orders_spark", pg.sparkProperties());
    wroteBaseline = true;
  }

  @Override
  public void verify(BenchEnv env) {
    // without warm-ups nothing has been written yet: each side writes once here, untimed
    if (!wroteDynaframe) {
      dynaframe(env);
    }
    if (!wroteBaseline) {
      baseline(env);
    }
    Row published = aggregate(env, "bench.orders_published");
    Row plain = aggregate(env, "bench.orders_spark");
    Row source =
        env.spark()
            .read()
            .parquet(input.toString())
            .agg(count(lit(1)), sum("order_id"), sum("amount"))
            .first();
    if (!published.equals(plain) || !published.equals(source) || published.getLong(0) != ROWS) {
      throw new IllegalStateException(
          "the published table holds "
              + published
              + ", Spark's "
              + plain
              + ", the input "
              + source);
    }
    System.out.println("verified: both tables hold " + published);
  }

  private Row aggregate(BenchEnv env, String table) {
    return env.spark()
        .read()
        .jdbc(pg.url(), table, pg.sparkProperties())
        .agg(count(lit(1)), sum("order_id"), sum("amount"))
        .first();
  }
}
