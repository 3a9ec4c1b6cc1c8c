package io.dynaframe.jdbc.internal;

import io.dynaframe.DynaContext;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Column;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Lists the tables of a JDBC include path and their columns, for the JDBC crawler. */
public final class JdbcCrawl {
  private JdbcCrawl() {}

  /** One table or view found: its location {@code db.schema.table}, type, columns. */
  public record Found(
      String location, String classification, String typeOfData, List<Column> columns) {}

  /** The tables and views of an include path, through a connection of the catalog. */
  public static List<Found> crawl(DynaContext ctx, String connectionName, String path) {
    Function<String, RuntimeException> error = SourceException::new;
    CatalogConnections.Resolved r = CatalogConnections.fromCatalog(ctx, connectionName, error);
    Dialect dialect = Dialect.of(r.vendor());
    String[] parts = path.strip().split("/");
    boolean twoLevels = dialect == Dialect.MYSQL;
    if (parts.length != (twoLevels ? 2 : 3)
        || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw error.apply(
          "include path '"
              + path
              + "' of connection '"
              + connectionName
              + "' must be "
              + (twoLevels ? "database/table" : "database/schema/table")
              + " (% is the wildcard, as in database/"
              + (twoLevels ? "%" : "schema/%")
              + ")");
    }
    String db = parts[0];
    String schema = twoLevels ? null : parts[1];
    String table = parts[parts.length - 1];
    if (db.contains("%")) {
      throw error.apply(
          "include path '" + path + "': the database part cannot be a wildcard, name one database");
    }
    String url = CatalogConnections.withDatabase(r.url(), db, connectionName, error);
    Options o = Options.of("url", url, "dbtable", "crawl");
    if (r.user() != null) {
      o = o.with("user", r.user());
    }
    if (r.password() != null) {
      o = o.with("password", r.password());
    }
    JdbcSettings s = JdbcSettings.source(dialect, o, error);
    List<Found> out = new ArrayList<>();
    try (Connection c = Connections.open(s, error)) {
      DatabaseMetaData md = c.getMetaData();
      String catalogPattern = twoLevels ? db : null;
      List<String[]> tables = new ArrayList<>();
      try (ResultSet rs =
          md.getTables(catalogPattern, schema, table, new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) {
          tables.add(
              new String[] {
                rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")
              });
        }
      }
      for (String[] t : tables) {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalogPattern, t[0], t[1], null)) {
          while (rs.next()) {
            int type = rs.getInt("DATA_TYPE");
            int precision = rs.getInt("COLUMN_SIZE");
            int scale = rs.getInt("DECIMAL_DIGITS");
            columns.add(
                Column.of(
                    rs.getString("COLUMN_NAME"),
                    GlueTypes.of(type, precision, scale).catalogString()));
          }
        }
        String location = twoLevels ? db + "." + t[1] : db + "." + t[0] + "." + t[1];
        out.add(
            new Found(
                location,
                dialect.connectionType(),
                t[2] != null && t[2].toUpperCase(Locale.ROOT).contains("VIEW") ? "view" : "table",
                columns));
      }
    } catch (SQLException e) {
      throw error.apply(
          "crawler cannot list include path '"
              + path
              + "' of connection '"
              + connectionName
              + "': "
              + s.redact(String.valueOf(e.getMessage())));
    }
    out.sort(java.util.Comparator.comparing(Found::location));
    return out;
  }
}
