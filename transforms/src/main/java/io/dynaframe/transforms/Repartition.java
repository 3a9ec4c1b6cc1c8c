package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;

/**
 * Glue's Repartition: the same records in {@code numPartitions} partitions, shuffled. Error records
 * of earlier steps are carried along.
 */
public final class Repartition implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int numPartitions;

  private Repartition(int numPartitions) {
    Preconditions.checkArgument(
        numPartitions > 0, "numPartitions must be positive, was %s", numPartitions);
    this.numPartitions = numPartitions;
  }

  /** Repartitions into this many partitions. */
  public static Repartition of(int numPartitions) {
    return new Repartition(numPartitions);
  }

  /** Glue's {@code Repartition.apply(frame, num_partitions, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, int numPartitions, String transformationCtx) {
    return Steps.apply(frame, of(numPartitions), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return Steps.finish(input.repartition(numPartitions), step);
  }

  @Override
  public String toString() {
    return "Repartition[" + numPartitions + "]";
  }
}
