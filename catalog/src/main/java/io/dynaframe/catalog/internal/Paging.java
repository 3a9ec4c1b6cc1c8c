package io.dynaframe.catalog.internal;

import io.dynaframe.catalog.Page;
import java.util.List;

/** Pages over a list held in memory; the token is the index of the next item. */
public final class Paging {
  private Paging() {}

  /** The page of {@code all} that starts at the token's index. */
  public static <T> Page<T> page(List<T> all, String pageToken, int pageSize) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive, was " + pageSize);
    }
    int from = 0;
    if (pageToken != null && !pageToken.isEmpty()) {
      try {
        from = Integer.parseInt(pageToken);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a page token of this catalog: '" + pageToken + "'");
      }
      if (from < 0 || from > all.size()) {
        throw new IllegalArgumentException("page token '" + pageToken + "' is out of range");
      }
    }
    int to = Math.min(all.size(), from + pageSize);
    return Page.of(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
  }
}
