package io.dynaframe.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;

import io.dynaframe.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reading Parquet: 10,000,000 rows in 8 files, read as a DynamicFrame, turned into a DataFrame with
 * {@code toDF()} and aggregated by key, versus the same aggregate over {@code
 * spark.read().parquet(...)}. Both collect the 1,000 result rows.
 */
public final class ParquetReadBenchmark implements Benchmark {

  static final long ROWS = 10_000_000L;
  static final int FILES = 8;

  private Path input;
  private List<Row> expected;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v1 rows=" + ROWS + " files=" + FILES,
            d ->
                spark
                    .range(0, ROWS, 1, FILES)
                    .select(
                        col("id"),
                        col("id").mod(1000).alias("key"),
                        col("id")
                            .multiply(7919)
                            .mod(100_000)
                            .divide(100)
                            .cast("decimal(12,2)")
                            .alias("amount"),
                        col("id").mod(17).cast("int").alias("qty"),
                        concat(lit("customer-"), col("id").mod(50_000).cast("string"))
                            .alias("customer"),
                        timestamp_seconds(lit(1_780_000_000L).plus(col("id"))).alias("ts"))
                    .write()
                    .parquet(d.resolve("data").toString()));
    input = dir.resolve("data");
  }

  private static Dataset<Row> aggregate(Dataset<Row> df) {
    return df.groupBy("key")
        .agg(
            count(lit(1)).alias("n"),
            sum("amount").alias("amount"),
            avg("qty").alias("qty"),
            max("customer").alias("customer"),
            max("ts").alias("ts"))
        .orderBy("key");
  }

  private List<Row> runDynaframe(BenchEnv env) {
    Dataset<Row> df =
        env.context()
            .createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(input.toString())),
                "parquet",
                Options.empty(),
                "orders")
            .toDF();
    return aggregate(df).collectAsList();
  }

  private List<Row> runBaseline(BenchEnv env) {
    return aggregate(env.spark().read().parquet(input.toString())).collectAsList();
  }

  @Override
  public void dynaframe(BenchEnv env) {
    runDynaframe(env);
  }

  @Override
  public void baseline(BenchEnv env) {
    runBaseline(env);
  }

  /**
   * Each side takes about two seconds, so its times vary by ±10 %: more runs, after a longer
   * warm-up.
   */
  @Override
  public int repetitions() {
    return 9;
  }

  @Override
  public int warmups() {
    return 3;
  }

  @Override
  public void verify(BenchEnv env) {
    List<Row> d = runDynaframe(env);
    List<Row> b = runBaseline(env);
    if (d.size() != 1000 || !d.equals(b)) {
      throw new IllegalStateException(
          "dynaframe and Spark disagree: "
              + d.size()
              + " vs "
              + b.size()
              + " rows; first "
              + (d.isEmpty() ? "-" : d.get(0))
              + " vs "
              + (b.isEmpty() ? "-" : b.get(0)));
    }
  }
}
