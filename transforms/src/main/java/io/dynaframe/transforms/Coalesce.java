package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.StepOptions;

/**
 * Glue's Coalesce: the same records in at most {@code numPartitions} partitions, without a
 * shuffle unless {@link #withShuffle(boolean) withShuffle(true)} (then as {@link Repartition}).
 */
public final class Coalesce implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int numPartitions;
  private final boolean shuffle;
  private final StepOptions options;

  private Coalesce(int numPartitions, boolean shuffle, StepOptions options) {
    Preconditions.checkArgument(numPartitions > 0, "numPartitions must be positive, was %s", numPartitions);
    this.numPartitions = numPartitions;
    this.shuffle = shuffle;
    this.options = options;
  }

  /** Coalesces into at most this many partitions. */
  public static Coalesce of(int numPartitions) {
    return new Coalesce(numPartitions, false, StepOptions.DEFAULT);
  }

  /** Glue's {@code Coalesce.apply(frame, num_partitions, shuffle, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, int numPartitions, boolean shuffle, String transformationCtx) {
    Coalesce t = of(numPartitions).withShuffle(shuffle).withTransformationContext(transformationCtx);
    return frame.apply(StepOptions.stepName(transformationCtx, t.kind()), t);
  }

  /** Whether to shuffle (Glue's {@code shuffle}, default false). */
  public Coalesce withShuffle(boolean value) {
    return new Coalesce(numPartitions, value, options);
  }

  /** This transform with Glue's {@code transformation_ctx}, set on the output frame. */
  public Coalesce withTransformationContext(String ctx) {
    return new Coalesce(numPartitions, shuffle, options.withTransformationContext(ctx));
  }

  /** This transform with Glue's {@code info}. */
  public Coalesce withInfo(String info) {
    return new Coalesce(numPartitions, shuffle, options.withInfo(info));
  }

  /** This transform with Glue's error thresholds, set on the output frame (0 = no limit). */
  public Coalesce withThresholds(long stageThreshold, long totalThreshold) {
    return new Coalesce(numPartitions, shuffle, options.withThresholds(stageThreshold, totalThreshold));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return options.finish(shuffle ? input.repartition(numPartitions) : input.coalesce(numPartitions));
  }

  @Override
  public String toString() {
    return "Coalesce[" + numPartitions + (shuffle ? ", shuffle" : "") + "]";
  }
}
