package io.dynaframe.catalog;

/** A connection that an operation names does not exist in the catalog. */
public final class NoSuchConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NoSuchConnectionException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public NoSuchConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
