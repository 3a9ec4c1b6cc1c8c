package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Iceberg publish on s3a whose S3 server (S3Proxy, its own JVM) is killed with SIGKILL part way:
 * when the commit begins (every data file of the publish written, no manifest or metadata file
 * yet), and as soon as the first data file of the publish is in the bucket. The publish fails and
 * commits nothing: after the server is back, a reader in a new process sees the table whole at its
 * old snapshot, and the next publish lands. The metastore (Derby) is a local folder, as the
 * flagship on S3 keeps it.
 */
@Tag("fault") // run by .ci/run, not by the README's test command
class IcebergS3OutageIT {

  @TempDir Path dir;

  private List<String> jvm;
  private String lake;

  private List<String> command(String... args) {
    return ChildJvm.command(
        ChildJvm.jobClasspath(), jvm, IcebergPublishingJob.class.getName(), List.of(args));
  }

  private String publish(String log, int batch) throws Exception {
    ChildJvm.Result r =
        ChildJvm.run(
            command("publish", lake, String.valueOf(batch)),
            Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
            dir.resolve(log),
            5);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  private static List<String> rows(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix + " "))
        .map(l -> l.substring(prefix.length() + 1))
        .toList();
  }

  /** The table after batches 1..n (see {@link IcebergCommitCrashIT}). */
  private static List<String> table(int n) {
    List<String> rows = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (k == n) {
        rows.add((k * 100 + 1) + " d1 " + k);
        rows.add((k * 100 + 2) + " d1 " + k);
      }
      rows.add((k * 100 + 3) + " d" + (k + 1) + " " + k);
    }
    rows.sort(
        (a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
    return rows;
  }

  private static List<Path> dataFiles(Path table) throws Exception {
    if (!Files.exists(table.resolve("data"))) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(table.resolve("data"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
  }

  /** Waits for the killed publish to end; its output. */
  private static String ended(Process p, Path log) throws Exception {
    if (!p.waitFor(4, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(
          "the publish did not end after the outage:\n" + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isNotZero();
    assertThat(out).doesNotContain("published batch");
    return out;
  }

  @Test
  void anIcebergPublishWhoseS3ServerStopsCommitsNothing() throws Exception {
    Path s3data = dir.resolve("s3");
    try (S3ProxyServer s3 =
        S3ProxyServer.start(S3ProxyServer.classpathFromSystemProperty(), s3data)) {
      String bucket = s3.createBucket("iceberg-outage");
      lake = "s3a://" + bucket + "/lake";
      jvm = new ArrayList<>(List.of("-Xmx1g", "-Dcatalog.dir=" + dir.resolve("catalog")));
      Map<String, String> options = new java.util.TreeMap<>(s3.hadoopOptions(bucket));
      String prefix = "fs.s3a.bucket." + bucket + ".";
      // few, short retries: the outage fails a request within seconds
      options.put(prefix + "attempts.maximum", "2");
      options.put(prefix + "retry.limit", "2");
      options.put(prefix + "retry.interval", "100ms");
      options.put(prefix + "connection.establish.timeout", "2000");
      options.forEach((k, v) -> jvm.add("-Dspark.hadoop." + k + "=" + v));
      Path table = s3data.resolve("buckets").resolve(bucket).resolve("lake/load/crash/events");

      assertThat(rows(publish("batch-1.log", 1), "after")).isEqualTo(table(1));

      // the server stops when the commit begins: every data file written, no manifest yet
      Path release = dir.resolve("release");
      Path log = dir.resolve("outage-commit.log");
      Process p =
          ChildJvm.start(
              command("publish", lake, "2", "hold:" + release),
              Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
              log);
      waitFor(p, log, "dynaframe: iceberg commit held at commit");
      int filesBefore = dataFiles(table).size();
      s3.kill();
      Files.writeString(release, "go");
      String failed = ended(p, log);
      assertThat(failed).contains("dynaframe: iceberg commit released");
      s3.restart();
      assertThat(dataFiles(table)).as("the data files of the failed publish").hasSize(filesBefore);
      String rerun = publish("rerun-commit.log", 2);
      assertThat(rows(rerun, "before")).as("a reader after the outage").isEqualTo(table(1));
      assertThat(rows(rerun, "after")).isEqualTo(table(2));

      // the server stops as soon as the first data file of the next publish is in the bucket
      int before = dataFiles(table).size();
      log = dir.resolve("outage-write.log");
      p = ChildJvm.start(command("publish", lake, "3"), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log);
      waitFor(p, log, "dynaframe: publishing batch 3");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (dataFiles(table).size() == before && System.nanoTime() < deadline && p.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(dataFiles(table).size())
          .as("a data file of the publish was written")
          .isGreaterThan(before);
      s3.kill();
      ended(p, log);
      s3.restart();
      rerun = publish("rerun-write.log", 3);
      assertThat(rows(rerun, "before"))
          .as("a reader after the outage mid-write")
          .isEqualTo(table(2));
      assertThat(rows(rerun, "after")).isEqualTo(table(3));
    }
  }

  private static void waitFor(Process p, Path log, String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (out.contains(marker)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "the job ended before printing '" + marker + "':\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("the job did not print '" + marker + "' in time");
  }
}
