package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Derived Column: a new column computed by a Spark SQL expression over the row's
 * columns ({@code "price * quantity"}, {@code "upper(name)"}), added after the frame's columns, or
 * in place of the column of that name. The expression is analysed when the transform is applied: a
 * column it names that the frame lacks, or bad SQL, fails then, naming the column.
 *
 * <pre>{@code
 * frame.apply("DerivedColumn_node1", DerivedColumn.of("total", "price * quantity"));
 * }</pre>
 */
public final class DerivedColumn implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String expression;

  private DerivedColumn(String column, String expression) {
    this.column = Objects.requireNonNull(column, "column");
    this.expression = Objects.requireNonNull(expression, "expression");
    if (column.isEmpty() || expression.isBlank()) {
      throw new IllegalArgumentException("DerivedColumn needs a column name and an expression");
    }
  }

  /** The column {@code column} computed by the Spark SQL {@code expression}. */
  public static DerivedColumn of(String column, String expression) {
    return new DerivedColumn(column, expression);
  }

  /** Glue Studio's Derived Column node: the new column's name and its SQL expression. */
  public static DynamicFrame apply(
      DynamicFrame frame, String colName, String expr, String transformationCtx) {
    return Steps.apply(frame, of(colName, expr), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioOps.derived(in, step, kind(), column, expression));
  }

  @Override
  public String toString() {
    return "DerivedColumn[" + column + " = " + expression + "]";
  }
}
