package io.dynaframe.internal.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of JsonPath that Glue's {@code jsonPath} format option uses to pick records out of a
 * document: {@code $}, {@code .name}, {@code ['name']}, {@code [*]}, {@code .*} and {@code [n]},
 * e.g. {@code $.records[*]}.
 */
final class JsonPathSelector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final List<String> steps; // "name", "*" (all elements or members), "#n" (index n)

  private JsonPathSelector(String expression, List<String> steps) {
    this.expression = expression;
    this.steps = steps;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException pointing at the character where parsing failed
   */
  static JsonPathSelector parse(String expression) {
    String e = expression.trim();
    if (!e.startsWith("$")) {
      throw new IllegalArgumentException("jsonPath must start with '$': '" + expression + "'");
    }
    List<String> steps = new ArrayList<>();
    int i = 1;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '.') {
        int j = i + 1;
        if (j < e.length() && e.charAt(j) == '*') {
          steps.add("*");
          i = j + 1;
          continue;
        }
        while (j < e.length() && e.charAt(j) != '.' && e.charAt(j) != '[') {
          j++;
        }
        if (j == i + 1) {
          throw bad(expression, i);
        }
        steps.add(e.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int close = e.indexOf(']', i);
        if (close < 0) {
          throw bad(expression, i);
        }
        String inner = e.substring(i + 1, close).trim();
        if (inner.equals("*")) {
          steps.add("*");
        } else if (inner.matches("\\d+")) {
          steps.add("#" + inner);
        } else if (inner.length() >= 2
            && (inner.startsWith("'") && inner.endsWith("'")
                || inner.startsWith("\"") && inner.endsWith("\""))) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          throw bad(expression, i);
        }
        i = close + 1;
      } else {
        throw bad(expression, i);
      }
    }
    return new JsonPathSelector(expression, List.copyOf(steps));
  }

  private static IllegalArgumentException bad(String expression, int at) {
    return new IllegalArgumentException(
        "jsonPath '"
            + expression
            + "' is not supported at character "
            + (at + 1)
            + " (supported: $, .name, ['name'], [*], .*, [n])");
  }

  /** The values the path selects in a document. */
  List<Object> select(Object doc) {
    List<Object> current = List.of(doc == null ? NULL : doc);
    for (String step : steps) {
      List<Object> next = new ArrayList<>();
      for (Object v : current) {
        if (step.equals("*")) {
          if (v instanceof List<?> l) {
            next.addAll(l);
          } else if (v instanceof Map<?, ?> m) {
            next.addAll(m.values());
          }
        } else if (step.startsWith("#")) {
          int idx = Integer.parseInt(step.substring(1));
          if (v instanceof List<?> l && idx < l.size()) {
            next.add(l.get(idx));
          }
        } else if (v instanceof Map<?, ?> m && m.containsKey(step)) {
          next.add(m.get(step));
        }
      }
      current = next;
    }
    List<Object> out = new ArrayList<>(current.size());
    for (Object v : current) {
      out.add(v == NULL ? null : v);
    }
    return out;
  }

  private static final Object NULL = new Object();

  @Override
  public String toString() {
    return expression;
  }
}
