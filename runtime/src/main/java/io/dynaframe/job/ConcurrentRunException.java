package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * Another run of the same job holds the job's bookmark lease or committed first: this run must not
 * process or publish the same input. The message names the other run.
 */
public final class ConcurrentRunException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public ConcurrentRunException(String message) {
    super(message);
  }
}
