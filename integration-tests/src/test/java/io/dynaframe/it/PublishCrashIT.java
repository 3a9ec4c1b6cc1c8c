package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.job.PausedPublishingJob;
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
 * Kills a publishing job with SIGKILL at every step of a publish (mid-write with data files
 * written, after staging, after the table update, between creating new partitions and switching
 * existing ones, after the publish but before the bookmark commit, during cleanup). After each kill
 * it shows what a reader of the table sees (printed by the next run before it starts), then that
 * the rerun publishes every record exactly once and leaves no orphaned version folder.
 *
 * <p>The job appends into {@code sales.events}, partitioned by day; every batch adds one record to
 * an existing partition and one in a new partition, so both kinds of partition switch are crossed.
 */
@Tag("fault") // run by .ci/run, not by the README's test command
class PublishCrashIT {

  @TempDir Path dir;

  private List<String> jobArguments(String mode) {
    return List.of(
        "--JOB_NAME",
        "events",
        "--lake",
        dir.resolve("lake").toString(),
        "--mode",
        mode,
        "--job-bookmark-option",
        "job-bookmark-enable");
  }

  /** A run to the end: its output. */
  private String run(String log) throws Exception {
    List<String> cmd =
        ChildJvm.command(
            ChildJvm.jobClasspath(),
            List.of("-Xmx1g"),
            PublishingJob.class.getName(),
            jobArguments("write"));
    ChildJvm.Result r =
        ChildJvm.run(cmd, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), dir.resolve(log), 5);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  /** Starts a run that stops at a phase, kills it with SIGKILL there, and returns its output. */
  private String killAt(String phase) throws Exception {
    Path log = dir.resolve("killed-" + phase + ".log");
    List<String> args = new ArrayList<>(List.of(phase));
    args.addAll(jobArguments("write"));
    Process p =
        ChildJvm.start(
            ChildJvm.command(
                ChildJvm.jobClasspath(),
                List.of("-Xmx1g"),
                PausedPublishingJob.class.getName(),
                args),
            Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
            log);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (out.contains("dynaframe: publish paused at " + phase)) {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the job ended before reaching " + phase + ":\n" + out);
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new AssertionError(
        "the job did not reach " + phase + " in time:\n" + Files.readString(log));
  }

  private void land(String name, String content) throws Exception {
    Path source = dir.resolve("lake/source/events");
    Files.createDirectories(source);
    Files.writeString(source.resolve(name), content);
  }

  /** Lands a batch: one record into partition {@code old}, one into the new partition {@code d}. */
  private List<String> landBatch(String file, int id, String old, String fresh) throws Exception {
    land(
        file,
        "{\"id\": "
            + id
            + ", \"day\": \""
            + old
            + "\"}\n{\"id\": "
            + (id + 1)
            + ", \"day\": \""
            + fresh
            + "\"}\n");
    return List.of("row " + id + " " + old, "row " + (id + 1) + " " + fresh);
  }

  private static List<String> rows(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix + " "))
        .map(l -> "row " + l.substring(prefix.length() + 1))
        .toList();
  }

  /** The table as a reader saw it when the run started; the run prints it before it begins. */
  private static List<String> seenBefore(String output) {
    return rows(output, "before");
  }

  /** The table after the run, read by a fresh process. */
  private List<String> table() throws Exception {
    List<String> cmd =
        ChildJvm.command(
            ChildJvm.jobClasspath(),
            List.of("-Xmx1g"),
            PublishingJob.class.getName(),
            jobArguments("read"));
    ChildJvm.Result r =
        ChildJvm.run(
            cmd,
            Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
            dir.resolve("read-" + System.nanoTime() + ".log"),
            5);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return rows(r.output(), "row");
  }

  private List<String> dataFilesBeingWritten() throws Exception {
    try (Stream<Path> s = Files.walk(dir.resolve("lake/load/sales/events"))) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.toString().contains(".dynaframe-staging-"))
          .filter(f -> f.getFileName().toString().startsWith("part-"))
          .map(Path::toString)
          .toList();
    }
  }

  private static List<String> plus(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    out.sort(
        (x, y) ->
            Integer.compare(Integer.parseInt(x.split(" ")[1]), Integer.parseInt(y.split(" ")[1])));
    return out;
  }

  @Test
  void aJobKilledAtAnyStepOfAPublishIsRolledBackOrKeptWholeAndTheRerunPublishesOnce()
      throws Exception {
    land(
        "a.json",
        "{\"id\": 1, \"day\": \"d1\"}\n{\"id\": 2, \"day\": \"d1\"}\n{\"id\": 3, \"day\": \"d2\"}\n");
    String first = run("first.log");
    List<String> published = List.of("row 1 d1", "row 2 d1", "row 3 d2");
    assertThat(rows(first, "before")).isEmpty();
    assertThat(first).contains("orphans []");
    int id = 10;
    int day = 3;

    // Kill points before the catalog shows anything of the run: readers keep the published table.
    for (String phase : List.of("write", "staged", "table")) {
      List<String> batch = landBatch(phase + ".json", id, "d2", "d" + day);
      killAt(phase);
      if (phase.equals("write")) {
        assertThat(dataFilesBeingWritten())
            .as("the first task of the killed write had written its data files")
            .isNotEmpty();
      }
      String rerun = run("rerun-" + phase + ".log");
      assertThat(seenBefore(rerun)).as("a reader after a kill at " + phase).isEqualTo(published);
      assertThat(rerun).contains("attempt 2").contains("orphans []");
      published = plus(published, batch);
      assertThat(table()).as("after the rerun of a kill at " + phase).isEqualTo(published);
      id += 10;
      day++;
    }

    // Between creating the new partitions and switching the existing ones: a reader sees the new
    // partition's records but the old version of the existing partition (a Hive-style table has no
    // single switch for several partitions; README, "Publishing"). The rerun rolls that back first.
    List<String> batch = landBatch("partitions.json", id, "d2", "d" + day);
    killAt("partitions");
    String rerun = run("rerun-partitions.log");
    assertThat(seenBefore(rerun))
        .as("a reader between the partition creation and the partition update")
        .isEqualTo(plus(published, List.of(batch.get(1))));
    assertThat(rerun).contains("attempt 2").contains("orphans []");
    published = plus(published, batch);
    assertThat(table()).isEqualTo(published);
    id += 10;
    day++;

    // After the publish, before the bookmark commit: the table shows the run's records; the next
    // attempt rolls them back before reading the same input again, so nothing appears twice. That
    // next attempt is killed during its own cleanup (it removes the rolled-back version folder).
    batch = landBatch("published.json", id, "d2", "d" + day);
    killAt("published");
    String cleanup = killAt("cleanup");
    assertThat(seenBefore(cleanup))
        .as("a reader after a kill between publish and commit")
        .isEqualTo(plus(published, batch));
    rerun = run("rerun-cleanup.log");
    assertThat(seenBefore(rerun))
        .as("a reader after a kill during cleanup: that run had published")
        .isEqualTo(plus(published, batch));
    assertThat(rerun).contains("attempt 3").contains("orphans []");
    published = plus(published, batch);
    assertThat(table()).as("every record exactly once").isEqualTo(published);

    String again = run("again.log");
    assertThat(again).contains("attempt 1").contains("orphans []");
    assertThat(table()).as("nothing new: nothing published twice").isEqualTo(published);
  }
}
