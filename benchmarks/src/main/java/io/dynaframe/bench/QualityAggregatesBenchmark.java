package io.dynaframe.bench;

import io.dynaframe.quality.DataQualityResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the {@code quality} benchmark's ruleset costs over the least any check of its aggregate
 * rules can do: {@code EvaluateDataQuality} with the 15 rules on 10,000,000 orders against one
 * plain aggregate pass over the same data computing the aggregate metrics (no uniqueness or
 * distinct counts, no CustomSql).
 */
public final class QualityAggregatesBenchmark implements Benchmark {
  private Path data;
  private DataQualityResult last;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    data = QualityWorkload.prepare(env);
  }

  @Override
  public void dynaframe(BenchEnv env) {
    last = QualityWorkload.dynaframe(env, data);
  }

  @Override
  public void baseline(BenchEnv env) {
    QualityWorkload.oneAggregatePass(QualityWorkload.read(env, data));
  }

  @Override
  public void verify(BenchEnv env) {
    QualityWorkload.verify(last, QualityWorkload.sameMetrics(QualityWorkload.read(env, data)));
  }
}
