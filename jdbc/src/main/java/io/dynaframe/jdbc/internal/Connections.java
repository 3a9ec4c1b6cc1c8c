package io.dynaframe.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.function.Function;

/** Opens connections with the driver the settings name, loaded from the class path. */
final class Connections {
  private Connections() {}

  /**
   * Checks that the driver is on the class path.
   *
   * @throws RuntimeException made by {@code error}, naming the artifact to add, when it is not
   */
  static Driver driver(JdbcSettings s, Function<String, RuntimeException> error) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> c =
          Class.forName(s.driverClass, true, cl == null ? Connections.class.getClassLoader() : cl);
      return (Driver) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      boolean usual = s.driverClass.equals(s.dialect.driverClass());
      throw error.apply(
          "the JDBC driver "
              + s.driverClass
              + " of connection type '"
              + s.dialect.connectionType()
              + "' is not on the class path; "
              + (usual
                  ? "add " + s.dialect.driverArtifact() + " (JDBC drivers are not brought along)"
                  : "add the jar that has it (customJdbcDriverClassName)"));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw error.apply("the JDBC driver " + s.driverClass + " cannot be loaded: " + e);
    }
  }

  /** A connection to the settings' database. */
  static Connection open(JdbcSettings s, Function<String, RuntimeException> error) {
    Driver d = driver(s, error);
    try {
      Connection c = d.connect(s.url, s.properties());
      if (c == null) {
        throw error.apply(
            "the JDBC driver " + s.driverClass + " does not take the URL " + Redaction.url(s.url));
      }
      return c;
    } catch (SQLException e) {
      throw error.apply(
          "cannot connect to "
              + Redaction.url(s.url)
              + (s.user == null ? "" : " as " + s.user)
              + ": "
              + s.redact(String.valueOf(e.getMessage())));
    }
  }
}
