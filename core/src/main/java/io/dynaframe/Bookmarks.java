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
