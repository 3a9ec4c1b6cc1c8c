package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.PublishException;
import io.dynaframe.job.Publisher;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Publisher} with format {@code iceberg}: each publish is one Iceberg commit of every
 * partition it writes, so a reader sees the table before it or after it, never a mix.
 */
class IcebergPublishTest {
  private static final String DDL = "order_id BIGINT, amount DOUBLE, order_date STRING";
  private static DynaContext ctx;
  private static Publisher publisher;

  @BeforeAll
  static void start() {
    ctx = LakeSpark.context();
    publisher = Publisher.of(ctx, ctx.catalog(), Lake.at(LakeSpark.dir().resolve("lake")));
  }

  private static DynamicFrame orders(org.apache.spark.sql.Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static long snapshots(String table) {
    return ctx.spark().sql("SELECT * FROM glue_catalog." + table + ".snapshots").count();
  }

  @Test
  void eachPublishIsOneCommitOfAllItsPartitions() {
    TableIdentifier id = TableIdentifier.of("published", "orders");
    publisher.publish(
        orders(row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02")),
        id,
        "iceberg",
        List.of("order_date"));
    TableDefinition t = ctx.catalog().getTable(id);
    assertThat(t.parameters()).containsEntry("table_type", "ICEBERG");
    assertThat(snapshots("published.orders")).isEqualTo(1);

    // overwrite replaces the partitions the frame holds, in one commit; 2026-12-01 stays
    publisher.publish(
        orders(row(3L, 30.0, "2026-12-02"), row(4L, 40.0, "2026-12-03")),
        id,
        "iceberg",
        List.of("order_date"));
    assertThat(snapshots("published.orders")).isEqualTo(2);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "orders"))
        .isEqualTo(
            orders(
                row(1L, 10.0, "2026-12-01"),
                row(3L, 30.0, "2026-12-02"),
                row(4L, 40.0, "2026-12-03")));

    publisher.publish(
        orders(row(5L, 50.0, "2026-12-01")),
        id,
        "iceberg",
        List.of("order_date"),
        Publisher.Mode.APPEND);
    assertThat(snapshots("published.orders")).isEqualTo(3);
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "orders"))
        .isEqualTo(
            orders(
                row(1L, 10.0, "2026-12-01"),
                row(5L, 50.0, "2026-12-01"),
                row(3L, 30.0, "2026-12-02"),
                row(4L, 40.0, "2026-12-03")));
  }

  @Test
  void aTableThatIsNotIcebergIsNotPublishedAsIceberg() {
    TableIdentifier id = TableIdentifier.of("published", "parquet_orders");
    publisher.publish(orders(row(1L, 1.0, "2026-12-01")), id, "parquet", List.of());
    assertThatThrownBy(
            () -> publisher.publish(orders(row(2L, 2.0, "2026-12-01")), id, "iceberg", List.of()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("is not an Iceberg table");
  }

  private static List<Long> snapshotIds(String table) {
    List<Long> out = new ArrayList<>();
    ctx.spark()
        .sql("SELECT snapshot_id FROM glue_catalog." + table + ".snapshots ORDER BY committed_at")
        .collectAsList()
        .forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  private static Path localPath(String location) {
    return Path.of(
        java.net
            .URI
            .create(location.startsWith("file:/") ? location : "file://" + location)
            .getPath());
  }

  @Test
  void retentionExpiresOldSnapshotsAndRemovesOldOrphanFiles() throws Exception {
    TableIdentifier id = TableIdentifier.of("published", "kept");
    List<String> keys = List.of("order_date");
    Publisher twoHours = publisher.withRetention(Duration.ofHours(2));
    twoHours.publish(orders(row(1L, 10.0, "2026-12-01")), id, "iceberg", keys);
    String firstFile =
        ctx.spark()
            .sql("SELECT file_path FROM glue_catalog.published.kept.files")
            .collectAsList()
            .get(0)
            .getString(0);
    // replaces the first file: only the first snapshot still holds it
    twoHours.publish(orders(row(2L, 20.0, "2026-12-01")), id, "iceberg", keys);
    List<Long> two = snapshotIds("published.kept");
    assertThat(two).hasSize(2);

    // files no snapshot references: one modified three hours ago, one just now
    Path data = localPath(ctx.catalog().getTable(id).location().orElseThrow()).resolve("data");
    Path old = Files.writeString(data.resolve("orphan-old.parquet"), "left by a failed commit");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    Path young = Files.writeString(data.resolve("orphan-young.parquet"), "a commit in flight");

    twoHours.publish(orders(row(3L, 30.0, "2026-12-03")), id, "iceberg", keys);
    List<Long> three = snapshotIds("published.kept");
    assertThat(three).hasSize(3).containsAll(two);
    assertThat(old).doesNotExist();
    assertThat(young).exists();
    assertThat(localPath(firstFile)).exists();

    // retention zero: every snapshot but the new one is expired, and the files only they held
    // are deleted
    publisher
        .withRetention(Duration.ZERO)
        .publish(orders(row(4L, 40.0, "2026-12-02")), id, "iceberg", keys);
    List<Long> four = snapshotIds("published.kept");
    assertThat(four).hasSize(1).doesNotContainAnyElementsOf(three);
    assertThat(localPath(firstFile)).doesNotExist();
    assertThat(young).exists(); // younger than the orphan grace period (one hour)
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "kept"))
        .isEqualTo(
            orders(
                row(2L, 20.0, "2026-12-01"),
                row(4L, 40.0, "2026-12-02"),
                row(3L, 30.0, "2026-12-03")));
  }

  @Test
  void aRunThatDoesNotCommitRollsItsIcebergPublishesBack() {
    TableIdentifier id = TableIdentifier.of("published", "rolled");
    List<String> keys = List.of("order_date");
    publisher.publish(
        orders(row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02")), id, "iceberg", keys);
    List<Long> before = snapshotIds("published.rolled");
    Lake lake = Lake.at(LakeSpark.dir().resolve("rollback-jobs"));
    try (Job job = Job.init("rolled_job", ctx, JobArguments.resolve(new String[0]), lake)) {
      Publisher inRun = Publisher.of(job).withRetention(Duration.ZERO);
      inRun.publish(orders(row(3L, 30.0, "2026-12-02")), id, "iceberg", keys);
      inRun.publish(
          orders(row(4L, 40.0, "2026-12-03")), id, "iceberg", keys, Publisher.Mode.APPEND);
      FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "rolled"))
          .isEqualTo(
              orders(
                  row(1L, 10.0, "2026-12-01"),
                  row(3L, 30.0, "2026-12-02"),
                  row(4L, 40.0, "2026-12-03")));
      // retention zero within the run still keeps the snapshot its rollback goes back to
      assertThat(snapshotIds("published.rolled")).contains(before.get(before.size() - 1));
      job.fail(new IllegalStateException("a later step failed"));
    }
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("published", "rolled"))
        .isEqualTo(orders(row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02")));
    assertThat(
            ctx.spark()
                .sql(
                    "SELECT snapshot_id FROM glue_catalog.published.rolled.refs WHERE name = 'main'")
                .first()
                .getLong(0))
        .isEqualTo(before.get(before.size() - 1));

    // a run that creates the table and fails leaves no table behind
    TableIdentifier made = TableIdentifier.of("published", "made_by_failed_run");
    try (Job job = Job.init("made_job", ctx, JobArguments.resolve(new String[0]), lake)) {
      Publisher.of(job).publish(orders(row(5L, 50.0, "2026-12-05")), made, "iceberg", keys);
      assertThat(ctx.catalog().tableExists(made)).isTrue();
      job.fail(new IllegalStateException("a later step failed"));
    }
    assertThat(ctx.catalog().tableExists(made)).isFalse();
  }
}
