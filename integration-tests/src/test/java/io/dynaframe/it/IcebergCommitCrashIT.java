package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A {@code Publisher} publish to an Iceberg table is one commit: killed with SIGKILL anywhere in it
 * (every data file written, the new metadata file written but not yet switched to, the catalog
 * switched but Spark not yet returned, or after a delay), a reader in a new process sees the table
 * whole at its old snapshot or whole at the new one, never partitions of both; the next publish
 * succeeds. Two publishes committing to one table at once both land, or, with Iceberg's retries
 * off, the loser fails with a {@code PublishException} caused by the catalog's retryable {@code
 * CommitConflictException}, having published nothing, and lands when published again.
 *
 * <p>The jobs ({@link IcebergPublishingJob}) run in child JVMs on the embedded catalog (Hive
 * metastore on Derby) and a local warehouse; {@link PausingCatalog} stops a commit where it is to
 * be killed.
 */
@Tag("fault") // run by .ci/run, not by the README's test command
class IcebergCommitCrashIT {

  @TempDir Path dir;

  private Path lake() {
    return dir.resolve("lake");
  }

  private List<String> command(String... args) {
    return ChildJvm.command(
        ChildJvm.jobClasspath(),
        List.of("-Xmx1g"),
        IcebergPublishingJob.class.getName(),
        List.of(args));
  }

  private String run(String log, String... args) throws Exception {
    ChildJvm.Result r =
        ChildJvm.run(command(args), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), dir.resolve(log), 5);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  /** Starts a publish and kills it with SIGKILL once its output contains {@code marker}. */
  private String killWhen(String log, String marker, long delayMillis, String... args)
      throws Exception {
    Path out = dir.resolve(log);
    Process p = ChildJvm.start(command(args), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), out);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (text.contains(marker)) {
        Thread.sleep(delayMillis);
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        p.waitFor(30, TimeUnit.SECONDS);
        return Files.readString(out, StandardCharsets.UTF_8);
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "the job ended before printing '" + marker + "':\n" + Files.readString(out));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError(
        "the job did not print '" + marker + "' in time:\n" + Files.readString(out));
  }

  /**
   * The table after publishing batches 1..n: d1 holds batch n's two rows, d(k+1) batch k's third.
   */
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

  private static List<String> rows(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix + " "))
        .map(l -> l.substring(prefix.length() + 1))
        .toList();
  }

  private List<Path> metadataFiles() throws Exception {
    try (Stream<Path> s = Files.walk(lake().resolve("load"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".metadata.json")).toList();
    }
  }

  @Test
  void aPublishKilledDuringItsCommitLeavesTheTableAtTheOldSnapshotOrTheNewOne() throws Exception {
    String first = run("batch-1.log", "publish", lake().toString(), "1");
    assertThat(rows(first, "after")).isEqualTo(table(1));
    int batch = 2;

    // stops inside the commit: before it (files written), before the switch, after it
    for (String phase : List.of("commit", "swap", "swapped")) {
      int metadataBefore = metadataFiles().size();
      String killed =
          killWhen(
              "killed-" + phase + ".log",
              "dynaframe: iceberg commit paused at " + phase,
              0,
              "publish",
              lake().toString(),
              String.valueOf(batch),
              phase);
      assertThat(rows(killed, "before")).isEqualTo(table(batch - 1));
      if (phase.equals("swap")) {
        // the new metadata file was written; the catalog never pointed at it
        assertThat(metadataFiles()).hasSize(metadataBefore + 1);
      }
      String rerun =
          run("rerun-" + phase + ".log", "publish", lake().toString(), String.valueOf(batch));
      assertThat(rows(rerun, "before"))
          .as("a reader after a kill at " + phase)
          .isEqualTo(phase.equals("swapped") ? table(batch) : table(batch - 1));
      assertThat(rows(rerun, "after"))
          .as("the next publish, after " + phase)
          .isEqualTo(table(batch));
      batch++;
    }

    // killed after a delay, wherever the publish is then: the old table or the new one, whole
    for (long delay : List.of(1_500L, 4_000L)) {
      killWhen(
          "killed-after-" + delay + ".log",
          "dynaframe: publishing batch " + batch,
          delay,
          "publish",
          lake().toString(),
          String.valueOf(batch));
      String rerun =
          run("rerun-after-" + delay + ".log", "publish", lake().toString(), String.valueOf(batch));
      assertThat(rows(rerun, "before"))
          .as("a reader after a kill " + delay + " ms into the publish")
          .isIn(table(batch - 1), table(batch));
      assertThat(rows(rerun, "after")).isEqualTo(table(batch));
      batch++;
    }
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> rows = new ArrayList<>(a);
    rows.addAll(b);
    rows.sort(
        (x, y) -> Long.compare(Long.parseLong(x.split(" ")[0]), Long.parseLong(y.split(" ")[0])));
    return rows;
  }

  @Test
  void twoPublishesCommittingAtOnceBothLandOrTheLoserFailsRetryablyAndLandsWhenRepeated()
      throws Exception {
    List<String> table = rows(run("race-setup.log", "publish", lake().toString(), "1"), "after");
    assertThat(table).isEqualTo(table(1));

    // Iceberg's retries on: the held commit finds the table changed, retries on the new
    // metadata, and both land
    String both = run("race-1.log", "race", lake().toString(), "1", "default");
    assertThat(both).contains("dynaframe: iceberg commit waiting for another commit");
    assertThat(both).contains("outcome a ok").contains("outcome b ok");
    table = union(table, List.of("10001 a1 -1", "10002 a1 -1", "15001 b1 -2"));
    assertThat(rows(both, "after")).isEqualTo(table);

    // retries off: the held commit fails cleanly, retryable, with nothing of it in the table
    String one = run("race-2.log", "race", lake().toString(), "2", "0");
    assertThat(one).contains("outcome b ok");
    assertThat(one)
        .containsPattern(
            "outcome a failed io\\.dynaframe\\.job\\.PublishException conflict=true: table"
                + " crash\\.events changed while run \\S+ was publishing .*rerun the job");
    table = union(table, List.of("25001 b2 -2"));
    assertThat(rows(one, "after")).as("nothing of the failed publish").isEqualTo(table);
    table = union(table, List.of("20001 a2 -1", "20002 a2 -1"));
    assertThat(rows(one, "final")).as("published again, it lands; nothing lost").isEqualTo(table);

    // two first publishes to a table that does not exist yet: the one whose creation finds the
    // table made by the other writes into it, and both land
    String created = run("race-create.log", "race-create", dir.resolve("lake2").toString());
    assertThat(created).contains("dynaframe: iceberg table creation waiting for another one");
    assertThat(created).contains("outcome a ok").contains("outcome b ok");
    assertThat(rows(created, "after"))
        .isEqualTo(List.of("10001 a1 -1", "10002 a1 -1", "15001 b1 -2"));
  }
}
