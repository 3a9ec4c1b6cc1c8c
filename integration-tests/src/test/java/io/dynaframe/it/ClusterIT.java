package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the flagship job ({@link io.dynaframe.examples.OrdersPipeline}: crawl, catalog reads with
 * bookmarks, Spigot, SplitRows, Relationalize, partitioned publishing) on a Spark standalone
 * cluster (a master and two workers, each its own JVM on loopback; executors in their own JVMs,
 * loading dynaframe from the bundle and the examples jar handed over in {@code spark.jars}) and
 * compares every table it published, schema and rows as read through the catalog, with those of a
 * local run.
 */
@Tag("cluster") // run by .ci/run, not by the README's test command
class ClusterIT {

  @TempDir Path dir;

  @Test
  void theFlagshipJobGivesTheSameTablesOnAClusterAsLocally() throws Exception {
    List<String> local = Flagship.localDump();
    List<String> sparkJars = ChildJvm.classpathFile("spark.classpath.file");
    List<String> appJars = ChildJvm.classpathFile("app.classpath.file");

    try (SparkStandaloneCluster cluster = SparkStandaloneCluster.start(dir, sparkJars, 2)) {
      List<String> conf =
          List.of(
              "-Dspark.master=" + cluster.masterUrl(),
              "-Dspark.jars=" + String.join(",", appJars),
              "-Dspark.cores.max=2",
              "-Dspark.executor.cores=1",
              "-Dspark.executor.memory=512m",
              "-Dspark.executor.extraJavaOptions=" + System.getProperty("spark.opens").trim());
      List<String> remote =
          Flagship.run(
              dir,
              "cluster",
              dir.resolve("cluster-lake").toString(),
              conf,
              new HashMap<>(cluster.env()));

      Flagship.assertBookmarksAndQuarantine(remote);
      Flagship.assertSameTables("the tables of the run on the cluster", remote, local);
      try (Stream<Path> files = Files.walk(dir)) {
        List<Path> executorLogs =
            files
                .filter(
                    p ->
                        p.getFileName().toString().equals("stderr")
                            && p.toString().contains("worker-"))
                .toList();
        assertThat(executorLogs)
            .as(
                "executors ran in their own JVMs under the workers; files: %s; cluster logs:%n%s",
                listing(),
                Files.readString(dir.resolve("master.log"))
                    + Files.readString(dir.resolve("worker-0.log")))
            .hasSizeGreaterThanOrEqualTo(2);
      }
    }
  }

  private String listing() throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> !p.toString().contains("spark-home") && !p.toString().contains("lake"))
          .map(p -> dir.relativize(p).toString())
          .toList()
          .toString();
    }
  }
}
