package io.dynaframe.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Glue-style pipeline over 2,000,000 records: ApplyMapping, ResolveChoice, Filter and SplitRows,
 * both frames written as Parquet through dynaframe's sinks, against the same pipeline written by
 * hand with DataFrames (see {@link OrdersWorkload}).
 */
public final class PipelineBenchmark implements Benchmark {
  private OrdersWorkload work;
  private Path lastDyna;
  private Path lastBase;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    work = OrdersWorkload.prepare(env);
  }

  @Override
  public void beforeRun(BenchEnv env) throws IOException {
    work.removeStaleOutputs();
  }

  @Override
  public void dynaframe(BenchEnv env) {
    lastDyna = work.nextOutput("dynaframe");
    work.dynaframe(env.context(), lastDyna, null);
  }

  @Override
  public void baseline(BenchEnv env) {
    lastBase = work.nextOutput("baseline");
    work.baseline(env.spark(), lastBase);
  }

  @Override
  public int repetitions() {
    return 9;
  }

  /**
   * Six: on a 2-core machine the JIT compiles in the background while both cores run tasks, and a
   * side's times still fall until its sixth or seventh run (dynaframe's side, with more code to
   * compile, falls for longer); BENCHMARKS.md shows the series.
   */
  @Override
  public int warmups() {
    return 6;
  }

  @Override
  public void verify(BenchEnv env) {
    for (String part : new String[] {"big", "rest"}) {
      String d = OrdersWorkload.summary(env.spark(), lastDyna.resolve(part));
      String b = OrdersWorkload.summary(env.spark(), lastBase.resolve(part));
      if (!d.equals(b)) {
        throw new IllegalStateException(
            "the pipelines disagree on " + part + ": dynaframe " + d + ", Spark " + b);
      }
      System.out.println("verified " + part + ": " + d);
    }
  }
}
