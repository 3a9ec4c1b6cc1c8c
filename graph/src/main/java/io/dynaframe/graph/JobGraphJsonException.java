package io.dynaframe.graph;

/**
 * A text cannot be read as a job graph's JSON ({@link JobGraph#fromJson(String)}): it is not JSON,
 * a member is missing or of the wrong type, or the graph it describes is not valid (for example its
 * edges form a cycle). The message starts with where the problem is, as {@code <source> line <n>,
 * column <m>: }, and {@link #line()} and {@link #column()} give the same position.
 */
public final class JobGraphJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;

  /**
   * An exception at the given position (1-based line, 1-based column in UTF-16 chars) of the text
   * named {@code source}.
   */
  public JobGraphJsonException(String source, int line, int column, String message) {
    this(source, line, column, message, null);
  }

  /** The same, with the exception that caused it. */
  public JobGraphJsonException(
      String source, int line, int column, String message, Throwable cause) {
    super(source + " line " + line + ", column " + column + ": " + message, cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** How the text is named: a resource name, or {@code job graph JSON} for a string. */
  public String source() {
    return source;
  }

  /** The line of the problem, from 1. */
  public int line() {
    return line;
  }

  /** The column of the problem on its line, from 1. */
  public int column() {
    return column;
  }
}
