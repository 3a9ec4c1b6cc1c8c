package io.dynaframe.internal.io;

import java.util.Map;

/**
 * One record read from a file: its fields, or the reason it could not be parsed, with the
 * 1-based line where it starts and its raw text.
 */
public record ParsedRecord(Map<String, Object> fields, String error, long line, String raw) {

  static ParsedRecord ok(Map<String, Object> fields, long line, String raw) {
    return new ParsedRecord(fields, null, line, raw);
  }

  static ParsedRecord failed(String error, long line, String raw) {
    return new ParsedRecord(null, error, line, raw);
  }
}
