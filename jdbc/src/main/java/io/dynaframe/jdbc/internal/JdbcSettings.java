package io.dynaframe.jdbc.internal;

import io.dynaframe.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The connection options of one JDBC source or sink, checked: Glue's options ({@code url}, {@code
 * user}, {@code password}, {@code dbtable}, {@code sampleQuery}, {@code hashfield}, ...), the query
 * option of Spark's JDBC source, and the few options of Spark's JDBC data source passed on to it.
 * The password is never part of {@link #toString()}.
 */
public final class JdbcSettings {

  /** Glue's options of a JDBC source, and Spark's {@code query}. */
  static final Set<String> SOURCE_OPTIONS =
      Set.of(
          "url",
          "user",
          "password",
          "dbtable",
          "query",
          "sampleQuery",
          "enablePartitioningForSampleQuery",
          "sampleSize",
          "hashfield",
          "hashexpression",
          "hashpartitions",
          "jobBookmarkKeys",
          "jobBookmarkKeysSortOrder",
          "customJdbcDriverClassName",
          "customJdbcDriverS3Path",
          "redshiftTmpDir",
          "connectionName",
          "useConnectionProperties",
          "secretId",
          "fetchsize",
          "queryTimeout",
          "sessionInitStatement");

  /** Glue's options of a JDBC sink, and dynaframe's {@code writeMode}. */
  static final Set<String> SINK_OPTIONS =
      Set.of(
          "url",
          "user",
          "password",
          "dbtable",
          "bulkSize",
          "batchsize",
          "writeMode",
          "connectionName",
          "useConnectionProperties",
          "secretId",
          "database",
          "preactions",
          "postactions",
          "customJdbcDriverClassName",
          "customJdbcDriverS3Path",
          "redshiftTmpDir",
          "queryTimeout",
          "sessionInitStatement",
          "isolationLevel",
          "createTableOptions",
          "createTableColumnTypes");

  /** Options of Spark's JDBC data source handed on as they are. */
  private static final Set<String> PASSED_ON =
      Set.of(
          "fetchsize",
          "batchsize",
          "queryTimeout",
          "sessionInitStatement",
          "isolationLevel",
          "createTableOptions",
          "createTableColumnTypes");

  /** Glue's default number of parallel reads with hashfield or hashexpression. */
  public static final int DEFAULT_HASH_PARTITIONS = 7;

  final Dialect dialect;
  final String url;
  final String user;
  private final String password;
  final String driverClass;
  final String dbtable;
  final String query;
  final String sampleQuery;
  final boolean partitionSampleQuery;
  final long sampleSize;
  final String hashfield;
  final String hashexpression;
  final int hashpartitions;
  final List<String> bookmarkKeys;
  final String bookmarkOrder;
  final int bulkSize;
  final String writeMode;
  final Map<String, String> passedOn;
  final List<String> preactions;
  final List<String> postactions;

  private JdbcSettings(
      Dialect dialect, Options o, boolean sink, Function<String, RuntimeException> error) {
    String what =
        "connection option of a " + dialect.connectionType() + (sink ? " sink" : " source");
    o.checkKnown(sink ? SINK_OPTIONS : SOURCE_OPTIONS, what, error);
    this.dialect = dialect;
    this.url = o.getString("url", "");
    this.password = o.getString("password", null);
    String urlProblem = dialect.checkUrl(url);
    if (urlProblem != null) {
      throw error.apply(
          "connection option 'url' of a " + dialect.connectionType() + " connection " + urlProblem);
    }
    this.user = o.getString("user", null);
    if (o.has("customJdbcDriverS3Path")) {
      throw error.apply(
          "connection option 'customJdbcDriverS3Path' is not supported: dynaframe loads JDBC drivers"
              + " from the class path; add the driver's jar to the job's class path (on Glue:"
              + " --extra-jars) and name its class with 'customJdbcDriverClassName'");
    }
    this.driverClass = o.getString("customJdbcDriverClassName", dialect.driverClass());
    this.dbtable = blankToNull(o.getString("dbtable", null));
    this.query = blankToNull(o.getString("query", null));
    this.sampleQuery = blankToNull(o.getString("sampleQuery", null));
    this.partitionSampleQuery = bool(o, "enablePartitioningForSampleQuery", false, error);
    this.sampleSize = whole(o, "sampleSize", 0, error);
    this.hashfield = blankToNull(o.getString("hashfield", null));
    this.hashexpression = blankToNull(o.getString("hashexpression", null));
    this.hashpartitions = (int) whole(o, "hashpartitions", DEFAULT_HASH_PARTITIONS, error);
    this.bookmarkKeys = o.getStringList("jobBookmarkKeys");
    this.bookmarkOrder =
        o.getString("jobBookmarkKeysSortOrder", "asc").strip().toLowerCase(Locale.ROOT);
    this.bulkSize = (int) whole(o, "bulkSize", 0, error);
    this.writeMode = o.getString("writeMode", "append").strip().toLowerCase(Locale.ROOT);
    Map<String, String> p = new LinkedHashMap<>();
    o.asMap()
        .forEach(
            (k, v) -> {
              if (PASSED_ON.contains(k)) {
                p.put(k, String.valueOf(v));
              }
            });
    this.passedOn = p;
    this.preactions = statements(o.getString("preactions", ""));
    this.postactions = statements(o.getString("postactions", ""));
    if (sink) {
      checkSink(error);
    } else {
      checkSource(error);
    }
  }

  /**
   * The options with each name that differs from one of Glue's only in case spelled as Glue
   * documents it ({@code DBTABLE} is {@code dbtable}, {@code hashField} is {@code hashfield}); two
   * spellings of one option fail, naming both.
   */
  static Options canonical(
      Dialect dialect, Options o, boolean sink, Function<String, RuntimeException> error) {
    String what =
        "connection option of a " + dialect.connectionType() + (sink ? " sink" : " source");
    return o.canonical(sink ? SINK_OPTIONS : SOURCE_OPTIONS, what, error);
  }

  /** Fails on the first option a source (or sink) of this dialect does not know. */
  static void checkKnown(
      Dialect dialect, Options o, boolean sink, Function<String, RuntimeException> error) {
    String what =
        "connection option of a " + dialect.connectionType() + (sink ? " sink" : " source");
    o.checkKnown(sink ? SINK_OPTIONS : SOURCE_OPTIONS, what, error);
  }

  /** The settings of a source, checked. */
  public static JdbcSettings source(
      Dialect dialect, Options options, Function<String, RuntimeException> error) {
    return new JdbcSettings(dialect, options, false, error);
  }

  /** The settings of a sink, checked. */
  public static JdbcSettings sink(
      Dialect dialect, Options options, Function<String, RuntimeException> error) {
    return new JdbcSettings(dialect, options, true, error);
  }

  private void checkSource(Function<String, RuntimeException> error) {
    int given = (dbtable != null ? 1 : 0) + (query != null ? 1 : 0) + (sampleQuery != null ? 1 : 0);
    if (given == 0) {
      throw error.apply(
          "a " + dialect.connectionType() + " source needs 'dbtable', 'query' or 'sampleQuery'");
    }
    if (query != null && (dbtable != null || sampleQuery != null)) {
      throw error.apply(
          "connection option 'query' cannot be given with 'dbtable' or 'sampleQuery'");
    }
    if (hashfield != null && hashexpression != null) {
      throw error.apply("give 'hashfield' or 'hashexpression', not both");
    }
    if (hashpartitions < 1) {
      throw error.apply(
          "connection option 'hashpartitions' must be at least 1, was " + hashpartitions);
    }
    if (partitionSampleQuery) {
      if (sampleQuery == null) {
        throw error.apply("'enablePartitioningForSampleQuery' needs a 'sampleQuery'");
      }
      if (hashfield == null && hashexpression == null) {
        throw error.apply(
            "'enablePartitioningForSampleQuery' needs 'hashfield' or 'hashexpression' to partition"
                + " the sample query by");
      }
      String end = sampleQuery.strip().toUpperCase(Locale.ROOT);
      if (!end.endsWith(" WHERE") && !end.endsWith(" AND")) {
        throw error.apply(
            "with 'enablePartitioningForSampleQuery' the 'sampleQuery' must end with WHERE, or with"
                + " AND after its own condition, so that the partition condition can be appended;"
                + " it ends with '"
                + tail(sampleQuery)
                + "'");
      }
    }
    if (!bookmarkOrder.equals("asc") && !bookmarkOrder.equals("desc")) {
      throw error.apply(
          "connection option 'jobBookmarkKeysSortOrder' must be 'asc' or 'desc', was '"
              + bookmarkOrder
              + "'");
    }
  }

  private void checkSink(Function<String, RuntimeException> error) {
    if (dbtable == null) {
      throw error.apply("a " + dialect.connectionType() + " sink needs 'dbtable'");
    }
    if (!writeMode.equals("append") && !writeMode.equals("publish")) {
      throw error.apply(
          "connection option 'writeMode' must be 'append' (Glue's) or 'publish', was '"
              + writeMode
              + "'");
    }
    if (bulkSize < 0) {
      throw error.apply("connection option 'bulkSize' must not be negative");
    }
  }

  /** The password, for the driver only. */
  String password() {
    return password;
  }

  /** Text with this connection's password hidden. */
  String redact(String text) {
    return Redaction.text(text, password);
  }

  /** What is read: the table, else the query. */
  String describe() {
    if (dbtable != null && sampleQuery == null) {
      return "table " + dbtable;
    }
    return "query [" + redact(sampleQuery != null ? sampleQuery : query) + "]";
  }

  /** The connection properties of the driver and of Spark's JDBC data source. */
  java.util.Properties properties() {
    java.util.Properties p = new java.util.Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** Glue's semicolon-delimited SQL statements of preactions and postactions. */
  static List<String> statements(String text) {
    List<String> out = new java.util.ArrayList<>();
    for (String part : text.split(";")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return List.copyOf(out);
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() <= 20 ? t : "..." + t.substring(t.length() - 20);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static boolean bool(
      Options o, String key, boolean dflt, Function<String, RuntimeException> error) {
    try {
      return o.getBoolean(key, dflt);
    } catch (IllegalArgumentException e) {
      throw error.apply("connection option " + e.getMessage().substring("option ".length()));
    }
  }

  private static long whole(
      Options o, String key, long dflt, Function<String, RuntimeException> error) {
    try {
      return o.getLong(key, dflt);
    } catch (IllegalArgumentException e) {
      throw error.apply("connection option " + e.getMessage().substring("option ".length()));
    }
  }

  @Override
  public String toString() {
    return dialect.connectionType()
        + " "
        + Redaction.url(url)
        + (user == null ? "" : " as " + user)
        + " "
        + describe();
  }
}
