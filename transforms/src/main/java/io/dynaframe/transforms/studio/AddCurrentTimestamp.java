package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Add Current Timestamp ({@code gs_now(colName="timestamp", dateFormat=None)} in its
 * scripts): a column, {@code timestamp} by default, holding the time the frame is computed, the
 * same value on every row. It is a timestamp, or with a format (Spark's pattern syntax, {@code
 * yyyy-MM-dd HH:mm}, or Python's codes, {@code %Y-%m-%d %H:%M}) a string in that format.
 *
 * <pre>{@code
 * frame.apply("AddTimestamp_node1", AddCurrentTimestamp.of().withColumn("loaded_at"));
 * }</pre>
 */
public final class AddCurrentTimestamp implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String format;

  private AddCurrentTimestamp(String column, String format) {
    this.column = Objects.requireNonNull(column, "column");
    this.format = format;
    if (column.isEmpty()) {
      throw new IllegalArgumentException("AddCurrentTimestamp needs a column name");
    }
  }

  /** The column {@code timestamp}, a timestamp. */
  public static AddCurrentTimestamp of() {
    return new AddCurrentTimestamp("timestamp", null);
  }

  /** Glue's {@code gs_now(colName, dateFormat)}: {@code dateFormat} null for a timestamp column. */
  public static DynamicFrame apply(
      DynamicFrame frame, String colName, String dateFormat, String transformationCtx) {
    return Steps.apply(frame, new AddCurrentTimestamp(colName, dateFormat), transformationCtx);
  }

  /** This transform naming the column {@code name}. */
  public AddCurrentTimestamp withColumn(String name) {
    return new AddCurrentTimestamp(name, format);
  }

  /** This transform writing the time as a string in {@code pattern}. */
  public AddCurrentTimestamp withFormat(String pattern) {
    return new AddCurrentTimestamp(column, Objects.requireNonNull(pattern, "pattern"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(input, step, in -> StudioOps.now(in, step, kind(), column, format));
  }

  @Override
  public String toString() {
    return "AddCurrentTimestamp[" + column + (format == null ? "" : ", " + format) + "]";
  }
}
