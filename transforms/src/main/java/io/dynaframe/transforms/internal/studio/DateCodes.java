package io.dynaframe.transforms.internal.studio;

import java.util.Map;

/**
 * Glue Studio's timestamp patterns: Spark's datetime pattern syntax ({@code yyyy-MM-dd HH:mm}) or
 * Python's {@code strftime} codes ({@code %Y-%m-%d %H:%M}), which Glue Studio also accepts. A
 * pattern with a {@code %} code is translated to Spark's syntax, the text between codes quoted.
 */
public final class DateCodes {
  private DateCodes() {}

  private static final Map<Character, String> CODES =
      Map.ofEntries(
          Map.entry('Y', "yyyy"),
          Map.entry('y', "yy"),
          Map.entry('m', "MM"),
          Map.entry('d', "dd"),
          Map.entry('H', "HH"),
          Map.entry('I', "hh"),
          Map.entry('M', "mm"),
          Map.entry('S', "ss"),
          Map.entry('f', "SSSSSS"),
          Map.entry('p', "a"),
          Map.entry('b', "MMM"),
          Map.entry('B', "MMMM"),
          Map.entry('a', "EEE"),
          Map.entry('A', "EEEE"),
          Map.entry('j', "DDD"),
          Map.entry('z', "xx"),
          Map.entry('Z', "z"));

  /**
   * The pattern in Spark's syntax: returned as given when it has no {@code %} code.
   *
   * @throws IllegalArgumentException for a {@code %} code Spark has no equivalent of
   */
  public static String toSpark(String pattern) {
    if (pattern.indexOf('%') < 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' && i + 1 < pattern.length()) {
        char code = pattern.charAt(++i);
        if (code == '%') {
          literal.append('%');
          continue;
        }
        String spark = CODES.get(code);
        if (spark == null) {
          throw new IllegalArgumentException(
              "the date code '%" + code + "' has no Spark equivalent; known codes: %" + codes());
        }
        flush(literal, out);
        out.append(spark);
      } else {
        literal.append(c);
      }
    }
    flush(literal, out);
    return out.toString();
  }

  private static String codes() {
    return String.join(", %", CODES.keySet().stream().sorted().map(String::valueOf).toList());
  }

  /** Appends literal text: letters quoted (Spark reads them as fields), quotes doubled. */
  private static void flush(StringBuilder literal, StringBuilder out) {
    if (literal.length() == 0) {
      return;
    }
    String s = literal.toString();
    boolean letters = s.chars().anyMatch(Character::isLetter) || s.indexOf('\'') >= 0;
    if (letters) {
      out.append('\'').append(s.replace("'", "''")).append('\'');
    } else {
      out.append(s);
    }
    literal.setLength(0);
  }
}
