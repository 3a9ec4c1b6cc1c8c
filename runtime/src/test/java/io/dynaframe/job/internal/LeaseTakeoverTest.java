package io.dynaframe.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over the lease of a run that died: exactly one taker deletes the dead run's lease. A taker
 * that arrives once another has claimed the takeover stops instead of deleting that taker's fresh
 * lease (before, both deleted and created, and the second removed the first's live lease).
 */
class LeaseTakeoverTest {
  @TempDir Path dir;

  private static final long ONE_HOUR = 3_600_000L;

  @Test
  void anExpiredLeaseIsTakenOverOnceAndTheAttemptGoesUp() throws IOException {
    writeDeadLease("run-dead", 1);
    BookmarkStore store = store();

    BookmarkStore.Lease lease = store.acquire(1, "run-new", ONE_HOUR);

    assertThat(lease.attempt).isEqualTo(2);
    assertThat(lease.runId).isEqualTo("run-new");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("lease-00000001.json").toFile())
                .get("runId")
                .asText())
        .isEqualTo("run-new");
    assertThat(dir.resolve("lease-00000001.json.takeover-of-run-dead")).exists();
    store.release(lease);
  }

  @Test
  void aSecondTakerOfTheSameDeadRunStopsAndLeavesTheLeaseAlone() throws IOException {
    writeDeadLease("run-dead", 3);
    // another process has claimed the takeover of run-dead and is about to replace its lease
    Files.writeString(dir.resolve("lease-00000001.json.takeover-of-run-dead"), "{}");
    String before = Files.readString(dir.resolve("lease-00000001.json"));

    assertThatThrownBy(() -> store().acquire(1, "run-late", ONE_HOUR))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another run of this job is taking over the stale lease")
        .hasMessageContaining("of run run-dead");

    // the lease was not deleted: the first taker's replacement cannot be removed by this one
    assertThat(Files.readString(dir.resolve("lease-00000001.json"))).isEqualTo(before);
  }

  private BookmarkStore store() {
    return new BookmarkStore(
        new Configuration(), dir.toUri().toString(), IllegalStateException::new);
  }

  /** A lease of a run on another host that started two hours ago: expired after one hour. */
  private void writeDeadLease(String runId, int attempt) throws IOException {
    Map<String, Object> lease =
        Map.of(
            "run",
            1,
            "runId",
            runId,
            "host",
            "some-other-host",
            "pid",
            1,
            "startedAt",
            System.currentTimeMillis() - 2 * ONE_HOUR,
            "attempt",
            attempt);
    Files.writeString(
        dir.resolve("lease-00000001.json"), new ObjectMapper().writeValueAsString(lease));
  }
}
