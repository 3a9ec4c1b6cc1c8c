package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * The job's command-line arguments are wrong: required ones missing, a reserved name requested, a
 * bad value.
 */
public final class JobArgumentException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public JobArgumentException(String message) {
    super(message);
  }
}
