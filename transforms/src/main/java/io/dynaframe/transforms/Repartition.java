package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.StepOptions;

/**
 * Glue's Repartition: the same records in {@code numPartitions} partitions, shuffled. Error
 * records of earlier steps are carried along.
 */
public final class Repartition implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int numPartitions;
  private final StepOptions options;

  private Repartition(int numPartitions, StepOptions options) {
    Preconditions.checkArgument(numPartitions > 0, "numPartitions must be positive, was %s", numPartitions);
    this.numPartitions = numPartitions;
    this.options = options;
  }

  /** Repartitions into this many partitions. */
  public static Repartition of(int numPartitions) {
    return new Repartition(numPartitions, StepOptions.DEFAULT);
  }

  /** Glue's {@code Repartition.apply(frame, num_partitions, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, int numPartitions, String transformationCtx) {
    Repartition t = of(numPartitions).withTransformationContext(transformationCtx);
    return frame.apply(StepOptions.stepName(transformationCtx, t.kind()), t);
  }

  /** This transform with Glue's {@code transformation_ctx}, set on the output frame. */
  public Repartition withTransformationContext(String ctx) {
    return new Repartition(numPartitions, options.withTransformationContext(ctx));
  }

  /** This transform with Glue's {@code info}. */
  public Repartition withInfo(String info) {
    return new Repartition(numPartitions, options.withInfo(info));
  }

  /** This transform with Glue's error thresholds, set on the output frame (0 = no limit). */
  public Repartition withThresholds(long stageThreshold, long totalThreshold) {
    return new Repartition(numPartitions, options.withThresholds(stageThreshold, totalThreshold));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return options.finish(input.repartition(numPartitions));
  }

  @Override
  public String toString() {
    return "Repartition[" + numPartitions + "]";
  }
}
