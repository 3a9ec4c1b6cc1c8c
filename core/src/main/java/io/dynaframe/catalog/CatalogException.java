package io.dynaframe.catalog;

/**
 * The catalog service failed: an error of the metastore or of the AWS Glue service that is not one
 * of the other catalog exceptions (access denied, invalid input, a limit, the service being
 * unavailable after retries). The cause is the service's own exception.
 */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public CatalogException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
