package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class PublisherTest {

  @TempDir Path root;

  private static final TableIdentifier ORDERS = TableIdentifier.of("sales", "orders");

  private DynamicFrame orders(DynaContext ctx, String... lines) {
    return Frames.json(ctx, lines).withName("orders");
  }

  private List<String> versionFolders() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("load/sales/orders"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("v-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void anUnpartitionedTableSwitchesToEachNewVersionAndOldOnesExpire(DynaContext ctx)
      throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root);
    DynaContext run1 = ctx.withRunId("r1");
    Publication p1 =
        Publisher.of(run1, catalog, lake)
            .publish(orders(run1, "{\"id\": 1}"), ORDERS, "parquet", List.of());
    TableDefinition t1 = catalog.getTable(ORDERS);
    assertThat(t1.location()).contains(p1.location());
    assertThat(p1.location()).endsWith("/load/sales/orders/v-r1");

    DynaContext run2 = ctx.withRunId("r2");
    Publisher.of(run2, catalog, lake)
        .withRetention(Duration.ofDays(7))
        .publish(orders(run2, "{\"id\": 2}", "{\"id\": 3}"), ORDERS, "parquet", List.of());
    assertThat(catalog.getTable(ORDERS).location().orElseThrow()).endsWith("/v-r2");
    assertThat(versionFolders())
        .containsExactly("v-r1", "v-r2"); // r1 kept for readers within retention
    FrameAssert.assertThat(
            ctx.spark().read().parquet(catalog.getTable(ORDERS).location().orElseThrow()))
        .isEqualTo(orders(ctx, "{\"id\": 2}", "{\"id\": 3}").toDF());

    DynaContext run3 = ctx.withRunId("r3");
    Publication p3 =
        Publisher.of(run3, catalog, lake)
            .withRetention(Duration.ZERO)
            .publish(orders(run3, "{\"id\": 4}"), ORDERS, "parquet", List.of());
    assertThat(p3.removedVersions()).containsExactlyInAnyOrder("r1", "r2");
    assertThat(versionFolders()).containsExactly("v-r3");
    assertThat(catalog.getTable(ORDERS).parameters().get(Publisher.VERSIONS_PARAMETER))
        .contains("r1@", "r2@", "r3@");
  }

  @Test
  void aPartitionedTableSwitchesOnlyThePartitionsARunWrote(DynaContext ctx) {
    Catalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root);
    DynaContext run1 = ctx.withRunId("r1");
    Publisher.of(run1, catalog, lake)
        .publish(
            orders(run1, "{\"id\": 1, \"region\": \"eu\"}", "{\"id\": 2, \"region\": \"us\"}"),
            ORDERS,
            "parquet",
            List.of("region"));
    DynaContext run2 = ctx.withRunId("r2");
    Publication p2 =
        Publisher.of(run2, catalog, lake)
            .publish(
                orders(
                    run2, "{\"id\": 3, \"region\": \"eu\"}", "{\"id\": 4, \"region\": \"apac\"}"),
                ORDERS,
                "parquet",
                List.of("region"));

    assertThat(p2.partitions()).containsExactlyInAnyOrder(List.of("eu"), List.of("apac"));
    List<Partition> parts = catalog.listAllPartitions(ORDERS, null);
    assertThat(parts)
        .extracting(
            p -> p.values().get(0) + " -> " + p.location().orElseThrow().replaceAll(".*/load/", ""))
        .containsExactlyInAnyOrder(
            "eu -> sales/orders/v-r2/region=eu",
            "us -> sales/orders/v-r1/region=us",
            "apac -> sales/orders/v-r2/region=apac");
    assertThat(p2.removedVersions()).isEmpty(); // r1 still holds region=us
  }

  @Test
  void appendKeepsWhatWasPublishedInTheTouchedPartitions(DynaContext ctx) {
    Catalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root);
    Publisher.of(ctx.withRunId("r1"), catalog, lake)
        .publish(
            orders(ctx, "{\"id\": 1, \"region\": \"eu\"}", "{\"id\": 2, \"region\": \"us\"}"),
            ORDERS,
            "parquet",
            List.of("region"));
    Publisher.of(ctx.withRunId("r2"), catalog, lake)
        .publish(
            orders(ctx, "{\"id\": 3, \"region\": \"eu\"}", "{\"id\": 4, \"region\": \"apac\"}"),
            ORDERS,
            "parquet",
            List.of("region"),
            Publisher.Mode.APPEND);

    List<String> locations =
        catalog.listAllPartitions(ORDERS, null).stream()
            .map(p -> p.location().orElseThrow())
            .toList();
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> all = null;
    for (String l : locations) {
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> part =
          ctx.spark().read().parquet(l).select("id");
      all = all == null ? part : all.union(part);
    }
    FrameAssert.assertThat(all)
        .isEqualTo(
            Frames.rows(ctx, "id INT", Frames.row(1), Frames.row(2), Frames.row(3), Frames.row(4)));
  }

  @Test
  void framesThatDoNotFitFailBeforeAnythingIsWritten(DynaContext ctx) throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root);
    Publisher.of(ctx.withRunId("r1"), catalog, lake)
        .publish(
            orders(ctx, "{\"id\": 1, \"region\": \"eu\"}"), ORDERS, "parquet", List.of("region"));

    assertThatThrownBy(
            () ->
                Publisher.of(ctx.withRunId("r2"), catalog, lake)
                    .publish(
                        orders(ctx, "{\"id\": 1, \"region\": \"eu\"}"),
                        ORDERS,
                        "parquet",
                        List.of()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining(
            "is partitioned by [region] but the frame is published with partition keys []");
    assertThatThrownBy(
            () ->
                Publisher.of(ctx.withRunId("r3"), catalog, lake)
                    .publish(
                        orders(
                            ctx,
                            "{\"id\": 1, \"region\": \"eu\"}",
                            "{\"id\": \"x\", \"region\": \"eu\"}"),
                        ORDERS,
                        "parquet",
                        List.of("region")))
        .hasMessageContaining(
            "field 'id' of frame is a choice (choice{int, string}); resolve it with ResolveChoice");
    assertThat(versionFolders()).containsExactly("v-r1");
  }

  @Test
  void orphansOfFailedRunsAreRemovedByTheNextPublish(DynaContext ctx) throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root);
    Publisher.of(ctx.withRunId("r1"), catalog, lake)
        .publish(orders(ctx, "{\"id\": 1}"), ORDERS, "parquet", List.of());
    Files.createDirectories(root.resolve("load/sales/orders/v-crashed/"));
    Files.writeString(root.resolve("load/sales/orders/v-crashed/part.parquet"), "half a file");

    Publication p =
        Publisher.of(ctx.withRunId("r2"), catalog, lake)
            .withOrphanGrace(Duration.ZERO)
            .publish(orders(ctx, "{\"id\": 2}"), ORDERS, "parquet", List.of());

    assertThat(p.removedVersions()).contains("crashed");
    assertThat(versionFolders()).containsExactly("v-r1", "v-r2");
  }

  @Test
  void publishedTablesAreQueryableWithSparkSqlThroughTheEmbeddedCatalog(DynaContext ctx) {
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    Lake lake = Lake.at(root);
    TableIdentifier t = TableIdentifier.of("pubtest", "orders");
    Publisher.of(ctx.withRunId("r1"), catalog, lake)
        .publish(
            orders(ctx, "{\"id\": 1, \"region\": \"eu\"}", "{\"id\": 2, \"region\": \"us\"}"),
            t,
            "parquet",
            List.of("region"));
    Publisher.of(ctx.withRunId("r2"), catalog, lake)
        .publish(orders(ctx, "{\"id\": 3, \"region\": \"eu\"}"), t, "parquet", List.of("region"));

    FrameAssert.assertThat(ctx.spark().sql("SELECT id, region FROM pubtest.orders"))
        .isEqualTo(
            Frames.rows(ctx, "id INT, region STRING", Frames.row(3, "eu"), Frames.row(2, "us")));
  }

  @Test
  void aJobsPublisherPublishesIntoTheCatalogOfTheJobsContextAndTheJobsLake(DynaContext ctx)
      throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    try (Job job =
        Job.init(
            "orders",
            ctx.withCatalog(catalog),
            JobArguments.resolve(new String[0]),
            Lake.at(root))) {
      Publication p =
          Publisher.of(job)
              .publish(orders(job.context(), "{\"id\": 1}"), ORDERS, "parquet", List.of());
      job.commit();

      assertThat(p.version()).isEqualTo(job.runId());
      assertThat(catalog.getTable(ORDERS).location().orElseThrow())
          .endsWith("/load/sales/orders/v-" + job.runId());
      assertThat(versionFolders()).containsExactly("v-" + job.runId());
    }
  }

  private void land(String file, int id) throws IOException {
    Files.createDirectories(root.resolve("source/events"));
    Files.writeString(root.resolve("source/events/" + file), "{\"id\": " + id + "}\n");
  }

  /**
   * One incremental run: reads the new events and appends them to {@code sales.orders}; returns the
   * run id.
   */
  private String appendNewEvents(DynaContext ctx, PublishFaults faults) {
    return appendNewEvents(ctx, faults, List.of(), false);
  }

  /**
   * One incremental run into {@code sales.orders} partitioned by {@code partitionKeys}; fails after
   * the publish, before the commit, if asked. Returns the run id.
   */
  private String appendNewEvents(
      DynaContext ctx, PublishFaults faults, List<String> partitionKeys, boolean failAfterPublish) {
    String[] argv = {"--job-bookmark-option", "job-bookmark-enable"};
    try (Job job = Job.init("events", ctx, JobArguments.resolve(argv), Lake.at(root))) {
      DynamicFrame events =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3",
                  Options.of("paths", List.of(root.resolve("source/events").toString())),
                  "json",
                  Options.empty(),
                  "read_events");
      Publisher.of(job)
          .withOrphanGrace(Duration.ZERO)
          .withFaults(faults)
          .publish(events, ORDERS, "parquet", partitionKeys, Publisher.Mode.APPEND);
      if (failAfterPublish) {
        throw new IllegalStateException("a later step fails");
      }
      job.commit();
      return job.runId();
    }
  }

  private List<Long> publishedIds(DynaContext ctx, Catalog catalog) {
    return ctx
        .spark()
        .read()
        .parquet(catalog.getTable(ORDERS).location().orElseThrow())
        .selectExpr("bigint(id) AS id")
        .as(Encoders.LONG())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }

  @Test
  void aJobThatFailsJustBeforeTheSwitchPublishesNothingAndItsRerunPublishesOnce(DynaContext ctx)
      throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    DynaContext withCatalog = ctx.withCatalog(catalog);
    land("a.json", 1);
    String first = appendNewEvents(withCatalog, PublishFaults.NONE);
    land("b.json", 2);
    IllegalStateException crash = new IllegalStateException("the driver dies before the switch");
    PublishFaults failAtSwitch =
        new PublishFaults() {
          @Override
          public void beforeSwitch(TableIdentifier table, String version) {
            throw crash;
          }
        };

    assertThatThrownBy(() -> appendNewEvents(withCatalog, failAtSwitch)).isSameAs(crash);
    assertThat(crash.getSuppressed()).isEmpty();
    assertThat(catalog.getTable(ORDERS).location().orElseThrow()).endsWith("/v-" + first);
    assertThat(publishedIds(ctx, catalog)).containsExactly(1L);
    assertThat(versionFolders()).hasSize(2); // the published version and the failed run's

    String rerun = appendNewEvents(withCatalog, PublishFaults.NONE);
    assertThat(publishedIds(ctx, catalog))
        .as("the rerun read b.json again, and only it")
        .containsExactly(1L, 2L);
    assertThat(versionFolders())
        .as("the failed run's folder was removed")
        .containsExactlyInAnyOrder("v-" + first, "v-" + rerun);
    appendNewEvents(withCatalog, PublishFaults.NONE);
    assertThat(publishedIds(ctx, catalog))
        .as("nothing new, nothing published twice")
        .containsExactly(1L, 2L);
  }

  /**
   * A run that publishes into a partitioned table and then fails before its commit: its publish is
   * switched back (the partition it created dropped, the one it switched pointed at its old version
   * again, the table's definition as before), so the rerun, which reads the same input, publishes
   * each record once. Without the rollback the rerun appends onto the failed run's version and
   * record 3 appears twice.
   */
  @Test
  void aRunThatFailsAfterItsPublishIsRolledBackAndItsRerunPublishesOnce(DynaContext ctx)
      throws IOException {
    Catalog catalog = InMemoryCatalog.create();
    DynaContext withCatalog = ctx.withCatalog(catalog);
    Files.createDirectories(root.resolve("source/events"));
    Files.writeString(root.resolve("source/events/a.json"), "{\"id\": 1, \"day\": \"d1\"}\n");
    appendNewEvents(withCatalog, PublishFaults.NONE, List.of("day"), false);
    TableDefinition before = catalog.getTable(ORDERS);
    Partition d1 = catalog.getPartition(ORDERS, List.of("d1"));
    Files.writeString(
        root.resolve("source/events/b.json"),
        "{\"id\": 2, \"day\": \"d1\"}\n{\"id\": 3, \"day\": \"d2\"}\n");

    assertThatThrownBy(() -> appendNewEvents(withCatalog, PublishFaults.NONE, List.of("day"), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a later step fails");
    assertThat(catalog.getTable(ORDERS).location()).isEqualTo(before.location());
    assertThat(catalog.getTable(ORDERS).parameters().get(Publisher.VERSIONS_PARAMETER))
        .isEqualTo(before.parameters().get(Publisher.VERSIONS_PARAMETER));
    assertThat(catalog.listAllPartitions(ORDERS, null))
        .as("d2, created by the failed run, is gone; d1 points at its old version again")
        .containsExactly(d1);

    appendNewEvents(withCatalog, PublishFaults.NONE, List.of("day"), false);
    FrameAssert.assertThat(ctx.spark().read().parquet(partitionLocations(catalog)))
        .isEqualTo(Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}").toDF());
    try (Stream<Path> files =
        Files.list(Path.of(java.net.URI.create(Lake.at(root).bookmarksPath("events"))))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("the committed run removed its publish journal")
          .noneMatch(n -> n.startsWith("publish-"));
    }
  }

  private String[] partitionLocations(Catalog catalog) {
    return catalog.listAllPartitions(ORDERS, null).stream()
        .map(p -> p.location().orElseThrow())
        .toArray(String[]::new);
  }
}
