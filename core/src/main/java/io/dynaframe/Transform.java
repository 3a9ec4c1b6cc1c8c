package io.dynaframe;

import java.io.Serializable;

/**
 * A step of a job that turns one frame into a frame or a {@link FrameCollection}. Transforms are
 * small immutable values; apply one with {@link DynamicFrame#apply(Transform)} or {@link
 * DynamicFrame#apply(String, Transform)}, which names the step.
 *
 * @param <O> {@link DynamicFrame} or {@link FrameCollection}
 */
public interface Transform<O> extends Serializable {

  /**
   * Builds the output from the input. Implementations validate their paths and mappings against
   * {@code input.schema()} here, before any Spark job runs, and keep the work in Dataset
   * operations.
   *
   * @param input the frame the transform is applied to
   * @param step the step's name, for error records and the lineage graph
   */
  O expand(DynamicFrame input, String step);

  /** The kind of step, as shown on diagrams: by default the class's simple name. */
  default String kind() {
    return getClass().getSimpleName();
  }
}
