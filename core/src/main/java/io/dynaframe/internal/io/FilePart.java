package io.dynaframe.internal.io;

import io.dynaframe.InputFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A file, or a part of one, that one task reads. A large uncompressed file of a format that allows
 * it is cut into parts of {@code splitBytes} bytes, as Spark's file sources cut it; the parts are
 * cut at line breaks by {@link LinePart}. A part knows the number of its first line in the file
 * once the schema pass has counted the lines of the parts before it (0 until then).
 *
 * @param path the file
 * @param start the first byte of the part's range; 0 for a whole file
 * @param end the byte after the part's range; for a whole file its length
 * @param index the part's number in the file, from 0
 * @param parts how many parts the file has; 1 for a whole file
 * @param firstLine the number of the part's first line in the file; 0 when not known yet
 */
record FilePart(String path, long start, long end, int index, int parts, long firstLine)
    implements Serializable {

  static FilePart whole(String path, long length) {
    return new FilePart(path, 0, length, 0, 1, 1);
  }

  boolean whole() {
    return parts == 1;
  }

  long length() {
    return end - start;
  }

  FilePart withFirstLine(long line) {
    return new FilePart(path, start, end, index, parts, line);
  }

  /**
   * The parts of the files in order: a file of more than {@code splitBytes} bytes that {@code
   * splittable} allows is cut into ranges of {@code splitBytes} (the last one shorter), as Spark
   * cuts files into splits; every other file is one part.
   */
  static List<FilePart> plan(
      List<InputFile> files, long splitBytes, java.util.function.Predicate<InputFile> splittable) {
    List<FilePart> out = new ArrayList<>();
    for (InputFile f : files) {
      if (splitBytes <= 0 || f.length() <= splitBytes || !splittable.test(f)) {
        out.add(whole(f.path(), f.length()));
        continue;
      }
      int n = (int) ((f.length() + splitBytes - 1) / splitBytes);
      for (int i = 0; i < n; i++) {
        long start = i * splitBytes;
        long end = Math.min(f.length(), start + splitBytes);
        out.add(new FilePart(f.path(), start, end, i, n, i == 0 ? 1 : 0));
      }
    }
    return out;
  }

  /**
   * Spark's size of a file split ({@code FilePartition.maxSplitBytes}): {@code
   * spark.sql.files.maxPartitionBytes}, or less when the bytes (each file counted with {@code
   * spark.sql.files.openCostInBytes} more) spread over the cores give less, but not less than the
   * open cost.
   */
  static long maxSplitBytes(
      List<InputFile> files, long maxPartitionBytes, long openCostInBytes, int minPartitions) {
    long total = 0;
    for (InputFile f : files) {
      total += f.length() + openCostInBytes;
    }
    long perCore = total / Math.max(1, minPartitions);
    return Math.min(maxPartitionBytes, Math.max(openCostInBytes, perCore));
  }
}
