package io.dynaframe.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.jdbc.JdbcConnectionProvider;

/**
 * Spark's JDBC connection provider for dynaframe's sources and sinks: connects as Spark's basic
 * provider does, but never logs the connection properties (Spark's basic provider logs them, the
 * password included, at DEBUG). Chosen with Spark's option {@code connectionProvider} set to {@link
 * #NAME}; found by Spark with {@link java.util.ServiceLoader}.
 */
public final class QuietConnectionProvider extends JdbcConnectionProvider {

  /** The name Spark's {@code connectionProvider} option chooses this provider by. */
  public static final String NAME = "dynaframe";

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
    try {
      return driver.connect(jdbc.url(), properties);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to "
              + Redaction.url(jdbc.url())
              + ": "
              + Redaction.text(e.getMessage(), properties.getProperty("password")),
          null);
    }
  }

  @Override
  public boolean modifiesSecurityContext(
      Driver driver, scala.collection.immutable.Map<String, String> options) {
    return false;
  }
}
