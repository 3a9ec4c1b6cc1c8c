package io.dynaframe.transforms.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the candidates closest to a misspelt name, for error messages. */
public final class EditDistance {
  private EditDistance() {}

  /** How many closest candidates a message lists. */
  public static final int MAX_SUGGESTIONS = 3;

  /** Levenshtein distance, ignoring case. */
  public static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }

  /**
   * Up to {@link #MAX_SUGGESTIONS} candidates close to {@code wanted}, best first: those
   * within a third of its length (at least 2 edits), or those that contain it or that it
   * contains. Ties keep the candidates' order.
   */
  public static List<String> closest(String wanted, List<String> candidates) {
    record Scored(String value, int score, int order) {}
    List<Scored> scored = new ArrayList<>();
    int limit = Math.max(2, wanted.length() / 3);
    String w = wanted.toLowerCase(Locale.ROOT);
    for (int i = 0; i < candidates.size(); i++) {
      String c = candidates.get(i);
      if (c.equals(wanted)) {
        continue;
      }
      int d = distance(wanted, c);
      String lc = c.toLowerCase(Locale.ROOT);
      boolean related = !w.isEmpty() && (lc.contains(w) || w.contains(lc)) && !lc.isEmpty();
      if (d <= limit || related) {
        scored.add(new Scored(c, d, i));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
    return scored.stream().limit(MAX_SUGGESTIONS).map(Scored::value).toList();
  }
}
