package io.dynaframe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's view of job bookmarks: which of the files a source lists are still to be read, and, for
 * sources that bookmark rows by key columns (Glue's {@code jobBookmarkKeys} of JDBC sources), past
 * which key to read. State is kept per {@code transformationContext}; a source without one is not
 * tracked, as in Glue. The job runtime's {@code Job} gives a context its bookmarks; without a job
 * nothing is tracked ({@link #NONE}).
 */
public interface Bookmarks {

  /** Bookmarks that track nothing: every listed file is read, every row of a keyed source. */
  Bookmarks NONE = (ctx, listed) -> listed;

  /**
   * The files to read from what a source listed, and notes them as read by this run (made durable
   * only when the job commits).
   */
  List<InputFile> select(String transformationContext, List<InputFile> listed);

  /**
   * The files to read within a source's {@link FileLimits} (Glue's {@code boundedFiles}, {@code
   * boundedSize}, {@code maxBand}, {@code maxFilesInBand}); only the files returned are noted as
   * read, so the rest come in a later run. Bookmarks that track nothing apply the bounds to the
   * listed files: every run then reads the same oldest files, as Glue does without bookmarks.
   */
  default List<InputFile> select(
      String transformationContext, List<InputFile> listed, FileLimits limits) {
    // without a bookmark there is no band to keep small
    return new FileLimits(limits.boundedFiles(), limits.boundedSize(), -1, 0)
        .bound(select(transformationContext, listed), -1, System.currentTimeMillis());
  }

  /**
   * How much of its new files one source may read in one run, and how its bookmark treats files
   * modified close together.
   *
   * @param boundedFiles at most this many files per run (Glue's {@code boundedFiles}); 0: no bound
   * @param boundedSize at most this many bytes of files per run, but always at least one file
   *     (Glue's {@code boundedSize}); 0: no bound
   * @param maxBandMillis files modified within this many milliseconds of the newest file read are
   *     tracked one by one (Glue's {@code maxBand}); negative: the job's default
   * @param maxFilesInBand at most this many of the files a run reads may have been modified within
   *     {@code maxBandMillis} before the run lists them; the newer ones are left for the next run
   *     (Glue's {@code maxFilesInBand}); 0: no bound
   */
  record FileLimits(long boundedFiles, long boundedSize, long maxBandMillis, long maxFilesInBand) {
    /** No bounds, the job's band. */
    public static final FileLimits NONE = new FileLimits(0, 0, -1, 0);

    public FileLimits {
      if (boundedFiles < 0 || boundedSize < 0 || maxFilesInBand < 0) {
        throw new IllegalArgumentException("file limits must not be negative");
      }
    }

    /**
     * The files to read of {@code candidates}: oldest first (by modification time, then path), as
     * many as the bounds allow, so that every file left out is at least as new as every file read
     * (a bookmark's high-water mark then never passes a file left for later). {@code
     * defaultBandMillis} is the band when this source sets none (negative: no band, {@code
     * maxFilesInBand} does not apply); {@code nowMillis} is the time the run lists its files at.
     */
    public List<InputFile> bound(
        List<InputFile> candidates, long defaultBandMillis, long nowMillis) {
      if (boundedFiles == 0 && boundedSize == 0 && maxFilesInBand == 0) {
        return candidates;
      }
      List<InputFile> sorted = new java.util.ArrayList<>(candidates);
      sorted.sort(
          java.util.Comparator.comparingLong(InputFile::modificationTime)
              .thenComparing(InputFile::path));
      int n = sorted.size();
      if (boundedFiles > 0) {
        n = (int) Math.min(n, boundedFiles);
      }
      if (boundedSize > 0) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
          bytes += sorted.get(i).length();
          if (bytes > boundedSize && i > 0) {
            n = i;
            break;
          }
        }
      }
      long band = maxBandMillis >= 0 ? maxBandMillis : defaultBandMillis;
      if (maxFilesInBand > 0 && band >= 0) {
        // files modified within the band before now come last (oldest first); past the
        // maxFilesInBand-th of them the rest wait for the next run, by when they are older
        long floor = nowMillis - band;
        int inBand = 0;
        for (int i = 0; i < n; i++) {
          if (sorted.get(i).modificationTime() >= floor && ++inBand > maxFilesInBand) {
            n = i;
            break;
          }
        }
      }
      return List.copyOf(sorted.subList(0, n));
    }
  }

  /**
   * Where a source that bookmarks on key columns reads: not tracked (bookmarks disabled, no job, or
   * no transformation context), or tracked with the last key committed for the context (none on a
   * first run) and, in a paused run over a range of runs, the last key to read.
   */
  default KeyRange keys(String transformationContext) {
    return KeyRange.NOT_TRACKED;
  }

  /**
   * Notes that this run reads the rows of the context up to and including {@code upTo}; made
   * durable only when the job commits (and only when bookmarks are enabled).
   */
  default void readKeys(String transformationContext, KeyState upTo) {}

  /**
   * A position in a source ordered by key columns: the columns, their sort order ({@code asc} or
   * {@code desc}, Glue's {@code jobBookmarkKeysSortOrder}) and the values of the last row, as text
   * (null for a SQL NULL).
   */
  record KeyState(List<String> columns, String sortOrder, List<String> values) {
    public KeyState {
      columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
      Objects.requireNonNull(sortOrder, "sortOrder");
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
      if (columns.size() != values.size()) {
        throw new IllegalArgumentException(
            "bookmark keys " + columns + " have " + values.size() + " values");
      }
    }
  }

  /**
   * What a keyed source reads: whether the context is tracked at all, the last key committed
   * (exclusive) and, in a paused run over a range of runs, the last key to read (inclusive).
   */
  record KeyRange(boolean tracked, Optional<KeyState> after, Optional<KeyState> upTo) {
    /** A context whose rows are all read and nothing is noted. */
    public static final KeyRange NOT_TRACKED =
        new KeyRange(false, Optional.empty(), Optional.empty());

    public KeyRange {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(upTo, "upTo");
    }
  }
}
