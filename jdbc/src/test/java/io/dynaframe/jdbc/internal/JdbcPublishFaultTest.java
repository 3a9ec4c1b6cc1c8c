package io.dynaframe.jdbc.internal;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
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
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database stops in the middle of a publish, between the swap's statements and their commit:
 * after a restart the table has its old rows. Runs its own PostgreSQL, which it stops.
 */
@Tag("fault")
@SparkTest
class JdbcPublishFaultTest {
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

  @Test
  void theDatabaseStopsMidPublish(DynaContext ctx) throws Exception {
    Path data = Files.createTempDirectory("dynaframe-pg-fault");
    pg = start(data, 0);
    int port = pg.getPort();
    try (Connection c = DriverManager.getConnection(url(pg), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)");
      st.execute("INSERT INTO orders VALUES (1, 'old-a'), (2, 'old-b')");
    }
    Options o =
        Options.of("url", url(pg), "user", "postgres", "dbtable", "orders", "writeMode", "publish");
    DynamicFrame f = Frames.rows(ctx, "id INT, item STRING", row(7, "new"), row(8, "newer"));
    EmbeddedPostgres running = pg;
    SwapFaults.beforeNextCommit(
        () -> {
          try {
            running.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThatThrownBy(
            () -> ctx.writeDynamicFrameFromOptions(f, "postgresql", o, "", Options.empty(), ""))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("cannot publish into orders");
    pg = start(data, port);
    Options read = Options.of("url", url(pg), "user", "postgres", "dbtable", "orders");
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromOptions("postgresql", read, "", Options.empty(), ""))
        .isEqualTo(Frames.rows(ctx, "id INT, item STRING", row(1, "old-a"), row(2, "old-b")));
  }
}
