package io.dynaframe.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text lines both renderers show for a node, so that DOT and Mermaid diagrams say the same. */
final class Labels {
  /** Argument values longer than this many characters are shortened with "...". */
  static final int MAX_VALUE_LENGTH = 60;

  static final String SOURCE_FILL = "#dbeafe";
  static final String TRANSFORM_FILL = "#f3f4f6";
  static final String SINK_FILL = "#dcfce7";
  static final String ERROR_COLOR = "#b22222";

  /**
   * Argument names whose values are never drawn (shown as {@code *****}): the same names as the
   * redaction of options and job arguments in dynaframe-core, which this module cannot depend on.
   */
  private static final java.util.regex.Pattern SECRET =
      java.util.regex.Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|access[._-]?key|private[._-]?key|session[._-]?key|api[._-]?key).*");

  private Labels() {}

  /**
   * Id, type (if any), one {@code name = value} line per argument, and the run's stats (if any).
   */
  static List<String> lines(Node node) {
    List<String> lines = new ArrayList<>();
    lines.add(clean(node.id()));
    if (!node.type().isEmpty()) {
      lines.add(clean(node.type()));
    }
    for (Map.Entry<String, String> arg : node.args().entrySet()) {
      String value =
          SECRET.matcher(arg.getKey()).matches() && !arg.getValue().isEmpty()
              ? "*****"
              : shorten(clean(arg.getValue()));
      lines.add(value.isEmpty() ? clean(arg.getKey()) : clean(arg.getKey()) + " = " + value);
    }
    node.stats().ifPresent(s -> lines.add(stats(s)));
    return lines;
  }

  /** {@code 1,000 in / 990 out / 10 errors / 1.2 s}. */
  static String stats(StepStats s) {
    return count(s.recordsIn())
        + " in / "
        + count(s.recordsOut())
        + " out / "
        + count(s.recordsInError())
        + (s.recordsInError() == 1 ? " error / " : " errors / ")
        + duration(s.duration());
  }

  /** A count with thousands separators, the same in every locale. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    if (seconds < 3_600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3_600, seconds % 3_600 / 60);
  }

  /** Whether a node set records aside as errors in its run (drawn in red). */
  static boolean hasErrors(Node node) {
    return node.stats().map(s -> s.recordsInError() > 0).orElse(false);
  }

  /** The text with control characters (line breaks, tabs) replaced by spaces. */
  static String clean(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }

  private static String shorten(String value) {
    if (value.codePointCount(0, value.length()) <= MAX_VALUE_LENGTH) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, MAX_VALUE_LENGTH - 3)) + "...";
  }
}
