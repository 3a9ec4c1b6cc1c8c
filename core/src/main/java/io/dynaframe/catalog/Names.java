package io.dynaframe.catalog;

import java.util.Locale;

/** Validation of catalog names by AWS Glue's rules. */
final class Names {
  private Names() {}

  static final int MAX_LENGTH = 255;

  /**
   * The name in lower case, after checking Glue's rules for database, table and column names: 1 to
   * 255 characters, on one line (no line breaks or other control characters except tab).
   */
  static String check(String kind, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(kind + " name must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          kind
              + " name is longer than "
              + MAX_LENGTH
              + " characters: '"
              + name.substring(0, 40)
              + "...'");
    }
    if (!name.strip().equals(name)) {
      throw new IllegalArgumentException(
          kind + " name must not start or end with white space: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        throw new IllegalArgumentException(
            kind
                + " name must be on one line without control characters: '"
                + name.replace("\n", "\\n").replace("\r", "\\r")
                + "'");
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
