package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;

/**
 * Glue's ErrorsAsDynamicFrame: a frame of the error records of every step that led to the frame it
 * is applied to (one column {@code error}, a struct with Glue's fields {@code callsite}, {@code
 * msg}, {@code stackTrace}, {@code input}, {@code bytesread}, {@code source}, {@code dynamicRecord}
 * and our {@code line}, see {@link io.dynaframe.ErrorRecords}), e.g. to write them beside the
 * output for inspection.
 */
public final class ErrorsAsDynamicFrame implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private ErrorsAsDynamicFrame() {}

  /** The transform. */
  public static ErrorsAsDynamicFrame create() {
    return new ErrorsAsDynamicFrame();
  }

  /** Glue's {@code ErrorsAsDynamicFrame.apply(frame)}. */
  public static DynamicFrame apply(DynamicFrame frame) {
    return Steps.apply(frame, create(), "");
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return Steps.finish(input.errorsAsDynamicFrame(), step);
  }

  @Override
  public String toString() {
    return "ErrorsAsDynamicFrame";
  }
}
