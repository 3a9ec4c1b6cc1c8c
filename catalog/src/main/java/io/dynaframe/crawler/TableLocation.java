package io.dynaframe.crawler;

import java.util.List;
import java.util.Objects;

/**
 * Where a table the crawler found lives, for naming it: the bucket ({@code ""} for a local path),
 * the folder names from the bucket (or file system root) down to the table's folder, the include
 * path it was found under, and the crawler's table prefix.
 *
 * @param bucket the S3 bucket, or {@code ""} when the path has no authority
 * @param segments the folder names down to the table's folder; the last is the table's folder
 * @param includePath the include path as given to the crawler
 * @param prefix the crawler's table prefix, {@code ""} when none
 */
public record TableLocation(
    String bucket, List<String> segments, String includePath, String prefix) {

  public TableLocation {
    Objects.requireNonNull(bucket, "bucket");
    segments = List.copyOf(segments);
    Objects.requireNonNull(includePath, "includePath");
    Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * The table's folder name (the last segment), or the bucket when the table is the whole bucket.
   */
  public String folder() {
    return segments.isEmpty() ? bucket : segments.get(segments.size() - 1);
  }

  /**
   * Segment {@code i}, counted from the top, or from the table's folder when negative ({@code -1}
   * is the folder).
   */
  public String segment(int i) {
    int index = i < 0 ? segments.size() + i : i;
    if (index < 0 || index >= segments.size()) {
      throw new IllegalArgumentException("table folder " + segments + " has no path segment " + i);
    }
    return segments.get(index);
  }
}
