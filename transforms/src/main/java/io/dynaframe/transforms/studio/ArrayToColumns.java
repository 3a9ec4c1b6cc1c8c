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
 * Glue Studio's Array To Columns: elements of an array column as new top-level columns, filled as
 * far as the array has elements (a column past the array's end is null). By default the columns
 * take the first elements in order; with positions (1 is the first element) each column takes the
 * element at its position.
 *
 * <pre>{@code
 * // AWS's example: subnet [54, 240, 197, 238] -> first_octect 54, fourth_octect 238
 * frame.apply("ArrayToColumns_node1",
 *     ArrayToColumns.of("subnet", "first_octect", "fourth_octect").atPositions(1, 4));
 * }</pre>
 */
public final class ArrayToColumns implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final ImmutableList<String> outputColumns;
  private final ImmutableList<Integer> positions;

  private ArrayToColumns(String column, List<String> outputColumns, List<Integer> positions) {
    this.column = Objects.requireNonNull(column, "column");
    this.outputColumns = ImmutableList.copyOf(outputColumns);
    this.positions = ImmutableList.copyOf(positions);
    if (this.outputColumns.isEmpty()) {
      throw new IllegalArgumentException("ArrayToColumns needs at least one output column");
    }
  }

  /** The first elements of {@code column} as the columns {@code outputColumns}, in order. */
  public static ArrayToColumns of(String column, List<String> outputColumns) {
    return new ArrayToColumns(column, outputColumns, List.of());
  }

  /** The first elements of {@code column} as the columns {@code outputColumns}, in order. */
  public static ArrayToColumns of(String column, String... outputColumns) {
    return of(column, Arrays.asList(outputColumns));
  }

  /**
   * Glue Studio's Array To Columns node: the array column, the output columns and the positions to
   * take (empty: the first ones in order; 1 is the first element).
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String colName,
      List<String> outputColumns,
      List<Integer> indexes,
      String transformationCtx) {
    return Steps.apply(
        frame, new ArrayToColumns(colName, outputColumns, indexes), transformationCtx);
  }

  /** This transform taking the elements at these positions (1 is the first), one per column. */
  public ArrayToColumns atPositions(Integer... positions) {
    return new ArrayToColumns(column, outputColumns, Arrays.asList(positions));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input,
        step,
        in -> StudioOps.arrayToColumns(in, step, kind(), column, outputColumns, positions));
  }

  @Override
  public String toString() {
    return "ArrayToColumns[" + column + " -> " + outputColumns + "]";
  }
}
