package io.dynaframe.bench;

import io.dynaframe.DynaContext;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What a benchmark runs with: the dynaframe context on the local Spark session that both sides
 * share, and the folder that holds the benchmark's generated input.
 *
 * @param context the dynaframe context; {@code context.spark()} is the session of the baseline too
 * @param dataDir the benchmark's own input folder, kept between runs
 * @param workDir a scratch folder for the benchmark's output, emptied before each run of the
 *     program
 */
public record BenchEnv(DynaContext context, Path dataDir, Path workDir) {

  /** The shared Spark session. */
  public SparkSession spark() {
    return context.spark();
  }
}
