package io.dynaframe.lineage.internal;

import io.dynaframe.Options;
import io.dynaframe.lineage.ErrorSample;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * Keeps the first error records of one step as the run's Spark jobs compute them: each record gets
 * an id from its partition and its place among the partition's error records, and the {@code limit}
 * with the lowest ids are kept, so the first partition's first records win whatever order tasks
 * finish in. A record computed again (a retried task, a second job over the same frame) has the
 * same id and is kept once. Records evaluated on the driver (Spark folds filters over local data
 * while optimising) come first and are kept once by their content.
 */
public final class ErrorSampler extends AccumulatorV2<ErrorSampler.Entry, List<ErrorSample>> {
  private static final long serialVersionUID = 1L;

  /** One error record as offered: its id and the parts the run page shows. */
  public record Entry(long id, String message, String file, Long line, String text)
      implements Serializable {}

  private final String step;
  private final int limit;
  private TreeMap<Long, Entry> kept = new TreeMap<>();

  /** Error records seen so far per partition by this copy (a task's copy sees one partition). */
  private transient Map<Integer, Long> seen;

  /** A sampler for a step's first {@code limit} error records. */
  public ErrorSampler(String step, int limit) {
    this.step = step;
    this.limit = limit;
  }

  /** Offers one error record (called per error record, in a task or on the driver). */
  public synchronized void offer(String message, String file, Long line, String text) {
    TaskContext task = TaskContext.get();
    int partition = task == null ? -1 : task.partitionId();
    if (seen == null) {
      seen = new HashMap<>();
    }
    long n = seen.merge(partition, 1L, Long::sum) - 1;
    long id = ((long) (partition + 1) << 32) | n;
    Entry e = new Entry(id, message, file, line, cut(text));
    if (task == null && kept != null && kept.values().stream().anyMatch(k -> sameRecord(k, e))) {
      return;
    }
    add(e);
  }

  private static boolean sameRecord(Entry a, Entry b) {
    return java.util.Objects.equals(a.message(), b.message())
        && java.util.Objects.equals(a.file(), b.file())
        && java.util.Objects.equals(a.line(), b.line())
        && java.util.Objects.equals(a.text(), b.text());
  }

  private static String cut(String text) {
    return text == null || text.length() <= ErrorSample.MAX_TEXT
        ? text
        : text.substring(0, ErrorSample.MAX_TEXT + 1);
  }

  @Override
  public synchronized void add(Entry e) {
    if (kept == null) {
      kept = new TreeMap<>();
    }
    if (kept.size() < limit || e.id() < kept.lastKey()) {
      kept.put(e.id(), e);
      while (kept.size() > limit) {
        kept.pollLastEntry();
      }
    }
  }

  /**
   * Also true for a copy still being deserialized for a task, when {@code kept} is still null (see
   * {@link RowCounter#isZero}).
   */
  @Override
  public synchronized boolean isZero() {
    return kept == null || kept.isEmpty();
  }

  @Override
  public synchronized ErrorSampler copy() {
    ErrorSampler c = new ErrorSampler(step, limit);
    if (kept != null) {
      c.kept.putAll(kept);
    }
    return c;
  }

  @Override
  public synchronized void reset() {
    kept = new TreeMap<>();
  }

  @Override
  public void merge(AccumulatorV2<Entry, List<ErrorSample>> other) {
    if (!(other instanceof ErrorSampler o)) {
      throw new UnsupportedOperationException(
          "cannot merge " + other.getClass().getName() + " into an ErrorSampler");
    }
    List<Entry> theirs;
    synchronized (o) {
      theirs = o.kept == null ? List.of() : new ArrayList<>(o.kept.values());
    }
    for (Entry e : theirs) {
      add(e);
    }
  }

  /** The kept records, first first, files without credentials. */
  @Override
  public synchronized List<ErrorSample> value() {
    List<ErrorSample> out = new ArrayList<>();
    if (kept == null) {
      return out;
    }
    for (Map.Entry<Long, Entry> k : kept.entrySet()) {
      Entry e = k.getValue();
      out.add(
          new ErrorSample(
              step,
              e.message(),
              e.file() == null ? "" : Options.withoutUserInfo(e.file()),
              e.line() == null ? 0 : e.line(),
              e.text()));
    }
    return out;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (kept == null) {
      kept = new TreeMap<>();
    }
  }
}
