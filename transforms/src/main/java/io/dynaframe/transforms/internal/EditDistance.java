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

  /** Edit distance (insertions, deletions, substitutions, swaps of neighbours), ignoring case. */
  public static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[][] d = new int[x.length() + 1][y.length() + 1];
    for (int i = 0; i <= x.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= y.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && x.charAt(i - 1) == y.charAt(j - 2)
            && x.charAt(i - 2) == y.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[x.length()][y.length()];
  }

  /**
   * Up to {@link #MAX_SUGGESTIONS} candidates close to {@code wanted}, best first: those within a
   * quarter of its length (at least 1 edit), or those that contain it or that it contains. Ties
   * keep the candidates' order.
   */
  public static List<String> closest(String wanted, List<String> candidates) {
    record Scored(String value, int score, int order) {}
    List<Scored> scored = new ArrayList<>();
    int limit = Math.max(1, wanted.length() / 4);
    String w = wanted.toLowerCase(Locale.ROOT);
    for (int i = 0; i < candidates.size(); i++) {
      String c = candidates.get(i);
      if (c.equals(wanted)) {
        continue;
      }
      String plain = c.replace("`", "");
      int d = Math.min(distance(wanted, c), distance(wanted, plain));
      String lc = plain.toLowerCase(Locale.ROOT);
      boolean related = w.length() >= 3 && lc.length() >= 3 && (lc.contains(w) || w.contains(lc));
      if (d <= limit || related) {
        scored.add(new Scored(c, d, i));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
    return scored.stream().limit(MAX_SUGGESTIONS).map(Scored::value).toList();
  }
}
