package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job bookmarks on an Iceberg source: a run reads what was committed since the last committed run's
 * snapshot, and nothing when nothing was.
 */
class IcebergBookmarksTest {
  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};
  private static final String DB = "lake_ice_bm";
  private static final String DDL = "event_id BIGINT, kind STRING";

  private static DynaContext ctx;

  @TempDir Path root;

  @BeforeAll
  static void start() {
    ctx = LakeSpark.context();
    LakeSpark.database(DB);
  }

  private static DynamicFrame events(Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static void append(String table, Row... rows) {
    ctx.writeDynamicFrameFromCatalog(events(rows), DB, table, "", Options.empty());
  }

  /** One job run reading the table with bookmarks; what it read, collected before the commit. */
  private DynamicFrame run(String table, String[] argv, boolean commit) {
    try (Job job = Job.init("events_job", ctx, JobArguments.resolve(argv), Lake.at(root))) {
      DynamicFrame f =
          job.context()
              .createDynamicFrameFromCatalog(DB, table, "read_events", "", Options.empty());
      DynamicFrame read =
          DynamicFrame.fromDF(
              ctx.spark().createDataFrame(f.toDF().collectAsList(), f.toDF().schema()), ctx, "r");
      if (commit) {
        job.commit();
      }
      return read;
    }
  }

  @Test
  void aRerunReadsOnlyTheSnapshotsCommittedSinceTheLastRun() {
    ctx.spark().sql("CREATE TABLE glue_catalog." + DB + ".events (" + DDL + ") USING iceberg");
    append("events", row(1L, "a"), row(2L, "b"));

    FrameAssert.assertThat(run("events", ENABLE, true))
        .isEqualTo(events(row(1L, "a"), row(2L, "b")));

    append("events", row(3L, "c"));
    append("events", row(4L, "d"));
    // a run that fails before its commit leaves the bookmark where it was
    FrameAssert.assertThat(run("events", ENABLE, false))
        .isEqualTo(events(row(3L, "c"), row(4L, "d")));
    FrameAssert.assertThat(run("events", ENABLE, true))
        .isEqualTo(events(row(3L, "c"), row(4L, "d")));

    FrameAssert.assertThat(run("events", ENABLE, true)).isEqualTo(events());

    // bookmarks off: the whole table, every run
    FrameAssert.assertThat(
            run("events", new String[] {"--job-bookmark-option", "job-bookmark-disable"}, true))
        .isEqualTo(events(row(1L, "a"), row(2L, "b"), row(3L, "c"), row(4L, "d")));
  }

  @Test
  void timeTravelOptionsCannotBeCombinedWithBookmarks() {
    ctx.spark().sql("CREATE TABLE glue_catalog." + DB + ".travelled (" + DDL + ") USING iceberg");
    append("travelled", row(1L, "a"));
    long snapshot =
        ctx.spark()
            .sql("SELECT snapshot_id FROM glue_catalog." + DB + ".travelled.snapshots")
            .first()
            .getLong(0);
    try (Job job = Job.init("travel_job", ctx, JobArguments.resolve(ENABLE), Lake.at(root))) {
      assertThatThrownBy(
              () ->
                  job.context()
                      .getCatalogSource(
                          DB,
                          "travelled",
                          "read_travelled",
                          "",
                          Options.of("snapshot-id", String.valueOf(snapshot))))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("option snapshot-id cannot be used with job bookmarks");
    }
  }
}
