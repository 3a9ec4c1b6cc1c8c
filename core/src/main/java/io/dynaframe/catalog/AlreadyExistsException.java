package io.dynaframe.catalog;

/**
 * A database, table or partition cannot be created because one with the same name or values exists.
 */
public final class AlreadyExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public AlreadyExistsException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
