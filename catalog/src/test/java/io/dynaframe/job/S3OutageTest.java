package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.S3ProxyServer;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose whole lake (input, published tables, bookmarks) is on s3a, against a real S3 API
 * server (S3Proxy in its own JVM) that is killed with SIGKILL in the middle of the job's read of
 * its input and in the middle of its write of the new table version. Each time the run fails with
 * an exception that names what it could not read or write, nothing is published (the catalog still
 * points at the previous version, whose rows are unchanged), the bookmarks do not move, and after
 * the server is restarted on the same port and data the rerun, in the same JVM, publishes every
 * record exactly once.
 *
 * <p>S3A's retries are cut to one attempt here so that the outage is reported in seconds rather
 * than after minutes of retrying.
 */
@SparkTest
@Tag("fault") // run by .ci/run, not by the README's test command
class S3OutageTest {

  @TempDir static Path dir;

  private static S3ProxyServer s3;
  private static String bucket;

  /** Runs once, inside a Spark task, when the record counter reaches {@link #tripAt}. */
  private static final AtomicReference<Runnable> TRIP = new AtomicReference<>();

  private static final AtomicLong SEEN = new AtomicLong();
  private static volatile long tripAt = Long.MAX_VALUE;

  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};
  private static final TableIdentifier EVENTS = TableIdentifier.of("sales", "events");
  // JSON whole numbers that fit 32 bits are int, as Glue prints them
  private static final String SCHEMA = "id INT, day STRING, payload STRING";

  @BeforeAll
  static void startS3(SparkSession spark) {
    s3 = S3ProxyServer.start(S3ProxyServer.classpathFromSystemProperty(), dir.resolve("s3proxy"));
    // a fresh bucket name per run: Hadoop caches a file system per bucket for the whole JVM
    bucket =
        s3.createBucket(
            "dynaframe-outage-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    options().forEach(conf::set);
  }

  /** The server's settings plus few, short retries: an outage fails a request within seconds. */
  private static Map<String, String> options() {
    Map<String, String> o = new java.util.TreeMap<>(s3.hadoopOptions(bucket));
    String prefix = "fs.s3a.bucket." + bucket + ".";
    o.put(prefix + "attempts.maximum", "2");
    o.put(prefix + "retry.limit", "2");
    o.put(prefix + "retry.interval", "100ms");
    o.put(prefix + "retry.throttle.limit", "2");
    o.put(prefix + "retry.throttle.interval", "100ms");
    o.put(prefix + "connection.establish.timeout", "2000");
    return o;
  }

  @AfterAll
  static void stopS3(SparkSession spark) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      if (!s3.isRunning()) {
        s3.restart();
      }
      FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
    } finally {
      options().keySet().forEach(conf::unset);
      s3.close();
    }
  }

  @AfterEach
  void disarm() {
    TRIP.set(null);
    tripAt = Long.MAX_VALUE;
    if (!s3.isRunning()) {
      s3.restart();
    }
  }

  /** Kills the server when a run's pipeline has passed {@code records} records. */
  private static void killS3After(long records) {
    SEEN.set(0);
    tripAt = records;
    TRIP.set(
        () -> {
          System.out.println("S3OutageTest: killing S3Proxy after " + records + " records");
          s3.kill();
        });
  }

  /** A filter that keeps every record and counts them; the trip runs at the set count. */
  private static Dataset<Row> tripwire(Dataset<Row> rows) {
    return rows.filter(
        (FilterFunction<Row>)
            r -> {
              if (SEEN.incrementAndGet() == tripAt) {
                Runnable trip = TRIP.getAndSet(null);
                if (trip != null) {
                  trip.run();
                }
              }
              return true;
            });
  }

  // ---------------------------------------------------------------- the job

  /**
   * One run of the job: reads the new input files (bookmarked), passes them through the tripwire,
   * publishes them appended to {@code sales.events}, commits. A failed run is marked failed (as a
   * job script does in its {@code except} block) and rethrows.
   */
  private static void runJob(DynaContext ctx, Lake lake, Catalog catalog) {
    Job job = Job.init("events", ctx, JobArguments.resolve(ENABLE), lake);
    try {
      DynamicFrame events =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3",
                  Options.of("paths", List.of(lake.source() + "/events")),
                  "json",
                  Options.empty(),
                  "read_events");
      DynamicFrame watched = events.withRows(tripwire(events.toDF()));
      Publisher.of(job.context(), catalog, lake)
          .withOrphanGrace(Duration.ZERO)
          .publish(watched, EVENTS, "parquet", List.of(), Publisher.Mode.APPEND);
      job.commit();
    } catch (RuntimeException e) {
      job.fail(e);
      throw e;
    }
  }

  private static Lake lake(String name) {
    return Lake.at("s3a://" + bucket + "/" + name);
  }

  private static FileSystem fs(SparkSession spark) throws IOException {
    return FileSystem.get(
        URI.create("s3a://" + bucket + "/"), spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Lands a JSON Lines file of records {@code from} to {@code to - 1} with payloads of {@code
   * width} characters.
   */
  private static List<Row> land(
      SparkSession spark, Lake lake, String file, long from, long to, int width)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (long i = from; i < to; i++) {
      String payload =
          Long.toString(i, 36)
              .repeat(width / Long.toString(i, 36).length() + 1)
              .substring(0, width);
      String day = "d" + (i % 3);
      b.append("{\"id\": ")
          .append(i)
          .append(", \"day\": \"")
          .append(day)
          .append("\", \"payload\": \"")
          .append(payload)
          .append("\"}\n");
      rows.add(Frames.row((int) i, day, payload));
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(lake.source() + "/events/" + file);
    try (OutputStream out = fs(spark).create(p, false)) {
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    return rows;
  }

  private static String location(Catalog catalog) {
    return catalog.getTable(EVENTS).location().orElseThrow();
  }

  private static Dataset<Row> published(SparkSession spark, Catalog catalog) {
    return spark.read().parquet(location(catalog));
  }

  private static List<String> bookmarkStates(SparkSession spark, Lake lake) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus st :
        fs(spark).listStatus(new org.apache.hadoop.fs.Path(lake.bookmarksPath("events")))) {
      if (st.getPath().getName().startsWith("state-")) {
        names.add(st.getPath().getName());
      }
    }
    names.sort(null);
    return names;
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Runs the job into the outage the tripwire causes: the server is down afterwards and the catalog
   * still points at {@code v1}. Returns the failure, for the test to check what it names.
   */
  private static Throwable runIntoOutage(
      String outage, DynaContext ctx, Lake lake, Catalog catalog, String v1) {
    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> runJob(ctx, lake, catalog));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "S3OutageTest %s outage: failed after %.1f s with %s%n", outage, seconds, failure);

    assertThat(s3.isRunning()).as("the tripwire killed the server").isFalse();
    assertThat(location(catalog))
        .as("the catalog still points at the previous version")
        .isEqualTo(v1);
    assertThat(failure).as("the run failed").isNotNull();
    return failure;
  }

  /**
   * With the server back: readers see the first batch only and the bookmark has not moved; a rerun
   * publishes both batches exactly once; a run with no new input publishes nothing.
   */
  private static void restartAndRerun(
      DynaContext ctx,
      SparkSession spark,
      Lake lake,
      Catalog catalog,
      List<Row> first,
      List<Row> second)
      throws IOException {
    s3.restart();
    FrameAssert.assertThat(published(spark, catalog))
        .isEqualTo(Frames.rows(ctx, SCHEMA, first.toArray(Row[]::new)));
    assertThat(bookmarkStates(spark, lake))
        .as("the bookmark did not move")
        .containsExactly("state-00000001.json");

    runJob(ctx, lake, catalog);
    List<Row> all = concat(first, second);
    FrameAssert.assertThat(published(spark, catalog))
        .isEqualTo(Frames.rows(ctx, SCHEMA, all.toArray(Row[]::new)));
    assertThat(bookmarkStates(spark, lake))
        .containsExactly("state-00000001.json", "state-00000002.json");

    String v2 = location(catalog);
    runJob(ctx, lake, catalog); // no new input: nothing to publish, nothing read twice
    assertThat(location(catalog)).isEqualTo(v2);
    assertThat(published(spark, catalog).count()).isEqualTo(all.size());
  }

  // ---------------------------------------------------------------- tests

  @Test
  void anOutageInTheMiddleOfAReadFailsClearlyPublishesNothingAndTheRerunPublishesOnce(
      DynaContext ctx, SparkSession spark) throws IOException {
    Lake lake = lake("read-outage");
    Catalog catalog = InMemoryCatalog.create();
    List<Row> first = land(spark, lake, "a.json", 0, 3, 10);
    runJob(ctx, lake, catalog);
    String v1 = location(catalog);
    FrameAssert.assertThat(published(spark, catalog))
        .isEqualTo(Frames.rows(ctx, SCHEMA, first.toArray(Row[]::new)));

    // 40,000 records of 1 KiB: the server dies when the read has passed 100 of them (~100 KiB of 40
    // MiB)
    List<Row> second = land(spark, lake, "b.json", 3, 40_003, 1000);
    killS3After(100);
    // one task reads the 40 MiB file: split in two parts, the other part's task can fail first on
    // its own write, and Spark reports only the first failure (RELIABILITY.md, Limits)
    spark.conf().set("spark.sql.files.openCostInBytes", String.valueOf(128L << 20));
    Throwable failure;
    try {
      failure = runIntoOutage("read", ctx, lake, catalog, v1);
    } finally {
      spark.conf().unset("spark.sql.files.openCostInBytes");
    }
    assertThat(failure)
        .as("a failure that names the file it could not read")
        .hasMessageContaining("cannot read " + lake.source() + "/events/b.json from line ");
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile("/events/b\\.json from line (\\d+) on")
            .matcher(failure.getMessage());
    assertThat(line.find()).isTrue();
    assertThat(Integer.parseInt(line.group(1)))
        .as("the first line not read: past the 100 records read before the outage, in the file")
        .isBetween(101, 40_000);

    restartAndRerun(ctx, spark, lake, catalog, first, second);
  }

  @Test
  void anOutageInTheMiddleOfAWriteFailsClearlyPublishesNothingAndTheRerunPublishesOnce(
      DynaContext ctx, SparkSession spark) throws IOException {
    Lake lake = lake("write-outage");
    Catalog catalog = InMemoryCatalog.create();
    List<Row> first = land(spark, lake, "a.json", 0, 3, 10);
    runJob(ctx, lake, catalog);
    String v1 = location(catalog);

    // a small file, read whole by the time the first record reaches the write: the server dies
    // while
    // the task writes the new version's Parquet file
    List<Row> second = land(spark, lake, "b.json", 3, 2_003, 10);
    killS3After(1);
    Throwable failure = runIntoOutage("write", ctx, lake, catalog, v1);
    assertThat(failure)
        .as("a failure that names the table folder it could not write")
        .hasMessageContaining(lake.tablePath("sales", "events") + "/v-");
    assertThat(failure.getMessage())
        .as("and the object it was writing there, not a file it was reading")
        .containsPattern("/sales/events/v-[^ ]*part-[0-9]+[^ ]*\\.parquet")
        .doesNotContain("cannot read");

    restartAndRerun(ctx, spark, lake, catalog, first, second);
  }
}
