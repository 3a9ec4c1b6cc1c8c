package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * A step of an annotated job threw a checked exception (unchecked ones pass through as they are),
 * or returned nothing where a frame was expected. The message names the step and its method; the
 * cause is what the method threw.
 */
public final class JobStepException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public JobStepException(String message) {
    super(message);
  }

  public JobStepException(String message, Throwable cause) {
    super(message, cause);
  }
}
