package io.dynaframe.catalog;

/**
 * An update was based on a version of a table that is no longer the current one: someone else
 * changed it in between. Read the table again and retry.
 */
public final class CommitConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public CommitConflictException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public CommitConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
