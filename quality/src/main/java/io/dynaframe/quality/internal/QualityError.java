package io.dynaframe.quality.internal;

/**
 * A rule that cannot be evaluated, or a ruleset that does not parse (with {@link #line()} and
 * {@link #column()} set): the public API turns it into its own exceptions, so that this package
 * does not depend on it.
 */
public final class QualityError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String token;
  private final String expected;

  /** A rule that cannot be evaluated. */
  public QualityError(String message) {
    this(message, null);
  }

  /** A rule that cannot be evaluated, and why. */
  public QualityError(String message, Throwable cause) {
    super(message, cause);
    this.line = 0;
    this.column = 0;
    this.token = null;
    this.expected = null;
  }

  /** A ruleset that does not parse: what was expected, and the token at fault. */
  public QualityError(String expected, int line, int column, String token) {
    super(expected);
    this.line = line;
    this.column = column;
    this.token = token;
    this.expected = expected;
  }

  /** Whether the ruleset did not parse. */
  public boolean parseError() {
    return expected != null;
  }

  /** The 1-based line of the token at fault (parse errors). */
  public int line() {
    return line;
  }

  /** The 1-based column of the token at fault (parse errors). */
  public int column() {
    return column;
  }

  /** The token at fault (parse errors). */
  public String token() {
    return token;
  }
}
