package io.dynaframe;

/**
 * The base of the exceptions dynaframe's frames, sources, sinks, transforms and jobs throw on
 * purpose; each subclass is one kind of failure. The catalog's failures have types of their own in
 * {@link io.dynaframe.catalog} (the catalog SPI stands below the frame API).
 */
public class DynaFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DynaFrameException(String message) {
    super(message);
  }

  public DynaFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
