package io.dynaframe.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted field paths with backtick quoting, as Glue writes them: {@code a.b}, {@code
 * `this.old.name`}, {@code list[].price}.
 */
public final class Paths {
  private Paths() {}

  /**
   * Splits a path into its parts: {@code a.`b.c`.d} is [a, b.c, d]. A part may end in {@code []} to
   * step into array elements; the brackets are kept on the part.
   *
   * @throws IllegalArgumentException on an empty part or an unclosed backtick, naming the path
   */
  public static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '`') {
        if (quoted && i + 1 < path.length() && path.charAt(i + 1) == '`') {
          cur.append('`');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == '.' && !quoted) {
        add(parts, cur, wasQuoted, path);
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed backtick in path '" + path + "'");
    }
    add(parts, cur, wasQuoted, path);
    return parts;
  }

  private static void add(List<String> parts, StringBuilder cur, boolean wasQuoted, String path) {
    if (cur.length() == 0 && !wasQuoted) {
      throw new IllegalArgumentException("empty field name in path '" + path + "'");
    }
    parts.add(cur.toString());
  }

  /** Quotes one name for Spark SQL: {@code `a.b`}. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Quotes every part and joins them with dots, for Spark SQL. */
  public static String quoteAll(List<String> parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(quote(p));
    }
    return b.toString();
  }
}
