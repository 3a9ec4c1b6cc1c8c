package io.dynaframe.catalog;

/** A table that an operation names does not exist (its database does). */
public final class NoSuchTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NoSuchTableException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public NoSuchTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
