package io.dynaframe.job.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed bookmark state after one run: per transformation context, the high-water mark of
 * modification times read, the files near it (within {@code maxBand}) with their times, and the
 * files this run read; for a source bookmarked on key columns, the columns, their sort order and
 * the last key read. Serialised as JSON, one immutable file per run.
 */
public final class BookmarkState {
  public int run;
  public String runId;
  public long committedAt;
  public int attempt;
  public String note;
  public Map<String, Context> contexts = new LinkedHashMap<>();

  /** The state of one transformation context. */
  public static final class Context {
    public long highWaterMark = Long.MIN_VALUE;
    public Map<String, Long> seen = new LinkedHashMap<>();
    public List<String> read = List.of();

    /** The bookmark key columns of a keyed source (JDBC), or null. */
    public List<String> keyColumns;

    /** {@code asc} or {@code desc}, or null. */
    public String keySortOrder;

    /** The last key read, as text, or null. */
    public List<String> keyValues;

    /**
     * The source's own {@code maxBand} the files near the mark were kept by, or null for the job's.
     */
    public Long maxBandMillis;
  }
}
