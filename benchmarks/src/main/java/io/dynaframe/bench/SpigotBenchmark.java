package io.dynaframe.bench;

import io.dynaframe.transforms.Spigot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a sample costs: the {@code pipeline} benchmark's dynaframe pipeline with a {@code Spigot}
 * ({@code prob=0.01}, Glue's default {@code topk} of 100) after the filter, against the same
 * pipeline without it. Spigot samples inside the tasks that write the output, so the upstream frame
 * is not computed again for the sample.
 */
public final class SpigotBenchmark implements Benchmark {
  private OrdersWorkload work;
  private Path lastSampled;

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
    lastSampled = work.nextOutput("spigot");
    work.dynaframe(
        env.context(),
        lastSampled,
        Spigot.to(lastSampled.resolve("sample").toString()).withProb(0.01));
  }

  @Override
  public void baseline(BenchEnv env) {
    work.dynaframe(env.context(), work.nextOutput("plain"), null);
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
    Path sample = lastSampled.resolve("sample");
    long lines;
    try (Stream<Path> files = Files.list(sample)) {
      lines =
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .mapToLong(
                  p -> {
                    try (Stream<String> l = Files.lines(p)) {
                      return l.count();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .sum();
    } catch (IOException e) {
      throw new IllegalStateException("the Spigot wrote no sample at " + sample, e);
    }
    if (lines == 0) {
      throw new IllegalStateException("the Spigot's sample at " + sample + " is empty");
    }
    System.out.println("verified: the sample holds " + lines + " records in " + sample);
  }
}
