package io.dynaframe.lineage.internal;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts the rows that pass one point of a plan, and among them the flagged ones (error records),
 * during the Spark jobs the job runs anyway. Rows are identified by {@code
 * monotonically_increasing_id()} evaluated at that point: within one evaluation of one partition
 * the ids run 0, 1, 2, ... (above the partition index in the high bits), so the number of rows is
 * the last id seen + 1 and a new evaluation is recognised when the ids start again.
 *
 * <p>Each task reports one entry keyed by (stage, partition); the driver keeps, per key, the
 * largest count reported, so a task that is retried, run speculatively or rerun in a resubmitted
 * stage is counted once. The value is the largest of the per-stage sums: a frame that several jobs
 * evaluate (a {@code count()} and then a write, two sinks) is counted once, not once per job. Rows
 * evaluated on the driver (Spark folds filters over local data while optimising) are kept apart and
 * counted the same way.
 */
public final class RowCounter extends AccumulatorV2<Long, RowCounter.Counts> implements RowTally {
  private static final long serialVersionUID = 1L;
  private static final long OFFSET_MASK = (1L << 33) - 1;
  private static final long NONE = Long.MIN_VALUE;
  private static final int DRIVER_STAGE = -1;

  /** What a counter saw: rows that passed, and how many of them were flagged. */
  public record Counts(long rows, long flagged) implements Serializable {
    /** No rows. */
    public static final Counts ZERO = new Counts(0, 0);
  }

  /** (stage << 32 | partition) -> {rows, flagged} of finished evaluations. */
  private HashMap<Long, long[]> entries = new HashMap<>();

  private long currentKey = NONE;
  private long currentPartition = -1;
  private long lastOffset = -1;
  private long rows;
  private long flagged;

  /** True in a copy deserialized for a task; the driver's own instance is shared and locked. */
  private transient boolean taskCopy;

  /** Records one row with its {@code monotonically_increasing_id()} and whether it is flagged. */
  public void record(long rowId, boolean flag) {
    if (taskCopy) {
      recordUnlocked(rowId, flag);
    } else {
      synchronized (this) {
        recordUnlocked(rowId, flag);
      }
    }
  }

  /**
   * Records a whole evaluation of a partition, counted by {@link CountRows} in a task ({@code
   * stage} -1: on the driver).
   */
  @Override
  public synchronized void report(int stage, int partition, long rows, long flagged) {
    put(entries, ((long) stage << 32) | (partition & 0xffffffffL), rows, flagged);
  }

  private void recordUnlocked(long rowId, boolean flag) {
    long partition = rowId >>> 33;
    long offset = rowId & OFFSET_MASK;
    if (currentKey == NONE || partition != currentPartition) {
      flush();
      TaskContext task = taskCopy ? TaskContext.get() : null;
      long stage = task == null ? DRIVER_STAGE : task.stageId();
      currentKey = (stage << 32) | (partition & 0xffffffffL);
      currentPartition = partition;
      lastOffset = -1;
      rows = 0;
      flagged = 0;
    }
    if (offset <= lastOffset) {
      // the ids started again: a new evaluation of the same partition (on the driver)
      rows = 0;
      flagged = 0;
    }
    lastOffset = offset;
    rows = offset + 1;
    if (flag) {
      flagged++;
    }
  }

  /**
   * Locked even in a task's copy (it runs once per partition, not per row): Spark's heartbeat reads
   * a running task's accumulators from another thread.
   */
  private synchronized void flush() {
    if (currentKey != NONE) {
      put(entries, currentKey, rows, flagged);
    }
  }

  private static void put(Map<Long, long[]> into, long key, long rows, long flagged) {
    long[] seen = into.get(key);
    if (seen == null) {
      into.put(key, new long[] {rows, flagged});
    } else {
      seen[0] = Math.max(seen[0], rows);
      seen[1] = Math.max(seen[1], flagged);
    }
  }

  private Map<Long, long[]> snapshot() {
    Map<Long, long[]> all = new HashMap<>();
    if (entries == null) {
      return all;
    }
    entries.forEach((k, v) -> all.put(k, v.clone()));
    if (currentKey != NONE) {
      put(all, currentKey, rows, flagged);
    }
    return all;
  }

  /**
   * Also true for a copy still being deserialized for a task: Spark's {@code AccumulatorV2}
   * registers the copy with its task before this class's fields are read, and the executor's
   * heartbeat thread may ask it then, when {@code entries} is still null.
   */
  @Override
  public synchronized boolean isZero() {
    return entries == null || (entries.isEmpty() && currentKey == NONE);
  }

  @Override
  public synchronized RowCounter copy() {
    RowCounter c = new RowCounter();
    c.entries = new HashMap<>(snapshot());
    return c;
  }

  @Override
  public synchronized void reset() {
    entries = new HashMap<>();
    currentKey = NONE;
    currentPartition = -1;
    lastOffset = -1;
    rows = 0;
    flagged = 0;
  }

  /** Use {@link #record}; adds one unflagged row with the given id. */
  @Override
  public void add(Long rowId) {
    record(rowId, false);
  }

  @Override
  public void merge(AccumulatorV2<Long, Counts> other) {
    if (!(other instanceof RowCounter o)) {
      throw new UnsupportedOperationException(
          "cannot merge " + other.getClass().getName() + " into a RowCounter");
    }
    Map<Long, long[]> theirs;
    synchronized (o) {
      theirs = o.snapshot();
    }
    synchronized (this) {
      theirs.forEach((k, v) -> put(entries, k, v[0], v[1]));
    }
  }

  /** The rows and flagged rows of the largest evaluation (the largest per-stage sum). */
  @Override
  public synchronized Counts value() {
    Map<Long, long[]> perStage = new HashMap<>();
    snapshot()
        .forEach(
            (key, v) -> {
              long[] sum = perStage.computeIfAbsent(key >> 32, k -> new long[2]);
              sum[0] += v[0];
              sum[1] += v[1];
            });
    long r = 0;
    long f = 0;
    for (long[] v : perStage.values()) {
      r = Math.max(r, v[0]);
      f = Math.max(f, v[1]);
    }
    return new Counts(r, f);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    taskCopy = true;
  }
}
