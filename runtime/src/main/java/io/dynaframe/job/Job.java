package io.dynaframe.job;

import com.google.common.base.Preconditions;
import io.dynaframe.DynaContext;
import io.dynaframe.InputFile;
import io.dynaframe.Lake;
import io.dynaframe.job.internal.BookmarkState;
import io.dynaframe.job.internal.BookmarkStore;
import io.dynaframe.job.internal.FileBookmarks;
import io.dynaframe.job.internal.PublishJournal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job, as Glue's {@code Job.init(...)} and {@code job.commit()}: it has a run id, a
 * run number and an attempt number, and it owns the job's bookmarks for the run. Sources read
 * through {@link #context()} see only new input when bookmarks are enabled; the new bookmark state
 * is committed atomically by {@link #commit()} and only then, so a run that fails changes nothing
 * and its rerun reads the same files again. Two runs of one job cannot run at once: the second
 * fails at {@code init} with {@link ConcurrentRunException}.
 *
 * <pre>{@code
 * JobArguments args = JobArguments.resolve(argv, "JOB_NAME");
 * try (Job job = Job.init(args.get("JOB_NAME"), DynaContext.of(spark), args, Lake.at("s3://my-lake"))) {
 *   DynaContext ctx = job.context();
 *   ... read with transformation contexts, transform, publish ...
 *   job.commit();
 * }
 * }</pre>
 *
 * <p>A run ends in one of three ways: {@link #commit()}, {@link #fail(Throwable)}, or {@link
 * #close()} without either, which fails it. Closing is what makes the try-with-resources form above
 * safe: an exception thrown in the block leaves the run failed, its lease released and its
 * bookmarks where they were, and it is that exception the caller sees.
 */
public final class Job implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Job.class);

  /** Where a run stands. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /**
   * How long a lease of a run that stopped answering is honoured; Glue's default job timeout is 48
   * hours.
   */
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofHours(48);

  /**
   * Glue's {@code maxBand}: files modified this close to the high-water mark are tracked one by
   * one.
   */
  public static final long DEFAULT_MAX_BAND_MILLIS = 900_000L;

  private final String name;
  private final DynaContext context;
  private final JobArguments arguments;
  private final Lake lake;
  private final BookmarkStore store;
  private final BookmarkStore.Lease lease;
  private final FileBookmarks bookmarks;
  private final int runNumber;
  private Status status = Status.RUNNING;

  private Job(
      String name,
      DynaContext context,
      JobArguments arguments,
      Lake lake,
      BookmarkStore store,
      BookmarkStore.Lease lease,
      FileBookmarks bookmarks,
      int runNumber) {
    this.name = name;
    this.context = context;
    this.arguments = arguments;
    this.lake = lake;
    this.store = store;
    this.lease = lease;
    this.bookmarks = bookmarks;
    this.runNumber = runNumber;
  }

  /**
   * Starts a run: takes the job's lease, loads its bookmark state according to {@code
   * --job-bookmark-option} (and {@code --job-bookmark-from}/{@code -to} when paused).
   *
   * @throws ConcurrentRunException when another run of the job is in progress
   * @throws JobArgumentException when a bookmark run id given in the arguments is unknown
   */
  public static Job init(String jobName, DynaContext ctx, JobArguments args, Lake lake) {
    Lake.name(jobName);
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(lake, "lake");
    String runId = args.find("JOB_RUN_ID").orElseGet(DynaContext::newRunId);
    BookmarkStore store =
        new BookmarkStore(
            ctx.spark().sparkContext().hadoopConfiguration(),
            lake.bookmarksPath(jobName),
            ConcurrentRunException::new);
    List<BookmarkState> states = store.all();
    BookmarkState latest = states.isEmpty() ? null : states.get(states.size() - 1);
    int next = latest == null ? 1 : latest.run + 1;
    BookmarkStore.Lease lease = store.acquire(next, runId, DEFAULT_LEASE_TIMEOUT.toMillis());
    try {
      rollBackEarlierAttempt(jobName, ctx, store, next, lease.attempt);
      FileBookmarks bookmarks = bookmarksFor(args, store, latest);
      LOG.info(
          "job {} run {} (number {}, attempt {}) starts with bookmarks {}",
          jobName,
          runId,
          next,
          lease.attempt,
          bookmarks.mode());
      DynaContext runContext = ctx.withRunId(runId).withBookmarks(bookmarks);
      runContext
          .observer()
          .find(io.dynaframe.lineage.internal.Recorder.class)
          .ifPresent(
              r -> {
                io.dynaframe.job.internal.QualityResults results =
                    new io.dynaframe.job.internal.QualityResults(jobName, lake, runContext);
                r.onQuality(results);
                r.onQualityHistory(results::history);
              });
      return new Job(jobName, runContext, args, lake, store, lease, bookmarks, next);
    } catch (RuntimeException e) {
      store.release(lease);
      throw e;
    }
  }

  /**
   * An attempt that died after publishing but before committing left its publish journal: its
   * publishes are undone before this attempt reads its input again, so nothing is published twice.
   * Journals of committed runs (their removal failed) are only removed.
   */
  private static void rollBackEarlierAttempt(
      String jobName, DynaContext ctx, BookmarkStore store, int run, int attempt) {
    List<PublishJournal> left = store.journal(run);
    if (!left.isEmpty()) {
      LOG.warn(
          "job {} run number {}: an earlier attempt published {} table(s) and ended without commit;"
              + " attempt {} rolls its publishes back before it starts",
          jobName,
          run,
          left.size(),
          attempt);
      Publisher.rollBack(ctx, ctx.catalog(), left);
    }
    store.dropJournals(run);
  }

  /**
   * Records what a publish of this run is about to change, before it changes the catalog; a run
   * that does not commit is rolled back from these records.
   */
  synchronized void journal(PublishJournal entry) {
    Preconditions.checkState(
        status == Status.RUNNING,
        "job %s run %s is already %s; it cannot publish",
        name,
        runId(),
        status);
    store.journal(runNumber, entry);
  }

  /** The publishes this run made so far, from its journal. */
  List<PublishJournal> journal() {
    return store.journal(runNumber);
  }

  /** Undoes this run's publishes; a failure is logged and left to the next attempt. */
  private void rollBackQuietly() {
    try {
      List<PublishJournal> entries = store.journal(runNumber);
      if (!entries.isEmpty()) {
        LOG.warn(
            "job {} run {} ended without commit: rolling back its {} publish(es)",
            name,
            runId(),
            entries.size());
        Publisher.rollBack(context, context.catalog(), entries);
        store.dropJournals(runNumber);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "job {} run {} could not roll back its publishes; the next attempt does: {}",
          name,
          runId(),
          e.toString());
    }
  }

  private static FileBookmarks bookmarksFor(
      JobArguments args, BookmarkStore store, BookmarkState latest) {
    String option = args.bookmarkOption();
    if (option.equals(JobArguments.BOOKMARK_DISABLE)) {
      return new FileBookmarks(FileBookmarks.Mode.DISABLE, null, null, DEFAULT_MAX_BAND_MILLIS);
    }
    if (option.equals(JobArguments.BOOKMARK_ENABLE)) {
      return new FileBookmarks(FileBookmarks.Mode.ENABLE, latest, null, DEFAULT_MAX_BAND_MILLIS);
    }
    Optional<String> from = args.find("job-bookmark-from");
    Optional<String> to = args.find("job-bookmark-to");
    if (from.isEmpty()) {
      return new FileBookmarks(FileBookmarks.Mode.PAUSE, latest, null, DEFAULT_MAX_BAND_MILLIS);
    }
    BookmarkState f =
        store
            .find(from.get())
            .orElseThrow(
                () ->
                    new JobArgumentException(
                        "--job-bookmark-from "
                            + from.get()
                            + " is not a committed run of this job"));
    BookmarkState t =
        store
            .find(to.get())
            .orElseThrow(
                () ->
                    new JobArgumentException(
                        "--job-bookmark-to " + to.get() + " is not a committed run of this job"));
    Preconditions.checkArgument(
        f.run <= t.run, "--job-bookmark-from must not come after --job-bookmark-to");
    Set<String> range = FileBookmarks.readBetween(store.all(), f.run, t.run);
    return new FileBookmarks(
        FileBookmarks.Mode.PAUSE, latest, range, DEFAULT_MAX_BAND_MILLIS, f, t);
  }

  /**
   * The context to read and write with in this run: its run id names output files, its bookmarks
   * filter input.
   */
  public DynaContext context() {
    return context;
  }

  /** The job's name. */
  public String name() {
    return name;
  }

  /** The id of this run. */
  public String runId() {
    return context.runId();
  }

  /** The number of this run: one more than the last committed run. */
  public int runNumber() {
    return runNumber;
  }

  /** 1 for a first attempt; one more for each rerun after a run that died holding the lease. */
  public int attempt() {
    return lease.attempt;
  }

  /** Where the run stands. */
  public synchronized Status status() {
    return status;
  }

  /** The run's arguments. */
  public JobArguments arguments() {
    return arguments;
  }

  /** The lake the run works in. */
  public Lake lake() {
    return lake;
  }

  /** The files each transformation context read in this run, for reports. */
  public Map<String, List<InputFile>> filesRead() {
    return bookmarks.read();
  }

  /**
   * Ends the run successfully: commits the new bookmark state (enabled runs only move it) in one
   * write that never overwrites, then releases the lease.
   *
   * @throws ConcurrentRunException when another run committed first
   */
  public synchronized void commit() {
    Preconditions.checkState(
        status == Status.RUNNING, "job %s run %s is already %s", name, runId(), status);
    settleQuality();
    try {
      if (bookmarks.mode() == FileBookmarks.Mode.ENABLE) {
        store.commit(bookmarks.nextState(runNumber, runId(), lease.attempt));
      }
      status = Status.SUCCEEDED;
      LOG.info("job {} run {} committed", name, runId());
      dropJournalQuietly();
    } catch (RuntimeException e) {
      if (status != Status.SUCCEEDED) {
        status = Status.FAILED;
        rollBackQuietly();
      }
      throw e;
    } finally {
      store.release(lease);
    }
  }

  /**
   * Ends the run as failed: the bookmark state stays as it was, so a rerun reads the same input,
   * what the run published is switched back (see {@link #close()}), and the lease is released. Does
   * nothing when the run has ended already; never throws, so it can be called on the way out of a
   * {@code catch} block.
   */
  public synchronized void fail(Throwable cause) {
    if (status != Status.RUNNING) {
      return;
    }
    settleQuality();
    status = Status.FAILED;
    LOG.warn(
        "job {} run {} failed: {}",
        name,
        runId(),
        cause == null ? "unknown cause" : cause.toString());
    rollBackQuietly();
    releaseQuietly();
  }

  /**
   * Ends the run unless it has ended already. A run that was neither committed nor failed is
   * failed, as {@link #fail(Throwable)} does: its lease is released, so a rerun can start at once,
   * and its bookmark state is not committed, so the rerun reads the same input again. Closing a
   * committed or failed run does nothing, and so does closing a run twice.
   *
   * <p>Closing commits nothing, and it undoes what the run published: a run's publishes become
   * final when it commits. Each {@link Publisher} publish of the run (made with {@link
   * Publisher#of(Job)}) first records in the job's bookmark folder what it is about to change in
   * the catalog; a run that fails or is closed without commit switches those tables and partitions
   * back, and a run that died before it could (killed, or its rollback failed) is rolled back by
   * the next attempt before it reads anything. So a rerun, which reads the same input again, never
   * publishes a record twice. Readers may have seen the rolled-back version in between.
   *
   * <p>Close never throws: in {@code try (Job job = ...)} the exception that ended the block is the
   * one the caller gets, with nothing added to it. A failure to remove the lease (the storage
   * failing) is logged; the next run takes that lease over, as after a failed run.
   */
  @Override
  public synchronized void close() {
    if (status != Status.RUNNING) {
      return;
    }
    settleQuality();
    status = Status.FAILED;
    LOG.warn(
        "job {} run {} was closed without commit, so it counts as failed: its bookmark state"
            + " stays as it was and what it published is rolled back",
        name,
        runId());
    rollBackQuietly();
    releaseQuietly();
  }

  /**
   * The run's data quality evaluations take their row counts (counted by the run's own Spark jobs)
   * and go to the results table. Never throws.
   */
  private void settleQuality() {
    try {
      context
          .observer()
          .find(io.dynaframe.lineage.internal.Recorder.class)
          .ifPresent(io.dynaframe.lineage.internal.Recorder::settleQualities);
    } catch (RuntimeException e) {
      LOG.warn(
          "job {} run {}: could not keep its data quality results: {}",
          name,
          runId(),
          e.toString());
    }
  }

  private void dropJournalQuietly() {
    try {
      store.dropJournals(runNumber);
    } catch (RuntimeException e) {
      LOG.warn(
          "job {} run {} committed but could not remove its publish journal; the next run does: {}",
          name,
          runId(),
          e.toString());
    }
  }

  private void releaseQuietly() {
    try {
      store.release(lease);
    } catch (RuntimeException e) {
      LOG.warn(
          "job {} run {} could not release its lease; the next run takes it over: {}",
          name,
          runId(),
          e.toString());
    }
  }

  /**
   * Forgets everything the job has read: the next enabled run reads all input again (Glue's
   * reset-job-bookmark).
   */
  public static void resetBookmark(String jobName, DynaContext ctx, Lake lake) {
    writeAdministrativeState(jobName, ctx, lake, null, "reset");
  }

  /** Sets the bookmark back to what it was after a committed run (by run id or number). */
  public static void rewindBookmark(String jobName, DynaContext ctx, Lake lake, String toRun) {
    writeAdministrativeState(jobName, ctx, lake, toRun, "rewind to " + toRun);
  }

  private static void writeAdministrativeState(
      String jobName, DynaContext ctx, Lake lake, String toRun, String note) {
    BookmarkStore store =
        new BookmarkStore(
            ctx.spark().sparkContext().hadoopConfiguration(),
            lake.bookmarksPath(jobName),
            ConcurrentRunException::new);
    BookmarkState latest = store.latest().orElse(null);
    int next = latest == null ? 1 : latest.run + 1;
    BookmarkStore.Lease lease =
        store.acquire(next, "admin-" + DynaContext.newRunId(), DEFAULT_LEASE_TIMEOUT.toMillis());
    try {
      BookmarkState base =
          toRun == null
              ? null
              : store
                  .find(toRun)
                  .orElseThrow(
                      () ->
                          new JobArgumentException(
                              "run " + toRun + " is not a committed run of job " + jobName));
      BookmarkState state = new BookmarkState();
      state.run = next;
      state.runId = lease.runId;
      state.committedAt = System.currentTimeMillis();
      state.attempt = 1;
      state.note = note;
      if (base != null) {
        state.contexts = base.contexts;
      }
      store.commit(state);
    } finally {
      store.release(lease);
    }
  }
}
