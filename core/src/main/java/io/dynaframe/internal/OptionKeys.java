package io.dynaframe.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks option names against the ones a source, sink or format knows, and says which known one was
 * meant.
 */
public final class OptionKeys {
  private OptionKeys() {}

  /**
   * Fails with {@code error} on the first key of {@code given} not in {@code known}: the message
   * names the key, what it was given to, the closest known key when one is close, and every known
   * key.
   */
  public static void check(
      Collection<String> given,
      Set<String> known,
      String what,
      Function<String, ? extends RuntimeException> error) {
    for (String key : given) {
      if (!known.contains(key)) {
        String near = closest(key, known);
        throw error.apply(
            what
                + " '"
                + key
                + "' is not known; "
                + (near == null ? "" : "did you mean '" + near + "'? ")
                + "the known ones are "
                + new TreeSet<>(known));
      }
    }
  }

  /**
   * The options with each key that differs from a known key only in case spelled as the known key
   * ({@code multiline} becomes {@code multiLine}): Spark reads its options in any case, and Glue
   * Studio's generated scripts write some in lower case. Other keys stay as they are.
   */
  public static java.util.Map<String, Object> canonical(
      java.util.Map<String, Object> given,
      Set<String> known,
      String what,
      Function<String, ? extends RuntimeException> error) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> spelledAs = new java.util.HashMap<>();
    for (java.util.Map.Entry<String, Object> e : given.entrySet()) {
      String key = knownSpelling(e.getKey(), known);
      String earlier = spelledAs.putIfAbsent(key, e.getKey());
      if (earlier != null) {
        throw error.apply(
            what
                + " '"
                + key
                + "' is given twice, as '"
                + earlier
                + "' and as '"
                + e.getKey()
                + "'; give it once");
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  /**
   * The options with each key that differs from a known key only in case spelled as the known key,
   * as {@link #canonical} does, but never failing: when two keys spell one option, the first given
   * keeps it and the other stays as given. For reading a few options where a bad spelling is not
   * this caller's to report (a run's lineage reads paths and tables before the connector checks
   * them).
   */
  public static java.util.Map<String, Object> lenient(
      java.util.Map<String, Object> given, Set<String> known) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, Object> e : given.entrySet()) {
      String key = knownSpelling(e.getKey(), known);
      if (!key.equals(e.getKey()) && (given.containsKey(key) || out.containsKey(key))) {
        key = e.getKey();
      }
      out.putIfAbsent(key, e.getValue());
    }
    return out;
  }

  /** The known name that {@code key} spells in another case, else {@code key} itself. */
  private static String knownSpelling(String key, Set<String> known) {
    if (!known.contains(key)) {
      for (String k : known) {
        if (k.equalsIgnoreCase(key)) {
          return k;
        }
      }
    }
    return key;
  }

  /**
   * The known name closest to {@code key} (same letters in another case, or a few edits away), or
   * null.
   */
  static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = key.toLowerCase(Locale.ROOT);
    for (String k : new TreeSet<>(known)) {
      int d = distance(lower, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
