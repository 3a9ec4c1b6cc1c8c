package io.dynaframe.catalog;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: its items and, when there are more, the token that asks for the next page.
 * Tokens are opaque and belong to the catalog that made them.
 *
 * @param <T> the type of the items
 */
public final class Page<T> {
  private final ImmutableList<T> items;
  private final String nextPageToken;

  private Page(List<T> items, String nextPageToken) {
    this.items = ImmutableList.copyOf(items);
    this.nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
  }

  /** A page; {@code nextPageToken} is null (or empty) on the last page. */
  public static <T> Page<T> of(List<T> items, String nextPageToken) {
    return new Page<>(items, nextPageToken);
  }

  /** The only page: these items and no next page. */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  /** The items, in the catalog's order. */
  public List<T> items() {
    return items;
  }

  /** The token for the next page; empty on the last page. */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Page<?> p
        && p.items.equals(items)
        && Objects.equals(p.nextPageToken, nextPageToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, nextPageToken);
  }

  @Override
  public String toString() {
    return "Page" + items + (nextPageToken == null ? "" : " next=" + nextPageToken);
  }
}
