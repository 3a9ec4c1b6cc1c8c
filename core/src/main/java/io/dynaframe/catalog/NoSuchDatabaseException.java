package io.dynaframe.catalog;

/** A database that an operation names does not exist. */
public final class NoSuchDatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NoSuchDatabaseException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public NoSuchDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
