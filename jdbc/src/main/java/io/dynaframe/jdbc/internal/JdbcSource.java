package io.dynaframe.jdbc.internal;

import io.dynaframe.Bookmarks;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.SourceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDBC source: a table, a query or a sample query, read lazily through Spark's JDBC data source,
 * one query per partition (hashfield, hashexpression, hashpartitions), from the rows past the
 * committed bookmark key when the job's bookmarks track the source.
 */
final class JdbcSource implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);
  private static final String ALIAS = "dynaframe_src";

  private final DynaContext ctx;
  private final JdbcSettings s;
  private final String transformationContext;

  JdbcSource(DynaContext ctx, JdbcSettings settings, String transformationContext) {
    this.ctx = ctx;
    this.s = settings;
    this.transformationContext = transformationContext;
    Connections.driver(s, SourceException::new);
  }

  /** One column of what is read, as the driver describes it. */
  record ColumnInfo(String name, int sqlType, int precision, int scale) {}

  @Override
  public DynamicFrame getDynamicFrame() {
    Plan plan;
    try (Connection c = Connections.open(s, SourceException::new)) {
      plan = plan(c);
    } catch (SQLException e) {
      throw fail("cannot read", e);
    }
    Dataset<Row> df = read(plan);
    List<Column> cols = new ArrayList<>();
    for (ColumnInfo ci : plan.columns) {
      DataType t = GlueTypes.of(ci.sqlType, ci.precision, ci.scale);
      Column col = df.col(quoteForSpark(ci.name));
      cols.add(df.schema().apply(ci.name).dataType().equals(t) ? col : col.cast(t).as(ci.name));
    }
    df = df.select(cols.toArray(new Column[0]));
    if (s.sampleSize > 0) {
      df = df.limit((int) Math.min(Integer.MAX_VALUE, s.sampleSize));
    }
    String name =
        transformationContext.isBlank()
            ? (s.dbtable != null ? s.dbtable : s.dialect.connectionType() + "_source")
            : transformationContext;
    return DynamicFrame.fromDF(df, ctx, name);
  }

  /** What to read: the relation, its columns, one predicate per partition. */
  static final class Plan {
    String relation; // a table or a subquery with its alias; null for a partitioned sample query
    List<ColumnInfo> columns;
    List<String> predicates = new ArrayList<>();
  }

  private Plan plan(Connection c) throws SQLException {
    Plan p = new Plan();
    String partitionedSample = s.partitionSampleQuery ? s.sampleQuery.strip() : null;
    if (partitionedSample == null) {
      p.relation =
          s.query != null
              ? s.dialect.subquery(s.query, ALIAS)
              : s.sampleQuery != null ? s.dialect.subquery(s.sampleQuery, ALIAS) : s.dbtable;
      p.columns = columns(c, s.dialect.schemaQuery(p.relation));
    } else {
      p.columns = columns(c, partitionedSample + " 1=0");
    }
    String bookmark = bookmarkPredicate(c, p);
    List<String> parts = partitions(c, p, bookmark);
    for (String part : parts) {
      String pred = and(bookmark, part);
      p.predicates.add(pred == null ? "1=1" : pred);
    }
    return p;
  }

  private List<ColumnInfo> columns(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<ColumnInfo> out = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(
            new ColumnInfo(
                md.getColumnLabel(i), md.getColumnType(i), md.getPrecision(i), md.getScale(i)));
      }
      return out;
    }
  }

  /** The column of what is read that {@code name} means (same name, or same in another case). */
  private ColumnInfo column(Plan p, String name, String option) {
    for (ColumnInfo ci : p.columns) {
      if (ci.name.equals(name)) {
        return ci;
      }
    }
    for (ColumnInfo ci : p.columns) {
      if (ci.name.equalsIgnoreCase(name)) {
        return ci;
      }
    }
    throw new SourceException(
        option
            + " '"
            + name
            + "' is not a column of "
            + s.describe()
            + "; its columns are "
            + p.columns.stream().map(ColumnInfo::name).toList());
  }

  // ---------------------------------------------------------------- partitions

  private List<String> partitions(Connection c, Plan p, String bookmark) throws SQLException {
    int n = s.hashpartitions;
    List<String> out = new ArrayList<>();
    if (s.hashfield != null) {
      // in a partitioned sample query the field may be a column of its table that it does not
      // select (AWS's example partitions 'select name, location ...' by id): used as given there
      String col =
          p.relation == null
              ? s.hashfield
              : s.dialect.quote(column(p, s.hashfield, "hashfield").name);
      if (n == 1) {
        out.add(null);
        return out;
      }
      for (int i = 0; i < n; i++) {
        String pred = s.dialect.hashBucket(col, n) + " = " + i;
        out.add(i == 0 ? "(" + pred + " OR " + col + " IS NULL)" : pred);
      }
      return out;
    }
    if (s.hashexpression != null) {
      String expr = "(" + s.hashexpression + ")";
      if (p.relation == null) {
        // a partitioned sample query: its columns are its own, so no bounds can be read first
        for (int i = 0; i < n; i++) {
          String pred = s.dialect.bucketOf(expr, n) + " = " + i;
          out.add(i == 0 ? "(" + pred + " OR " + expr + " IS NULL)" : pred);
        }
        return out;
      }
      return ranges(c, p, bookmark, expr, n);
    }
    out.add(null);
    return out;
  }

  /**
   * Range partitions of a whole-number expression between its smallest and largest value (as
   * Spark's partitionColumn, with the bounds read from the data): n non-overlapping ranges that
   * cover every value, NULL in the first.
   */
  private List<String> ranges(Connection c, Plan p, String bookmark, String expr, int n)
      throws SQLException {
    String sql = "SELECT MIN(" + expr + "), MAX(" + expr + ") FROM " + from(p, bookmark);
    long lo;
    long hi;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      Object min = rs.getObject(1);
      Object max = rs.getObject(2);
      if (min == null || max == null) {
        return java.util.Collections.singletonList(null);
      }
      if (!(min instanceof Number mn) || !(max instanceof Number mx)) {
        throw new SourceException(
            "hashexpression '"
                + s.hashexpression
                + "' of "
                + s.describe()
                + " must return a whole number; it returns "
                + min.getClass().getSimpleName());
      }
      lo = mn.longValue();
      hi = mx.longValue();
    }
    List<String> out = new ArrayList<>();
    long span = hi - lo + 1;
    int parts = (int) Math.max(1, Math.min(n, span));
    if (parts == 1) {
      out.add(null);
      return out;
    }
    long stride = span / parts;
    long bound = lo;
    for (int i = 0; i < parts; i++) {
      long next = bound + stride + (i < span % parts ? 1 : 0);
      if (i == 0) {
        out.add("(" + expr + " < " + next + " OR " + expr + " IS NULL)");
      } else if (i == parts - 1) {
        out.add(expr + " >= " + bound);
      } else {
        out.add(expr + " >= " + bound + " AND " + expr + " < " + next);
      }
      bound = next;
    }
    return out;
  }

  /** The FROM part (and WHERE) of a query over what is read, with an optional condition. */
  private String from(Plan p, String condition) {
    if (p.relation == null) {
      // a partitioned sample query ends with WHERE or AND
      return s.dialect.subquery(
              s.sampleQuery.strip() + " " + (condition == null ? "1=1" : condition), ALIAS)
          + "";
    }
    return p.relation + (condition == null ? "" : " WHERE " + condition);
  }

  // ---------------------------------------------------------------- bookmarks

  /**
   * The condition that selects the rows past the committed key and up to the largest key now (noted
   * for the commit), or null when bookmarks do not track this source.
   */
  private String bookmarkPredicate(Connection c, Plan p) throws SQLException {
    Bookmarks.KeyRange range = ctx.bookmarks().keys(transformationContext);
    if (!range.tracked()) {
      return null;
    }
    List<ColumnInfo> keys = bookmarkKeys(c, p);
    List<String> names = keys.stream().map(ColumnInfo::name).toList();
    boolean asc = s.bookmarkOrder.equals("asc");
    Optional<Bookmarks.KeyState> after = range.after();
    if (after.isPresent()) {
      Bookmarks.KeyState k = after.get();
      if (!lower(k.columns()).equals(lower(names)) || !k.sortOrder().equals(s.bookmarkOrder)) {
        throw new SourceException(
            "the bookmark of '"
                + transformationContext
                + "' was committed on keys "
                + k.columns()
                + " "
                + k.sortOrder()
                + " but this run reads "
                + s.describe()
                + " with keys "
                + names
                + " "
                + s.bookmarkOrder
                + "; reset the job's bookmark to change the keys");
      }
    }
    String lowerCond = after.map(k -> beyond(keys, k.values(), asc)).orElse(null);
    Bookmarks.KeyState upTo;
    if (range.upTo().isPresent()) {
      upTo = range.upTo().get();
    } else {
      List<String> last = lastKey(c, p, keys, asc);
      if (last == null) {
        // no row at all: nothing to read, the bookmark stays
        return "1=0";
      }
      upTo = new Bookmarks.KeyState(names, s.bookmarkOrder, last);
      if (after.isPresent()) {
        checkMonotonic(keys, after.get().values(), last, asc);
      }
    }
    String upperCond = "NOT " + beyond(keys, upTo.values(), asc);
    ctx.bookmarks().readKeys(transformationContext, upTo);
    LOG.info(
        "{} reads {} with bookmark keys {} {} after {} up to {}",
        transformationContext,
        s.describe(),
        names,
        s.bookmarkOrder,
        after.map(Bookmarks.KeyState::values).orElse(null),
        upTo.values());
    return and(lowerCond, upperCond);
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  /** The bookmark key columns: jobBookmarkKeys, else the table's primary key. */
  private List<ColumnInfo> bookmarkKeys(Connection c, Plan p) throws SQLException {
    List<String> names = s.bookmarkKeys;
    if (names.isEmpty()) {
      if (s.dbtable == null || s.sampleQuery != null) {
        throw new SourceException(
            "bookmarks of '"
                + transformationContext
                + "' need 'jobBookmarkKeys': "
                + s.describe()
                + " is a query, which has no primary key");
      }
      names = primaryKey(c.getMetaData());
      if (names.isEmpty()) {
        throw new SourceException(
            "bookmarks of '"
                + transformationContext
                + "' need 'jobBookmarkKeys': table "
                + s.dbtable
                + " has no primary key");
      }
    }
    List<ColumnInfo> out = new ArrayList<>();
    for (String n : names) {
      out.add(column(p, n, "jobBookmarkKeys column"));
    }
    return out;
  }

  private List<String> primaryKey(DatabaseMetaData md) throws SQLException {
    String[] parts = s.dbtable.split("\\.");
    String table = unquote(parts[parts.length - 1]);
    String schema = parts.length >= 2 ? unquote(parts[parts.length - 2]) : null;
    List<String> found = primaryKey(md, schema, table);
    if (found.isEmpty()) {
      // unquoted names are folded by the database: lower case (PostgreSQL) or upper case (Oracle)
      found =
          primaryKey(
              md,
              schema == null ? null : schema.toLowerCase(Locale.ROOT),
              table.toLowerCase(Locale.ROOT));
    }
    if (found.isEmpty()) {
      found =
          primaryKey(
              md,
              schema == null ? null : schema.toUpperCase(Locale.ROOT),
              table.toUpperCase(Locale.ROOT));
    }
    return found;
  }

  private static List<String> primaryKey(DatabaseMetaData md, String schema, String table)
      throws SQLException {
    java.util.TreeMap<Short, String> bySeq = new java.util.TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        bySeq.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return new ArrayList<>(bySeq.values());
  }

  private static String unquote(String name) {
    String n = name.strip();
    if (n.length() >= 2
        && ((n.startsWith("\"") && n.endsWith("\""))
            || (n.startsWith("`") && n.endsWith("`"))
            || (n.startsWith("[") && n.endsWith("]")))) {
      return n.substring(1, n.length() - 1);
    }
    return n;
  }

  /**
   * The condition "the key is past {@code values}" in the key order (ascending: greater), compared
   * column by column as a tuple.
   */
  private String beyond(List<ColumnInfo> keys, List<String> values, boolean asc) {
    String op = asc ? " > " : " < ";
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      List<String> eqs = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        eqs.add(
            s.dialect.quote(keys.get(j).name)
                + " = "
                + s.dialect.literal(keys.get(j).sqlType, values.get(j)));
      }
      eqs.add(
          s.dialect.quote(keys.get(i).name)
              + op
              + s.dialect.literal(keys.get(i).sqlType, values.get(i)));
      terms.add("(" + String.join(" AND ", eqs) + ")");
    }
    return "(" + String.join(" OR ", terms) + ")";
  }

  /** The largest key now (smallest when descending), as text; null when there is no row. */
  private List<String> lastKey(Connection c, Plan p, List<ColumnInfo> keys, boolean asc)
      throws SQLException {
    List<String> quoted = keys.stream().map(k -> s.dialect.quote(k.name)).toList();
    List<String> order = quoted.stream().map(q -> q + (asc ? " DESC" : " ASC")).toList();
    String notNull = String.join(" AND ", quoted.stream().map(q -> q + " IS NOT NULL").toList());
    String sql =
        s.dialect.firstRow(
            "SELECT "
                + String.join(", ", quoted)
                + " FROM "
                + from(p, notNull)
                + " ORDER BY "
                + String.join(", ", order));
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setMaxRows(1);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= keys.size(); i++) {
          Object v = rs.getObject(i);
          out.add(v == null ? null : text(v));
        }
        return out;
      }
    }
  }

  private static String text(Object v) {
    if (v instanceof java.math.BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return java.sql.Timestamp.valueOf(o.toLocalDateTime()).toString();
    }
    if (v instanceof java.time.LocalDateTime l) {
      return java.sql.Timestamp.valueOf(l).toString();
    }
    return v.toString();
  }

  /**
   * Keys must increase (or decrease) monotonically, as Glue requires: a largest key now before the
   * committed one means rows were removed or rewritten with smaller keys.
   */
  private void checkMonotonic(
      List<ColumnInfo> keys, List<String> committed, List<String> now, boolean asc) {
    for (int i = 0; i < keys.size(); i++) {
      Integer cmp = compare(keys.get(i).sqlType, now.get(i), committed.get(i));
      if (cmp == null) {
        return; // text keys: the database's collation decides; not checked here
      }
      if (cmp != 0) {
        if (asc ? cmp < 0 : cmp > 0) {
          throw new SourceException(
              "bookmark keys "
                  + keys.stream().map(ColumnInfo::name).toList()
                  + " of '"
                  + transformationContext
                  + "' are not monotonic: the committed key is "
                  + committed
                  + " but the "
                  + (asc ? "largest" : "smallest")
                  + " key of "
                  + s.describe()
                  + " is now "
                  + now
                  + "; bookmark keys must only "
                  + (asc ? "increase" : "decrease")
                  + " (reset the job's bookmark if the table was reloaded)");
        }
        return;
      }
    }
  }

  private static Integer compare(int sqlType, String a, String b) {
    if (a == null || b == null) {
      return null;
    }
    return switch (sqlType) {
      case java.sql.Types.TINYINT,
          java.sql.Types.SMALLINT,
          java.sql.Types.INTEGER,
          java.sql.Types.BIGINT,
          java.sql.Types.DECIMAL,
          java.sql.Types.NUMERIC,
          java.sql.Types.REAL,
          java.sql.Types.FLOAT,
          java.sql.Types.DOUBLE ->
          new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
      case java.sql.Types.DATE, java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP_WITH_TIMEZONE ->
          Integer.signum(a.compareTo(b));
      default -> null;
    };
  }

  // ---------------------------------------------------------------- reading

  private Dataset<Row> read(Plan p) {
    Properties props = s.properties();
    props.setProperty("driver", s.driverClass);
    // Spark's basic provider logs the connection properties, the password too, at DEBUG
    props.setProperty("connectionProvider", QuietConnectionProvider.NAME);
    // what is read, for the provider's messages when a partition's query fails in a task
    props.setProperty(QuietConnectionProvider.READ, s.describe());
    s.passedOn.forEach(props::setProperty);
    try {
      if (p.relation != null) {
        return ctx.spark()
            .read()
            .jdbc(s.url, p.relation, p.predicates.toArray(new String[0]), props);
      }
      Dataset<Row> all = null;
      for (String pred : p.predicates) {
        Dataset<Row> part =
            ctx.spark()
                .read()
                .jdbc(
                    s.url,
                    s.dialect.subquery(s.sampleQuery.strip() + " " + pred, ALIAS),
                    new String[] {"1=1"},
                    props);
        all = all == null ? part : all.union(part);
      }
      return all;
    } catch (Exception e) { // Spark's JDBC source throws SQLException undeclared
      throw new SourceException(
          "cannot read "
              + s.describe()
              + " at "
              + Redaction.url(s.url)
              + ": "
              + s.redact(String.valueOf(e.getMessage())));
    }
  }

  private SourceException fail(String what, SQLException e) {
    return new SourceException(
        what
            + " "
            + s.describe()
            + " of connection type '"
            + s.dialect.connectionType()
            + "' at "
            + Redaction.url(s.url)
            + ": "
            + s.redact(String.valueOf(e.getMessage())));
  }

  private static String and(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return "(" + a + ") AND (" + b + ")";
  }

  private static String quoteForSpark(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return "JdbcSource[" + s + "]";
  }
}
