package io.dynaframe.transforms.internal.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.transforms.TransformException;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.AtomicType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.DecimalType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows of Glue Studio's transforms, built as Spark SQL expressions over the input's Dataset
 * (lazy; nothing runs until the frame is read), with the checks each makes against the input's
 * schema when it is applied. The public values in {@code io.dynaframe.transforms.studio} hold the
 * options and call these.
 */
public final class StudioOps {
  private StudioOps() {}

  /** A checker for one step of a Studio transform. */
  public static Checker checker(String kind, String step, DynamicFrame input) {
    return new Checker(kind, step, input.schema(), TransformException::new);
  }

  /** Runs {@code body} with case-safe analysis and finishes the output as the step's. */
  public static DynamicFrame run(
      DynamicFrame input, String step, Function<DynamicFrame, DynamicFrame> body) {
    return CaseSafe.run(() -> Steps.finish(body.apply(input), step), input);
  }

  // ------------------------------------------------------------------ Flatten

  /**
   * Glue Studio's Flatten: the fields of nested structs as top-level columns named by their path
   * joined with {@code separator}; {@code maxLevels} 0 flattens every level, 1 only the top-level
   * structs, and so on. Arrays, maps and choices are kept as they are.
   */
  public static DynamicFrame flatten(
      DynamicFrame input, String step, String kind, int maxLevels, String separator) {
    Checker ck = checker(kind, step, input);
    List<String> exprs = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Field f : input.schema().fields()) {
      flattenField(
          f.name(),
          Sql.ident(f.name()),
          f.name(),
          f.type(),
          1,
          maxLevels,
          separator,
          exprs,
          seen,
          ck);
    }
    return input.withRows(input.toDF().selectExpr(exprs.toArray(new String[0])));
  }

  private static void flattenField(
      String name,
      String sql,
      String path,
      DataType type,
      int level,
      int maxLevels,
      String separator,
      List<String> exprs,
      Map<String, String> seen,
      Checker ck) {
    if (type instanceof StructType st
        && !st.fields().isEmpty()
        && (maxLevels == 0 || level <= maxLevels)) {
      for (Field f : st.fields()) {
        flattenField(
            name + separator + f.name(),
            Sql.field(sql, f.name()),
            path + "." + f.name(),
            f.type(),
            level + 1,
            maxLevels,
            separator,
            exprs,
            seen,
            ck);
      }
      return;
    }
    String before = seen.put(name, path);
    if (before != null) {
      throw ck.failAt(
          path,
          "flattening '"
              + path
              + "' gives the column '"
              + name
              + "', which '"
              + before
              + "' also gives; choose another separator or rename one of them",
          List.of());
    }
    exprs.add(sql + " AS " + Sql.ident(name));
  }

  // ------------------------------------------------------------------ Drop duplicates

  /**
   * Glue Studio's Drop Duplicates: one row of each set of rows equal in {@code columns} (in every
   * column when none are given).
   */
  public static DynamicFrame dropDuplicates(
      DynamicFrame input, String step, String kind, List<String> columns) {
    Checker ck = checker(kind, step, input);
    Dataset<Row> df = input.toDF();
    if (columns.isEmpty()) {
      return input.withRows(df.dropDuplicates());
    }
    List<String> names = new ArrayList<>();
    for (String c : columns) {
      names.add(topLevel(ck, c).names().get(0));
    }
    return input.withRows(df.dropDuplicates(names.toArray(new String[0])));
  }

  // ------------------------------------------------------------------ Derived column

  /**
   * Glue Studio's Derived Column: a column computed by a Spark SQL expression over the row, added
   * at the end (or in place of a column of that name). The expression is analysed when the
   * transform is applied; a column it names that the frame lacks fails then.
   */
  public static DynamicFrame derived(
      DynamicFrame input, String step, String kind, String column, String expression) {
    Checker ck = checker(kind, step, input);
    String sql = "(" + expression + ")";
    List<String> exprs = replaceOrAppend(input.schema(), column, sql);
    try {
      return input.withRows(input.toDF().selectExpr(exprs.toArray(new String[0])));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Spark's AnalysisException is a checked exception thrown from Scala
      if (e instanceof AnalysisException ae) {
        throw analysisFailure(ck, "the expression '" + expression + "'", ae);
      }
      throw new IllegalStateException(e);
    }
  }

  /**
   * The failure for Spark's refusal of a user's SQL: the column or table it cannot resolve, with
   * the frame's closest paths, or Spark's message.
   */
  static RuntimeException analysisFailure(Checker ck, String what, AnalysisException e) {
    Map<String, String> params = e.getMessageParameters();
    String missing = params == null ? null : params.get("objectName");
    if (missing != null) {
      String name = unquote(missing);
      return ck.failAt(
          name, what + " uses the column '" + name + "', which the frame does not have");
    }
    String table = params == null ? null : params.get("relationName");
    if (table != null) {
      return ck.fail(what + " reads the table " + table + ", which is not one of its inputs");
    }
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = msg.indexOf('\n');
    return ck.fail(what + " is not valid Spark SQL: " + (nl < 0 ? msg : msg.substring(0, nl)));
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.startsWith("`") && t.endsWith("`") && t.length() >= 2) {
      t = t.substring(1, t.length() - 1).replace("``", "`");
    }
    return t;
  }

  // ------------------------------------------------------------------ Concatenate columns

  /**
   * Glue Studio's Concatenate Columns: a string column of the columns' values in order, with {@code
   * spacer} between them and {@code nullValue} in place of a null.
   */
  public static DynamicFrame concatenate(
      DynamicFrame input,
      String step,
      String kind,
      String column,
      List<String> columns,
      String spacer,
      String nullValue) {
    Checker ck = checker(kind, step, input);
    List<String> parts = new ArrayList<>();
    for (String c : columns) {
      Checker.Resolved r = ck.resolve(c, true, false);
      parts.add(
          "coalesce(CAST(" + Sql.path(r.names()) + " AS STRING), " + Sql.str(nullValue) + ")");
    }
    String sql = "concat_ws(" + Sql.str(spacer) + ", " + String.join(", ", parts) + ")";
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), column, sql).toArray(new String[0])));
  }

  // ------------------------------------------------------------------ Split string

  /**
   * Glue Studio's Split String: the string column split on a Java regular expression into an array
   * of strings, in place of the column or, with {@code arrayColumn}, as a new column after the
   * others.
   */
  public static DynamicFrame split(
      DynamicFrame input,
      String step,
      String kind,
      String column,
      String pattern,
      String arrayColumn) {
    Checker ck = checker(kind, step, input);
    Checker.Resolved r = ck.resolve(column, true, false);
    if (!r.type().equals(Types.STRING)) {
      throw ck.failAt(
          column, "'" + column + "' is " + r.type() + "; Split String splits a string", List.of());
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw ck.failAt(
          column,
          "the pattern '" + pattern + "' is not a regular expression: " + e.getDescription(),
          List.of());
    }
    String sql = "split(" + Sql.path(r.names()) + ", " + Sql.str(pattern) + ")";
    String target =
        arrayColumn == null || arrayColumn.isEmpty() ? topName(ck, column, r) : arrayColumn;
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), target, sql).toArray(new String[0])));
  }

  // ------------------------------------------------------------------ Array to columns

  /**
   * Glue Studio's Array To Columns: elements of an array column as new top-level columns, the first
   * ones in order or those at the given positions (1 for the first element); a column whose element
   * the array does not have is null.
   */
  public static DynamicFrame arrayToColumns(
      DynamicFrame input,
      String step,
      String kind,
      String column,
      List<String> outputColumns,
      List<Integer> positions) {
    Checker ck = checker(kind, step, input);
    Checker.Resolved r = ck.resolve(column, true, false);
    if (!(r.type() instanceof ArrayType)) {
      throw ck.failAt(
          column,
          "'" + column + "' is " + r.type() + "; Array To Columns takes an array column",
          List.of());
    }
    if (!positions.isEmpty() && positions.size() != outputColumns.size()) {
      throw ck.fail(
          outputColumns.size()
              + " output columns "
              + outputColumns
              + " but "
              + positions.size()
              + " positions "
              + positions
              + "; give one position for each column");
    }
    Set<String> names = new HashSet<>();
    for (String o : outputColumns) {
      if (!names.add(o)) {
        throw ck.fail("the output column '" + o + "' is named twice");
      }
    }
    Map<String, String> added = new LinkedHashMap<>();
    for (int i = 0; i < outputColumns.size(); i++) {
      int pos = positions.isEmpty() ? i + 1 : positions.get(i);
      if (pos < 1) {
        throw ck.fail("position " + pos + " is not an array position; the first element is 1");
      }
      // get() is null past the end, also under ANSI mode (element_at and [] fail there)
      added.put(outputColumns.get(i), "get(" + Sql.path(r.names()) + ", " + (pos - 1) + ")");
    }
    return input.withRows(input.toDF().selectExpr(withColumns(input.schema(), added)));
  }

  // ------------------------------------------------------------------ Current timestamp

  /**
   * Glue Studio's Add Current Timestamp: a column with the time the query runs (one value for every
   * row), a timestamp or, with a format, a string in that format.
   */
  public static DynamicFrame now(
      DynamicFrame input, String step, String kind, String column, String format) {
    Checker ck = checker(kind, step, input);
    String sql =
        format == null || format.isEmpty()
            ? "current_timestamp()"
            : "date_format(current_timestamp(), " + Sql.str(sparkPattern(ck, column, format)) + ")";
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), column, sql).toArray(new String[0])));
  }

  private static String sparkPattern(Checker ck, String column, String format) {
    try {
      return DateCodes.toSpark(format);
    } catch (IllegalArgumentException e) {
      throw ck.failAt(column, "the format '" + format + "': " + e.getMessage(), List.of());
    }
  }

  // ------------------------------------------------------------------ Format timestamp

  /**
   * Glue Studio's Format Timestamp: a timestamp (or date) column as a string in a pattern (Spark's
   * syntax or Python's codes), in place or as a new column.
   */
  public static DynamicFrame formatTimestamp(
      DynamicFrame input,
      String step,
      String kind,
      String column,
      String format,
      String newColumn) {
    Checker ck = checker(kind, step, input);
    Checker.Resolved r = ck.resolve(column, true, false);
    if (!r.type().equals(Types.TIMESTAMP) && !r.type().equals(Types.DATE)) {
      throw ck.failAt(
          column,
          "'" + column + "' is " + r.type() + "; Format Timestamp formats a timestamp or a date",
          List.of());
    }
    String sql =
        "date_format("
            + Sql.path(r.names())
            + ", "
            + Sql.str(sparkPattern(ck, column, format))
            + ")";
    String target = newColumn == null || newColumn.isEmpty() ? topName(ck, column, r) : newColumn;
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), target, sql).toArray(new String[0])));
  }

  // ------------------------------------------------------------------ To timestamp

  /** The ways To Timestamp reads a column. */
  public static final List<String> TIMESTAMP_TYPES =
      List.of("seconds", "milliseconds", "microseconds", "iso", "autodetect");

  /**
   * Glue Studio's To Timestamp: a number (seconds, milliseconds or microseconds since the epoch) or
   * an ISO 8601 string as a timestamp; {@code autodetect} guesses per value (a number's unit by its
   * size). A value that does not convert is null.
   */
  public static DynamicFrame toTimestamp(
      DynamicFrame input, String step, String kind, String column, String unit, String newColumn) {
    Checker ck = checker(kind, step, input);
    Checker.Resolved r = ck.resolve(column, true, false);
    String u = unit.toLowerCase(java.util.Locale.ROOT);
    if (!TIMESTAMP_TYPES.contains(u)) {
      throw ck.failNear(
          column,
          "'" + unit + "' is not a To Timestamp type; the types are " + TIMESTAMP_TYPES,
          unit,
          TIMESTAMP_TYPES);
    }
    DataType t = r.type();
    boolean numeric = isNumeric(t);
    boolean string = t.equals(Types.STRING);
    if (!numeric && !string && !(t.equals(Types.TIMESTAMP) || t.equals(Types.DATE))) {
      throw ck.failAt(
          column,
          "'" + column + "' is " + t + "; To Timestamp converts a number or a string",
          List.of());
    }
    String v = Sql.path(r.names());
    String sql;
    if (t.equals(Types.TIMESTAMP) || t.equals(Types.DATE)) {
      sql = "CAST(" + v + " AS TIMESTAMP)";
    } else {
      switch (u) {
        case "seconds" -> sql = fromSeconds(number(v, string));
        case "milliseconds" -> sql = fromMillis(number(v, string));
        case "microseconds" -> sql = fromMicros(number(v, string));
        case "iso" -> sql = "try_cast(" + v + " AS TIMESTAMP)";
        default -> {
          String n = number(v, string);
          String byNumber =
              "CASE WHEN abs("
                  + n
                  + ") >= 1e14 THEN "
                  + fromMicros(n)
                  + " WHEN abs("
                  + n
                  + ") >= 1e11 THEN "
                  + fromMillis(n)
                  + " ELSE "
                  + fromSeconds(n)
                  + " END";
          sql =
              string
                  ? "CASE WHEN "
                      + n
                      + " IS NOT NULL THEN "
                      + byNumber
                      + " ELSE try_cast("
                      + v
                      + " AS TIMESTAMP) END"
                  : byNumber;
        }
      }
    }
    String target = newColumn == null || newColumn.isEmpty() ? topName(ck, column, r) : newColumn;
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), target, sql).toArray(new String[0])));
  }

  private static String number(String v, boolean string) {
    return string ? "try_cast(" + v + " AS DOUBLE)" : "CAST(" + v + " AS DOUBLE)";
  }

  // timestamp_seconds takes a fraction; the others whole units (a fraction of a unit is dropped)
  // (values past what a timestamp holds are null rather than an overflow error)
  private static String fromSeconds(String n) {
    return "CASE WHEN abs("
        + n
        + ") < 9.2e12 THEN timestamp_seconds(CAST("
        + n
        + " AS DECIMAL(24,6))) END";
  }

  private static String fromMillis(String n) {
    return "CASE WHEN abs(" + n + ") < 9.2e15 THEN timestamp_millis(CAST(" + n + " AS BIGINT)) END";
  }

  private static String fromMicros(String n) {
    return "timestamp_micros(try_cast(" + n + " AS BIGINT))";
  }

  private static boolean isNumeric(DataType t) {
    return (t instanceof AtomicType a && a.isNumeric()) || t instanceof DecimalType;
  }

  // ------------------------------------------------------------------ Identifier

  /**
   * Glue Studio's Identifier: a numeric id for each row, unique in the frame ({@code long}); with
   * {@code runMillis} (the run's start in epoch milliseconds) a {@code decimal(38,0)} that puts the
   * run's time before the row's id, unique across runs.
   */
  public static DynamicFrame identifier(
      DynamicFrame input, String step, String kind, String column, Long runMillis) {
    checker(kind, step, input);
    String sql =
        runMillis == null
            ? "monotonically_increasing_id()"
            : "CAST("
                + runMillis
                + " AS DECIMAL(38,0)) * CAST(10000000000000000000 AS DECIMAL(38,0))"
                + " + CAST(monotonically_increasing_id() AS DECIMAL(38,0))";
    if (runMillis != null) {
      sql = "CAST(" + sql + " AS DECIMAL(38,0))";
    }
    return input.withRows(
        input
            .toDF()
            .selectExpr(replaceOrAppend(input.schema(), column, sql).toArray(new String[0])));
  }

  // ------------------------------------------------------------------ Explode

  /**
   * Glue Studio's Explode Array Or Map Into Rows: a row for each element of an array (in the column
   * {@code valueColumn}) or entry of a map (in {@code keyColumn} and {@code valueColumn}), the
   * other columns repeated. A column named like the exploded one takes its place; the others are
   * added after the frame's columns. Rows whose array or map is null or empty are dropped, or kept
   * with nulls when {@code includeNulls}.
   */
  public static DynamicFrame explode(
      DynamicFrame input,
      String step,
      String kind,
      String column,
      String valueColumn,
      String keyColumn,
      boolean includeNulls) {
    Checker ck = checker(kind, step, input);
    Checker.Resolved r = ck.resolve(column, true, false);
    String fn = includeNulls ? "explode_outer" : "explode";
    String src = Sql.path(r.names());
    List<String> outNames;
    if (r.type() instanceof ArrayType) {
      outNames = List.of(valueColumn == null ? topName(ck, column, r) : valueColumn);
    } else if (r.type() instanceof MapType) {
      outNames =
          List.of(
              keyColumn == null ? "key" : keyColumn, valueColumn == null ? "value" : valueColumn);
      if (outNames.get(0).equals(outNames.get(1))) {
        throw ck.fail("the key and value columns are both named '" + outNames.get(0) + "'");
      }
    } else {
      throw ck.failAt(
          column,
          "'" + column + "' is " + r.type() + "; Explode takes an array or a map",
          List.of());
    }
    String generator =
        fn
            + "("
            + src
            + ") AS "
            + (outNames.size() == 1
                ? Sql.ident(outNames.get(0))
                : "(" + Sql.ident(outNames.get(0)) + ", " + Sql.ident(outNames.get(1)) + ")");
    // the generator takes the place of the first column named like an output (or of the map,
    // which its key and value columns replace), else goes last
    Set<String> replaced = new HashSet<>(outNames);
    if (r.type() instanceof MapType && r.names().size() == 1) {
      replaced.add(r.names().get(0));
    }
    List<String> exprs = new ArrayList<>();
    boolean placed = false;
    for (String f : input.schema().fieldNames()) {
      if (replaced.contains(f)) {
        if (!placed) {
          exprs.add(generator);
          placed = true;
        }
      } else {
        exprs.add(Sql.ident(f));
      }
    }
    if (!placed) {
      exprs.add(generator);
    }
    return input.withRows(input.toDF().selectExpr(exprs.toArray(new String[0])));
  }

  // ------------------------------------------------------------------ helpers

  private static Checker.Resolved topLevel(Checker ck, String column) {
    Checker.Resolved r = ck.resolve(column, true, false);
    if (r.names().size() != 1) {
      throw ck.failAt(column, "'" + column + "' is nested; give a top-level column", List.of());
    }
    return r;
  }

  /** The top-level name a column replaced in place gets: its own when top-level. */
  private static String topName(Checker ck, String column, Checker.Resolved r) {
    if (r.names().size() != 1) {
      throw ck.failAt(
          column,
          "'" + column + "' is nested; name a new top-level column for the result",
          List.of());
    }
    return r.names().get(0);
  }

  /** The frame's columns with {@code name} replaced by {@code sql}, or {@code sql} added last. */
  static List<String> replaceOrAppend(StructType schema, String name, String sql) {
    Map<String, String> one = new LinkedHashMap<>();
    one.put(name, sql);
    return java.util.Arrays.asList(withColumns(schema, one));
  }

  private static String[] withColumns(StructType schema, Map<String, String> added) {
    List<String> exprs = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String f : schema.fieldNames()) {
      String sql = added.get(f);
      if (sql != null) {
        exprs.add(sql + " AS " + Sql.ident(f));
        done.add(f);
      } else {
        exprs.add(Sql.ident(f));
      }
    }
    added.forEach(
        (n, sql) -> {
          if (!done.contains(n)) {
            exprs.add(sql + " AS " + Sql.ident(n));
          }
        });
    return exprs.toArray(new String[0]);
  }
}
