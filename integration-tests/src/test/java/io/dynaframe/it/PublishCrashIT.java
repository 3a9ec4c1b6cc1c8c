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
 * Kills a publishing job with SIGKILL in the middle of its write and in the middle of its publish,
 * and shows that readers of the table see the previous version, and that the rerun publishes
 * everything exactly once and removes what the killed runs left behind.
 */
@Tag("fault") // run by .ci/run, not by the README's test command
class PublishCrashIT {

  @TempDir Path dir;

  private List<String> classpath() {
    List<String> cp = new ArrayList<>(ChildJvm.classpathFile("spark.classpath.file"));
    cp.addAll(ChildJvm.classpathFile("app.classpath.file"));
    cp.add(Path.of(System.getProperty("test.classes")).toString());
    return cp;
  }

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

  private ChildJvm.Result run(String mode, String log) throws Exception {
    List<String> cmd =
        ChildJvm.command(
            classpath(), List.of("-Xmx1g"), PublishingJob.class.getName(), jobArguments(mode));
    return ChildJvm.run(cmd, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), dir.resolve(log), 5);
  }

  private List<String> table() throws Exception {
    ChildJvm.Result r = run("read", "read-" + System.nanoTime() + ".log");
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output().lines().filter(l -> l.startsWith("row ")).toList();
  }

  /** Starts a run that stops at a phase, kills it with SIGKILL there, and returns its output. */
  private String killAt(String phase) throws Exception {
    Path log = dir.resolve("killed-" + phase + ".log");
    List<String> args = new ArrayList<>(List.of(phase));
    args.addAll(jobArguments("write"));
    Process p =
        ChildJvm.start(
            ChildJvm.command(
                classpath(), List.of("-Xmx1g"), PausedPublishingJob.class.getName(), args),
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

  private List<String> versionFolders() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("lake/load/sales/events"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("v-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aJobKilledDuringWriteOrPublishLeavesThePublishedTableIntactAndTheRerunPublishesOnce()
      throws Exception {
    land(
        "a.json",
        "{\"id\": 1, \"day\": \"d1\"}\n{\"id\": 2, \"day\": \"d1\"}\n{\"id\": 3, \"day\": \"d2\"}\n");
    ChildJvm.Result first = run("write", "first.log");
    assertThat(first.exitCode()).as(first.output()).isZero();
    List<String> published = List.of("row 1 d1", "row 2 d1", "row 3 d2");
    assertThat(table()).isEqualTo(published);

    land("b.json", "{\"id\": 4, \"day\": \"d2\"}\n{\"id\": 5, \"day\": \"d3\"}\n");
    killAt("write");
    assertThat(table()).as("after a kill during the write").isEqualTo(published);
    killAt("switch");
    assertThat(table()).as("after a kill during the publish").isEqualTo(published);
    assertThat(versionFolders()).hasSize(3); // the published one and the two the killed runs left

    ChildJvm.Result rerun = run("write", "rerun.log");
    assertThat(rerun.exitCode()).as(rerun.output()).isZero();
    assertThat(rerun.output())
        .as("the lease of the two killed runs was taken over")
        .contains("attempt 3");
    assertThat(table())
        .isEqualTo(List.of("row 1 d1", "row 2 d1", "row 3 d2", "row 4 d2", "row 5 d3"));
    assertThat(versionFolders()).as("orphans of the killed runs are gone").hasSize(2);

    ChildJvm.Result again = run("write", "again.log");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(table())
        .as("nothing new: nothing published twice")
        .isEqualTo(List.of("row 1 d1", "row 2 d1", "row 3 d2", "row 4 d2", "row 5 d3"));
  }
}
