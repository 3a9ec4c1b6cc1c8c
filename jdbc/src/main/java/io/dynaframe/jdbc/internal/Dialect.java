package io.dynaframe.jdbc.internal;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases behind Glue's JDBC connection types: the driver and the
 * artifact that brings it, the URL prefix, how identifiers are quoted, how a column is hashed into
 * one of n partitions, how one row is fetched, and how a value of a key column is written as a SQL
 * literal.
 */
public enum Dialect {
  POSTGRESQL(
      "postgresql", "org.postgresql.Driver", "org.postgresql:postgresql", "jdbc:postgresql:"),
  MYSQL("mysql", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j", "jdbc:mysql:"),
  SQLSERVER(
      "sqlserver",
      "com.microsoft.sqlserver.jdbc.SQLServerDriver",
      "com.microsoft.sqlserver:mssql-jdbc",
      "jdbc:sqlserver:"),
  ORACLE("oracle", "oracle.jdbc.OracleDriver", "com.oracle.database.jdbc:ojdbc11", "jdbc:oracle:"),
  REDSHIFT(
      "redshift",
      "com.amazon.redshift.jdbc42.Driver",
      "com.amazon.redshift:redshift-jdbc42",
      "jdbc:redshift:");

  private final String connectionType;
  private final String driverClass;
  private final String driverArtifact;
  private final String urlPrefix;

  Dialect(String connectionType, String driverClass, String driverArtifact, String urlPrefix) {
    this.connectionType = connectionType;
    this.driverClass = driverClass;
    this.driverArtifact = driverArtifact;
    this.urlPrefix = urlPrefix;
  }

  /** The dialect of a Glue connection type ({@code postgresql}, ...), or null. */
  public static Dialect of(String connectionType) {
    for (Dialect d : values()) {
      if (d.connectionType.equals(connectionType.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }

  /** Glue's connection type. */
  public String connectionType() {
    return connectionType;
  }

  /** The class name of the usual JDBC driver. */
  public String driverClass() {
    return driverClass;
  }

  /** The Maven coordinates (group:artifact) of the usual JDBC driver. */
  public String driverArtifact() {
    return driverArtifact;
  }

  /** What every URL of this database starts with. */
  public String urlPrefix() {
    return urlPrefix;
  }

  /**
   * Checks a JDBC URL: it must start with this database's prefix.
   *
   * @return null when the URL is fine, else what is wrong with it
   */
  public String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      return "is empty";
    }
    if (!url.regionMatches(true, 0, urlPrefix, 0, urlPrefix.length())) {
      return "does not start with '"
          + urlPrefix
          + "' as a "
          + connectionType
          + " URL does (it starts with '"
          + Redaction.url(url.length() > urlPrefix.length() ? url.substring(0, 16) : url)
          + "')";
    }
    return null;
  }

  /** A quoted identifier: the name as it is, any quote in it doubled. */
  public String quote(String identifier) {
    return switch (this) {
      case MYSQL -> "`" + identifier.replace("`", "``") + "`";
      case SQLSERVER -> "[" + identifier.replace("]", "]]") + "]";
      default -> "\"" + identifier.replace("\"", "\"\"") + "\"";
    };
  }

  /**
   * A whole-number expression in [0, n) that spreads the values of {@code column} (an already
   * quoted column of any type) over n partitions; a NULL value gives NULL (callers put NULLs in
   * partition 0).
   */
  public String hashBucket(String column, int n) {
    return switch (this) {
      case POSTGRESQL ->
          "MOD(MOD(HASHTEXT(CAST(" + column + " AS TEXT)), " + n + ") + " + n + ", " + n + ")";
      case MYSQL -> "MOD(CRC32(" + column + "), " + n + ")";
      case SQLSERVER -> "(ABS(CAST(CHECKSUM(" + column + ") AS BIGINT)) % " + n + ")";
      case ORACLE -> "ORA_HASH(" + column + ", " + (n - 1) + ")";
      case REDSHIFT -> "MOD(STRTOL(LEFT(MD5(CAST(" + column + " AS VARCHAR)), 7), 16), " + n + ")";
    };
  }

  /** A whole-number expression's bucket in [0, n), also for negative values; NULL for NULL. */
  public String bucketOf(String wholeNumber, int n) {
    return this == SQLSERVER
        ? "(((" + wholeNumber + ") % " + n + ") + " + n + ") % " + n
        : "MOD(MOD(" + wholeNumber + ", " + n + ") + " + n + ", " + n + ")";
  }

  /** The query that returns only the first row of {@code orderedQuery} (which has an ORDER BY). */
  public String firstRow(String orderedQuery) {
    return switch (this) {
      case SQLSERVER -> orderedQuery + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY";
      case ORACLE -> orderedQuery + " FETCH FIRST 1 ROWS ONLY";
      default -> orderedQuery + " LIMIT 1";
    };
  }

  /**
   * A query returning the columns of {@code relation} (a table or a parenthesised query) and no
   * row.
   */
  public String schemaQuery(String relation) {
    return "SELECT * FROM " + relation + " WHERE 1=0";
  }

  /** A subquery in FROM: Oracle takes no AS before the alias. */
  public String subquery(String query, String alias) {
    return "(" + query + ")" + (this == ORACLE ? " " : " AS ") + alias;
  }

  /**
   * A value of a key column of JDBC type {@code sqlType}, given as text (as bookmarks keep it), as
   * a SQL literal of this database.
   */
  public String literal(int sqlType, String value) {
    if (value == null) {
      return "NULL";
    }
    switch (sqlType) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.DECIMAL,
          Types.NUMERIC,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE -> {
        // validated as a number: never text that could end the literal
        return new java.math.BigDecimal(value).toPlainString();
      }
      case Types.DATE -> {
        java.time.LocalDate.parse(value);
        return this == SQLSERVER ? "CAST('" + value + "' AS DATE)" : "DATE '" + value + "'";
      }
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?")) {
          throw new IllegalArgumentException("not a timestamp: " + value);
        }
        return switch (this) {
          case SQLSERVER -> "CAST('" + value + "' AS DATETIME2)";
          case MYSQL -> "TIMESTAMP('" + value + "')";
          default -> "TIMESTAMP '" + value + "'";
        };
      }
      default -> {
        String s = "'" + value.replace("'", "''") + "'";
        return this == SQLSERVER ? "N" + s : s;
      }
    }
  }

  /**
   * The statement that creates an empty table {@code staging} with the columns of {@code table}.
   */
  public String createLike(String staging, String table) {
    return switch (this) {
      case POSTGRESQL ->
          "CREATE TABLE "
              + staging
              + " (LIKE "
              + table
              + " INCLUDING CONSTRAINTS INCLUDING INDEXES)";
      case REDSHIFT -> "CREATE TABLE " + staging + " (LIKE " + table + ")";
      case MYSQL -> "CREATE TABLE " + staging + " LIKE " + table;
      case SQLSERVER -> "SELECT * INTO " + staging + " FROM " + table + " WHERE 1=0";
      case ORACLE -> "CREATE TABLE " + staging + " AS SELECT * FROM " + table + " WHERE 1=0";
    };
  }

  /**
   * The statements, run in one transaction, that put {@code staging} in the place of {@code table}
   * and keep the table as {@code previous} (dropping the older previous one). PostgreSQL, Redshift
   * and SQL Server run them in one transaction; MySQL renames both tables in one statement; Oracle
   * commits each DDL statement, so there the table is missing for the moment between its two
   * renames (a reader then fails; it never sees part of the rows).
   */
  public List<String> swap(String table, String staging, String previous, boolean tableExists) {
    String t = bare(table);
    String p = bare(previous);
    List<String> out = new ArrayList<>();
    switch (this) {
      case POSTGRESQL, REDSHIFT -> {
        if (tableExists) {
          out.add("DROP TABLE IF EXISTS " + previous);
          out.add("ALTER TABLE " + table + " RENAME TO " + p);
        }
        out.add("ALTER TABLE " + staging + " RENAME TO " + t);
      }
      case MYSQL -> {
        if (tableExists) {
          out.add("DROP TABLE IF EXISTS " + previous);
          out.add("RENAME TABLE " + table + " TO " + previous + ", " + staging + " TO " + table);
        } else {
          out.add("RENAME TABLE " + staging + " TO " + table);
        }
      }
      case SQLSERVER -> {
        if (tableExists) {
          out.add(
              "IF OBJECT_ID(N'"
                  + previous.replace("'", "''")
                  + "', N'U') IS NOT NULL DROP TABLE "
                  + previous);
          out.add(
              "EXEC sp_rename N'"
                  + table.replace("'", "''")
                  + "', N'"
                  + unquoted(p).replace("'", "''")
                  + "'");
        }
        out.add(
            "EXEC sp_rename N'"
                + staging.replace("'", "''")
                + "', N'"
                + unquoted(t).replace("'", "''")
                + "'");
      }
      case ORACLE -> {
        if (tableExists) {
          out.add(
              "BEGIN EXECUTE IMMEDIATE 'DROP TABLE "
                  + previous.replace("'", "''")
                  + "'; EXCEPTION WHEN OTHERS THEN IF SQLCODE != -942 THEN RAISE; END IF; END;");
          out.add("ALTER TABLE " + table + " RENAME TO " + p);
        }
        out.add("ALTER TABLE " + staging + " RENAME TO " + t);
      }
    }
    return out;
  }

  /** Whether {@link #swap} replaces the table in one transaction (all but Oracle). */
  public boolean atomicSwap() {
    return this != ORACLE;
  }

  private static String bare(String table) {
    return table.substring(table.lastIndexOf('.') + 1);
  }

  private static String unquoted(String name) {
    return name.replaceAll("^[\"`\\[]|[\"`\\]]$", "");
  }
}
