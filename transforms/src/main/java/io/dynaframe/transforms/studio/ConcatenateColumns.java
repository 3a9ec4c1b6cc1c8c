package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Glue Studio's Concatenate Columns: a new string column of other columns' values in the order
 * given, with an optional spacer between them (none by default) and a string for null values (the
 * empty string by default). Values that are not strings are written as Spark casts them to string.
 *
 * <pre>{@code
 * // AWS's example: date = year-month-day
 * frame.apply("Concatenate_node1", ConcatenateColumns.of("date", "year", "month", "day").withSpacer("-"));
 * }</pre>
 */
public final class ConcatenateColumns implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final ImmutableList<String> columns;
  private final String spacer;
  private final String nullValue;

  private ConcatenateColumns(String column, List<String> columns, String spacer, String nullValue) {
    this.column = Objects.requireNonNull(column, "column");
    this.columns = ImmutableList.copyOf(columns);
    this.spacer = Objects.requireNonNull(spacer, "spacer");
    this.nullValue = Objects.requireNonNull(nullValue, "nullValue");
    if (column.isEmpty() || this.columns.isEmpty()) {
      throw new IllegalArgumentException(
          "ConcatenateColumns needs the new column's name and at least one column");
    }
  }

  /** The column {@code column}: {@code columns}' values, in order, with no spacer. */
  public static ConcatenateColumns of(String column, List<String> columns) {
    return new ConcatenateColumns(column, columns, "", "");
  }

  /** The column {@code column}: {@code columns}' values, in order, with no spacer. */
  public static ConcatenateColumns of(String column, String... columns) {
    return of(column, Arrays.asList(columns));
  }

  /**
   * Glue Studio's Concatenate Columns node: the new column, the columns, the spacer and the null
   * value ({@code null} for the defaults).
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      List<String> colList,
      String spacer,
      String nullString,
      String transformationCtx) {
    return Steps.apply(
        frame,
        new ConcatenateColumns(
            colName, colList, spacer == null ? "" : spacer, nullString == null ? "" : nullString),
        transformationCtx);
  }

  /** This transform with {@code s} between the values. */
  public ConcatenateColumns withSpacer(String s) {
    return new ConcatenateColumns(column, columns, s, nullValue);
  }

  /** This transform writing {@code s} for a null value. */
  public ConcatenateColumns withNullValue(String s) {
    return new ConcatenateColumns(column, columns, spacer, s);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input,
        step,
        in -> StudioOps.concatenate(in, step, kind(), column, columns, spacer, nullValue));
  }

  @Override
  public String toString() {
    return "ConcatenateColumns[" + column + " = " + columns + "]";
  }
}
