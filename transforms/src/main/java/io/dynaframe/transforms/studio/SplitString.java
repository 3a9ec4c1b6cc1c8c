package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Split String: a string column split into an array of strings by a regular
 * expression (a comma is {@code ","}; a dot must be escaped, {@code "\\."}). The array replaces the
 * column, or, with an array column name, is added after the frame's columns and the string column
 * is kept.
 *
 * <pre>{@code
 * // AWS's example: categories "sports,winter" -> categories_arr [sports, winter]
 * frame.apply("Split_node1", SplitString.of("categories", ",").withArrayColumn("categories_arr"));
 * }</pre>
 */
public final class SplitString implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String pattern;
  private final String arrayColumn;

  private SplitString(String column, String pattern, String arrayColumn) {
    this.column = Objects.requireNonNull(column, "column");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.arrayColumn = arrayColumn;
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("SplitString needs a splitting pattern");
    }
  }

  /** Splits {@code column} on the regular expression {@code pattern}, in place. */
  public static SplitString of(String column, String pattern) {
    return new SplitString(column, pattern, null);
  }

  /**
   * Glue Studio's Split String node: the column, the pattern and the array column's name ({@code
   * null} or empty: in place).
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      String pattern,
      String newColName,
      String transformationCtx) {
    return Steps.apply(frame, new SplitString(colName, pattern, newColName), transformationCtx);
  }

  /** This transform putting the array in a new column {@code name}, keeping the string. */
  public SplitString withArrayColumn(String name) {
    return new SplitString(column, pattern, Objects.requireNonNull(name, "name"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioOps.split(in, step, kind(), column, pattern, arrayColumn));
  }

  @Override
  public String toString() {
    return "SplitString[" + column + " on " + pattern + "]";
  }
}
