package io.dynaframe.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL for the test JVM, started from the binaries that come in Maven jars. The user
 * {@code etl} logs in over TCP with a password ({@link #PASSWORD}); {@code postgres} is trusted.
 */
public final class Postgres {
  private Postgres() {}

  public static final String USER = "etl";
  public static final String PASSWORD = "Pw-7f3c-never-shown";

  private static EmbeddedPostgres pg;

  public static synchronized EmbeddedPostgres server() {
    if (pg == null) {
      try {
        Path data = Files.createTempDirectory("dynaframe-pg");
        pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        Files.writeString(
            data.resolve("pg_hba.conf"),
            "local all all trust\n"
                + "host all etl 127.0.0.1/32 scram-sha-256\n"
                + "host all etl ::1/128 scram-sha-256\n"
                + "host all all 127.0.0.1/32 trust\n"
                + "host all all ::1/128 trust\n");
        try (Connection c = admin();
            Statement st = c.createStatement()) {
          st.execute("SET password_encryption = 'scram-sha-256'");
          st.execute("CREATE ROLE etl LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
          st.execute("SELECT pg_reload_conf()");
        }
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        pg.close();
                      } catch (IOException ignored) {
                        // the JVM ends anyway
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return pg;
  }

  /** The URL of the database, without credentials. */
  public static String url() {
    return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/postgres";
  }

  /** A connection as the trusted superuser, for setting up tables. */
  public static Connection admin() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/postgres", "postgres", "");
  }

  /** Runs statements as the superuser. */
  public static void sql(String... statements) {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connection options for a table, with the password of {@code etl}. */
  public static io.dynaframe.Options options(Object... more) {
    io.dynaframe.Options o =
        io.dynaframe.Options.of("url", url(), "user", USER, "password", PASSWORD);
    for (int i = 0; i < more.length; i += 2) {
      o = o.with((String) more[i], more[i + 1]);
    }
    return o;
  }
}
