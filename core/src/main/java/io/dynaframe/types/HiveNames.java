package io.dynaframe.types;

/** Quoting of field names inside Hive type strings. */
final class HiveNames {
  private HiveNames() {}

  static String quote(String name) {
    boolean plain =
        !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }
}
