package io.dynaframe.internal.io;

import io.dynaframe.InputFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs input files into groups, one Spark task each, in path order. The number of groups is what
 * the target size asks for (total size / target, rounded up), and the files are cut into that many
 * runs of about equal size, so that tasks finish together instead of one small group running alone
 * at the end. A file is never split: one larger than a group's share is read by one task, which
 * keeps its line numbers exact.
 */
final class FileGroups {
  private FileGroups() {}

  /** Spark's cost of opening a file, counted as that many bytes. */
  static final long OPEN_COST = 4096;

  /** Groups of file paths, each group as one string with a path per line. */
  static List<String> pack(List<InputFile> files, long targetBytes) {
    List<String> groups = new ArrayList<>();
    if (files.isEmpty()) {
      return groups;
    }
    long total = 0;
    for (InputFile f : files) {
      total += weight(f);
    }
    // a hair below the exact quotient, so that rounding in the target never adds a near-empty group
    long k = (long) Math.ceil(total / (double) Math.max(1, targetBytes) * 0.999);
    int count = (int) Math.max(1, Math.min(files.size(), k));
    double share = (double) total / count;
    StringBuilder current = new StringBuilder();
    int currentGroup = 0;
    long before = 0;
    for (InputFile f : files) {
      long w = weight(f);
      // the group whose share holds the middle of this file
      int g = (int) Math.min(count - 1, (long) ((before + w / 2.0) / share));
      if (g != currentGroup && current.length() > 0) {
        groups.add(current.toString());
        current.setLength(0);
      }
      currentGroup = g;
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(f.path());
      before += w;
    }
    groups.add(current.toString());
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
