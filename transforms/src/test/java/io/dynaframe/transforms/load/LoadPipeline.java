package io.dynaframe.transforms.load;

import static org.apache.spark.sql.functions.col;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.testing.SyntheticOrders;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import io.dynaframe.transforms.SplitRows;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The program {@link PipelineLoadTest} runs in a JVM of its own: generates {@code N} orders ({@link
 * SyntheticOrders}) and runs them through ApplyMapping, ResolveChoice, Filter and SplitRows,
 * writing both parts as Parquet through dynaframe's sink, on Spark {@code local[2]}. It then reads
 * the output back and prints one line {@code RESULT key=value ...} with the counts, the time and
 * the heap figures.
 *
 * <p>Arguments: {@code N OUTPUT_DIR}.
 */
public final class LoadPipeline {
  private LoadPipeline() {}

  /** Entry point; a failure ends the JVM with a non-zero code and its stack trace. */
  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    Path out = Path.of(args[1]);
    DynaContext ctx =
        DynaContext.local()
            .master("local[2]")
            .appName("load-" + n)
            .dataDir(out.resolve("spark"))
            .hiveSupport(false)
            .shufflePartitions(4)
            .build();
    SparkSession spark = ctx.spark();
    long start = System.nanoTime();
    Dataset<Row> raw = SyntheticOrders.generate(spark, n, 16);
    DynamicFrame orders = DynamicFrame.fromDF(raw, ctx, "orders");
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
    FrameCollection split =
        SplitRows.apply(kept, Map.of("amount", Map.of(">", 500)), "big", "rest", "split");
    for (String part : List.of("big", "rest")) {
      ctx.writeDynamicFrameFromOptions(
          split.select(part),
          "s3",
          Options.of("path", out.resolve(part).toString()),
          "parquet",
          Options.empty(),
          "");
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    long big = spark.read().parquet(out.resolve("big").toString()).count();
    Dataset<Row> restDf = spark.read().parquet(out.resolve("rest").toString());
    long rest = restDf.count();
    long nullAmounts = restDf.where(col("amount").isNull()).count();
    long idSum =
        spark
            .read()
            .parquet(out.resolve("big").toString(), out.resolve("rest").toString())
            .agg(org.apache.spark.sql.functions.sum("order_id"))
            .first()
            .getLong(0);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
        peak = Math.max(peak, pool.getPeakUsage().getUsed());
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        Locale.ROOT,
        "RESULT records=%d big=%d rest=%d nullAmounts=%d idSum=%d seconds=%.1f "
            + "oldGenPeakMiB=%d maxHeapMiB=%d%n",
        n,
        big,
        rest,
        nullAmounts,
        idSum,
        seconds,
        peak >> 20,
        max >> 20);
    spark.stop();
  }
}
