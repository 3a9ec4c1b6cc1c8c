package io.dynaframe.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Generated orders for load tests and benchmarks, any number of them without input files: every
 * value is a function of the order's id, so what a pipeline over them must output can be counted
 * here instead of read back from a second run.
 *
 * <p>Orders have ids 0 to n-1 and the columns {@code id} (long), {@code customer_name}, {@code
 * amount_text} (the amount {@code (id * 7919 mod 100000) / 100} as text with two decimals, {@code
 * "n/a"} for ids 3 mod 1000), {@code qty} (int), {@code status} ({@code "cancelled"} for ids 0 mod
 * 10, else {@code "shipped"}) and {@code region}.
 */
public final class SyntheticOrders {
  private SyntheticOrders() {}

  /** {@code n} orders in {@code partitions} partitions, made by {@code spark.range}. */
  public static Dataset<Row> generate(SparkSession spark, long n, int partitions) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    return spark
        .range(0, n, 1, partitions)
        .select(
            col("id"),
            concat(lit("customer-"), col("id").mod(50_000).cast("string")).alias("customer_name"),
            when(col("id").mod(1000).equalTo(3), lit("n/a"))
                .otherwise(
                    col("id")
                        .multiply(7919)
                        .mod(100_000)
                        .divide(100)
                        .cast("decimal(10,2)")
                        .cast("string"))
                .alias("amount_text"),
            col("id").mod(9).cast("int").alias("qty"),
            when(col("id").mod(10).equalTo(0), lit("cancelled"))
                .otherwise(lit("shipped"))
                .alias("status"),
            concat(lit("r"), col("id").mod(16).cast("string")).alias("region"));
  }

  /** How many of {@code n} orders are cancelled (ids 0 mod 10). */
  public static long cancelled(long n) {
    return (n + 9) / 10;
  }

  /** How many of {@code n} orders are not cancelled. */
  public static long kept(long n) {
    return n - cancelled(n);
  }

  /** The sum of the ids of the orders not cancelled. */
  public static long keptIdSum(long n) {
    long c = cancelled(n);
    return n * (n - 1) / 2 - 10 * (c * (c - 1) / 2);
  }

  /** How many orders have the amount {@code "n/a"} (ids 3 mod 1000; none of them cancelled). */
  public static long notAvailableAmounts(long n) {
    return (n + 996) / 1000;
  }

  /**
   * How many orders not cancelled have an amount (not {@code "n/a"}) greater than {@code amount}.
   */
  public static long keptWithAmountAbove(long n, long amount) {
    // the amount depends on id mod 100000, the other conditions on id mod 1000: count one period,
    // then the rest
    long period = 100_000;
    long perPeriod = 0;
    long partial = 0;
    long rem = n % period;
    for (long i = 0; i < period; i++) {
      if (i % 10 != 0 && i % 1000 != 3 && (i * 7919) % period > amount * 100) {
        perPeriod++;
        if (i < rem) {
          partial++;
        }
      }
    }
    return (n / period) * perPeriod + partial;
  }
}
