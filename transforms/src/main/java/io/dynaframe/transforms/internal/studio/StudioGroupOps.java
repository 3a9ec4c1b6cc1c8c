package io.dynaframe.transforms.internal.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.AtomicType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.DecimalType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The rows of Glue Studio's transforms that group, reshape, route or combine frames: Aggregate,
 * Pivot, Unpivot, Autobalance Processing, SQL Query and Conditional Router.
 */
public final class StudioGroupOps {
  private StudioGroupOps() {}

  // ------------------------------------------------------------------ Aggregate

  /** Glue Studio's aggregation functions, by the names its nodes use, as Spark SQL. */
  private static final Map<String, String> AGGREGATES = new LinkedHashMap<>();

  static {
    for (String f :
        List.of(
            "avg",
            "count",
            "first",
            "last",
            "kurtosis",
            "max",
            "min",
            "skewness",
            "stddev_samp",
            "stddev_pop",
            "sum",
            "var_samp",
            "var_pop")) {
      AGGREGATES.put(f, f + "(%s)");
    }
    AGGREGATES.put("countDistinct", "count(DISTINCT %s)");
    AGGREGATES.put("sumDistinct", "sum(DISTINCT %s)");
  }

  /** The aggregation functions Glue Studio offers, by its names. */
  public static List<String> aggregateFunctions() {
    return List.copyOf(AGGREGATES.keySet());
  }

  /**
   * Glue Studio's Aggregate: the rows grouped by {@code groups} (one row in all when none), with a
   * column for each (column, function) pair, named as Spark names the aggregate ({@code
   * sum(amount)}, {@code count(DISTINCT id)}).
   */
  public static DynamicFrame aggregate(
      DynamicFrame input,
      String step,
      String kind,
      List<String> groups,
      List<Map.Entry<String, String>> aggs) {
    Checker ck = StudioOps.checker(kind, step, input);
    List<Column> keys = new ArrayList<>();
    for (String g : groups) {
      Checker.Resolved r = ck.resolve(g, true, false);
      keys.add(functions.expr(Sql.path(r.names())).as(r.names().get(r.names().size() - 1)));
    }
    List<Column> values = new ArrayList<>();
    for (Map.Entry<String, String> a : aggs) {
      Checker.Resolved r = ck.resolve(a.getKey(), true, false);
      String template = AGGREGATES.get(a.getValue());
      if (template == null) {
        throw ck.failNear(
            a.getKey(),
            "'"
                + a.getValue()
                + "' is not an aggregation function of Glue Studio; the functions are "
                + aggregateFunctions(),
            a.getValue(),
            aggregateFunctions());
      }
      values.add(functions.expr(String.format(template, Sql.path(r.names()))));
    }
    Dataset<Row> df = input.toDF();
    Column first = values.get(0);
    Column[] rest = values.subList(1, values.size()).toArray(new Column[0]);
    Dataset<Row> out =
        keys.isEmpty()
            ? df.agg(first, rest)
            : df.groupBy(keys.toArray(new Column[0])).agg(first, rest);
    return input.withRows(out);
  }

  // ------------------------------------------------------------------ Pivot / Unpivot

  /**
   * Glue Studio's Pivot Rows Into Columns: the rows grouped by every column but the pivoted and
   * aggregated ones, with one column per value of the pivoted columns (values of several columns
   * joined with {@code _}) holding the aggregate of {@code aggColumn}. Without {@code values} the
   * values are those the data has, which Spark finds with a query when the transform is applied.
   */
  public static DynamicFrame pivot(
      DynamicFrame input,
      String step,
      String kind,
      String aggColumn,
      String aggFunction,
      List<String> pivotColumns,
      List<String> values) {
    Checker ck = StudioOps.checker(kind, step, input);
    Checker.Resolved agg = topLevel(ck, aggColumn);
    String template = AGGREGATES.get(aggFunction);
    if (template == null) {
      throw ck.failNear(
          aggColumn,
          "'"
              + aggFunction
              + "' is not an aggregation function of Glue Studio; the functions are "
              + aggregateFunctions(),
          aggFunction,
          aggregateFunctions());
    }
    Set<String> used = new HashSet<>();
    used.add(agg.names().get(0));
    List<String> pivots = new ArrayList<>();
    for (String p : pivotColumns) {
      String name = topLevel(ck, p).names().get(0);
      if (!used.add(name)) {
        throw ck.failAt(p, "'" + p + "' is named twice", List.of());
      }
      pivots.add(name);
    }
    List<Column> groups = new ArrayList<>();
    for (String f : input.schema().fieldNames()) {
      if (!used.contains(f)) {
        groups.add(functions.col(Sql.ident(f)));
      }
    }
    String pivotSql =
        pivots.size() == 1
            ? "CAST(" + Sql.ident(pivots.get(0)) + " AS STRING)"
            : "concat_ws('_', "
                + String.join(
                    ", ", pivots.stream().map(p -> "CAST(" + Sql.ident(p) + " AS STRING)").toList())
                + ")";
    Column aggregate = functions.expr(String.format(template, Sql.ident(agg.names().get(0))));
    var grouped = input.toDF().groupBy(groups.toArray(new Column[0]));
    Dataset<Row> out =
        values.isEmpty()
            ? grouped.pivot(functions.expr(pivotSql)).agg(aggregate)
            : grouped.pivot(functions.expr(pivotSql), new ArrayList<Object>(values)).agg(aggregate);
    return input.withRows(out);
  }

  /**
   * Glue Studio's Unpivot Columns Into Rows: a row for each of {@code columns}, with the column's
   * name in {@code nameColumn} and its value in {@code valueColumn}, the other columns repeated.
   * The columns' values must have a common type.
   */
  public static DynamicFrame unpivot(
      DynamicFrame input,
      String step,
      String kind,
      List<String> columns,
      String nameColumn,
      String valueColumn) {
    Checker ck = StudioOps.checker(kind, step, input);
    Set<String> unpivoted = new HashSet<>();
    List<Column> values = new ArrayList<>();
    DataType first = null;
    for (String c : columns) {
      Checker.Resolved r = topLevel(ck, c);
      if (!unpivoted.add(r.names().get(0))) {
        throw ck.failAt(c, "'" + c + "' is named twice", List.of());
      }
      if (first == null) {
        first = r.type();
      } else if (!first.equals(r.type()) && !(numeric(first) && numeric(r.type()))) {
        throw ck.failAt(
            c,
            "'"
                + c
                + "' is "
                + r.type()
                + " and '"
                + columns.get(0)
                + "' is "
                + first
                + "; the unpivoted columns' values go into one column, so they need one type",
            List.of());
      }
      values.add(functions.col(Sql.ident(r.names().get(0))));
    }
    if (nameColumn.equals(valueColumn)) {
      throw ck.fail("the name and value columns are both named '" + nameColumn + "'");
    }
    List<Column> ids = new ArrayList<>();
    for (String f : input.schema().fieldNames()) {
      if (!unpivoted.contains(f)) {
        if (f.equals(nameColumn) || f.equals(valueColumn)) {
          throw ck.failAt(
              f,
              "the frame already has a column '" + f + "'; name the output another way",
              List.of());
        }
        ids.add(functions.col(Sql.ident(f)));
      }
    }
    Dataset<Row> out =
        input
            .toDF()
            .unpivot(
                ids.toArray(new Column[0]), values.toArray(new Column[0]), nameColumn, valueColumn);
    return input.withRows(out);
  }

  private static boolean numeric(DataType t) {
    return (t instanceof AtomicType a && a.isNumeric()) || t instanceof DecimalType;
  }

  // ------------------------------------------------------------------ Autobalance

  /**
   * Glue Studio's Autobalance Processing: the rows spread over {@code partitions} partitions
   * (Spark's default parallelism, the cluster's cores, when 0) at random, or by the values of
   * {@code columns} so that rows with the same values share a partition.
   */
  public static DynamicFrame autobalance(
      DynamicFrame input, String step, String kind, int partitions, List<String> columns) {
    Checker ck = StudioOps.checker(kind, step, input);
    int n =
        partitions > 0 ? partitions : input.context().spark().sparkContext().defaultParallelism();
    List<Column> cols = new ArrayList<>();
    for (String c : columns) {
      Checker.Resolved r = ck.resolve(c, true, false);
      cols.add(functions.expr(Sql.path(r.names())));
    }
    Dataset<Row> df = input.toDF();
    return input.withRows(
        cols.isEmpty() ? df.repartition(n) : df.repartition(n, cols.toArray(new Column[0])));
  }

  // ------------------------------------------------------------------ SQL query

  /**
   * Glue Studio's SQL Query: a Spark SQL query over the input frames, each known in the query by
   * its alias. The frames are registered as temporary views only while the query is analysed (the
   * analysed plan no longer needs them), under a lock so that concurrent steps cannot see each
   * other's views; a view of the same name that existed before is put back.
   */
  public static DynamicFrame sql(
      DynamicFrame input,
      String step,
      String kind,
      String query,
      Map<String, DynamicFrame> frames) {
    Checker ck = StudioOps.checker(kind, step, input);
    SparkSession spark = input.context().spark();
    Dataset<Row> out;
    synchronized (StudioGroupOps.class) {
      Map<String, Dataset<Row>> before = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, DynamicFrame> e : frames.entrySet()) {
          String alias = e.getKey();
          // a temporary view of that name is put back afterwards; a catalog table of that name is
          // hidden by the view while the query is analysed
          if (isTempView(spark, alias)) {
            before.put(alias, spark.table(Sql.ident(alias)));
          }
          e.getValue().toDF().createOrReplaceTempView(alias);
        }
        out = analyse(ck, "the query", () -> spark.sql(query), frames.keySet());
      } finally {
        for (String alias : frames.keySet()) {
          spark.catalog().dropTempView(alias);
        }
        before.forEach((alias, df) -> df.createOrReplaceTempView(alias));
      }
    }
    DynamicFrame result = input.withRows(out);
    for (DynamicFrame f : frames.values()) {
      if (f != input) {
        result = io.dynaframe.transforms.internal.Conform.withErrorsOf(result, f);
      }
    }
    return result;
  }

  private static boolean isTempView(SparkSession spark, String name) {
    try {
      return spark.catalog().tableExists(name) && spark.catalog().getTable(name).isTemporary();
    } catch (Exception e) { // AnalysisException, checked in Java's eyes
      return false;
    }
  }

  private static Dataset<Row> analyse(
      Checker ck, String what, Supplier<Dataset<Row>> run, Set<String> aliases) {
    try {
      return run.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof AnalysisException ae) {
        Map<String, String> params = ae.getMessageParameters();
        if (params != null && params.get("relationName") != null) {
          return fail(
              ck.fail(
                  what
                      + " reads the table "
                      + params.get("relationName")
                      + ", which is not one of its inputs "
                      + aliases));
        }
        throw StudioOps.analysisFailure(ck, what, ae);
      }
      throw new IllegalStateException(e);
    }
  }

  private static <T> T fail(RuntimeException e) {
    throw e;
  }

  // ------------------------------------------------------------------ Conditional router

  /**
   * Glue Studio's Conditional Router: for each group, the rows its Spark SQL condition holds for (a
   * row may go to several groups; a null condition does not hold), and in {@code defaultGroup} the
   * rows no condition holds for.
   */
  public static FrameCollection route(
      DynamicFrame input,
      String step,
      String kind,
      Map<String, String> groups,
      String defaultGroup) {
    return CaseSafe.run(
        () -> {
          Checker ck = StudioOps.checker(kind, step, input);
          Dataset<Row> df = input.toDF();
          Map<String, DynamicFrame> out = new LinkedHashMap<>();
          List<String> holds = new ArrayList<>();
          for (Map.Entry<String, String> g : groups.entrySet()) {
            String cond = "coalesce((" + g.getValue() + "), false)";
            Dataset<Row> rows =
                analyse(
                    ck,
                    "the condition '" + g.getValue() + "' of group '" + g.getKey() + "'",
                    () -> df.where(functions.expr(cond)),
                    Set.of());
            out.put(g.getKey(), Steps.finish(input.withRows(rows).withName(g.getKey()), step));
            holds.add(cond);
          }
          Dataset<Row> rest = df.where(functions.expr("NOT (" + String.join(" OR ", holds) + ")"));
          out.put(defaultGroup, Steps.finish(input.withRows(rest).withName(defaultGroup), step));
          return FrameCollection.of(out, input.context());
        },
        input);
  }

  private static Checker.Resolved topLevel(Checker ck, String column) {
    Checker.Resolved r = ck.resolve(column, true, false);
    if (r.names().size() != 1) {
      throw ck.failAt(column, "'" + column + "' is nested; give a top-level column", List.of());
    }
    return r;
  }
}
