package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;

/**
 * Glue's Coalesce: the same records in at most {@code numPartitions} partitions, without a shuffle
 * unless {@link #withShuffle(boolean) withShuffle(true)} (then as {@link Repartition}).
 */
public final class Coalesce implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int numPartitions;
  private final boolean shuffle;

  private Coalesce(int numPartitions, boolean shuffle) {
    Preconditions.checkArgument(
        numPartitions > 0, "numPartitions must be positive, was %s", numPartitions);
    this.numPartitions = numPartitions;
    this.shuffle = shuffle;
  }

  /** Coalesces into at most this many partitions. */
  public static Coalesce of(int numPartitions) {
    return new Coalesce(numPartitions, false);
  }

  /** Glue's {@code Coalesce.apply(frame, num_partitions, shuffle, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, int numPartitions, boolean shuffle, String transformationCtx) {
    return Steps.apply(frame, of(numPartitions).withShuffle(shuffle), transformationCtx);
  }

  /** Whether to shuffle (Glue's {@code shuffle}, default false). */
  public Coalesce withShuffle(boolean value) {
    return new Coalesce(numPartitions, value);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return Steps.finish(
        shuffle ? input.repartition(numPartitions) : input.coalesce(numPartitions), step);
  }

  @Override
  public String toString() {
    return "Coalesce[" + numPartitions + (shuffle ? ", shuffle" : "") + "]";
  }
}
