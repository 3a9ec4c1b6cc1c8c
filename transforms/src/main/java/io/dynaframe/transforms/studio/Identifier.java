package io.dynaframe.transforms.studio;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Identifier: a numeric id for each row, in a column named {@code id} by default,
 * unique within the frame (a {@code long}: Spark's {@code monotonically_increasing_id}, so ids are
 * increasing within a partition but not consecutive). With {@link #unique()}, the id also holds the
 * time the transform was applied (epoch milliseconds, times 10^19, plus the row's id) so that runs
 * that store data incrementally do not reuse ids; the column is then a {@code decimal(38,0)}, as
 * Glue makes it a decimal to hold the larger number.
 *
 * <pre>{@code
 * frame.apply("Identifier_node1", Identifier.of().withColumn("row_id").unique());
 * }</pre>
 */
public final class Identifier implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final boolean unique;

  private Identifier(String column, boolean unique) {
    this.column = Objects.requireNonNull(column, "column");
    this.unique = unique;
    if (column.isEmpty()) {
      throw new IllegalArgumentException("Identifier needs a column name");
    }
  }

  /** Ids in the column {@code id}, unique within the frame. */
  public static Identifier of() {
    return new Identifier("id", false);
  }

  /** Glue Studio's Identifier node: the column and whether ids are unique across runs. */
  public static DynamicFrame apply(
      DynamicFrame frame, String colName, boolean unique, String transformationCtx) {
    return Steps.apply(frame, new Identifier(colName, unique), transformationCtx);
  }

  /** This transform naming the column {@code name}. */
  public Identifier withColumn(String name) {
    return new Identifier(name, unique);
  }

  /** This transform making ids unique across runs (a {@code decimal(38,0)} column). */
  public Identifier unique() {
    return new Identifier(column, true);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    Long runMillis = unique ? System.currentTimeMillis() : null;
    return StudioOps.run(
        input, step, in -> StudioOps.identifier(in, step, kind(), column, runMillis));
  }

  @Override
  public String toString() {
    return "Identifier[" + column + (unique ? ", unique" : "") + "]";
  }
}
