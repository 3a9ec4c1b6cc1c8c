package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Arrays;
import java.util.List;

/**
 * Glue Studio's Drop Duplicates: keeps one row of each set of duplicates, comparing entire rows or,
 * with key columns, only those columns (which row of a set is kept is not defined, as in Spark's
 * {@code dropDuplicates}). The key columns must be top-level columns of the frame.
 *
 * <pre>{@code
 * frame.apply("DropDuplicates_node1", DropDuplicates.entireRows());
 * frame.apply("DropDuplicates_node2", DropDuplicates.onColumns("customer_id", "order_date"));
 * }</pre>
 */
public final class DropDuplicates implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> columns;

  private DropDuplicates(List<String> columns) {
    this.columns = ImmutableList.copyOf(columns);
  }

  /** Duplicates are rows equal in every column. */
  public static DropDuplicates entireRows() {
    return new DropDuplicates(List.of());
  }

  /** Duplicates are rows equal in these columns (at least one). */
  public static DropDuplicates onColumns(List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("DropDuplicates.onColumns needs at least one column");
    }
    return new DropDuplicates(columns);
  }

  /** Duplicates are rows equal in these columns (at least one). */
  public static DropDuplicates onColumns(String... columns) {
    return onColumns(Arrays.asList(columns));
  }

  /**
   * Glue Studio's Drop Duplicates node: {@code columns} empty compares entire rows, else only those
   * columns.
   */
  public static DynamicFrame apply(
      DynamicFrame frame, List<String> columns, String transformationCtx) {
    return Steps.apply(frame, new DropDuplicates(columns), transformationCtx);
  }

  /** The key columns; empty when entire rows are compared. */
  public List<String> columns() {
    return columns;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(input, step, in -> StudioOps.dropDuplicates(in, step, kind(), columns));
  }

  @Override
  public String toString() {
    return "DropDuplicates" + (columns.isEmpty() ? "[entire rows]" : columns);
  }
}
