package io.dynaframe.catalog;

/** A partition that an operation names does not exist (its table does). */
public final class NoSuchPartitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NoSuchPartitionException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public NoSuchPartitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
