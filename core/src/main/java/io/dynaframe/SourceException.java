package io.dynaframe;

/**
 * A source cannot be read at all: a path that does not exist, an unknown format or option, a file
 * that is not of the format it claims. The message names the path or option at fault. (Single bad
 * records do not throw: they become error records.)
 */
public final class SourceException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
