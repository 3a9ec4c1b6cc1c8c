package io.dynaframe.transforms.internal;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import java.util.Objects;

/**
 * Glue's settings common to every transform, where they live: the output frame's transformation
 * context and error thresholds, and the {@code info} note of the error records a step makes.
 *
 * <p>A transform value applied with {@code frame.apply(step, t)} gives an output whose
 * transformation context is the step name, with no thresholds ({@link #finish}). The Glue-style
 * static {@code apply} methods take {@code transformation_ctx} (and, where Glue's signature has
 * them, the thresholds) and set them on the output as given ({@link #apply}).
 */
public final class Steps {
  private Steps() {}

  /**
   * The output of a transform applied as {@code step}: the step name is its transformation context;
   * no thresholds.
   */
  public static DynamicFrame finish(DynamicFrame out, String step) {
    return out.withTransformationContext(step).withThresholds(0, 0);
  }

  /** The reason written into an error record: the info note, when given, before the message. */
  public static String reason(String info, String message) {
    return info == null || info.isEmpty() ? message : info + ": " + message;
  }

  /**
   * Glue's {@code Transform.apply(frame, ..., transformation_ctx)}: applies {@code t} as the step
   * {@code transformationCtx} (the transform's kind when blank), and gives the output (every frame
   * of it, for a collection) that transformation context as given, blank included.
   */
  public static <O> O apply(DynamicFrame frame, Transform<O> t, String transformationCtx) {
    return apply(frame, t, transformationCtx, 0, 0);
  }

  /**
   * {@link #apply(DynamicFrame, Transform, String)} with Glue's error thresholds, set on the output
   * (0 = no limit).
   */
  public static <O> O apply(
      DynamicFrame frame,
      Transform<O> t,
      String transformationCtx,
      long stageThreshold,
      long totalThreshold) {
    Objects.requireNonNull(transformationCtx, "transformationContext");
    Preconditions.checkArgument(
        stageThreshold >= 0, "stageThreshold must be >= 0, was %s", stageThreshold);
    Preconditions.checkArgument(
        totalThreshold >= 0, "totalThreshold must be >= 0, was %s", totalThreshold);
    O out = frame.apply(stepName(transformationCtx, t.kind()), t);
    if (out instanceof DynamicFrame f) {
      return cast(
          f.withTransformationContext(transformationCtx)
              .withThresholds(stageThreshold, totalThreshold));
    }
    if (out instanceof FrameCollection c) {
      return cast(
          c.map(
              (f, key) ->
                  f.withTransformationContext(transformationCtx)
                      .withThresholds(stageThreshold, totalThreshold)));
    }
    return out;
  }

  /**
   * The step name a Glue-style static {@code apply} uses: the transformation context, else the
   * transform's kind.
   */
  public static String stepName(String transformationContext, String kind) {
    return transformationContext == null || transformationContext.isBlank()
        ? kind
        : transformationContext;
  }

  @SuppressWarnings("unchecked")
  private static <O> O cast(Object o) {
    return (O) o;
  }
}
