package io.dynaframe.jdbc.internal;

import io.dynaframe.SourceException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.jdbc.JdbcConnectionProvider;

/**
 * Spark's JDBC connection provider for dynaframe's sources and sinks: connects as Spark's basic
 * provider does, but never logs the connection properties (Spark's basic provider logs them, the
 * password included, at DEBUG). Chosen with Spark's option {@code connectionProvider} set to {@link
 * #NAME}; found by Spark with {@link java.util.ServiceLoader}.
 *
 * <p>In a Spark task of a read it also says what failed: a partition's query that fails (the
 * database stopped or the connection broke while the rows came in) becomes a {@link
 * SourceException} naming what is read (the option {@link #READ}), the Spark partition and its
 * query with the partition's bounds; a connection that cannot be opened names what is read and the
 * partition. Spark's own message only names the database's error.
 */
public final class QuietConnectionProvider extends JdbcConnectionProvider {

  /** The name Spark's {@code connectionProvider} option chooses this provider by. */
  public static final String NAME = "dynaframe";

  /**
   * The option that carries what a read reads ("table s.t", "query [...]"), for messages; taken out
   * of the properties before they reach the driver.
   */
  public static final String READ = "dynaframeRead";

  /** Made by {@link java.util.ServiceLoader}. */
  public QuietConnectionProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean canHandle(Driver driver, scala.collection.immutable.Map<String, String> options) {
    // only when asked for by name: Spark's own providers serve every other JDBC read
    for (String key : new String[] {"connectionProvider", "connectionprovider"}) {
      scala.Option<String> v = options.get(key);
      if (v.isDefined() && NAME.equals(v.get())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Connection getConnection(
      Driver driver, scala.collection.immutable.Map<String, String> options) {
    JDBCOptions jdbc = new JDBCOptions(options);
    Properties properties = jdbc.asConnectionProperties();
    String read = null;
    for (String key : properties.stringPropertyNames()) {
      if (key.toLowerCase(Locale.ROOT).equals(READ.toLowerCase(Locale.ROOT))) {
        read = properties.getProperty(key);
        properties.remove(key);
      }
    }
    String password = properties.getProperty("password");
    TaskContext task = TaskContext.get();
    Connection c;
    try {
      c = driver.connect(jdbc.url(), properties);
    } catch (SQLException e) {
      String what = Redaction.text(e.getMessage(), password);
      if (task != null && read != null) {
        throw new SourceException(
            "cannot read "
                + read
                + ": Spark partition "
                + task.partitionId()
                + " cannot connect to "
                + Redaction.url(jdbc.url())
                + ": "
                + what);
      }
      throw new IllegalStateException(
          "cannot connect to " + Redaction.url(jdbc.url()) + ": " + what);
    }
    if (task == null || read == null || c == null) {
      return c; // the driver's schema query, or a write: Spark's messages as they are
    }
    Where where =
        new Where(read, task.partitionId(), Redaction.url(jdbc.url()), password, jdbc.fetchSize());
    return (Connection)
        Proxy.newProxyInstance(
            QuietConnectionProvider.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Handler(c, where, null));
  }

  /** What a partition's read is, for its messages. */
  private record Where(String read, int partition, String url, String password, int fetchSize) {}

  /**
   * Passes every call on; a query of the partition that fails becomes a {@link SourceException}
   * saying what was read, where, and with which query.
   */
  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final Where where;
    private final String sql; // the statement's query; null for the connection

    Handler(Object target, Where where, String sql) {
      this.target = target;
      this.where = where;
      this.sql = sql;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      Object out;
      try {
        out = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        if (t instanceof SQLException q && sql != null) {
          throw failed(q);
        }
        throw t;
      }
      if (target instanceof Connection
          && out instanceof PreparedStatement st
          && m.getName().equals("prepareStatement")
          && args != null
          && args[0] instanceof String query
          && query.stripLeading().regionMatches(true, 0, "SELECT", 0, 6)) {
        return Proxy.newProxyInstance(
            QuietConnectionProvider.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            new Handler(st, where, query));
      }
      if (out instanceof ResultSet rs && where.fetchSize > 0 && sql != null) {
        // rows come in as they are read only with a fetch size: a break then shows in next()
        return Proxy.newProxyInstance(
            QuietConnectionProvider.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            new Handler(rs, where, sql));
      }
      return out;
    }

    private SourceException failed(SQLException e) {
      return new SourceException(
          "cannot read "
              + where.read
              + ": the query of Spark partition "
              + where.partition
              + " failed at "
              + where.url
              + " ["
              + Redaction.text(sql.strip(), where.password)
              + "]: "
              + Redaction.text(String.valueOf(e.getMessage()), where.password)
              + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"));
    }
  }

  @Override
  public boolean modifiesSecurityContext(
      Driver driver, scala.collection.immutable.Map<String, String> options) {
    return false;
  }
}
