package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * Job code cannot be deployed: a jar is missing or misnamed, the main class or job name is not
 * valid, or the CODE area cannot be written. No version folder is left behind.
 */
public final class DeployException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
