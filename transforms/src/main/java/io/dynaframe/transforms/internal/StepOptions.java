package io.dynaframe.transforms.internal;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import java.io.Serializable;
import java.util.Objects;

/**
 * The four settings every Glue transform takes: {@code transformationCtx} (the step's key for
 * bookmarks and error records), {@code info} (a note attached to the step's error records)
 * and the error thresholds ({@code stageThreshold}, {@code totalThreshold}; 0 means no limit).
 */
public record StepOptions(String transformationContext, String info, long stageThreshold, long totalThreshold)
    implements Serializable {

  /** No context, no info, no limits: Glue's defaults. */
  public static final StepOptions DEFAULT = new StepOptions("", "", 0, 0);

  /** Checks the thresholds are not negative. */
  public StepOptions {
    Objects.requireNonNull(transformationContext, "transformationContext");
    Objects.requireNonNull(info, "info");
    Preconditions.checkArgument(stageThreshold >= 0, "stageThreshold must be >= 0, was %s", stageThreshold);
    Preconditions.checkArgument(totalThreshold >= 0, "totalThreshold must be >= 0, was %s", totalThreshold);
  }

  /** These options with another transformation context. */
  public StepOptions withTransformationContext(String ctx) {
    return new StepOptions(ctx, info, stageThreshold, totalThreshold);
  }

  /** These options with another info note. */
  public StepOptions withInfo(String value) {
    return new StepOptions(transformationContext, value, stageThreshold, totalThreshold);
  }

  /** These options with other thresholds. */
  public StepOptions withThresholds(long stage, long total) {
    return new StepOptions(transformationContext, info, stage, total);
  }

  /** The output of a step with these settings applied. */
  public DynamicFrame finish(DynamicFrame out) {
    return out.withTransformationContext(transformationContext).withThresholds(stageThreshold, totalThreshold);
  }

  /** The reason written into an error record: the info note, when given, before the message. */
  public String reason(String message) {
    return info.isEmpty() ? message : info + ": " + message;
  }

  /** The step name a Glue-style static {@code apply} uses: the transformation context, else the transform's kind. */
  public static String stepName(String transformationContext, String kind) {
    return transformationContext == null || transformationContext.isBlank() ? kind : transformationContext;
  }
}
