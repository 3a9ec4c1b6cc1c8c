package io.dynaframe.transforms.internal;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field as Glue writes it: names joined by dots ({@code address.city}), a name that
 * holds dots in backticks ({@code `this.old.name`}, a backtick inside doubled), and {@code []}
 * after a name to step into the elements of an array ({@code myList[].price}).
 *
 * @param text the path as written
 * @param segments the parsed names, in order
 */
public record FieldPath(String text, ImmutableList<Segment> segments) {

  /**
   * One name of a path.
   *
   * @param name the field name, unquoted
   * @param array true when written with {@code []}: the path steps into the array's elements here
   */
  public record Segment(String name, boolean array) {}

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException naming the path on an empty name, an unclosed backtick or a
   *     misplaced {@code []}
   */
  public static FieldPath parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    List<Segment> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean sawQuote = false;
    boolean array = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '`') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
            cur.append('`');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (array) {
        if (c != '.') {
          throw new IllegalArgumentException("'[]' must end a name in path '" + text + "'");
        }
        add(out, cur, sawQuote, true, text);
        cur.setLength(0);
        sawQuote = false;
        array = false;
      } else if (c == '`') {
        quoted = true;
        sawQuote = true;
      } else if (c == '.') {
        add(out, cur, sawQuote, false, text);
        cur.setLength(0);
        sawQuote = false;
      } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == ']') {
        array = true;
        i++;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed backtick in path '" + text + "'");
    }
    add(out, cur, sawQuote, array, text);
    return new FieldPath(text, ImmutableList.copyOf(out));
  }

  private static void add(
      List<Segment> out, StringBuilder cur, boolean sawQuote, boolean array, String text) {
    if (cur.length() == 0 && !sawQuote) {
      throw new IllegalArgumentException("empty field name in path '" + text + "'");
    }
    out.add(new Segment(cur.toString(), array));
  }

  /** The names, without array markers. */
  public List<String> names() {
    return segments.stream().map(Segment::name).toList();
  }

  /** True when any name is followed by {@code []}. */
  public boolean hasArraySteps() {
    return segments.stream().anyMatch(Segment::array);
  }

  /** The number of names. */
  public int size() {
    return segments.size();
  }

  /** Renders names as a path, quoting names that hold dots, backticks or brackets. */
  public static String render(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(quoteIfNeeded(n));
    }
    return b.toString();
  }

  /** One name as it is written in a path. */
  public static String quoteIfNeeded(String name) {
    boolean plain =
        !name.isEmpty()
            && name.chars().noneMatch(c -> c == '.' || c == '`' || c == '[' || c == ']');
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return text;
  }
}
