package io.dynaframe.crawler;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the crawler names the tables it finds. Glue's only rule is {@link #glueDefault()}: prefix
 * plus folder name. {@link #template(String)} builds names from the bucket, path segments and
 * prefix; {@link #of(Function)} takes any Java function. Every name is then made a valid catalog
 * name: lower case, characters other than letters, digits and {@code _} replaced by {@code _}, at
 * most 128 characters (Glue's limit for crawler tables).
 */
@FunctionalInterface
public interface TableNaming {

  /** The raw name of the table at this location (made valid by the crawler). */
  String name(TableLocation location);

  /** Glue's default: the prefix, then the table's folder name. */
  static TableNaming glueDefault() {
    return l -> l.prefix() + l.folder();
  }

  /** Names from a Java function. */
  static TableNaming of(Function<TableLocation, String> function) {
    Objects.requireNonNull(function, "function");
    return function::apply;
  }

  /**
   * Names from a template with placeholders {@code {prefix}}, {@code {bucket}}, {@code {folder}}
   * (the table's folder) and {@code {segment[i]}} (folder {@code i} from the top, or from the
   * table's folder when negative: {@code {segment[-2]}} is its parent): {@code
   * "{prefix}{segment[0]}_{folder}"}.
   *
   * @throws IllegalArgumentException for an unknown placeholder
   */
  static TableNaming template(String template) {
    Objects.requireNonNull(template, "template");
    Pattern placeholder = Pattern.compile("\\{([a-z]+)(?:\\[(-?\\d+)\\])?\\}");
    Matcher check = placeholder.matcher(template);
    while (check.find()) {
      String name = check.group(1);
      if (!name.equals("prefix")
          && !name.equals("bucket")
          && !name.equals("folder")
          && !name.equals("segment")) {
        throw new IllegalArgumentException(
            "table name template '"
                + template
                + "' has an unknown placeholder {"
                + name
                + "}; known are {prefix}, {bucket}, {folder}, {segment[i]}");
      }
      if (name.equals("segment") == (check.group(2) == null)) {
        throw new IllegalArgumentException(
            "table name template '" + template + "': only {segment[i]} takes an index");
      }
    }
    return l -> {
      Matcher m = placeholder.matcher(template);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value =
            switch (m.group(1)) {
              case "prefix" -> l.prefix();
              case "bucket" -> l.bucket();
              case "folder" -> l.folder();
              default -> l.segment(Integer.parseInt(m.group(2)));
            };
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return sb.toString();
    };
  }

  /** A raw name made a valid catalog table name. */
  static String sanitize(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (s.isEmpty()) {
      throw new IllegalArgumentException("a table naming rule gave an empty name");
    }
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}
