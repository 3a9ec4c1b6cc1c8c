package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Comparisons;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Glue's SplitRows: two frames from one, the first ({@code name1}, by default {@code frame1}) with
 * the records that satisfy every comparison, the second ({@code name2}, by default {@code frame2})
 * with all the others. Its everyday use: move questionable records out for QA, write the good frame
 * and a quarantine frame side by side.
 *
 * <p>Comparisons come in Glue's two forms, or fluently:
 *
 * <pre>{@code
 * // Python: split_rows({"age": {">": 21}}, "adults", "youths")
 * frame.apply(SplitRows.of(Map.of("age", Map.of(">", 21))).withNames("adults", "youths"));
 * // Scala: splitRows(Seq("age", "address.country"), Seq(65, "USA"), Seq(">=", "="))
 * frame.apply(SplitRows.of(List.of("age", "address.country"), List.of(65, "USA"), List.of(">=", "=")));
 * frame.apply(SplitRows.where("age", ">", 21).and("age", "<", 65));
 * }</pre>
 *
 * Operators are {@code =, !=, <, <=, >, >=}, all comparisons ANDed. Constants may be numbers,
 * strings, booleans, {@code BigDecimal}, {@code LocalDate}, {@code Instant} or {@code
 * LocalDateTime}. A string field compared with a number is read as a number.
 *
 * <p><b>Nulls:</b> a record whose field is null or missing does not satisfy a comparison on it (not
 * even {@code !=}), so it goes to the second frame: nothing is lost between the two. A choice field
 * satisfies a comparison when the value it holds does.
 *
 * <p>Each frame is a filter over the input; writing both runs the input's plan once per frame
 * (cache the input when it is costly to compute).
 */
public final class SplitRows implements Transform<FrameCollection> {
  private static final long serialVersionUID = 1L;

  /** One comparison of a field with a constant. */
  private record Comparison(String path, String operator, Object value) implements Serializable {}

  private final ImmutableList<Comparison> comparisons;
  private final String name1;
  private final String name2;

  private SplitRows(ImmutableList<Comparison> comparisons, String name1, String name2) {
    Preconditions.checkArgument(!comparisons.isEmpty(), "SplitRows needs at least one comparison");
    this.comparisons = comparisons;
    this.name1 = Objects.requireNonNull(name1, "name1");
    this.name2 = Objects.requireNonNull(name2, "name2");
  }

  /**
   * Glue's comparison dict: path to a map of operator to constant, e.g. {@code {"age": {">": 21}}}.
   */
  public static SplitRows of(Map<String, ? extends Map<String, ?>> comparisonDict) {
    List<Comparison> cs = new ArrayList<>();
    comparisonDict.forEach(
        (path, ops) -> ops.forEach((op, v) -> cs.add(new Comparison(path, op, v))));
    return new SplitRows(ImmutableList.copyOf(cs), "frame1", "frame2");
  }

  /** Glue's three parallel lists (Scala {@code splitRows(paths, values, operators)}). */
  public static SplitRows of(List<String> paths, List<?> values, List<String> operators) {
    Preconditions.checkArgument(
        paths.size() == values.size() && paths.size() == operators.size(),
        "SplitRows takes as many values and operators as paths: %s paths, %s values, %s operators",
        paths.size(),
        values.size(),
        operators.size());
    List<Comparison> cs = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      cs.add(new Comparison(paths.get(i), operators.get(i), values.get(i)));
    }
    return new SplitRows(ImmutableList.copyOf(cs), "frame1", "frame2");
  }

  /** One comparison; add more with {@link #and}. */
  public static SplitRows where(String path, String operator, Object value) {
    return new SplitRows(
        ImmutableList.of(new Comparison(path, operator, value)), "frame1", "frame2");
  }

  /** Glue's {@code SplitRows.apply(frame, comparison_dict, name1, name2, transformation_ctx)}. */
  public static FrameCollection apply(
      DynamicFrame frame,
      Map<String, ? extends Map<String, ?>> comparisonDict,
      String name1,
      String name2,
      String transformationCtx) {
    return Steps.apply(frame, of(comparisonDict).withNames(name1, name2), transformationCtx);
  }

  /** This split with one more comparison, ANDed with the others. */
  public SplitRows and(String path, String operator, Object value) {
    return new SplitRows(
        ImmutableList.<Comparison>builder()
            .addAll(comparisons)
            .add(new Comparison(path, operator, value))
            .build(),
        name1,
        name2);
  }

  /**
   * The names of the frame of matching records and of the frame of the others (null: {@code
   * frame1}, {@code frame2}).
   */
  public SplitRows withNames(String name1, String name2) {
    return new SplitRows(
        comparisons, name1 == null ? "frame1" : name1, name2 == null ? "frame2" : name2);
  }

  /**
   * The condition records of the first frame satisfy, as a Column, checked against the input's
   * schema (a record with a null field does not satisfy a comparison on it).
   */
  public Column condition(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
    List<String> parts = new ArrayList<>();
    for (Comparison c : comparisons) {
      String op =
          Comparisons.sqlOperator(c.operator())
              .orElseThrow(
                  () ->
                      ck.failNear(
                          c.path(),
                          "unknown operator '"
                              + c.operator()
                              + "' for '"
                              + c.path()
                              + "'; expected one of "
                              + String.join(" ", Comparisons.OPERATORS),
                          c.operator(),
                          Comparisons.OPERATORS));
      if (c.value() == null) {
        throw ck.failAt(
            c.path(),
            "the comparison '"
                + c.path()
                + " "
                + c.operator()
                + " null' never holds; use Filter with isNull() to split on missing values",
            List.of());
      }
      Comparisons.Literal lit =
          Comparisons.literal(c.value())
              .orElseThrow(
                  () ->
                      ck.failAt(
                          c.path(),
                          "cannot compare '"
                              + c.path()
                              + "' with a "
                              + c.value().getClass().getSimpleName()
                              + " ("
                              + c.value()
                              + ")",
                          List.of()));
      Checker.Resolved r = ck.resolve(c.path(), true, false);
      parts.add(
          Comparisons.compare(Sql.path(r.names()), r.type(), op, lit)
              .orElseThrow(
                  () ->
                      ck.failAt(
                          c.path(),
                          "cannot compare '"
                              + c.path()
                              + "' ("
                              + r.type()
                              + ") with "
                              + c.value()
                              + " ("
                              + lit.type()
                              + ")",
                          List.of())));
    }
    return functions.expr("coalesce(" + String.join(" AND ", parts) + ", FALSE)");
  }

  @Override
  public FrameCollection expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private FrameCollection build(DynamicFrame input, String step) {
    if (name1.equals(name2)) {
      throw new TransformException(
          kind(), step, "both output frames are named '" + name1 + "'; give them two names");
    }
    Column cond = condition(input, step);
    Map<String, DynamicFrame> out = new LinkedHashMap<>();
    out.put(name1, Steps.finish(input.withRows(input.toDF().where(cond)).withName(name1), step));
    out.put(
        name2,
        Steps.finish(
            input.withRows(input.toDF().where(functions.not(cond))).withName(name2), step));
    return FrameCollection.of(out, input.context());
  }

  @Override
  public String toString() {
    return "SplitRows" + comparisons + " -> " + name1 + ", " + name2;
  }
}
