package io.dynaframe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynaContext;
import io.dynaframe.testing.SyntheticOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How the time of one dynaframe pipeline grows with its input: the same Glue-style pipeline
 * (ApplyMapping, ResolveChoice, Filter, SplitRows, both parts written as Parquet) over 1,000,000,
 * 4,000,000 and 16,000,000 generated orders ({@link SyntheticOrders}) in 8 Parquet files each.
 *
 * <p>The framework times a "dynaframe" side against a "baseline" side; here both sides run
 * dynaframe, and the sides are input sizes:
 *
 * <ul>
 *   <li>{@code dynaframe} = the pipeline over 16M records;
 *   <li>{@code baseline} = the same pipeline over 4M records.
 * </ul>
 *
 * So the final line {@code scale ratio=<t(16M)/t(4M)> dynaframe=<t 16M>s baseline=<t 4M>s} gives
 * how time grows for 4 times the data; the target is a ratio of at most 4.2 (linear growth plus
 * 5%). A fixed cost (planning, job start, the first files) makes the ratio smaller than the growth
 * of the work itself, so {@link #verify} also times the 1M pipeline (median of three runs), and the
 * line before the last separates the two: the least-squares line {@code t = fixed + perMillion * n}
 * through the three sizes, and the ratio of the marginal times {@code (t(16M) - t(4M)) / (t(4M) -
 * t(1M))}, which is 4 when the work beyond the fixed cost grows linearly.
 *
 * <p>{@code -Dbench.scale=short} divides every size by 16 (62,500, 250,000, 1,000,000 records): the
 * short version CI runs to catch a growth that is far from linear, in about a minute.
 */
public final class ScaleBenchmark implements Benchmark {
  private static final int FILES = 8;

  private final long small;
  private final long medium;
  private final long large;
  private Path inputs;
  private Path work;
  private int runs;
  private final List<Path> stale = new ArrayList<>();
  private Path latest;
  private double smallSeconds = Double.NaN;

  /** For the framework; sizes from {@code bench.scale} ({@code full}, the default, or short). */
  public ScaleBenchmark() {
    String scale = System.getProperty("bench.scale", "full");
    long divisor =
        switch (scale) {
          case "full" -> 1;
          case "short" -> 16;
          default ->
              throw new IllegalArgumentException(
                  "bench.scale is 'full' or 'short', not '" + scale + "'");
        };
    small = 1_000_000L / divisor;
    medium = 4_000_000L / divisor;
    large = 16_000_000L / divisor;
  }

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    inputs =
        Inputs.ensure(
            env.dataDir(),
            "v2 rows=" + small + "," + medium + "," + large + " files=" + FILES,
            dir -> {
              for (long n : new long[] {small, medium, large}) {
                SyntheticOrders.generate(spark, n, FILES)
                    .write()
                    .parquet(dir.resolve("rows-" + n).toString());
              }
            });
    work = env.workDir();
  }

  @Override
  public void beforeRun(BenchEnv env) throws IOException {
    for (Path p : stale) {
      Inputs.deleteTree(p);
    }
    stale.clear();
  }

  @Override
  public void dynaframe(BenchEnv env) {
    run(env.context(), large);
  }

  @Override
  public void baseline(BenchEnv env) {
    run(env.context(), medium);
  }

  /** The pipeline over {@code n} records; returns its output folder. */
  private Path run(DynaContext ctx, long n) {
    if (latest != null) {
      stale.add(latest);
    }
    Path out = work.resolve("rows-" + n + "-" + (++runs));
    latest = out;
    OrdersWorkload.pipeline(ctx, inputs.resolve("rows-" + n), out, null);
    return out;
  }

  @Override
  public void verify(BenchEnv env) {
    check(env.spark(), latest, medium);
    double[] times = new double[3];
    for (int i = 0; i < times.length; i++) {
      try {
        beforeRun(env);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.gc();
      long start = System.nanoTime();
      Path out = run(env.context(), small);
      times[i] = (System.nanoTime() - start) / 1e9;
      check(env.spark(), out, small);
    }
    smallSeconds = BenchMain.median(times);
    Path out = run(env.context(), large);
    check(env.spark(), out, large);
    System.out.printf(Locale.ROOT, "scale %,d records: %.2fs (median of 3)%n", small, smallSeconds);
  }

  /**
   * The fixed cost and the time per million records of the least-squares line through (n, t) for
   * the three sizes, and the ratio of the marginal times.
   */
  @Override
  public List<String> summary(double largeSeconds, double mediumSeconds) {
    double[] n = {small / 1e6, medium / 1e6, large / 1e6};
    double[] t = {smallSeconds, mediumSeconds, largeSeconds};
    double meanN = (n[0] + n[1] + n[2]) / 3;
    double meanT = (t[0] + t[1] + t[2]) / 3;
    double cov = 0;
    double var = 0;
    for (int i = 0; i < 3; i++) {
      cov += (n[i] - meanN) * (t[i] - meanT);
      var += (n[i] - meanN) * (n[i] - meanN);
    }
    double perMillion = cov / var;
    double fixed = meanT - perMillion * meanN;
    double marginal = (largeSeconds - mediumSeconds) / (mediumSeconds - smallSeconds);
    return List.of(
        String.format(
            Locale.ROOT,
            "scale fit: t(%s)=%.2fs t(%s)=%.2fs t(%s)=%.2fs; fixed=%.2fs perMillion=%.3fs;"
                + " marginal ratio (t(%s)-t(%s))/(t(%s)-t(%s))=%.2f (linear: 4)",
            label(small),
            smallSeconds,
            label(medium),
            mediumSeconds,
            label(large),
            largeSeconds,
            fixed,
            perMillion,
            label(large),
            label(medium),
            label(medium),
            label(small),
            marginal));
  }

  private static String label(long n) {
    if (n % 1_000_000 == 0) {
      return (n / 1_000_000) + "M";
    }
    return n % 1000 == 0 ? (n / 1000) + "k" : String.format(Locale.ROOT, "%.1fk", n / 1000.0);
  }

  /**
   * The counts the generator implies: 9 in 10 orders are kept; every kept order is in exactly one
   * part; the sums of order ids match; the {@code "n/a"} amounts (ids 3 mod 1000, none of them
   * cancelled) are null and land in {@code rest}.
   */
  private static void check(SparkSession spark, Path out, long n) {
    Row big =
        spark
            .read()
            .parquet(out.resolve("big").toString())
            .agg(count(lit(1)), sum("order_id"), count(col("amount")))
            .first();
    Row rest =
        spark
            .read()
            .parquet(out.resolve("rest").toString())
            .agg(count(lit(1)), sum("order_id"), count(col("amount")))
            .first();
    long kept = SyntheticOrders.kept(n);
    long idSum = SyntheticOrders.keptIdSum(n);
    long rows = big.getLong(0) + rest.getLong(0);
    long ids = big.getLong(1) + rest.getLong(1);
    long nulls = rest.getLong(0) - rest.getLong(2);
    long expectedNulls = SyntheticOrders.notAvailableAmounts(n);
    if (rows != kept || ids != idSum || nulls != expectedNulls || big.getLong(0) == 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%,d records: expected %,d kept (id sum %d, %d null "
                  + "amounts), got %,d big + %,d rest (id sum %d, %d null amounts)",
              n,
              kept,
              idSum,
              expectedNulls,
              big.getLong(0),
              rest.getLong(0),
              ids,
              nulls));
    }
    System.out.printf(
        Locale.ROOT,
        "verified %,d records: %,d kept = %,d big + %,d rest, %d null amounts%n",
        n,
        kept,
        big.getLong(0),
        rest.getLong(0),
        nulls);
  }

  @Override
  public int repetitions() {
    return 3;
  }

  @Override
  public int warmups() {
    return 1;
  }
}
