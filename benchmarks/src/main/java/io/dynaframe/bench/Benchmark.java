package io.dynaframe.bench;

import java.io.IOException;

/**
 * One benchmark: a piece of work done with dynaframe and the same work done with plain Spark (the
 * baseline), timed in the same JVM by {@link BenchMain}.
 *
 * <p>A benchmark is found by its name: {@code ./bench json-inference} runs the class {@code
 * io.dynaframe.bench.JsonInferenceBenchmark} (the name in camel case plus {@code Benchmark}, in
 * this package). Adding one is adding such a class with a public no-argument constructor; see
 * BENCHMARKS.md.
 */
public interface Benchmark {

  /**
   * Creates the input under {@link BenchEnv#dataDir()} unless it is there already, the same bytes
   * on every machine. Not timed.
   */
  void prepare(BenchEnv env) throws IOException;

  /**
   * Called before every run of either side, warm-ups included, outside the timed region: removes
   * what earlier runs left behind (their outputs), so that no side pays for a delete while it is
   * timed. Does nothing by default.
   */
  default void beforeRun(BenchEnv env) throws IOException {}

  /** One run of the work with dynaframe. Timed. */
  void dynaframe(BenchEnv env);

  /** One run of the same work with plain Spark. Timed. */
  void baseline(BenchEnv env);

  /**
   * Checks once, untimed, after the warm-up, that both sides computed the same thing (for example
   * the same number of records); throws {@link IllegalStateException} if not.
   */
  void verify(BenchEnv env);

  /**
   * Lines printed after the timed repetitions, before the final ratio line, given the two sides'
   * median times in seconds; for a benchmark that derives more figures from them. None by default.
   */
  default java.util.List<String> summary(double dynaframeMedian, double baselineMedian) {
    return java.util.List.of();
  }

  /**
   * Spark settings the session must be made with (static ones, such as SQL extensions and
   * catalogs), given the folder the run works in. None by default.
   */
  default java.util.Map<String, String> sessionConfig(java.nio.file.Path workDir) {
    return java.util.Map.of();
  }

  /**
   * Timed repetitions when {@code --reps} is not given. Short benchmarks (a few seconds a side)
   * take more, so that the median is steady.
   */
  default int repetitions() {
    return 5;
  }

  /**
   * Untimed warm-up runs of each side when {@code --warmup} is not given. The JIT needs a few runs
   * of a short benchmark before its times settle.
   */
  default int warmups() {
    return 1;
  }
}
