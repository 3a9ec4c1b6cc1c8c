package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class BookmarksTest {

  @TempDir Path root;

  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};

  private Lake lake() {
    return Lake.at(root);
  }

  private Path landing() {
    return root.resolve("source/events");
  }

  private void land(String file, int... ids) throws IOException {
    Files.createDirectories(landing());
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append("{\"id\": ").append(id).append("}\n");
    }
    Files.writeString(landing().resolve(file), b);
  }

  /**
   * One run of a small job: read new events, return the ids it read (and commit unless told to
   * fail).
   */
  private List<Long> run(DynaContext ctx, String[] argv, boolean failBeforeCommit) {
    Job job = Job.init("events", ctx, JobArguments.resolve(argv), lake());
    try {
      DynamicFrame events =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3",
                  Options.of("paths", List.of(landing().toString())),
                  "json",
                  Options.empty(),
                  "read_events");
      List<Long> ids =
          events.count() == 0
              ? List.of()
              : events.toDF().select("id").as(Encoders.LONG()).collectAsList();
      if (failBeforeCommit) {
        throw new IllegalStateException("boom");
      }
      job.commit();
      return new ArrayList<>(ids);
    } catch (RuntimeException e) {
      job.fail(e);
      throw e;
    }
  }

  @Test
  void threeIncrementalRunsReadEveryFileExactlyOnce(DynaContext ctx) throws IOException {
    land("a.json", 1, 2);
    assertThat(run(ctx, ENABLE, false)).containsExactlyInAnyOrder(1L, 2L);
    land("b.json", 3);
    land("c.json", 4, 5);
    assertThat(run(ctx, ENABLE, false)).containsExactlyInAnyOrder(3L, 4L, 5L);
    assertThat(run(ctx, ENABLE, false)).isEmpty();
    land("d.json", 6);
    assertThat(run(ctx, ENABLE, false)).containsExactly(6L);
  }

  /**
   * A large file is read by several tasks, in parts (here with a small {@code
   * spark.sql.files.maxPartitionBytes}); its bookmark is still the whole file: read once, whole.
   */
  @Test
  void aFileReadInPartsIsBookmarkedWhole(DynaContext ctx) throws IOException {
    int[] ids = java.util.stream.IntStream.range(0, 400).toArray();
    land("big.json", ids);
    ctx.spark().conf().set("spark.sql.files.maxPartitionBytes", "256");
    try {
      DynamicFrame direct =
          ctx.createDynamicFrameFromOptions(
              "s3",
              Options.of("paths", List.of(landing().toString())),
              "json",
              Options.empty(),
              "");
      assertThat(direct.toDF().rdd().getNumPartitions()).isGreaterThan(10);

      assertThat(run(ctx, ENABLE, false))
          .containsExactlyElementsOf(java.util.Arrays.stream(ids).mapToObj(i -> (long) i).toList());
      assertThat(run(ctx, ENABLE, false)).isEmpty();
      land("more.json", 1000, 1001);
      assertThat(run(ctx, ENABLE, false)).containsExactly(1000L, 1001L);
    } finally {
      ctx.spark().conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void aFailedRunChangesNothingAndItsRerunReadsTheSameFiles(DynaContext ctx) throws IOException {
    land("a.json", 1);
    run(ctx, ENABLE, false);
    land("b.json", 2);
    assertThatThrownBy(() -> run(ctx, ENABLE, true)).hasMessage("boom");
    assertThat(run(ctx, ENABLE, false)).containsExactly(2L);
  }

  @Test
  void modifiedFilesAreReadAgain(DynaContext ctx) throws IOException {
    land("a.json", 1);
    run(ctx, ENABLE, false);
    land("a.json", 1, 10);
    Files.setLastModifiedTime(
        landing().resolve("a.json"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(run(ctx, ENABLE, false)).containsExactlyInAnyOrder(1L, 10L);
  }

  @Test
  void disabledBookmarksReadEverythingEveryTime(DynaContext ctx) throws IOException {
    land("a.json", 1);
    assertThat(run(ctx, new String[0], false)).containsExactly(1L);
    assertThat(run(ctx, new String[0], false)).containsExactly(1L);
  }

  @Test
  void pauseReadsNewInputWithoutMovingTheBookmark(DynaContext ctx) throws IOException {
    land("a.json", 1);
    run(ctx, ENABLE, false);
    land("b.json", 2);
    String[] pause = {"--job-bookmark-option", "job-bookmark-pause"};
    assertThat(run(ctx, pause, false)).containsExactly(2L);
    assertThat(run(ctx, pause, false)).containsExactly(2L);
    assertThat(run(ctx, ENABLE, false)).containsExactly(2L);
  }

  @Test
  void pauseWithFromAndToReplaysTheRunsInBetween(DynaContext ctx) throws IOException {
    land("a.json", 1);
    run(ctx, ENABLE, false); // run 1
    land("b.json", 2);
    run(ctx, ENABLE, false); // run 2
    land("c.json", 3);
    run(ctx, ENABLE, false); // run 3
    land("d.json", 4);
    String[] replay = {
      "--job-bookmark-option",
      "job-bookmark-pause",
      "--job-bookmark-from",
      "1",
      "--job-bookmark-to",
      "3"
    };
    assertThat(run(ctx, replay, false)).containsExactlyInAnyOrder(2L, 3L);
    assertThat(run(ctx, ENABLE, false)).containsExactly(4L);
  }

  @Test
  void resetAndRewind(DynaContext ctx) throws IOException {
    land("a.json", 1);
    run(ctx, ENABLE, false); // run 1
    land("b.json", 2);
    run(ctx, ENABLE, false); // run 2
    Job.rewindBookmark("events", ctx, lake(), "1");
    assertThat(run(ctx, ENABLE, false)).containsExactly(2L);
    Job.resetBookmark("events", ctx, lake());
    assertThat(run(ctx, ENABLE, false)).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void aSecondRunOfTheSameJobFailsCleanlyWhileTheFirstRuns(DynaContext ctx) throws IOException {
    land("a.json", 1);
    Job first = Job.init("events", ctx, JobArguments.resolve(ENABLE), lake());
    assertThatThrownBy(() -> Job.init("events", ctx, JobArguments.resolve(ENABLE), lake()))
        .isInstanceOf(ConcurrentRunException.class)
        .hasMessageContaining("another run of this job is in progress: run " + first.runId());
    first.commit();
    Job second = Job.init("events", ctx, JobArguments.resolve(ENABLE), lake());
    assertThat(second.runNumber()).isEqualTo(first.runNumber() + 1);
    second.commit();
  }

  @Test
  void sourcesWithoutATransformationContextAreNotTracked(DynaContext ctx) throws IOException {
    land("a.json", 1);
    Job job = Job.init("events", ctx, JobArguments.resolve(ENABLE), lake());
    DynamicFrame untracked =
        job.context()
            .createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(landing().toString())),
                "json",
                Options.empty(),
                "");
    assertThat(untracked.count()).isEqualTo(1);
    job.commit();
    Job next = Job.init("events", ctx, JobArguments.resolve(ENABLE), lake());
    assertThat(
            next.context()
                .createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(landing().toString())),
                    "json",
                    Options.empty(),
                    "")
                .count())
        .isEqualTo(1);
    next.commit();
  }
}
