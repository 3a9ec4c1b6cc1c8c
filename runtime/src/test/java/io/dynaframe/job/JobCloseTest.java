package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Job#close()}: what a run that ends in a try-with-resources block leaves behind. */
@SparkTest
class JobCloseTest {

  @TempDir Path root;

  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};

  private Job init(DynaContext ctx) {
    return Job.init("events", ctx, JobArguments.resolve(ENABLE), Lake.at(root));
  }

  private void land(String file, int... ids) throws IOException {
    Path landing = root.resolve("source/events");
    Files.createDirectories(landing);
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append("{\"id\": ").append(id).append("}\n");
    }
    Files.writeString(landing.resolve(file), b);
  }

  private List<Long> read(Job job) {
    var events =
        job.context()
            .createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(root.resolve("source/events").toString())),
                "json",
                Options.empty(),
                "read_events");
    return events.count() == 0
        ? List.of()
        : events.toDF().select("id").as(Encoders.LONG()).collectAsList();
  }

  /** A run that commits what it reads; the ids it read. */
  private List<Long> committedRun(DynaContext ctx) {
    try (Job job = init(ctx)) {
      List<Long> ids = read(job);
      job.commit();
      return ids;
    }
  }

  @Test
  void aRunClosedWithoutCommitFailsReleasesItsLeaseAndKeepsItsBookmarks(DynaContext ctx)
      throws IOException {
    land("a.json", 1);
    assertThat(committedRun(ctx)).containsExactly(1L);
    land("b.json", 2, 3);

    Job job = init(ctx);
    try (job) {
      assertThat(read(job)).containsExactlyInAnyOrder(2L, 3L);
    }
    assertThat(job.status()).isEqualTo(Job.Status.FAILED);
    assertThatThrownBy(job::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already FAILED");

    try (Job rerun = init(ctx)) {
      assertThat(rerun.attempt()).as("the lease was released, not taken over").isEqualTo(1);
      assertThat(rerun.runNumber()).isEqualTo(job.runNumber());
      assertThat(read(rerun)).as("the bookmark did not move").containsExactlyInAnyOrder(2L, 3L);
      rerun.commit();
    }
    assertThat(committedRun(ctx)).isEmpty();
  }

  @Test
  void theExceptionThatEndedTheBlockIsTheOneTheCallerSees(DynaContext ctx) throws IOException {
    land("a.json", 1, 2);
    Job[] started = new Job[1];
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () -> {
              try (Job job = init(ctx)) {
                started[0] = job;
                read(job);
                throw boom;
              }
            })
        .isSameAs(boom);
    assertThat(boom.getSuppressed()).as("close added nothing to it").isEmpty();
    assertThat(started[0].status()).isEqualTo(Job.Status.FAILED);
    assertThat(committedRun(ctx))
        .as("the rerun reads the same input")
        .containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void closingACommittedRunDoesNothing(DynaContext ctx) throws IOException {
    land("a.json", 1);
    Job first = init(ctx);
    read(first);
    first.commit();
    Job second = init(ctx);

    first.close();
    assertThat(first.status()).isEqualTo(Job.Status.SUCCEEDED);
    assertThatThrownBy(() -> init(ctx))
        .as("the second run still holds its lease")
        .isInstanceOf(ConcurrentRunException.class)
        .hasMessageContaining(second.runId());

    second.close();
    land("b.json", 2);
    assertThat(committedRun(ctx)).as("the first run's commit stands").containsExactly(2L);
  }

  @Test
  void closeIsIdempotentAndDoesNothingAfterFail(DynaContext ctx) throws IOException {
    land("a.json", 1);
    Job closed = init(ctx);
    closed.close();
    Job failed = init(ctx);
    failed.fail(new IllegalStateException("boom"));
    failed.close();
    assertThat(failed.status()).isEqualTo(Job.Status.FAILED);

    Job running = init(ctx);
    assertThat(running.runNumber())
        .isEqualTo(closed.runNumber()); // the same lease file as the ended runs
    closed.close();
    failed.close();
    assertThat(closed.status()).isEqualTo(Job.Status.FAILED);
    assertThatThrownBy(() -> init(ctx))
        .as("closing ended runs again released nobody's lease")
        .isInstanceOf(ConcurrentRunException.class)
        .hasMessageContaining(running.runId());

    read(running);
    running.commit();
    running.close();
    assertThat(running.status()).isEqualTo(Job.Status.SUCCEEDED);
    assertThat(committedRun(ctx)).isEmpty();
  }
}
