package io.dynaframe.jdbc.internal;

import io.dynaframe.DataSink;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.SinkException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDBC sink. {@code writeMode} {@code append} (the default) appends as Glue does: each of the
 * {@code bulkSize} parallel writers commits its own rows, so a failed write can leave some rows
 * behind, and a missing table is created. {@code publish} replaces the table's rows in one
 * transaction: the frame is written into a staging table, which is then swapped in for the table,
 * the old table kept as {@code <table>__previous} for rollback; readers see the old rows or the new
 * ones, never part of them, and a failed write leaves the table as it was.
 */
final class JdbcSink implements DataSink {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

  private final DynaContext ctx;
  private final JdbcSettings s;

  JdbcSink(DynaContext ctx, JdbcSettings settings) {
    this.ctx = ctx;
    this.s = settings;
    Connections.driver(s, SinkException::new);
  }

  @Override
  public DynamicFrame writeDynamicFrame(DynamicFrame frame) {
    frame.assertErrorThreshold();
    Dataset<Row> df = frame.toDF();
    if (s.bulkSize > 0) {
      df = df.repartition(s.bulkSize);
    }
    actions("preactions", s.preactions);
    if (s.writeMode.equals("publish")) {
      publish(df);
    } else {
      write(df, s.dbtable);
      actions("postactions", s.postactions);
    }
    return DynamicFrame.fromDF(
        ctx.spark().createDataFrame(List.of(), ErrorRecords.SCHEMA), ctx, frame.name() + "_errors");
  }

  private void write(Dataset<Row> df, String table) {
    Properties props = s.properties();
    props.setProperty("driver", s.driverClass);
    // Spark's basic provider logs the connection properties, the password too, at DEBUG
    props.setProperty("connectionProvider", QuietConnectionProvider.NAME);
    s.passedOn.forEach(props::setProperty);
    try {
      df.write().mode(SaveMode.Append).jdbc(s.url, table, props);
    } catch (Exception e) { // Spark throws SparkException (checked) undeclared
      throw new SinkException(
          "cannot write table "
              + table
              + " at "
              + Redaction.url(s.url)
              + ": "
              + s.redact(rootMessage(e)));
    }
  }

  /** Names of the tables next to the target: its staging table and its previous version. */
  record Names(String table, String staging, String previous) {
    static Names of(Dialect d, String dbtable, String runId) {
      int dot = dbtable.lastIndexOf('.');
      String schema = dot < 0 ? "" : dbtable.substring(0, dot + 1);
      String name = dbtable.substring(dot + 1);
      String bare = name.replaceAll("^[\"`\\[]|[\"`\\]]$", "");
      String tag = runId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
      tag = tag.length() > 12 ? tag.substring(tag.length() - 12) : tag;
      return new Names(dbtable, schema + bare + "__staging_" + tag, schema + bare + "__previous");
    }

    /** The bare name of a table (without schema), for RENAME TO. */
    static String bare(String t) {
      return t.substring(t.lastIndexOf('.') + 1);
    }
  }

  private void publish(Dataset<Row> df) {
    Names n = Names.of(s.dialect, s.dbtable, ctx.runId() + "_" + System.nanoTime());
    boolean exists;
    try (Connection c = Connections.open(s, SinkException::new)) {
      exists = exists(c, s.dbtable);
      if (exists) {
        execute(c, s.dialect.createLike(n.staging(), n.table()));
      }
    } catch (SQLException e) {
      throw fail("cannot create the staging table " + n.staging() + " for " + n.table(), e);
    }
    try {
      write(df, n.staging());
    } catch (RuntimeException e) {
      dropQuietly(n.staging());
      throw e;
    }
    try (Connection c = Connections.open(s, SinkException::new)) {
      c.setAutoCommit(false);
      try {
        for (String sql : s.dialect.swap(n.table(), n.staging(), n.previous(), exists)) {
          execute(c, sql);
        }
        // in the swap's transaction: a failed postaction leaves the table as it was
        for (String sql : s.postactions) {
          execute(c, sql);
        }
        SwapFaults.beforeCommit();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException down) {
          e.addSuppressed(down);
        }
        throw e;
      }
    } catch (SQLException e) {
      dropQuietly(n.staging());
      throw fail(
          "cannot publish into "
              + n.table()
              + " (the swap is one transaction: the table has its old rows or all the new ones)",
          e);
    } catch (RuntimeException e) {
      dropQuietly(n.staging());
      throw e;
    }
    LOG.info(
        "published {} at {}; the previous rows are kept in {}",
        n.table(),
        Redaction.url(s.url),
        n.previous());
  }

  /**
   * Runs Glue's preactions (before the write) or postactions (after it), in one transaction; the
   * first failing statement fails the write, naming it.
   */
  private void actions(String option, List<String> statements) {
    if (statements.isEmpty()) {
      return;
    }
    try (Connection c = Connections.open(s, SinkException::new)) {
      c.setAutoCommit(false);
      for (String sql : statements) {
        try {
          execute(c, sql);
        } catch (SQLException e) {
          c.rollback();
          throw new SinkException(
              option
                  + " statement ["
                  + s.redact(sql)
                  + "] of the write into "
                  + s.dbtable
                  + " failed at "
                  + Redaction.url(s.url)
                  + ": "
                  + s.redact(String.valueOf(e.getMessage()))
                  + (option.equals("preactions") ? "; nothing was written" : ""));
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw fail("cannot run the " + option + " of the write into " + s.dbtable, e);
    }
    LOG.info("ran {} {} statement(s) for {}", statements.size(), option, s.dbtable);
  }

  private static boolean exists(Connection c, String table) {
    try (Statement st = c.createStatement()) {
      st.setMaxRows(1);
      st.executeQuery("SELECT * FROM " + table + " WHERE 1=0").close();
      return true;
    } catch (SQLException e) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      } catch (SQLException ignored) {
        // the next statement says what is wrong
      }
      return false;
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private void dropQuietly(String table) {
    try (Connection c = Connections.open(s, SinkException::new)) {
      execute(c, "DROP TABLE " + table);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not drop the staging table {}: {}", table, s.redact(e.getMessage()));
    }
  }

  private SinkException fail(String what, SQLException e) {
    return new SinkException(
        what + " at " + Redaction.url(s.url) + ": " + s.redact(String.valueOf(e.getMessage())));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String msg = String.valueOf(e.getMessage());
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg;
  }

  @Override
  public String toString() {
    return "JdbcSink[" + s + ", " + s.writeMode + "]";
  }
}
