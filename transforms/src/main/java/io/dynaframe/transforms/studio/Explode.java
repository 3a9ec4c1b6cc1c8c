package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Explode Array Or Map Into Rows: a row for each element of an array column, or each
 * entry of a map column (its key and value in two columns, {@code key} and {@code value} by
 * default, in place of the map), the other columns repeated. By default the elements go into a
 * column of the array's own name, which they replace; a column of another name is added after the
 * frame's columns and the array is kept. A row whose array or map is null or empty is left out, or
 * kept with a null value with {@link #includingNulls()}.
 *
 * <pre>{@code
 * // AWS's example: category [sports, winter] -> two rows, category sports and category winter
 * frame.apply("Explode_node1", Explode.of("category").includingNulls());
 * }</pre>
 */
public final class Explode implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String valueColumn;
  private final String keyColumn;
  private final boolean includeNulls;

  private Explode(String column, String valueColumn, String keyColumn, boolean includeNulls) {
    this.column = Objects.requireNonNull(column, "column");
    this.valueColumn = valueColumn;
    this.keyColumn = keyColumn;
    this.includeNulls = includeNulls;
  }

  /** Explodes {@code column}, an array or a map. */
  public static Explode of(String column) {
    return new Explode(column, null, null, false);
  }

  /**
   * Glue Studio's Explode node: the column, the new column for the values (a map's value column;
   * {@code null}: the array's own name, or {@code value}), a map's key column ({@code null}: {@code
   * key}) and whether rows with no values are kept.
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      String newColName,
      String keyColName,
      boolean outer,
      String transformationCtx) {
    return Steps.apply(
        frame, new Explode(colName, newColName, keyColName, outer), transformationCtx);
  }

  /** This transform putting the elements (a map's values) into the column {@code name}. */
  public Explode withValueColumn(String name) {
    return new Explode(column, Objects.requireNonNull(name, "name"), keyColumn, includeNulls);
  }

  /** This transform putting a map's keys into the column {@code name}. */
  public Explode withKeyColumn(String name) {
    return new Explode(column, valueColumn, Objects.requireNonNull(name, "name"), includeNulls);
  }

  /** This transform keeping rows whose array or map is null or empty, with null values. */
  public Explode includingNulls() {
    return new Explode(column, valueColumn, keyColumn, true);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input,
        step,
        in -> StudioOps.explode(in, step, kind(), column, valueColumn, keyColumn, includeNulls));
  }

  @Override
  public String toString() {
    return "Explode[" + column + (includeNulls ? ", including nulls" : "") + "]";
  }
}
