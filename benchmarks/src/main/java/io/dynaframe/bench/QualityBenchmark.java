package io.dynaframe.bench;

import io.dynaframe.quality.DataQualityResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data quality: {@code EvaluateDataQuality} with a ruleset of 15 common rules on 10,000,000 orders
 * (Parquet), against Amazon Deequ's {@code VerificationSuite} with the equivalent checks on the
 * Glue 5 target (Deequ 2.0.7 for Spark 3.5, a dependency of this module's default profile only).
 * Deequ has no build for Spark 4: on the Glue 6 target ({@code ./bench --glue6 quality}) the
 * baseline is plain Spark computing the same metrics (one aggregate pass and a group-by per
 * frequency metric). {@code quality-aggregates} compares with one plain aggregate pass.
 */
public final class QualityBenchmark implements Benchmark {
  private Path data;
  private Function<Dataset<Row>, Boolean> deequ;
  private DataQualityResult last;

  @Override
  @SuppressWarnings("unchecked")
  public void prepare(BenchEnv env) throws IOException {
    data = QualityWorkload.prepare(env);
    try {
      deequ =
          (Function<Dataset<Row>, Boolean>)
              Class.forName("io.dynaframe.bench.DeequChecks")
                  .getDeclaredConstructor()
                  .newInstance();
      System.out.println("baseline: Amazon Deequ's VerificationSuite with the equivalent checks");
    } catch (ReflectiveOperationException e) {
      deequ = null;
      System.out.println(
          "baseline: plain Spark computing the same metrics (no Deequ build for this Spark)");
    }
  }

  @Override
  public void dynaframe(BenchEnv env) {
    last = QualityWorkload.dynaframe(env, data);
  }

  @Override
  public void baseline(BenchEnv env) {
    Dataset<Row> df = QualityWorkload.read(env, data);
    if (deequ != null) {
      if (!deequ.apply(df)) {
        throw new IllegalStateException("Deequ's checks did not all pass");
      }
    } else {
      QualityWorkload.sameMetrics(df);
    }
  }

  @Override
  public void verify(BenchEnv env) {
    Map<String, Double> plain = QualityWorkload.sameMetrics(QualityWorkload.read(env, data));
    QualityWorkload.verify(last, plain);
    if (deequ != null && !deequ.apply(QualityWorkload.read(env, data))) {
      throw new IllegalStateException("Deequ's checks did not all pass");
    }
  }

  @Override
  public int repetitions() {
    return 5;
  }
}
