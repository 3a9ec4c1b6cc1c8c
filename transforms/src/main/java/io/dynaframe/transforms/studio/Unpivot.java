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
 * Glue Studio's Unpivot Columns Into Rows: a row for each of the columns to unpivot, holding the
 * column's name in the name column and its value in the value column, the other columns repeated.
 * The unpivoted columns need one type (numbers of different types are widened, as Spark does).
 *
 * <pre>{@code
 * // id, jan, feb -> id, month, sales
 * frame.apply("Unpivot_node1", Unpivot.of("month", "sales", "jan", "feb"));
 * }</pre>
 */
public final class Unpivot implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String nameColumn;
  private final String valueColumn;
  private final ImmutableList<String> columns;

  private Unpivot(String nameColumn, String valueColumn, List<String> columns) {
    this.nameColumn = Objects.requireNonNull(nameColumn, "nameColumn");
    this.valueColumn = Objects.requireNonNull(valueColumn, "valueColumn");
    this.columns = ImmutableList.copyOf(columns);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("Unpivot needs at least one column to unpivot");
    }
  }

  /** Unpivots {@code columns} into {@code nameColumn} and {@code valueColumn}. */
  public static Unpivot of(String nameColumn, String valueColumn, String... columns) {
    return new Unpivot(nameColumn, valueColumn, Arrays.asList(columns));
  }

  /**
   * Glue Studio's Unpivot Columns Into Rows node: the name column, the value column and the columns
   * to unpivot.
   */
  public static DynamicFrame apply(
      DynamicFrame frame,
      String unpivotColName,
      String valueColName,
      List<String> columns,
      String transformationCtx) {
    return Steps.apply(
        frame, new Unpivot(unpivotColName, valueColName, columns), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input,
        step,
        in -> StudioGroupOps.unpivot(in, step, kind(), columns, nameColumn, valueColumn));
  }

  @Override
  public String toString() {
    return "Unpivot[" + columns + " -> " + nameColumn + ", " + valueColumn + "]";
  }
}
