package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.RecordFunctions;
import io.dynaframe.transforms.internal.Steps;
import java.util.Objects;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Glue's Filter: keeps the records that satisfy a condition.
 *
 * <ul>
 *   <li>{@link #where(Column)} and {@link #where(String)} take a Spark condition; Spark's optimiser
 *       sees it (pushes it into the scan, prunes columns). A record for which the condition is null
 *       is dropped. The condition is checked against the frame when the transform is applied.
 *   <li>{@link #of(FilterFunction)} takes a Java predicate over each record as a {@link Row}
 *       (fields by name with {@code row.getAs("age")}; a choice is a Row of its members). A record
 *       the predicate throws on becomes an error record with the exception and its stack trace, and
 *       the job goes on (Glue's behaviour for exceptions other than the three it treats as
 *       "false"). Slower: each record goes through Spark's Row encoder.
 * </ul>
 *
 * <pre>{@code
 * frame.apply(Filter.where(col("age").gt(21)));
 * frame.apply(Filter.of(r -> r.<String>getAs("name").startsWith("A")));
 * Filter.apply(frame, r -> r.getAs("ok"), "filter1");
 * }</pre>
 */
public final class Filter implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final transient Column condition;
  private final FilterFunction<Row> predicate;
  private final String info;

  private Filter(Column condition, FilterFunction<Row> predicate, String info) {
    this.condition = condition;
    this.predicate = predicate;
    this.info = info;
  }

  /** Keeps the records for which the Spark condition is true. */
  public static Filter where(Column condition) {
    return new Filter(Objects.requireNonNull(condition, "condition"), null, "");
  }

  /**
   * Keeps the records for which the Spark SQL condition is true, e.g. {@code "age > 21 AND country
   * = 'US'"}.
   */
  public static Filter where(String sqlCondition) {
    return where(functions.expr(sqlCondition));
  }

  /** Keeps the records for which the Java predicate returns true. */
  public static Filter of(FilterFunction<Row> predicate) {
    return new Filter(null, Objects.requireNonNull(predicate, "predicate"), "");
  }

  /**
   * Keeps the records for which the predicate over a {@link DynamicRecord} returns true: fields
   * read by path ({@code rec.getField("address.city")}), as in a Glue Python or Scala filter
   * function.
   */
  public static Filter onRecords(DynamicRecord.Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return of(
        row ->
            predicate.call(
                DynamicRecord.wrap(
                    io.dynaframe.transforms.internal.RecordValues.fromRow(
                        row, io.dynaframe.types.SparkTypes.fromSpark(row.schema())))));
  }

  /** Glue's {@code Filter.apply(frame, f, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, FilterFunction<Row> f, String transformationCtx) {
    return Steps.apply(frame, of(f), transformationCtx);
  }

  /**
   * This transform with Glue's {@code info}, put before the reason of the step's error records.
   * Only a Java predicate ({@link #of}) makes error records; a Spark condition makes none.
   */
  public Filter withInfo(String info) {
    return new Filter(condition, predicate, Objects.requireNonNull(info, "info"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    if (predicate != null) {
      return Steps.finish(
          input.withStagedRows(RecordFunctions.filter(input.toDF(), predicate, step, info)), step);
    }
    if (condition == null) {
      throw new TransformException(
          kind(),
          step,
          "this Filter was deserialized without its Column condition; "
              + "build it where it is applied");
    }
    try {
      return Steps.finish(input.withRows(input.toDF().where(condition)), step);
    } catch (Exception e) {
      if (e instanceof AnalysisException a) {
        java.util.List<String> columns = java.util.List.of(input.toDF().columns());
        String missing = a.getMessageParameters().get("objectName");
        if (missing != null) {
          String name = missing.replace("`", "");
          throw new TransformException(
              kind(),
              step,
              null,
              "the condition "
                  + shown(condition)
                  + " names column '"
                  + name
                  + "', which is not in the frame; the frame's columns are "
                  + columns,
              io.dynaframe.transforms.internal.EditDistance.closest(name, columns));
        }
        throw new TransformException(
            kind(),
            step,
            null,
            "the condition "
                + shown(condition)
                + " does not fit the frame (columns "
                + columns
                + "): "
                + firstLine(a),
            java.util.List.of());
      }
      throw e;
    }
  }

  /**
   * The condition as Spark prints it, without the parentheses around the whole of it that only some
   * Spark versions print: {@code agee > 21} on every Glue target.
   */
  private static String shown(Column c) {
    String t = c.toString();
    if (t.length() < 2 || t.charAt(0) != '(' || t.charAt(t.length() - 1) != ')') {
      return t;
    }
    int depth = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth == 0 && i < t.length() - 1) {
          return t; // the first parenthesis closes before the end: not one pair around it all
        }
      }
    }
    return t.substring(1, t.length() - 1);
  }

  /**
   * Spark's reason without the plan it appends (which shows internal names such as the run's
   * counters).
   */
  private static String firstLine(AnalysisException e) {
    String m = e.getSimpleMessage();
    int nl = m.indexOf('\n');
    String first = nl < 0 ? m : m.substring(0, nl);
    return first.endsWith(";") ? first.substring(0, first.length() - 1) : first;
  }

  @Override
  public String toString() {
    return "Filter[" + (condition != null ? condition.toString() : "predicate") + "]";
  }
}
