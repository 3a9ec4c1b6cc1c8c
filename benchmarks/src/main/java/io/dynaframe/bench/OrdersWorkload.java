package io.dynaframe.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import io.dynaframe.transforms.Spigot;
import io.dynaframe.transforms.SplitRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The order-cleaning pipeline that the {@code pipeline} and {@code spigot} benchmarks run:
 * 2,000,000 raw orders in 8 Parquet files, mapped (renames, a cast, one column dropped), the text
 * amount resolved to a double (1 in 1,000 is {@code "n/a"} and becomes null), cancelled orders
 * filtered out, the rest split into large orders (amount &gt; 500) and the others, and both written
 * as Parquet.
 */
final class OrdersWorkload {
  static final long ROWS = 2_000_000L;
  static final int FILES = 8;

  private final Path input;
  private final Path out;

  /** Per side: how many outputs it has had, and its latest output. */
  private final Map<String, Integer> runs = new HashMap<>();

  private final Map<String, Path> latest = new HashMap<>();
  private final List<Path> stale = new ArrayList<>();

  private OrdersWorkload(Path input, Path out) {
    this.input = input;
    this.out = out;
  }

  /** A workload over another input of the same columns, with its outputs under {@code out}. */
  static OrdersWorkload on(Path input, Path out) {
    return new OrdersWorkload(input, out);
  }

  /** Generates the input once (the same bytes on every machine). */
  static OrdersWorkload prepare(BenchEnv env) throws IOException {
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
                        concat(lit("customer-"), col("id").mod(40_000).cast("string"))
                            .alias("customer_name"),
                        when(col("id").mod(1000).equalTo(7), lit("n/a"))
                            .otherwise(
                                col("id")
                                    .multiply(7919)
                                    .mod(100_000)
                                    .divide(100)
                                    .cast("decimal(10,2)")
                                    .cast("string"))
                            .alias("amount_text"),
                        col("id").mod(12).cast("int").alias("qty"),
                        when(col("id").mod(10).equalTo(0), lit("cancelled"))
                            .when(col("id").mod(3).equalTo(0), lit("open"))
                            .otherwise(lit("shipped"))
                            .alias("status"),
                        concat(lit("r"), col("id").mod(20).cast("string")).alias("region"),
                        timestamp_seconds(lit(1_780_000_000L).plus(col("id"))).alias("ts"))
                    .write()
                    .parquet(d.resolve("orders").toString()));
    return new OrdersWorkload(dir.resolve("orders"), env.workDir());
  }

  /**
   * A new output folder for one run of {@code side}, numbered per side; the side's previous output
   * becomes stale and is removed by {@link #removeStaleOutputs} (untimed), not here.
   */
  Path nextOutput(String side) {
    int n = runs.merge(side, 1, Integer::sum);
    Path next = out.resolve(side + "-" + n);
    Path previous = latest.put(side, next);
    if (previous != null) {
      stale.add(previous);
    }
    return next;
  }

  /** Deletes every output but each side's latest; for {@link Benchmark#beforeRun}. */
  void removeStaleOutputs() throws IOException {
    for (Path p : stale) {
      Inputs.deleteTree(p);
    }
    stale.clear();
  }

  /** The pipeline with dynaframe over this workload's input. */
  void dynaframe(DynaContext ctx, Path target, Spigot spigot) {
    pipeline(ctx, input, target, spigot);
  }

  /**
   * The pipeline with dynaframe over Parquet files with the columns {@code id, customer_name,
   * amount_text, qty, status, region}, optionally with a Spigot after the filter; writes {@code
   * big/} and {@code rest/} under {@code target}.
   */
  static void pipeline(DynaContext ctx, Path input, Path target, Spigot spigot) {
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "parquet",
            Options.empty(),
            "orders");
    DynamicFrame mapped =
        ApplyMapping.apply(
            orders,
            List.of(
                MappingSpec.of("id", "long", "order_id", "long"),
                MappingSpec.of("customer_name", "string", "customer", "string"),
                MappingSpec.of("amount_text", "string", "amount", "string"),
                MappingSpec.of("qty", "int", "quantity", "long"),
                MappingSpec.of("status", "string", "status", "string"),
                MappingSpec.of("region", "string", "region", "string")),
            "map");
    DynamicFrame resolved =
        ResolveChoice.apply(mapped, List.of(ResolveSpec.of("amount", "cast:double")), "resolve");
    DynamicFrame kept = resolved.apply("keep", Filter.where(col("status").notEqual("cancelled")));
    if (spigot != null) {
      kept = kept.apply("sample", spigot);
    }
    FrameCollection split =
        SplitRows.apply(kept, Map.of("amount", Map.of(">", 500)), "big", "rest", "split");
    for (String name : List.of("big", "rest")) {
      ctx.writeDynamicFrameFromOptions(
          split.select(name),
          "s3",
          Options.of("path", target.resolve(name).toString()),
          "parquet",
          Options.empty(),
          "");
    }
  }

  /** The same pipeline written by hand with DataFrames. */
  void baseline(SparkSession spark, Path target) {
    Dataset<Row> kept =
        spark
            .read()
            .parquet(input.toString())
            .select(
                col("id").cast("long").alias("order_id"),
                col("customer_name").alias("customer"),
                // try_cast: "n/a" becomes null, also under Spark 4's ANSI mode, where cast fails
                expr("try_cast(amount_text AS double)").alias("amount"),
                col("qty").cast("long").alias("quantity"),
                col("status"),
                col("region"))
            .where(col("status").notEqual("cancelled"));
    Column big = coalesce(col("amount").gt(500), lit(false));
    kept.where(big).write().parquet(target.resolve("big").toString());
    kept.where(not(big)).write().parquet(target.resolve("rest").toString());
  }

  /** Count, sums and column names of one output, read back with Spark. */
  static String summary(SparkSession spark, Path output) {
    Dataset<Row> df = spark.read().parquet(output.toString());
    Row r = df.agg(count(lit(1)), sum("order_id"), sum("amount"), sum("quantity")).first();
    return java.util.Arrays.toString(df.schema().fieldNames())
        + " rows="
        + r.get(0)
        + " order_ids="
        + r.get(1)
        + " amount="
        + r.get(2)
        + " quantity="
        + r.get(3);
  }
}
