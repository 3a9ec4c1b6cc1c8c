package io.dynaframe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dataset of a JDBC table as the OpenLineage naming spec names it, as a URI {@code
 * <namespace>/<name>}: PostgreSQL {@code postgres://host:port/database.schema.table}, MySQL {@code
 * mysql://host:port/database.table}, SQL Server {@code mssql://host:port/database.schema.table},
 * Redshift {@code redshift://cluster.region:port/database.schema.table}, Oracle {@code
 * oracle://host:port/service.schema.table}. Only host, port, database and table are taken from the
 * URL: never its user info or parameters (where passwords may be).
 */
final class JdbcDatasets {
  private JdbcDatasets() {}

  private static final Pattern SLASHED =
      Pattern.compile("^jdbc:[a-z0-9]+://(?:[^/@?;]*@)?([^/:?;]+)(?::(\\d+))?(?:/([^?;/]*))?.*$");
  private static final Pattern ORACLE =
      Pattern.compile("^jdbc:oracle:[a-z]+:@(?://)?([^/:?]+)(?::(\\d+))?[/:]([^?/]+).*$");
  private static final Pattern SQLSERVER_DB =
      Pattern.compile("(?i);(?:databaseName|database)=([^;]+)");

  /** The dataset URI of a table of a JDBC connection type, or null when it cannot be told. */
  static String uri(String connectionType, String url, String dbtable) {
    if (url == null || dbtable == null || dbtable.isBlank()) {
      return null;
    }
    String type = connectionType == null ? "" : connectionType.toLowerCase(Locale.ROOT);
    String u = url.strip();
    List<String> table = parts(dbtable);
    switch (type) {
      case "postgresql", "redshift" -> {
        Matcher m = SLASHED.matcher(u);
        if (!m.matches() || m.group(3) == null || m.group(3).isEmpty()) {
          return null;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        String port = m.group(2) != null ? m.group(2) : type.equals("redshift") ? "5439" : "5432";
        String authority = type.equals("redshift") ? redshiftAuthority(host) : host;
        return (type.equals("redshift") ? "redshift://" : "postgres://")
            + authority
            + ":"
            + port
            + "/"
            + m.group(3)
            + "."
            + withSchema(table, "public");
      }
      case "mysql" -> {
        Matcher m = SLASHED.matcher(u);
        if (!m.matches()) {
          return null;
        }
        String port = m.group(2) != null ? m.group(2) : "3306";
        String name =
            table.size() >= 2
                ? String.join(".", table.subList(table.size() - 2, table.size()))
                : m.group(3) == null || m.group(3).isEmpty()
                    ? null
                    : m.group(3) + "." + table.get(0);
        return name == null
            ? null
            : "mysql://" + m.group(1).toLowerCase(Locale.ROOT) + ":" + port + "/" + name;
      }
      case "sqlserver" -> {
        Matcher m = SLASHED.matcher(u);
        Matcher db = SQLSERVER_DB.matcher(u);
        if (!m.matches() || !db.find()) {
          return null;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        int backslash = host.indexOf('\\');
        host = backslash < 0 ? host : host.substring(0, backslash);
        String port = m.group(2) != null ? m.group(2) : "1433";
        return "mssql://" + host + ":" + port + "/" + db.group(1) + "." + withSchema(table, "dbo");
      }
      case "oracle" -> {
        Matcher m = ORACLE.matcher(u);
        if (!m.matches()) {
          return null;
        }
        String port = m.group(2) != null ? m.group(2) : "1521";
        return "oracle://"
            + m.group(1).toLowerCase(Locale.ROOT)
            + ":"
            + port
            + "/"
            + m.group(3)
            + "."
            + String.join(".", table);
      }
      default -> {
        return null;
      }
    }
  }

  /** Redshift's authority: {@code cluster.region} of a cluster endpoint, else the host. */
  private static String redshiftAuthority(String host) {
    String[] labels = host.split("\\.");
    if (host.endsWith(".redshift.amazonaws.com") && labels.length >= 6) {
      return labels[0] + "." + labels[2];
    }
    return host;
  }

  private static String withSchema(List<String> table, String schema) {
    List<String> last =
        table.size() >= 2
            ? table.subList(table.size() - 2, table.size())
            : List.of(schema, table.get(0));
    return String.join(".", last);
  }

  /** The parts of a table name, their quotes removed. */
  private static List<String> parts(String dbtable) {
    List<String> out = new ArrayList<>();
    for (String p : dbtable.strip().split("\\.")) {
      String s = p.strip();
      if (s.length() >= 2
          && ((s.startsWith("\"") && s.endsWith("\""))
              || (s.startsWith("`") && s.endsWith("`"))
              || (s.startsWith("[") && s.endsWith("]")))) {
        s = s.substring(1, s.length() - 1);
      }
      out.add(s);
    }
    return out;
  }
}
