package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Format Timestamp: a timestamp (or date) column as a string in a pattern, given in
 * Spark's syntax ({@code yyyy-MM-dd HH:mm}) or Python's codes ({@code %Y-%m-%d %H:%M}), in the
 * session's time zone. The string replaces the column, or goes into a new column after the frame's
 * columns.
 *
 * <pre>{@code
 * frame.apply("FormatTimestamp_node1", FormatTimestamp.of("created", "%Y-%m-%d %H:%M").withNewColumn("created_text"));
 * }</pre>
 */
public final class FormatTimestamp implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String format;
  private final String newColumn;

  private FormatTimestamp(String column, String format, String newColumn) {
    this.column = Objects.requireNonNull(column, "column");
    this.format = Objects.requireNonNull(format, "format");
    this.newColumn = newColumn;
    if (format.isEmpty()) {
      throw new IllegalArgumentException("FormatTimestamp needs a timestamp format");
    }
  }

  /** Formats {@code column} in {@code format}, in place. */
  public static FormatTimestamp of(String column, String format) {
    return new FormatTimestamp(column, format, null);
  }

  /**
   * Glue Studio's Format Timestamp node: the column, the format and the new column ({@code null}:
   * in place).
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      String dateFormat,
      String newColName,
      String transformationCtx) {
    return Steps.apply(
        frame, new FormatTimestamp(colName, dateFormat, newColName), transformationCtx);
  }

  /** This transform writing the string into a new column {@code name}, keeping the timestamp. */
  public FormatTimestamp withNewColumn(String name) {
    return new FormatTimestamp(column, format, Objects.requireNonNull(name, "name"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioOps.formatTimestamp(in, step, kind(), column, format, newColumn));
  }

  @Override
  public String toString() {
    return "FormatTimestamp[" + column + ", " + format + "]";
  }
}
