package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example job on a Spark standalone cluster (a master and two workers, each its own
 * JVM on loopback; executors in their own JVMs, loading dynaframe from the bundle handed over
 * in {@code spark.jars}) and compares its output with a local run.
 */
class ClusterIT {

  @TempDir
  Path dir;

  @Test
  void theExampleJobGivesTheSameResultOnAClusterAsLocally() throws Exception {
    List<String> sparkJars = ChildJvm.classpathFile("spark.classpath.file");
    List<String> appJars = ChildJvm.classpathFile("app.classpath.file");
    List<String> classpath = new ArrayList<>(sparkJars);
    classpath.addAll(appJars);

    ChildJvm.Result local = ChildJvm.run(ChildJvm.command(classpath, List.of("-Xmx1g"),
        "io.dynaframe.examples.QuickStart", List.of(dir.resolve("local-lake").toString())),
        Map.of("SPARK_LOCAL_IP", "127.0.0.1"), dir.resolve("local.log"), 5);
    assertThat(local.exitCode()).as(local.output()).isZero();

    try (SparkStandaloneCluster cluster = SparkStandaloneCluster.start(dir, sparkJars, 2)) {
      List<String> conf = List.of("-Xmx1g",
          "-Dspark.master=" + cluster.masterUrl(),
          "-Dspark.jars=" + String.join(",", appJars),
          "-Dspark.cores.max=2",
          "-Dspark.executor.cores=1",
          "-Dspark.executor.memory=512m",
          "-Dspark.executor.extraJavaOptions=" + System.getProperty("spark.opens").trim(),
          "-Dspark.ui.enabled=false");
      Map<String, String> env = new HashMap<>(cluster.env());
      ChildJvm.Result remote = ChildJvm.run(ChildJvm.command(classpath, conf,
          "io.dynaframe.examples.QuickStart", List.of(dir.resolve("cluster-lake").toString())),
          env, dir.resolve("cluster.log"), 8);
      assertThat(remote.exitCode()).as(remote.output()).isZero();

      assertThat(jobOutput(remote.output())).isEqualTo(jobOutput(local.output())).isNotEmpty();
      try (Stream<Path> files = Files.walk(dir)) {
        List<Path> executorLogs = files.filter(p -> p.getFileName().toString().equals("stderr")
            && p.toString().contains("worker-")).toList();
        assertThat(executorLogs).as("executors ran in their own JVMs under the workers; files: %s; driver log:%n%s",
            listing(), Files.readString(dir.resolve("master.log")) + Files.readString(dir.resolve("worker-0.log"))
            + remote.output()).isNotEmpty();
      }
    }
  }

  private String listing() throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.toString().contains("spark-home") && !p.toString().contains("lake"))
          .map(p -> dir.relativize(p).toString()).toList().toString();
    }
  }

  /** The lines the job prints itself (schema, records, counts), without logs and paths. */
  private static List<String> jobOutput(String output) {
    List<String> lines = new ArrayList<>();
    for (String l : output.split("\n")) {
      if (l.startsWith("root") || l.startsWith("|--") || l.startsWith("|    ") || l.startsWith("{")
          || l.startsWith("== ") && !l.startsWith("== schema of")) {
        lines.add(l);
      }
    }
    return lines;
  }
}
