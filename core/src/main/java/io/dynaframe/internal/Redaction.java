package io.dynaframe.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Hides the values of options and arguments whose names look like secrets wherever they are printed. */
public final class Redaction {
  private Redaction() {}

  private static final Pattern SECRET = Pattern.compile(
      "(?i).*(password|passwd|secret|token|credential|access[._-]?key|private[._-]?key|session[._-]?key|api[._-]?key).*");

  public static boolean isSecret(String name) {
    return SECRET.matcher(name).matches();
  }

  public static Map<String, Object> redact(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, isSecret(k) ? "*****" : v));
    return out;
  }
}
