package io.dynaframe;

/**
 * A sink cannot write a frame: a bad path, format or option, or a failed write. Nothing is
 * published.
 */
public final class SinkException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
