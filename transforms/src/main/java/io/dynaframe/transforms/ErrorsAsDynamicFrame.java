package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.StepOptions;

/**
 * Glue's ErrorsAsDynamicFrame: a frame of the error records of every step that led to the
 * frame it is applied to (columns {@code step, reason, source, line, raw, stack_trace}, see
 * {@link io.dynaframe.ErrorRecords}), e.g. to write them beside the output for inspection.
 */
public final class ErrorsAsDynamicFrame implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final StepOptions options;

  private ErrorsAsDynamicFrame(StepOptions options) {
    this.options = options;
  }

  /** The transform. */
  public static ErrorsAsDynamicFrame create() {
    return new ErrorsAsDynamicFrame(StepOptions.DEFAULT);
  }

  /** Glue's {@code ErrorsAsDynamicFrame.apply(frame)}. */
  public static DynamicFrame apply(DynamicFrame frame) {
    ErrorsAsDynamicFrame t = create();
    return frame.apply(t.kind(), t);
  }

  /** This transform with a {@code transformation_ctx}, set on the output frame. */
  public ErrorsAsDynamicFrame withTransformationContext(String ctx) {
    return new ErrorsAsDynamicFrame(options.withTransformationContext(ctx));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return options.finish(input.errorsAsDynamicFrame());
  }

  @Override
  public String toString() {
    return "ErrorsAsDynamicFrame";
  }
}
