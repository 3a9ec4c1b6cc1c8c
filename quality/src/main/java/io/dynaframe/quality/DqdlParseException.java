package io.dynaframe.quality;

/**
 * A DQDL ruleset that does not parse: thrown when {@link EvaluateDataQuality} is applied (or by
 * {@link Ruleset#parse}), naming the line, the column and the token at fault.
 */
public final class DqdlParseException extends DataQualityException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String token;

  /**
   * @param message what was expected, without the position
   * @param line 1-based line of the token at fault
   * @param column 1-based column of the token at fault
   * @param token the token at fault as written ({@code <end of ruleset>} at the end)
   */
  public DqdlParseException(String message, int line, int column, String token) {
    super("DQDL ruleset, line " + line + ", column " + column + ", at '" + token + "': " + message);
    this.line = line;
    this.column = column;
    this.token = token;
  }

  /** The 1-based line of the token at fault. */
  public int line() {
    return line;
  }

  /** The 1-based column of the token at fault. */
  public int column() {
    return column;
  }

  /** The token at fault, as written. */
  public String token() {
    return token;
  }
}
