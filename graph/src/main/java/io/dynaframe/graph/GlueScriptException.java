package io.dynaframe.graph;

/**
 * A Glue script's {@code ## @} annotations cannot be read as a job graph: a malformed annotation, a
 * step without {@code @return}, an input that no earlier step returns. The message names the script
 * and the line.
 */
public final class GlueScriptException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public GlueScriptException(String message) {
    super(message);
  }
}
