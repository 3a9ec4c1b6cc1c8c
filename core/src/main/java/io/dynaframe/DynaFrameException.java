package io.dynaframe;

/** The base of every exception dynaframe throws on purpose; each subclass is one kind of failure. */
public class DynaFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DynaFrameException(String message) {
    super(message);
  }

  public DynaFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
