package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * An annotated job class cannot be run as written: it has no {@code @Job}, a step method's
 * parameters or return type do not fit its annotation, an input names no step, the steps form a
 * cycle. The message names the class, the method and, where it applies, the parameter at fault, and
 * says what to change.
 */
public final class JobDefinitionException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public JobDefinitionException(String message) {
    super(message);
  }

  public JobDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
