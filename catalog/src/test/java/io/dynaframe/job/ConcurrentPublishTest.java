package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.DatabaseName;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs that run at the same time in one JVM, on one Spark session and one catalog (the in-memory
 * one, and the embedded Hive metastore on Derby that every table is queryable in): writers of
 * different tables of one database lose no catalog update, writers of one table never both win, and
 * two runs of one job never both process the same input.
 */
@SparkTest
class ConcurrentPublishTest {
  private static final String SCHEMA = "id BIGINT, job STRING";
  private static final int ROUNDS = 3;
  private static final int PER_ROUND = 50;

  @TempDir Path root;

  private static Catalog catalog(String type, SparkSession spark) {
    return type.equals("memory") ? InMemoryCatalog.create() : EmbeddedCatalog.of(spark);
  }

  /**
   * A database name of its own per test and catalog type: the embedded metastore lives as long as
   * the JVM.
   */
  private static String database(String test, String type) {
    return "conc_" + test + "_" + type + "_" + Long.toHexString(System.nanoTime());
  }

  private static List<Row> rows(String job, int round) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < PER_ROUND; i++) {
      out.add(Frames.row((long) (round * 1000 + i), job));
    }
    return out;
  }

  private static DynamicFrame frame(DynaContext ctx, List<Row> rows) {
    return Frames.rows(ctx, SCHEMA, rows.toArray(Row[]::new));
  }

  /** Runs the tasks on their own threads at once and returns their futures once all are done. */
  private static <T> List<Future<T>> together(List<Callable<T>> tasks) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) {
        futures.add(pool.submit(t));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
          .as("the concurrent jobs finished")
          .isTrue();
      return futures;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Throwable failure(Future<?> f) throws InterruptedException {
    try {
      f.get();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "embedded"})
  void twoJobsPublishingDifferentTablesOfOneDatabaseAtOnceLoseNoUpdate(String type, DynaContext ctx)
      throws Exception {
    String db = database("tables", type);
    Lake lake = Lake.at(root);
    Catalog shared = catalog(type, ctx.spark());
    CyclicBarrier barrier = new CyclicBarrier(2);
    List<Callable<Void>> jobs = new ArrayList<>();
    for (String job : List.of("orders", "customers")) {
      // each job its own catalog client, as two jobs are; the embedded ones share the metastore
      Catalog catalog = type.equals("memory") ? shared : catalog(type, ctx.spark());
      jobs.add(
          () -> {
            for (int round = 1; round <= ROUNDS; round++) {
              barrier.await(2, TimeUnit.MINUTES); // both publish each round at the same time
              DynaContext run = ctx.withRunId(job + "-r" + round);
              Publisher.of(run, catalog, lake)
                  .publish(
                      frame(run, rows(job, round)),
                      TableIdentifier.of(db, job),
                      "parquet",
                      List.of(),
                      Publisher.Mode.APPEND);
            }
            return null;
          });
    }
    for (Future<Void> f : together(jobs)) {
      assertThat(failure(f)).isNull();
    }

    assertThat(shared.listAllTables(DatabaseName.of(db)))
        .extracting(t -> t.identifier().name())
        .containsExactlyInAnyOrder("orders", "customers");
    for (String job : List.of("orders", "customers")) {
      TableDefinition t = shared.getTable(TableIdentifier.of(db, job));
      assertThat(t.location().orElseThrow()).endsWith("/" + job + "/v-" + job + "-r" + ROUNDS);
      assertThat(t.parameters().get(Publisher.VERSIONS_PARAMETER))
          .as("every switch of " + job + " is in its history")
          .contains(job + "-r1@", job + "-r2@", job + "-r3@");
      List<Row> all = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        all.addAll(rows(job, round));
      }
      FrameAssert.assertThat(ctx.spark().read().parquet(t.location().orElseThrow()))
          .isEqualTo(frame(ctx, all).toDF());
      if (type.equals("embedded")) {
        FrameAssert.assertThat(ctx.spark().sql("SELECT id, job FROM " + db + "." + job))
            .isEqualTo(frame(ctx, all).toDF());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "embedded"})
  void twoWritersOfOneTableAtOnceNeverBothWin(String type, DynaContext ctx) throws Exception {
    String db = database("one", type);
    TableIdentifier table = TableIdentifier.of(db, "events");
    Lake lake = Lake.at(root);
    Catalog shared = catalog(type, ctx.spark());
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    List<String> published = new ArrayList<>();
    for (int round = 1; round <= 2; round++) { // round 1 creates the table, round 2 updates it
      CyclicBarrier start = new CyclicBarrier(2);
      // both writers have read the table as it was and written their files before either switches:
      // the overlap a conflict needs is forced, not left to the scheduler
      CyclicBarrier bothStaged = new CyclicBarrier(2);
      PublishFaults overlap =
          new PublishFaults() {
            @Override
            public void beforeSwitch(TableIdentifier t, String version) {
              try {
                bothStaged.await(2, TimeUnit.MINUTES);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          };
      List<Callable<String>> writers = new ArrayList<>();
      int r = round;
      for (String writer : List.of("a", "b")) {
        String version = writer + r;
        writers.add(
            () -> {
              start.await(2, TimeUnit.MINUTES);
              DynaContext run = ctx.withRunId(version);
              Publisher.of(run, shared, lake)
                  .withFaults(overlap)
                  .publish(frame(run, rows(version, r)), table, "parquet", List.of());
              return version;
            });
      }
      int wins = 0;
      for (Future<String> f : together(writers)) {
        Throwable t = failure(f);
        if (t == null) {
          wins++;
          published.add(f.get());
        } else {
          assertThat(t)
              .isInstanceOf(PublishException.class)
              .hasMessageContaining("nothing of this run was published");
        }
      }
      outcomes.put("round " + round + " wins", wins);
      assertThat(wins)
          .as("two writers that both read the table before either switched: exactly one wins")
          .isEqualTo(1);
    }
    System.out.println(
        "ConcurrentPublishTest one table (" + type + "): " + outcomes + ", published " + published);

    TableDefinition t = shared.getTable(table);
    String current = t.location().orElseThrow();
    String currentVersion = current.substring(current.lastIndexOf("/v-") + 3);
    assertThat(published).contains(currentVersion);
    assertThat(t.parameters().get(Publisher.VERSIONS_PARAMETER))
        .as("no won switch is missing from the history")
        .contains(published.stream().map(v -> v + "@").toArray(String[]::new));
    FrameAssert.assertThat(ctx.spark().read().parquet(current))
        .isEqualTo(
            frame(ctx, rows(currentVersion, Integer.parseInt(currentVersion.substring(1)))).toDF());
  }

  // ---------------------------------------------------------------- two runs of one job

  private void land(String file, long from, long to) throws IOException {
    Path dir = root.resolve("source/events");
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder();
    for (long i = from; i < to; i++) {
      b.append("{\"id\": ").append(i).append(", \"job\": \"events\"}\n");
    }
    Files.writeString(dir.resolve(file), b);
  }

  /**
   * One run of the events job: init, then (if init worked) waits until the other run has tried its
   * init too, so that the two overlap; then reads new input, publishes it appended, commits.
   * Returns the number of records the run read.
   */
  private static Callable<Long> run(
      DynaContext ctx, Lake lake, Catalog catalog, CountDownLatch tried) {
    return () -> {
      Job job;
      try {
        job =
            Job.init(
                "events",
                ctx,
                JobArguments.resolve(new String[] {"--job-bookmark-option", "job-bookmark-enable"}),
                lake);
      } finally {
        tried.countDown();
      }
      try {
        assertThat(tried.await(2, TimeUnit.MINUTES)).isTrue();
        DynamicFrame events =
            job.context()
                .createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(lake.source() + "/events")),
                    "json",
                    Options.empty(),
                    "read_events");
        long n = events.count();
        Publisher.of(job.context(), catalog, lake)
            .publish(
                events,
                TableIdentifier.of("conc_job", "events"),
                "parquet",
                List.of(),
                Publisher.Mode.APPEND);
        job.commit();
        return n;
      } catch (RuntimeException | Error e) {
        job.fail(e);
        throw e;
      }
    };
  }

  @Test
  void twoRunsOfOneJobAtOnceOneFailsCleanlyAndNoRecordIsProcessedTwice(DynaContext ctx)
      throws Exception {
    Lake lake = Lake.at(root);
    Catalog catalog = InMemoryCatalog.create();
    land("a.json", 0, 500);
    land("b.json", 500, 1000);
    Supplier<List<Row>> expected =
        () -> {
          List<Row> r = new ArrayList<>();
          for (int i = 0; i < 1000; i++) {
            r.add(Frames.row(i, "events"));
          }
          return r;
        };

    CountDownLatch tried = new CountDownLatch(2);
    List<Future<Long>> runs =
        together(List.of(run(ctx, lake, catalog, tried), run(ctx, lake, catalog, tried)));

    List<Long> read = new ArrayList<>();
    List<Throwable> failed = new ArrayList<>();
    for (Future<Long> f : runs) {
      Throwable t = failure(f);
      if (t == null) {
        read.add(f.get());
      } else {
        failed.add(t);
      }
    }
    assertThat(read).as("one run read all the input").containsExactly(1000L);
    assertThat(failed)
        .singleElement()
        .isInstanceOf(ConcurrentRunException.class)
        .extracting(Throwable::getMessage)
        .asString()
        .contains(
            "another run of this job is in progress", "this run stops before reading anything");
    TableIdentifier table = TableIdentifier.of("conc_job", "events");
    FrameAssert.assertThat(
            ctx.spark().read().parquet(catalog.getTable(table).location().orElseThrow()))
        .isEqualTo(
            Frames.rows(ctx, "id INT, job STRING", expected.get().toArray(Row[]::new)).toDF());

    // the next run finds nothing new: the failed one did not hold anything back, nothing is read
    // twice
    CountDownLatch alone = new CountDownLatch(1);
    assertThat(run(ctx, lake, catalog, alone).call()).isZero();
    land("c.json", 1000, 1001);
    assertThat(run(ctx, lake, catalog, new CountDownLatch(1)).call()).isEqualTo(1L);
    assertThat(ctx.spark().read().parquet(catalog.getTable(table).location().orElseThrow()).count())
        .isEqualTo(1001L);
  }
}
