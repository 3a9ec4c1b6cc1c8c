package io.dynaframe;

/**
 * Thrown when a frame holds more error records than a step's {@code stageThreshold} or the job's
 * {@code totalThreshold} allows. A threshold of 0 means no limit, as in Glue.
 */
public final class ErrorThresholdExceededException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  private final long errors;
  private final long threshold;

  ErrorThresholdExceededException(String message, long errors, long threshold) {
    super(message);
    this.errors = errors;
    this.threshold = threshold;
  }

  /** The number of error records counted. */
  public long errors() {
    return errors;
  }

  /** The threshold that was exceeded. */
  public long threshold() {
    return threshold;
  }
}
