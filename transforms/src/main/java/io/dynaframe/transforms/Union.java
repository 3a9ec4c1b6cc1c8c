package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Conform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.Objects;

/**
 * Glue's Union: the records of both frames (duplicates kept), in the schema Glue's merge rules
 * give: the fields of both, a field missing on one side null there, a field whose types differ a
 * choice of both ({@code long} on one side and {@code string} on the other give {@code choice{long,
 * string}}). The output carries the error records of both frames.
 *
 * <pre>{@code
 * DynamicFrame all = Union.apply(january, february, "union1");
 * }</pre>
 */
public final class Union implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final transient DynamicFrame other;

  private Union(DynamicFrame other) {
    this.other = Objects.requireNonNull(other, "frame2");
  }

  /** The union with {@code frame2}. */
  public static Union with(DynamicFrame frame2) {
    return new Union(frame2);
  }

  /** Glue's {@code Union.apply(frame1, frame2, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame1, DynamicFrame frame2, String transformationCtx) {
    return Steps.apply(frame1, with(frame2), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input, other);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    if (other == null) {
      throw new TransformException(
          kind(), step, "this Union was deserialized without its second frame");
    }
    StructType a = input.schema();
    StructType b = other.schema();
    DataType merged = Types.merge(a, b);
    StructType to = (StructType) merged;
    DynamicFrame left = input.withRows(Conform.rows(input.toDF(), a, to));
    DynamicFrame right = other.withRows(Conform.rows(other.toDF(), b, to));
    return Steps.finish(left.union(right).withName(input.name()), step);
  }

  @Override
  public String toString() {
    return "Union";
  }
}
