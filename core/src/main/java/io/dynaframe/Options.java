package io.dynaframe;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable bag of named options, the Java counterpart of Glue's {@code JsonOptions}: connection
 * options ({@code paths}, {@code recurse}, {@code partitionKeys}) and format options ({@code
 * separator}, {@code withHeader}, {@code jsonPath}). Values are strings, numbers, booleans or
 * lists; typed getters accept the string spellings Glue scripts use ({@code "true"}, {@code
 * "100"}).
 */
public final class Options implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Options EMPTY = new Options(ImmutableMap.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImmutableMap<String, Object> values;

  private Options(ImmutableMap<String, Object> values) {
    this.values = values;
  }

  /** No options. */
  public static Options empty() {
    return EMPTY;
  }

  /**
   * Options from alternating keys and values: {@code Options.of("paths", List.of(p), "recurse",
   * true)}.
   */
  public static Options of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Options.of takes keys and values in pairs, got " + keysAndValues.length + " arguments");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key)) {
        throw new IllegalArgumentException(
            "option name at position " + i + " is not a string: " + keysAndValues[i]);
      }
      m.put(key, normalize(key, keysAndValues[i + 1]));
    }
    return new Options(ImmutableMap.copyOf(m));
  }

  /** Options from a map. */
  public static Options of(Map<String, ?> map) {
    Map<String, Object> m = new LinkedHashMap<>();
    map.forEach((k, v) -> m.put(k, normalize(k, v)));
    return new Options(ImmutableMap.copyOf(m));
  }

  /**
   * Options from a JSON object, as Glue scripts write them: {@code Options.parse("{\"paths\":
   * [\"s3://bucket/in/\"], \"recurse\": true}")}.
   */
  public static Options parse(String json) {
    try {
      Map<String, Object> m =
          JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
      return of(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "options are not a JSON object: " + e.getOriginalMessage());
    }
  }

  private static Object normalize(String key, Object v) {
    Objects.requireNonNull(v, () -> "option " + key + " has a null value");
    if (v instanceof Collection<?> c) {
      return ImmutableList.copyOf(c);
    }
    if (v instanceof Object[] a) {
      return ImmutableList.copyOf(a);
    }
    return v;
  }

  /** These options with one more, or one replaced. */
  public Options with(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(key, normalize(key, value));
    return new Options(ImmutableMap.copyOf(m));
  }

  /** These options, overridden by {@code other}'s. */
  public Options withAll(Options other) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    return new Options(ImmutableMap.copyOf(m));
  }

  /** True when the option is set. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The raw value. */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value as a string, or the default. */
  public String getString(String key, String defaultValue) {
    Object v = values.get(key);
    return v == null ? defaultValue : v.toString();
  }

  /** The value as a boolean ({@code true}, {@code "true"}), or the default. */
  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("option " + key + " must be true or false, was '" + v + "'");
  }

  /** The value as a long ({@code 100}, {@code "100"}), or the default. */
  public long getLong(String key, long defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option " + key + " must be a whole number, was '" + v + "'");
    }
  }

  /** The value as a double, or the default. */
  public double getDouble(String key, double defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " must be a number, was '" + v + "'");
    }
  }

  /**
   * The value as a list of strings. A single string is a one-element list, except that a string
   * holding a JSON array ({@code "[\"**.pdf\"]"}, Glue's spelling of {@code exclusions}) is parsed.
   */
  public List<String> getStringList(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Object::toString).toList();
    }
    String s = v.toString().trim();
    if (s.startsWith("[")) {
      try {
        return List.copyOf(JSON.readValue(s, new TypeReference<List<String>>() {}));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "option " + key + " is not a JSON list of strings: " + s);
      }
    }
    return List.of(s);
  }

  /**
   * Fails with {@code error} on the first option not in {@code known}, naming it, what it was given
   * to ({@code what}, such as {@code "connection option of a postgresql source"}), the closest
   * known option when one is close, and every known one. For connectors: bad options fail where
   * they are given, as core's sources and sinks do.
   */
  public void checkKnown(
      java.util.Set<String> known,
      String what,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    io.dynaframe.internal.OptionKeys.check(values.keySet(), known, what, error);
  }

  /**
   * These options with each name that differs from a known name only in case spelled as the known
   * one ({@code PATHS} or {@code Paths} becomes {@code paths}), as Glue reads option names in any
   * case; names that match no known one stay as they are (for {@link #checkKnown} to report). Two
   * spellings of one option fail with {@code error}, naming both and what they were given to
   * ({@code what}, such as {@code "connection option of a postgresql source"}). For connectors:
   * read the options this returns.
   */
  public Options canonical(
      java.util.Set<String> known,
      String what,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    Map<String, Object> m = io.dynaframe.internal.OptionKeys.canonical(values, known, what, error);
    return m.keySet().equals(values.keySet()) ? this : new Options(ImmutableMap.copyOf(m));
  }

  /** All options as an immutable map. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Options other && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    Map<String, Object> shown = new java.util.LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            shown.put(
                k, isSecretName(k) ? "*****" : v instanceof String t ? withoutUserInfo(t) : v));
    return shown.toString();
  }

  private static final java.util.regex.Pattern SECRET =
      java.util.regex.Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|access[._-]?key|private[._-]?key|session[._-]?key|api[._-]?key).*");
  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");

  /**
   * Whether an option or argument of this name holds a secret ({@code password}, {@code secretKey},
   * {@code api_key}, ...): wherever dynaframe prints options, arguments or step arguments, such
   * values show as {@code *****}.
   */
  public static boolean isSecretName(String name) {
    return name != null && SECRET.matcher(name).matches();
  }

  private static final java.util.regex.Pattern SECRET_PARAM =
      java.util.regex.Pattern.compile("(?i)([?&;](?:password|passwd|pwd)=)[^&;]*");

  /**
   * A URI without credentials: {@code s3a://key:secret@bucket/x} as {@code s3a://bucket/x}, and the
   * value of a password parameter of a JDBC URL ({@code ?password=...}, {@code ;password=...})
   * hidden as {@code *****}; other text unchanged.
   */
  public static String withoutUserInfo(String value) {
    return value == null
        ? ""
        : SECRET_PARAM.matcher(USER_INFO.matcher(value).replaceAll("$1")).replaceAll("$1*****");
  }
}
