package io.dynaframe.bench;

import io.dynaframe.DynaContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs one benchmark: prepares its input, warms up both sides, checks that they agree, then times
 * several repetitions, dynaframe and baseline alternating (the order flips every repetition so that
 * neither side always runs on a warmer JVM), and prints the medians. The last line printed is
 * {@code NAME ratio=<x.xx> dynaframe=<s>s baseline=<s>s unpaired=<x.xx>} with ratio = the median
 * over the repetitions of (dynaframe time / baseline time), the times the two sides' medians, and
 * unpaired = median dynaframe time / median baseline time.
 *
 * <p>Usage: {@code BenchMain [--reps N] [--warmup N] NAME}, or {@code --list}. System properties:
 * {@code bench.data} (input root, default {@code benchmarks/target/bench-data}), {@code bench.work}
 * (Spark's scratch folder), {@code bench.results} (a folder where a line per run is appended to
 * {@code NAME.log}), {@code bench.master} (default {@code local[2]}).
 */
public final class BenchMain {
  private BenchMain() {}

  /** Entry point; exits with 2 on a usage error and 1 when the benchmark fails. */
  public static void main(String[] args) throws IOException {
    int reps = -1;
    int warmups = -1;
    String name = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reps" -> reps = positive(args, ++i, "--reps");
        case "--warmup" -> warmups = Integer.parseInt(value(args, ++i, "--warmup"));
        case "--list" -> {
          Benchmarks.names().forEach(System.out::println);
          return;
        }
        default -> {
          if (args[i].startsWith("-") || name != null) {
            usage("unexpected argument '" + args[i] + "'");
          }
          name = args[i];
        }
      }
    }
    if (name == null) {
      usage("which benchmark? one of " + Benchmarks.names());
    }
    Benchmark bench;
    try {
      bench = Benchmarks.create(name);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
      return;
    }
    System.exit(
        run(
            name,
            bench,
            reps > 0 ? reps : bench.repetitions(),
            warmups >= 0 ? warmups : bench.warmups()));
  }

  private static int run(String name, Benchmark bench, int reps, int warmups) throws IOException {
    Path dataRoot =
        Path.of(System.getProperty("bench.data", "benchmarks/target/bench-data")).toAbsolutePath();
    Path work =
        Path.of(System.getProperty("bench.work", "benchmarks/target/bench-work")).toAbsolutePath();
    String master = System.getProperty("bench.master", "local[2]");
    Files.createDirectories(work);
    Inputs.deleteTree(work.resolve("warehouse"));
    DynaContext.LocalBuilder builder =
        DynaContext.local()
            .master(master)
            .appName("bench-" + name)
            .dataDir(work)
            .hiveSupport(false)
            .shufflePartitions(4);
    bench.sessionConfig(work).forEach(builder::config);
    DynaContext ctx = builder.build();
    Path scratch = work.resolve("out").resolve(name);
    Inputs.deleteTree(scratch);
    Files.createDirectories(scratch);
    BenchEnv env = new BenchEnv(ctx, dataRoot.resolve(name), scratch);
    double[] dyna = new double[reps];
    double[] base = new double[reps];
    try {
      System.out.printf(
          Locale.ROOT,
          "%s: Spark %s, %s, %d warm-up and %d timed repetitions, Java %s, %d cores%n",
          name,
          ctx.spark().version(),
          master,
          warmups,
          reps,
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      bench.prepare(env);
      for (int i = 0; i < warmups; i++) {
        double d = time(bench, bench::dynaframe, env);
        double b = time(bench, bench::baseline, env);
        System.out.printf(
            Locale.ROOT, "warm-up %d: dynaframe %.2fs, baseline %.2fs%n", i + 1, d, b);
      }
      bench.verify(env);
      for (int i = 0; i < reps; i++) {
        if (i % 2 == 0) {
          dyna[i] = time(bench, bench::dynaframe, env);
          base[i] = time(bench, bench::baseline, env);
        } else {
          base[i] = time(bench, bench::baseline, env);
          dyna[i] = time(bench, bench::dynaframe, env);
        }
        System.out.printf(
            Locale.ROOT,
            "rep %d/%d: dynaframe %.2fs, baseline %.2fs%n",
            i + 1,
            reps,
            dyna[i],
            base[i]);
      }
    } catch (RuntimeException | IOException e) {
      System.out.println(name + " FAILED: " + e);
      e.printStackTrace(System.out);
      ctx.spark().stop();
      return 1;
    }
    ctx.spark().stop();
    double d = median(dyna);
    double b = median(base);
    bench.summary(d, b).forEach(System.out::println);
    String line =
        String.format(
            Locale.ROOT,
            "%s ratio=%.2f dynaframe=%.2fs baseline=%.2fs unpaired=%.2f",
            name,
            pairedRatio(dyna, base),
            d,
            b,
            d / b);
    record(name, ctx.spark().version(), master, reps, dyna, base, line);
    System.out.println(line);
    return 0;
  }

  private static double time(Benchmark bench, Consumer<BenchEnv> side, BenchEnv env)
      throws IOException {
    bench.beforeRun(env);
    System.gc();
    long start = System.nanoTime();
    side.accept(env);
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The median of the repetitions' ratios, each repetition's dynaframe time over its baseline time.
   * The two runs of a repetition are back to back, so they mostly share the machine's state; this
   * machine switches between a fast and a slow state for whole runs, and the ratio of the two
   * sides' medians (printed as {@code unpaired}) then depends on how many runs of each side
   * happened to fall in the slow state.
   */
  static double pairedRatio(double[] dyna, double[] base) {
    double[] r = new double[dyna.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = dyna[i] / base[i];
    }
    return median(r);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void record(
      String name,
      String sparkVersion,
      String master,
      int reps,
      double[] dyna,
      double[] base,
      String line)
      throws IOException {
    String dir = System.getProperty("bench.results");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path log = Path.of(dir).resolve(name + ".log");
    Files.createDirectories(log.getParent());
    List<String> parts = new ArrayList<>();
    parts.add(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    parts.add("spark=" + sparkVersion);
    parts.add("master=" + master);
    parts.add("cores=" + Runtime.getRuntime().availableProcessors());
    parts.add("reps=" + reps);
    parts.add("dynaframe=" + Arrays.toString(dyna));
    parts.add("baseline=" + Arrays.toString(base));
    parts.add(line);
    Files.writeString(
        log,
        String.join(" | ", parts) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String[] args, int i, String option) {
    int n = Integer.parseInt(value(args, i, option));
    if (n < 1) {
      usage(option + " must be at least 1");
    }
    return n;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: ./bench [--glue6] [--reps N] [--warmup N] NAME | --list");
    System.exit(2);
  }
}
