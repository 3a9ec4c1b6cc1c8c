package io.dynaframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.Publisher;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stops while a partitioned read runs: a job reads a table with bookmarks in 4
 * partitions ({@code hashfield}) and publishes what it read into a lake table; PostgreSQL is
 * stopped (fast shutdown: its sessions are ended) while the partitions' queries run. The run fails
 * with an error that names the table, the Spark partition and its query with the partition's
 * bounds; the published table keeps its rows, the bookmark does not move; after a restart on the
 * same data the rerun publishes every new row exactly once. Runs its own PostgreSQL, which it
 * stops.
 */
@Tag("fault")
@SparkTest
class JdbcReadFaultTest {
  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};
  private static final TableIdentifier OUT = TableIdentifier.of("sales", "events");

  @TempDir Path root;
  private EmbeddedPostgres pg;

  @AfterEach
  void stop() throws IOException {
    if (pg != null) {
      pg.close();
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
    return (port == 0 ? b : b.setPort(port)).start();
  }

  private static String url(EmbeddedPostgres pg) {
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(pg), "postgres", "");
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }

  /**
   * A run: reads the new rows of f.events with bookmarks (keys given: f.events becomes a view) and
   * publishes them appended.
   */
  private void run(DynaContext ctx, InMemoryCatalog catalog, Lake lake) {
    Options o =
        Options.of(
            "url",
            url(pg),
            "user",
            "postgres",
            "dbtable",
            "f.events",
            "hashfield",
            "id",
            "hashpartitions",
            4,
            "jobBookmarkKeys",
            List.of("id"));
    try (Job job =
        Job.init("events_job", ctx.withCatalog(catalog), JobArguments.resolve(ENABLE), lake)) {
      DynamicFrame events =
          job.context()
              .createDynamicFrameFromOptions("postgresql", o, "", Options.empty(), "read_events");
      Publisher.of(job).publish(events, OUT, "parquet", List.of(), Publisher.Mode.APPEND);
      job.commit();
    }
  }

  private List<String> bookmarkStates(Lake lake) throws IOException {
    String where = lake.bookmarksPath("events_job");
    Path dir = where.startsWith("file:") ? Path.of(java.net.URI.create(where)) : Path.of(where);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("state-"))
          .sorted()
          .toList();
    }
  }

  private static DynamicFrame events(DynaContext ctx, int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      rows.add(Frames.row(i, "payload " + i));
    }
    return Frames.rows(ctx, "id INT, payload STRING", rows.toArray(new Row[0]));
  }

  /** Waits until a partition's query of the read runs in the database, then stops it. */
  private CompletableFuture<Void> stopWhenTheReadRuns(EmbeddedPostgres running, String url) {
    return CompletableFuture.runAsync(
        () -> {
          try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
              try (Statement st = c.createStatement();
                  ResultSet rs =
                      st.executeQuery(
                          "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                              + " AND query LIKE '%HASHTEXT%' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                  break;
                }
              }
              Thread.sleep(20);
            }
            Thread.sleep(200); // rows of the running partitions are on their way
          } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
          try {
            running.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void theDatabaseStopsWhileAPartitionedReadRuns(DynaContext ctx) throws Exception {
    Path data = Files.createTempDirectory("dynaframe-pg-read-fault");
    pg = start(data, 0);
    int port = pg.getPort();
    sql(
        "CREATE SCHEMA f",
        "CREATE TABLE f.events (id INTEGER PRIMARY KEY, payload TEXT)",
        "INSERT INTO f.events SELECT i, 'payload ' || i FROM generate_series(1, 20) i");
    InMemoryCatalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(root.resolve("lake"));
    run(ctx, catalog, lake);
    FrameAssert.assertThat(published(ctx, catalog)).isEqualTo(events(ctx, 1, 20));
    assertThat(bookmarkStates(lake)).containsExactly("state-00000001.json");

    // the new rows come slowly: each partition's query runs for seconds
    sql(
        "INSERT INTO f.events SELECT i, 'payload ' || i FROM generate_series(21, 2020) i",
        "CREATE FUNCTION f.slowly(t TEXT) RETURNS TEXT LANGUAGE sql STABLE AS"
            + " 'SELECT $1 FROM pg_sleep(0.005)'",
        "ALTER TABLE f.events RENAME TO events_data",
        "CREATE VIEW f.events AS SELECT id, f.slowly(payload) AS payload FROM f.events_data");
    CompletableFuture<Void> stopper = stopWhenTheReadRuns(pg, url(pg));
    Throwable failure = catchRun(ctx, catalog, lake);
    stopper.get(60, TimeUnit.SECONDS);
    pg = null;
    assertThat(failure).isNotNull();
    String message = messages(failure);
    assertThat(message)
        .as(message)
        .contains("cannot read table f.events: the query of Spark partition ")
        .containsPattern("SELECT \"id\",\"payload\" FROM f\\.events +WHERE")
        .containsPattern(
            "MOD\\(MOD\\(HASHTEXT\\(CAST\\(\"id\" AS TEXT\\)\\), 4\\) \\+ 4, 4\\) = [0-3]")
        .containsPattern("\"id\" > 20\\)")
        .containsAnyOf("terminating connection due to administrator command", "I/O error");

    // nothing half-written, the bookmark did not move
    FrameAssert.assertThat(published(ctx, catalog)).isEqualTo(events(ctx, 1, 20));
    assertThat(bookmarkStates(lake)).containsExactly("state-00000001.json");

    // back on the same data, fast again: the rerun reads every new row once
    pg = start(data, port);
    sql(
        "CREATE OR REPLACE FUNCTION f.slowly(t TEXT) RETURNS TEXT LANGUAGE sql STABLE AS"
            + " 'SELECT $1'");
    run(ctx, catalog, lake);
    FrameAssert.assertThat(published(ctx, catalog)).isEqualTo(events(ctx, 1, 2020));
    assertThat(bookmarkStates(lake)).containsExactly("state-00000001.json", "state-00000002.json");
  }

  private static DynamicFrame published(DynaContext ctx, InMemoryCatalog catalog) {
    return ctx.withCatalog(catalog)
        .createDynamicFrameFromCatalog(
            OUT.database().name(), OUT.name(), "check", "", Options.empty());
  }

  private Throwable catchRun(DynaContext ctx, InMemoryCatalog catalog, Lake lake) {
    try {
      run(ctx, catalog, lake);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** The first lines of the exception's message and its causes'. */
  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return b.toString();
  }
}
