package io.dynaframe.internal.io;

import java.util.Map;

/**
 * One record read from a file: its fields, or the reason it could not be parsed, with the 1-based
 * lines where it starts and ends and its raw text. A line of 0 means the position is not known. A
 * record that could not be parsed may carry the fields read before the failure ({@code partial},
 * Glue's {@code dynamicRecord} of a reader's error), else null.
 */
public record ParsedRecord(
    Map<String, Object> fields,
    String error,
    long line,
    String raw,
    long lastLine,
    Map<String, Object> partial) {

  static ParsedRecord ok(Map<String, Object> fields, long line, String raw) {
    return new ParsedRecord(fields, null, line, raw, line, null);
  }

  static ParsedRecord ok(Map<String, Object> fields, long line, long lastLine, String raw) {
    return new ParsedRecord(fields, null, line, raw, Math.max(line, lastLine), null);
  }

  static ParsedRecord failed(String error, long line, String raw) {
    return new ParsedRecord(null, error, line, raw, line, null);
  }

  static ParsedRecord failed(String error, long line, long lastLine, String raw) {
    return new ParsedRecord(null, error, line, raw, Math.max(line, lastLine), null);
  }

  /** A record that failed after these fields were read. */
  static ParsedRecord failed(String error, long line, String raw, Map<String, Object> partial) {
    return new ParsedRecord(
        null, error, line, raw, line, partial == null || partial.isEmpty() ? null : partial);
  }

  /**
   * This record as an error record with another reason, at the same lines and with the same text.
   */
  ParsedRecord asError(String reason) {
    return new ParsedRecord(null, reason, line, raw, lastLine, null);
  }
}
