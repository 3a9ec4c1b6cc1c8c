package io.dynaframe.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The little JSON this module needs for {@link JobGraphJson}: a strict parser (RFC 8259, no
 * comments, no trailing commas, no duplicate keys) into {@link Value}s that remember the line and
 * column they start at, and string quoting for the writer. Not a general JSON library.
 */
final class Json {
  /** Deeper nesting than this is refused rather than risking the stack. */
  private static final int MAX_DEPTH = 64;

  private Json() {}

  /**
   * A parsed JSON value and where it starts (both 1-based; columns count UTF-16 chars). The content
   * is a {@code Map<String, Value>} (key order kept), a {@code List<Value>}, a {@link String}, a
   * {@link BigDecimal}, a {@link Boolean}, or null for JSON {@code null}.
   */
  record Value(Object content, int line, int column) {

    /** The JSON type's name, for messages. */
    String typeName() {
      if (content instanceof Map) {
        return "an object";
      } else if (content instanceof List) {
        return "an array";
      } else if (content instanceof String) {
        return "a string";
      } else if (content instanceof BigDecimal) {
        return "a number";
      } else if (content instanceof Boolean) {
        return "a boolean";
      }
      return "null";
    }
  }

  /**
   * Parses one JSON text.
   *
   * @param source how messages name the text, for example a resource name
   * @throws JobGraphJsonException naming the line and column of the first error
   */
  static Value parse(String text, String source) {
    Parser parser = new Parser(text, source);
    parser.skipWhitespace();
    Value value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error(
          "unexpected " + parser.describeNext() + " after the end of the JSON value");
    }
    return value;
  }

  /** The JSON string literal of the text: quotes, and escapes where JSON requires them. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean pairedHigh =
              Character.isHighSurrogate(c)
                  && i + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(i + 1));
          if (pairedHigh) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)) {
            // control characters must be escaped; a lone surrogate has no UTF-8 form
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Recursive descent over the text, keeping the line and column of the current position. */
  private static final class Parser {
    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;

    Parser(String text, String source) {
      this.text = text;
      this.source = source;
    }

    Value value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
      }
      if (pos >= text.length()) {
        throw error("unexpected end of the text; expected a JSON value");
      }
      int startLine = line;
      int startColumn = column();
      char c = text.charAt(pos);
      Object content;
      if (c == '{') {
        content = object(depth);
      } else if (c == '[') {
        content = array(depth);
      } else if (c == '"') {
        content = string();
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        content = number();
      } else if (text.startsWith("true", pos)) {
        pos += 4;
        content = Boolean.TRUE;
      } else if (text.startsWith("false", pos)) {
        pos += 5;
        content = Boolean.FALSE;
      } else if (text.startsWith("null", pos)) {
        pos += 4;
        content = null;
      } else {
        throw error("unexpected " + describeNext() + "; expected a JSON value");
      }
      return new Value(content, startLine, startColumn);
    }

    private Map<String, Value> object(int depth) {
      Map<String, Value> members = new LinkedHashMap<>();
      pos++; // {
      skipWhitespace();
      if (peek('}')) {
        pos++;
        return Collections.unmodifiableMap(members);
      }
      while (true) {
        if (!peek('"')) {
          throw error("unexpected " + describeNext() + "; expected a member name in double quotes");
        }
        int keyLine = line;
        int keyColumn = column();
        String key = string();
        if (members.containsKey(key)) {
          throw new JobGraphJsonException(
              source, keyLine, keyColumn, "the member \"" + key + "\" is given twice");
        }
        skipWhitespace();
        expect(':', "':' after the member name");
        skipWhitespace();
        members.put(key, value(depth + 1));
        skipWhitespace();
        if (peek(',')) {
          pos++;
          skipWhitespace();
        } else if (peek('}')) {
          pos++;
          return Collections.unmodifiableMap(members);
        } else {
          throw error("unexpected " + describeNext() + "; expected ',' or '}'");
        }
      }
    }

    private List<Value> array(int depth) {
      List<Value> items = new ArrayList<>();
      pos++; // [
      skipWhitespace();
      if (peek(']')) {
        pos++;
        return Collections.unmodifiableList(items);
      }
      while (true) {
        items.add(value(depth + 1));
        skipWhitespace();
        if (peek(',')) {
          pos++;
          skipWhitespace();
        } else if (peek(']')) {
          pos++;
          return Collections.unmodifiableList(items);
        } else {
          throw error("unexpected " + describeNext() + "; expected ',' or ']'");
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unexpected end of the text inside a string; expected a closing '\"'");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return out.toString();
        }
        if (c < 0x20) {
          throw error(
              "control character U+"
                  + String.format(Locale.ROOT, "%04X", (int) c)
                  + " inside a string; write it as an escape such as \\n");
        }
        if (c != '\\') {
          out.append(c);
          pos++;
          continue;
        }
        if (pos + 1 >= text.length()) {
          throw error("unexpected end of the text inside a string escape");
        }
        char e = text.charAt(pos + 1);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 6 > text.length()) {
              throw error("unexpected end of the text inside a \\u escape");
            }
            int code = 0;
            for (int i = pos + 2; i < pos + 6; i++) {
              int digit = Character.digit(text.charAt(i), 16);
              if (digit < 0) {
                throw error("\\u must be followed by four hexadecimal digits");
              }
              code = code * 16 + digit;
            }
            out.append((char) code);
            pos += 4;
          }
          default -> throw error("unknown escape \\" + e + " inside a string");
        }
        pos += 2;
      }
    }

    private BigDecimal number() {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      if (peek('0')) {
        pos++;
      } else if (digitNext()) {
        while (digitNext()) {
          pos++;
        }
      } else {
        throw error("a number needs a digit after '-'");
      }
      if (peek('.')) {
        pos++;
        if (!digitNext()) {
          throw error("a number needs a digit after '.'");
        }
        while (digitNext()) {
          pos++;
        }
      }
      if (peek('e') || peek('E')) {
        pos++;
        if (peek('+') || peek('-')) {
          pos++;
        }
        if (!digitNext()) {
          throw error("a number needs a digit in its exponent");
        }
        while (digitNext()) {
          pos++;
        }
      }
      if (digitNext()) {
        throw error("a number cannot start with 0 followed by digits");
      }
      return new BigDecimal(text.substring(start, pos));
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\n') {
          line++;
          lineStart = pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private void expect(char c, String what) {
      if (!peek(c)) {
        throw error("unexpected " + describeNext() + "; expected " + what);
      }
      pos++;
    }

    private boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean digitNext() {
      return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private int column() {
      return pos - lineStart + 1;
    }

    String describeNext() {
      if (pos >= text.length()) {
        return "end of the text";
      }
      int cp = text.codePointAt(pos);
      return Character.isISOControl(cp) || Character.isWhitespace(cp)
          ? "character U+" + String.format(Locale.ROOT, "%04X", cp)
          : "'" + new String(Character.toChars(cp)) + "'";
    }

    JobGraphJsonException error(String message) {
      return new JobGraphJsonException(source, line, column(), message);
    }
  }
}
