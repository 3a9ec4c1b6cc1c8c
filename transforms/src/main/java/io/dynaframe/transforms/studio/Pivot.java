package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioGroupOps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Glue Studio's Pivot Rows Into Columns: the values of the columns to convert become columns, each
 * holding the aggregate (one of {@link Aggregate}'s functions) of the aggregation column over the
 * rows with that value; the other columns group the rows. Values of several converted columns are
 * joined with {@code _} into one column name. Unless the values are given ({@link #forValues}), the
 * output's columns depend on the data, so Spark runs a query for the distinct values when the
 * transform is applied.
 *
 * <pre>{@code
 * // year, month, sales -> year, Jan, Feb, ... with sum(sales)
 * frame.apply("Pivot_node1", Pivot.of("sales", "sum", "month").forValues("Jan", "Feb"));
 * }</pre>
 */
public final class Pivot implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String aggColumn;
  private final String aggFunction;
  private final ImmutableList<String> columns;
  private final ImmutableList<String> values;

  private Pivot(String aggColumn, String aggFunction, List<String> columns, List<String> values) {
    this.aggColumn = Objects.requireNonNull(aggColumn, "aggColumn");
    this.aggFunction = Objects.requireNonNull(aggFunction, "aggFunction");
    this.columns = ImmutableList.copyOf(columns);
    this.values = ImmutableList.copyOf(values);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("Pivot needs at least one column to convert");
    }
  }

  /** Pivots {@code columns}, aggregating {@code aggColumn} with {@code aggFunction}. */
  public static Pivot of(String aggColumn, String aggFunction, String... columns) {
    return new Pivot(aggColumn, aggFunction, Arrays.asList(columns), List.of());
  }

  /**
   * Glue Studio's Pivot Rows Into Columns node: the aggregation column and function and the columns
   * to convert.
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String aggColumn,
      String aggFunction,
      List<String> columns,
      String transformationCtx) {
    return Steps.apply(
        frame, new Pivot(aggColumn, aggFunction, columns, List.of()), transformationCtx);
  }

  /** This transform making columns for these values only, in this order (no query at apply). */
  public Pivot forValues(String... values) {
    return new Pivot(aggColumn, aggFunction, columns, Arrays.asList(values));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input,
        step,
        in -> StudioGroupOps.pivot(in, step, kind(), aggColumn, aggFunction, columns, values));
  }

  @Override
  public String toString() {
    return "Pivot[" + columns + ": " + aggFunction + "(" + aggColumn + ")]";
  }
}
