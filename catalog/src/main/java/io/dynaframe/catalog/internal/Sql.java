package io.dynaframe.catalog.internal;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quoting for the SQL that the embedded catalog sends to Spark: every identifier and literal goes
 * through here.
 */
public final class Sql {
  private Sql() {}

  /** A back-quoted identifier: {@code `my``name`}. */
  public static String id(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A single-quoted string literal with backslash escapes, as Spark SQL reads them. */
  public static String str(String value) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  /** {@code ('k'='v', ...)}. */
  public static String properties(Map<String, String> props) {
    return props.entrySet().stream()
        .map(e -> str(e.getKey()) + "=" + str(e.getValue()))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
