package io.dynaframe.internal.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs input files into groups, one Spark task each, in path order. A group holds files
 * until it reaches the target size; a file larger than the target is a group of its own
 * (it is read by one task, which keeps its line numbers exact).
 */
final class FileGroups {
  private FileGroups() {}

  /** Groups of file paths, each group as one string with a path per line. */
  static List<String> pack(List<FileEntry> files, long targetBytes) {
    List<String> groups = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    long size = 0;
    for (FileEntry f : files) {
      if (current.length() > 0 && size + f.length() > targetBytes) {
        groups.add(current.toString());
        current.setLength(0);
        size = 0;
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(f.path());
      size += Math.max(f.length(), 4096);
    }
    if (current.length() > 0) {
      groups.add(current.toString());
    }
    return groups;
  }

  /**
   * Spark's rule for the size of a read task: the total split over the cores, at least
   * 4 MiB, at most 128 MiB.
   */
  static long defaultTarget(List<FileEntry> files, int parallelism) {
    long total = 0;
    for (FileEntry f : files) {
      total += f.length() + 4096;
    }
    long perCore = total / Math.max(1, parallelism);
    return Math.min(128L << 20, Math.max(4L << 20, perCore));
  }
}
