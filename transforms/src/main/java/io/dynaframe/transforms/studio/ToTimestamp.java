package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's To Timestamp: a number or string column as a timestamp. The type says how to read
 * it: {@code seconds} (Unix time, fractions kept), {@code milliseconds} or {@code microseconds}
 * since the epoch, {@code iso} (an ISO 8601 string, {@code 2022-11-02T14:40:59.915Z}), or {@code
 * autodetect} (a number's unit guessed by its size: from 10^14 microseconds, from 10^11
 * milliseconds, else seconds; a string that is not a number read as ISO). A value that does not
 * convert is null. The timestamp replaces the column, or goes into a new column.
 *
 * <pre>{@code
 * frame.apply("ToTimestamp_node1", ToTimestamp.of("event_time", "milliseconds"));
 * }</pre>
 */
public final class ToTimestamp implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String type;
  private final String newColumn;

  private ToTimestamp(String column, String type, String newColumn) {
    this.column = Objects.requireNonNull(column, "column");
    this.type = Objects.requireNonNull(type, "type");
    this.newColumn = newColumn;
  }

  /**
   * Reads {@code column} as {@code type} ({@code seconds}, {@code milliseconds}, {@code
   * microseconds}, {@code iso}, {@code autodetect}), in place.
   */
  public static ToTimestamp of(String column, String type) {
    return new ToTimestamp(column, type, null);
  }

  /**
   * Glue Studio's To Timestamp node: the column, the type and the new column ({@code null}: in
   * place).
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      String colType,
      String newColName,
      String transformationCtx) {
    return Steps.apply(frame, new ToTimestamp(colName, colType, newColName), transformationCtx);
  }

  /** This transform writing the timestamp into a new column {@code name}. */
  public ToTimestamp withNewColumn(String name) {
    return new ToTimestamp(column, type, Objects.requireNonNull(name, "name"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioOps.toTimestamp(in, step, kind(), column, type, newColumn));
  }

  @Override
  public String toString() {
    return "ToTimestamp[" + column + " as " + type + "]";
  }
}
