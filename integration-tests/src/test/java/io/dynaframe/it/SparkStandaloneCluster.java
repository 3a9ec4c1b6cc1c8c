package io.dynaframe.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate JVMs on loopback: one master and some workers, built from
 * Maven jars alone. A folder stands in for SPARK_HOME, its {@code jars/} linking Spark's runtime
 * classpath, so workers can launch executors the way a real installation does. Web UIs bind to
 * 127.0.0.1 only.
 */
final class SparkStandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path home;
  private final String masterUrl;

  private SparkStandaloneCluster(Path home, String masterUrl) {
    this.home = home;
    this.masterUrl = masterUrl;
  }

  /**
   * Starts a master and {@code workers} workers of one core and 1 GiB each, and waits until all
   * workers registered.
   */
  static SparkStandaloneCluster start(Path dir, List<String> sparkJars, int workers)
      throws Exception {
    Path home = dir.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    for (String jar : sparkJars) {
      Path src = Path.of(jar);
      Path link = jars.resolve(src.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, src);
      }
    }
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
    int port = ChildJvm.freePort();
    SparkStandaloneCluster c = new SparkStandaloneCluster(home, "spark://127.0.0.1:" + port);
    try {
      Path masterLog = dir.resolve("master.log");
      c.processes.add(
          ChildJvm.start(
              ChildJvm.command(
                  sparkJars,
                  jvm,
                  "org.apache.spark.deploy.master.Master",
                  List.of(
                      "--host",
                      "127.0.0.1",
                      "--port",
                      String.valueOf(port),
                      "--webui-port",
                      String.valueOf(ChildJvm.freePort()))),
              c.env(),
              masterLog));
      for (int i = 0; i < workers; i++) {
        Path work = dir.resolve("worker-" + i);
        Files.createDirectories(work);
        c.processes.add(
            ChildJvm.start(
                ChildJvm.command(
                    sparkJars,
                    jvm,
                    "org.apache.spark.deploy.worker.Worker",
                    List.of(
                        c.masterUrl,
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "1",
                        "--memory",
                        "1g",
                        "--webui-port",
                        String.valueOf(ChildJvm.freePort()),
                        "--work-dir",
                        work.toString())),
                c.env(),
                dir.resolve("worker-" + i + ".log")));
      }
      c.awaitWorkers(masterLog, workers);
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  /** What every cluster JVM needs in its environment. */
  Map<String, String> env() {
    return Map.of(
        "SPARK_HOME",
        home.toString(),
        "SPARK_SCALA_VERSION",
        System.getProperty("scala.binary.version"),
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
