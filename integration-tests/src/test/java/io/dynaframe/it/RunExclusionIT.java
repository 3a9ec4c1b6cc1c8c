package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes start a run of the same job on one local lake at the same moment (both wait, Spark
 * started, for one file to appear): exactly one takes the job's lease, the other is refused with
 * {@code ConcurrentRunException} before reading anything, and only the holder's run is committed.
 */
@Tag("multiprocess") // run by .ci/run, not by the README's test command
class RunExclusionIT {
  @TempDir Path dir;

  private static String waitFor(Path log, String... any) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      for (String s : any) {
        if (out.contains(s)) {
          return out;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + List.of(any) + " in " + log + ":\n" + Files.readString(log));
  }

  @Test
  void twoProcessesStartingOneJobAtTheSameMomentNeverBothRun() throws Exception {
    Path lake = dir.resolve("lake");
    Path go = dir.resolve("go");
    Path release = dir.resolve("release");
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try {
      for (String name : List.of("one", "two")) {
        Path log = dir.resolve(name + ".log");
        logs.add(log);
        processes.add(
            ChildJvm.start(
                ChildJvm.command(
                    ChildJvm.jobClasspath(),
                    List.of("-Xmx512m"),
                    LeaseTaker.class.getName(),
                    List.of(lake.toString(), go.toString(), release.toString())),
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                log));
      }
      for (Path log : logs) {
        waitFor(log, "ready");
      }
      Files.createFile(go);
      List<String> outcomes = new ArrayList<>();
      for (Path log : logs) {
        String out = waitFor(log, "lease taken", "refused: ");
        outcomes.add(out.contains("lease taken") ? "taken" : "refused");
      }
      assertThat(outcomes).containsExactlyInAnyOrder("taken", "refused");
      int loser = outcomes.indexOf("refused");
      assertThat(Files.readString(logs.get(loser)))
          .contains("another run of this job is in progress", "this run stops before reading");
      Files.createFile(release);
      for (Process p : processes) {
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
      }
      assertThat(Files.readString(logs.get(1 - loser))).contains("committed run 1");
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }
}
