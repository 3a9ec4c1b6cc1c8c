package io.dynaframe.internal.io;

import io.dynaframe.InputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Packs input files into groups, one Spark task each, in path order. The number of groups is what
 * the target size asks for (total size / target, rounded up), and the files are cut into that many
 * runs of about equal size, so that tasks finish together instead of one small group running alone
 * at the end. The items may be parts of files ({@link FilePart}): a large file cut into parts is
 * read by several tasks.
 */
final class FileGroups {
  private FileGroups() {}

  /** Spark's cost of opening a file, counted as that many bytes. */
  static final long OPEN_COST = 4096;

  /** Groups of file paths, each group as one string with a path per line. */
  static List<String> pack(List<InputFile> files, long targetBytes) {
    List<String> out = new ArrayList<>();
    for (List<InputFile> g : pack(files, InputFile::length, targetBytes)) {
      out.add(String.join("\n", g.stream().map(InputFile::path).toList()));
    }
    return out;
  }

  /**
   * Groups of items (files, or parts of files) of these lengths, each item weighing its length plus
   * {@link #OPEN_COST}.
   */
  static <T> List<List<T>> pack(List<T> items, ToLongFunction<T> length, long targetBytes) {
    List<List<T>> groups = new ArrayList<>();
    if (items.isEmpty()) {
      return groups;
    }
    long total = 0;
    for (T f : items) {
      total += length.applyAsLong(f) + OPEN_COST;
    }
    // a hair below the exact quotient, so that rounding in the target never adds a near-empty group
    long k = (long) Math.ceil(total / (double) Math.max(1, targetBytes) * 0.999);
    int count = (int) Math.max(1, Math.min(items.size(), k));
    double share = (double) total / count;
    List<T> current = new ArrayList<>();
    int currentGroup = 0;
    long before = 0;
    for (T f : items) {
      long w = length.applyAsLong(f) + OPEN_COST;
      // the group whose share holds the middle of this item
      int g = (int) Math.min(count - 1, (long) ((before + w / 2.0) / share));
      if (g != currentGroup && !current.isEmpty()) {
        groups.add(current);
        current = new ArrayList<>();
      }
      currentGroup = g;
      current.add(f);
      before += w;
    }
    groups.add(current);
    return groups;
  }

  private static long weight(InputFile f) {
    return f.length() + OPEN_COST;
  }

  /**
   * Spark's rule for the size of a read task: the total split over the cores, at least 4 MiB, at
   * most 128 MiB.
   */
  static long defaultTarget(List<InputFile> files, int parallelism) {
    long total = 0;
    for (InputFile f : files) {
      total += weight(f);
    }
    long perCore = total / Math.max(1, parallelism);
    return Math.min(128L << 20, Math.max(4L << 20, perCore));
  }
}
