package io.dynaframe.jdbc;

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
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job bookmarks on key columns over a real PostgreSQL, kept in the job's bookmark store. */
@SparkTest
class JdbcBookmarksTest {
  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};

  @TempDir Path root;

  @BeforeEach
  void table() {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS bm CASCADE",
        "CREATE SCHEMA bm",
        "CREATE TABLE bm.customers (customer_id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO bm.customers VALUES (1, 'a'), (2, 'b'), (5, 'e')",
        "CREATE TABLE bm.versions (major INTEGER, minor INTEGER, note TEXT)",
        "INSERT INTO bm.versions VALUES (1, 0, 'x'), (1, 1, 'y'), (2, 0, 'z')");
  }

  /** One run: reads with the options, hands the frame to {@code use}, commits unless it throws. */
  private DynamicFrame run(DynaContext ctx, Options options, Consumer<DynamicFrame> use) {
    return run(ctx, ENABLE, options, use);
  }

  private DynamicFrame run(
      DynaContext ctx, String[] argv, Options options, Consumer<DynamicFrame> use) {
    try (Job job = Job.init("customers", ctx, JobArguments.resolve(argv), Lake.at(root))) {
      DynamicFrame f =
          job.context()
              .createDynamicFrameFromOptions(
                  "postgresql", options, "", Options.empty(), "read_customers");
      // collected inside the run, as a job uses its input before it commits
      DynamicFrame read =
          DynamicFrame.fromDF(
              ctx.spark().createDataFrame(f.toDF().collectAsList(), f.toDF().schema()),
              ctx,
              "read");
      use.accept(read);
      job.commit();
      return read;
    }
  }

  private static DynamicFrame customers(DynaContext ctx, Row... rows) {
    return Frames.rows(ctx, "customer_id INT, name STRING", rows);
  }

  @Test
  void aRerunReadsOnlyRowsPastTheCommittedPrimaryKey(DynaContext ctx) {
    Options o = Postgres.options("dbtable", "bm.customers");
    FrameAssert.assertThat(run(ctx, o, f -> {}))
        .isEqualTo(customers(ctx, row(1, "a"), row(2, "b"), row(5, "e")));
    Postgres.sql("INSERT INTO bm.customers VALUES (6, 'f'), (9, 'i')");
    FrameAssert.assertThat(run(ctx, o, f -> {}))
        .isEqualTo(customers(ctx, row(6, "f"), row(9, "i")));
    FrameAssert.assertThat(run(ctx, o, f -> {})).isEqualTo(customers(ctx));
    // gaps are fine, with hash partitions too
    Postgres.sql("INSERT INTO bm.customers VALUES (100, 'x'), (57, 'y')");
    FrameAssert.assertThat(run(ctx, o.with("hashfield", "name").with("hashpartitions", 3), f -> {}))
        .isEqualTo(customers(ctx, row(57, "y"), row(100, "x")));
  }

  @Test
  void aPausedRunRereadsARangeOfRunsWithoutMovingTheBookmark(DynaContext ctx) {
    Options o = Postgres.options("dbtable", "bm.customers");
    run(ctx, o, f -> {});
    Postgres.sql("INSERT INTO bm.customers VALUES (6, 'f'), (9, 'i')");
    run(ctx, o, f -> {});
    Postgres.sql("INSERT INTO bm.customers VALUES (10, 'j')");
    String[] range = {
      "--job-bookmark-option", "job-bookmark-pause",
      "--job-bookmark-from", "1",
      "--job-bookmark-to", "2"
    };
    FrameAssert.assertThat(run(ctx, range, o, f -> {}))
        .isEqualTo(customers(ctx, row(6, "f"), row(9, "i")));
    String[] pause = {"--job-bookmark-option", "job-bookmark-pause"};
    FrameAssert.assertThat(run(ctx, pause, o, f -> {})).isEqualTo(customers(ctx, row(10, "j")));
    FrameAssert.assertThat(run(ctx, o, f -> {})).isEqualTo(customers(ctx, row(10, "j")));
  }

  @Test
  void aFailedRunChangesNothing(DynaContext ctx) {
    Options o = Postgres.options("dbtable", "bm.customers");
    run(ctx, o, f -> {});
    Postgres.sql("INSERT INTO bm.customers VALUES (6, 'f')");
    assertThatThrownBy(
            () ->
                run(
                    ctx,
                    o,
                    f -> {
                      throw new IllegalStateException("the job fails after reading");
                    }))
        .hasMessage("the job fails after reading");
    FrameAssert.assertThat(run(ctx, o, f -> {})).isEqualTo(customers(ctx, row(6, "f")));
  }

  @Test
  void userKeysInDescendingOrder(DynaContext ctx) {
    Postgres.sql(
        "CREATE TABLE bm.countdown (left_ INTEGER, what TEXT)",
        "INSERT INTO bm.countdown VALUES (10, 'ten'), (9, 'nine')");
    Options o =
        Postgres.options(
            "dbtable", "bm.countdown",
            "jobBookmarkKeys", java.util.List.of("left_"),
            "jobBookmarkKeysSortOrder", "desc");
    FrameAssert.assertThat(run(ctx, o, f -> {}))
        .isEqualTo(Frames.rows(ctx, "left_ INT, what STRING", row(10, "ten"), row(9, "nine")));
    Postgres.sql("INSERT INTO bm.countdown VALUES (8, 'eight'), (7, 'seven')");
    FrameAssert.assertThat(run(ctx, o, f -> {}))
        .isEqualTo(Frames.rows(ctx, "left_ INT, what STRING", row(8, "eight"), row(7, "seven")));
  }

  @Test
  void compoundKeysCompareAsATuple(DynaContext ctx) {
    Options o =
        Postgres.options(
            "dbtable", "bm.versions", "jobBookmarkKeys", java.util.List.of("major", "minor"));
    run(ctx, o, f -> {});
    Postgres.sql("INSERT INTO bm.versions VALUES (2, 1, 'new'), (3, 0, 'newer')");
    FrameAssert.assertThat(run(ctx, o, f -> {}))
        .isEqualTo(
            Frames.rows(
                ctx, "major INT, minor INT, note STRING", row(2, 1, "new"), row(3, 0, "newer")));
  }

  @Test
  void keysThatGoBackAreAClearError(DynaContext ctx) {
    Options o = Postgres.options("dbtable", "bm.customers");
    run(ctx, o, f -> {});
    Postgres.sql("DELETE FROM bm.customers", "INSERT INTO bm.customers VALUES (3, 'c')");
    assertThatThrownBy(() -> run(ctx, o, f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not monotonic")
        .hasMessageContaining("the committed key is [5]")
        .hasMessageContaining("is now [3]");
  }

  @Test
  void aTableWithoutPrimaryKeyNeedsBookmarkKeys(DynaContext ctx) {
    assertThatThrownBy(() -> run(ctx, Postgres.options("dbtable", "bm.versions"), f -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("need 'jobBookmarkKeys'")
        .hasMessageContaining("bm.versions has no primary key");
    assertThatThrownBy(
            () ->
                run(
                    ctx,
                    Postgres.options("dbtable", "bm.versions", "jobBookmarkKeys", "majr"),
                    f -> {}))
        .hasMessageContaining("'majr' is not a column of table bm.versions");
  }

  @Test
  void changedKeysAreAClearError(DynaContext ctx) {
    run(ctx, Postgres.options("dbtable", "bm.customers"), f -> {});
    assertThatThrownBy(
            () ->
                run(
                    ctx,
                    Postgres.options("dbtable", "bm.customers", "jobBookmarkKeys", "name"),
                    f -> {}))
        .hasMessageContaining("committed on keys [customer_id] asc")
        .hasMessageContaining("reset the job's bookmark");
  }

  @Test
  void withoutBookmarksEveryRowIsRead(DynaContext ctx) {
    Options o = Postgres.options("dbtable", "bm.customers");
    DynaContext plain = ctx;
    for (int i = 0; i < 2; i++) {
      FrameAssert.assertThat(
              plain.createDynamicFrameFromOptions(
                  "postgresql", o, "", Options.empty(), "read_customers"))
          .isEqualTo(customers(ctx, row(1, "a"), row(2, "b"), row(5, "e")));
    }
  }
}
