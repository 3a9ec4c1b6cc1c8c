package io.dynaframe.quality;

import io.dynaframe.DynaFrameException;

/**
 * A ruleset that cannot be evaluated on a frame: a rule dynaframe refuses (it needs AWS's history
 * of earlier runs, or files on S3), a {@code where} clause or a {@code CustomSql} statement Spark
 * cannot analyse, a reference dataset that was not given. The message names the rule and its place
 * in the ruleset.
 */
public class DataQualityException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public DataQualityException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public DataQualityException(String message, Throwable cause) {
    super(message, cause);
  }
}
