package io.dynaframe.job;

import io.dynaframe.DynaFrameException;

/**
 * A frame cannot be published to a table: it does not fit the table (partition keys, unresolved
 * choices), or the catalog switch failed. The table's published version is unchanged; what this run
 * wrote is removed by a later run's cleanup.
 */
public final class PublishException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
