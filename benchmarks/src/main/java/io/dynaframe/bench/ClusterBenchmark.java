package io.dynaframe.bench;

import io.dynaframe.testing.SyntheticOrders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code pipeline} work (dynaframe's side) over 8,000,000 generated orders in 16 Parquet files
 * on a Spark standalone cluster of a master and two workers with one core each, started as the
 * integration tests' cluster test starts it, versus the same work on {@code local[1]}. Here the
 * "dynaframe" time is the cluster's and the "baseline" time the one of {@code local[1]}: the ratio
 * is cluster time over {@code local[1]} time, 0.5 for a perfect speed-up of 2 (target ≤ 0.625, a
 * speed-up of 1.6 or more).
 *
 * <p>Each one-core side is held to one CPU as a one-core machine would be (where {@code taskset}
 * and at least two CPUs are there): worker 1, and so its executor, on the first CPU, worker 2 and
 * its executor on the second, and the {@code local[1]} JVM, compiler and collector threads
 * included, on the first; the cluster's driver and master are not held. Without this the {@code
 * local[1]} JVM runs its tasks on one core and its JIT compiler and collector on the other, which
 * the cluster's executors need for their tasks. {@code -Dbench.cluster.pin=false} runs both sides
 * unheld.
 *
 * <p>Each side runs in a driver JVM of its own ({@link PipelineDriver}), started once in {@code
 * prepare} with the same heap and flags, which holds its session (and, on the cluster, its two
 * executors) for all runs: the times are those of the work alone. The benchmark's own session
 * ({@code local[2]}) only makes the input and checks that both sides wrote the same outputs. The
 * cluster and the drivers stop when the benchmark's JVM exits.
 */
public final class ClusterBenchmark implements Benchmark {
  static final long ROWS = 8_000_000L;
  static final int FILES = 16;

  /**
   * Both drivers read each input file (about 11 MB) as a task of its own: 16 tasks that the two
   * executors share out as they finish, where Spark's default split size would make 3 tasks of
   * unequal size, the third one running alone.
   */
  private static final String ONE_TASK_PER_FILE = "-Dspark.sql.files.maxPartitionBytes=16m";

  private OrdersWorkload work;
  private StandaloneCluster cluster;
  private Driver onCluster;
  private Driver local;
  private Path lastCluster;
  private Path lastLocal;

  /** The CPU of each worker, and the first one also {@code local[1]}'s; empty when not held. */
  private List<Integer> workerCpus = List.of();

  /** A driver JVM and the pipes to it. */
  private record Driver(Process process, PrintWriter commands, BufferedReader answers) {
    /** Sends a command and waits for the answer line; other output lines are printed. */
    String ask(String command) {
      if (command != null) {
        commands.println(command);
        commands.flush();
      }
      try {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
          if (line.startsWith(PipelineDriver.ANSWER)) {
            String answer = line.substring(PipelineDriver.ANSWER.length());
            if (answer.startsWith("failed")) {
              throw new IllegalStateException("the driver failed: " + answer);
            }
            return answer;
          }
          System.out.println("  | " + line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new IllegalStateException("the driver exited with " + waitFor());
    }

    private int waitFor() {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
        return process.isAlive() ? -1 : process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    void stop() {
      commands.close();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    Path input =
        Inputs.ensure(
                env.dataDir(),
                "v1 rows=" + ROWS + " files=" + FILES,
                d ->
                    SyntheticOrders.generate(spark, ROWS, FILES)
                        .write()
                        .parquet(d.resolve("orders").toString()))
            .resolve("orders");
    work = OrdersWorkload.on(input, env.workDir());
    Path dir = env.workDir().resolve("cluster");
    Inputs.deleteTree(dir);
    Files.createDirectories(dir);
    List<Integer> cpus = StandaloneCluster.allowedCpus();
    boolean pin =
        Boolean.parseBoolean(System.getProperty("bench.cluster.pin", "true"))
            && cpus.size() >= 2
            && StandaloneCluster.canPin();
    workerCpus = pin ? List.of(cpus.get(0), cpus.get(1)) : List.of();
    try {
      cluster = StandaloneCluster.start(dir, 2, "2g", workerCpus);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the cluster: " + e, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-cluster"));
    String opens = String.join(" ", StandaloneCluster.sparkJvmFlags());
    String classes =
        StandaloneCluster.classpath().stream()
            .filter(e -> !e.endsWith(".jar"))
            .reduce((a, b) -> a + java.io.File.pathSeparator + b)
            .orElse("");
    onCluster =
        driver(
            dir,
            "cluster",
            cluster.masterUrl(),
            input,
            List.of(
                "-Dspark.cores.max=2",
                "-Dspark.executor.cores=1",
                // the executors run with the heap and collector the local[1] driver has
                "-Dspark.executor.memory=2g",
                "-Dspark.executor.extraJavaOptions=-XX:+UseParallelGC " + opens,
                "-Dspark.executor.extraClassPath=" + classes,
                "-Dspark.driver.host=127.0.0.1",
                ONE_TASK_PER_FILE));
    local = driver(dir, "local", "local[1]", input, List.of(ONE_TASK_PER_FILE));
    System.out.println(
        "cluster at "
            + cluster.masterUrl()
            + "; drivers ready; "
            + (workerCpus.isEmpty()
                ? "no process held to a CPU"
                : "worker 1 (and its executor) and the local[1] JVM held to CPU "
                    + workerCpus.get(0)
                    + ", worker 2 (and its executor) to CPU "
                    + workerCpus.get(1)
                    + "; the cluster's driver and master not held"));
  }

  private Driver driver(Path dir, String name, String master, Path input, List<String> conf)
      throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx2g");
    jvm.add("-XX:+UseParallelGC");
    String log4j = System.getProperty("log4j2.configurationFile");
    if (log4j != null) {
      jvm.add("-Dlog4j2.configurationFile=" + Path.of(log4j).toAbsolutePath());
    }
    jvm.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    // Spark settings given to the benchmark's JVM as -Dspark.* reach both drivers too
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("spark."))
        .sorted()
        .forEach(k -> jvm.add("-D" + k + "=" + System.getProperty(k)));
    jvm.addAll(conf);
    Path work = dir.resolve("driver-" + name);
    Files.createDirectories(work);
    List<String> command =
        StandaloneCluster.command(
            jvm,
            PipelineDriver.class.getName(),
            List.of(master, input.toString(), work.toString()));
    if (master.startsWith("local") && !workerCpus.isEmpty()) {
      command = StandaloneCluster.onCpu(workerCpus.get(0), command);
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(cluster.env());
    Process p = pb.start();
    Driver d =
        new Driver(
            p,
            new PrintWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)),
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    String ready = d.ask(null);
    if (!ready.equals("ready")) {
      throw new IllegalStateException("the " + name + " driver answered " + ready);
    }
    return d;
  }

  private void stopAll() {
    for (Driver d : new Driver[] {onCluster, local}) {
      if (d != null) {
        d.stop();
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  public void beforeRun(BenchEnv env) throws IOException {
    work.removeStaleOutputs();
  }

  /** The cluster's run (reported as dynaframe's time). */
  @Override
  public void dynaframe(BenchEnv env) {
    lastCluster = work.nextOutput("cluster");
    onCluster.ask("run " + lastCluster);
  }

  /** The run on local[1] (reported as the baseline's time). */
  @Override
  public void baseline(BenchEnv env) {
    lastLocal = work.nextOutput("local");
    local.ask("run " + lastLocal);
  }

  @Override
  public int repetitions() {
    return 7;
  }

  @Override
  public int warmups() {
    return 3;
  }

  @Override
  public void verify(BenchEnv env) {
    if (lastCluster == null || lastLocal == null) {
      // no warm-up ran: one untimed run of each side
      dynaframe(env);
      baseline(env);
    }
    for (String part : new String[] {"big", "rest"}) {
      String c = summary(env, lastCluster.resolve(part));
      String l = summary(env, lastLocal.resolve(part));
      if (!c.equals(l)) {
        throw new IllegalStateException(
            "the cluster and local[1] disagree on " + part + ": " + c + ", " + l);
      }
      System.out.println("verified " + part + ": " + c);
    }
  }

  /**
   * Count and sums of one output; the amounts summed as decimals, so that the sum does not depend
   * on the order in which the tasks add them (a sum of doubles does, in its last digits).
   */
  private static String summary(BenchEnv env, Path output) {
    org.apache.spark.sql.Row r =
        env.spark()
            .read()
            .parquet(output.toString())
            .selectExpr(
                "count(1)", "sum(order_id)", "sum(CAST(amount AS DECIMAL(20,2)))", "sum(quantity)")
            .first();
    return "rows="
        + r.get(0)
        + " order_ids="
        + r.get(1)
        + " amount="
        + r.get(2)
        + " quantity="
        + r.get(3);
  }

  @Override
  public List<String> summary(double clusterMedian, double localMedian) {
    return List.of(
        String.format(
            java.util.Locale.ROOT,
            "cluster (2 workers x 1 core) %.2fs, local[1] %.2fs: speed-up %.2f",
            clusterMedian,
            localMedian,
            localMedian / clusterMedian));
  }
}
