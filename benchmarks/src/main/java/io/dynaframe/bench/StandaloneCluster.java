package io.dynaframe.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate JVMs on loopback, started as the integration tests'
 * cluster test starts it: one master and workers of one core each, built from the jars of this
 * JVM's classpath alone. A folder stands in for SPARK_HOME, its {@code jars/} linking those jars,
 * so that workers launch executors the way a real installation does.
 */
final class StandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path home;
  private final String masterUrl;

  private StandaloneCluster(Path home, String masterUrl) {
    this.home = home;
    this.masterUrl = masterUrl;
  }

  /** The entries of this JVM's classpath. */
  static List<String> classpath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  /** The JVM options Spark needs on Java 17 ({@code --add-opens} ...), as this JVM got them. */
  static List<String> sparkJvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--add-exports")
          || a.startsWith("-Djdk.reflect.")
          || a.startsWith("-Dio.netty.")) {
        flags.add(a);
      }
    }
    return flags;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * The CPUs this process may run on, from {@code /proc/self/status} ({@code Cpus_allowed_list},
   * e.g. {@code 0-3,6}); empty where that is not known (not Linux).
   */
  static List<Integer> allowedCpus() {
    List<Integer> cpus = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (!line.startsWith("Cpus_allowed_list:")) {
          continue;
        }
        for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
          String[] ends = range.split("-");
          int from = Integer.parseInt(ends[0].trim());
          int to = Integer.parseInt(ends[ends.length - 1].trim());
          for (int c = from; c <= to; c++) {
            cpus.add(c);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return cpus;
  }

  /** Whether {@code taskset} (util-linux) is on the PATH, to hold a process to one CPU. */
  static boolean canPin() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "taskset"))) {
        return true;
      }
    }
    return false;
  }

  /** {@code command} held to the given CPU with {@code taskset} (its threads and children too). */
  static List<String> onCpu(int cpu, List<String> command) {
    List<String> cmd = new ArrayList<>(List.of("taskset", "-c", String.valueOf(cpu)));
    cmd.addAll(command);
    return cmd;
  }

  /** A command that runs {@code mainClass} in a new JVM with this JVM's classpath. */
  static List<String> command(List<String> jvmArgs, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(sparkJvmFlags());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * Starts a master and {@code workers} workers of one core and {@code workerMemory} each, and
   * waits until all workers registered. With {@code workerCpus}, worker i (and so the executor it
   * launches) is held to CPU {@code workerCpus.get(i)}, as if each were a one-core machine; the
   * master is not held.
   */
  static StandaloneCluster start(
      Path dir, int workers, String workerMemory, List<Integer> workerCpus) throws Exception {
    Path home = dir.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    for (String entry : classpath()) {
      Path src = Path.of(entry).toAbsolutePath();
      if (!entry.endsWith(".jar") || !Files.exists(src)) {
        continue;
      }
      Path link = jars.resolve(src.getFileName());
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, src);
      }
    }
    int port = freePort();
    StandaloneCluster c = new StandaloneCluster(home, "spark://127.0.0.1:" + port);
    // the master announces registered workers at INFO; everything else stays at WARN
    Path log4j = dir.resolve("cluster-log4j2.properties");
    Files.writeString(
        log4j,
        String.join(
            "\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1}: %m%n",
            "logger.master.name = org.apache.spark.deploy.master.Master",
            "logger.master.level = info",
            ""));
    List<String> jvm = List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + log4j);
    try {
      Path masterLog = dir.resolve("master.log");
      c.processes.add(
          start(
              command(
                  jvm,
                  "org.apache.spark.deploy.master.Master",
                  List.of(
                      "--host",
                      "127.0.0.1",
                      "--port",
                      String.valueOf(port),
                      "--webui-port",
                      String.valueOf(freePort()))),
              c.env(),
              masterLog));
      for (int i = 0; i < workers; i++) {
        Path work = dir.resolve("worker-" + i);
        Files.createDirectories(work);
        List<String> worker =
            command(
                jvm,
                "org.apache.spark.deploy.worker.Worker",
                List.of(
                    c.masterUrl,
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "1",
                    "--memory",
                    workerMemory,
                    "--webui-port",
                    String.valueOf(freePort()),
                    "--work-dir",
                    work.toString()));
        if (!workerCpus.isEmpty()) {
          worker = onCpu(workerCpus.get(i), worker);
        }
        c.processes.add(start(worker, c.env(), dir.resolve("worker-" + i + ".log")));
      }
      c.awaitWorkers(masterLog, workers);
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  private static Process start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** What every JVM of the cluster, its drivers included, needs in its environment. */
  Map<String, String> env() {
    return Map.of(
        "SPARK_HOME",
        home.toString(),
        "SPARK_SCALA_VERSION",
        scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1"),
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "SPARK_NO_DAEMONIZE",
        "1");
  }

  String masterUrl() {
    return masterUrl;
  }

  private void awaitWorkers(Path masterLog, int workers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      String log =
          Files.exists(masterLog) ? Files.readString(masterLog, StandardCharsets.UTF_8) : "";
      long registered = log.lines().filter(l -> l.contains("Registering worker")).count();
      if (registered >= workers) {
        return;
      }
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a cluster JVM exited with " + p.exitValue() + "; master log:\n" + log);
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("workers did not register with the master within 2 minutes");
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
