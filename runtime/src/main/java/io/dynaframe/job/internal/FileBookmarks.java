package io.dynaframe.job.internal;

import io.dynaframe.Bookmarks;
import io.dynaframe.InputFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bookmarks over file sources, as Glue keeps them for S3: a file is new when its modification time
 * is past the context's high-water mark, or, within {@code maxBand} of the mark, when it was not
 * seen with that time (files written late or modified are read again). Keyed sources (JDBC) keep
 * the last key read. What a run reads is kept in memory until {@link #nextState} builds the state
 * the job commits.
 */
public final class FileBookmarks implements Bookmarks {

  /** What a run does with bookmarks. */
  public enum Mode {
    ENABLE,
    PAUSE,
    DISABLE
  }

  private final Mode mode;
  private final BookmarkState previous;
  private final Set<String> range; // files to read in a paused run with from/to, or null
  private final long maxBandMillis;
  private final Map<String, List<InputFile>> read = new LinkedHashMap<>();
  private final Map<String, KeyState> keysRead = new LinkedHashMap<>();
  private final Map<String, Long> bands = new LinkedHashMap<>(); // a source's own maxBand
  private final BookmarkState rangeFrom; // paused run with from/to: the states at both ends
  private final BookmarkState rangeTo;

  public FileBookmarks(Mode mode, BookmarkState previous, Set<String> range, long maxBandMillis) {
    this(mode, previous, range, maxBandMillis, null, null);
  }

  /**
   * Bookmarks of a paused run over the runs after {@code rangeFrom} up to {@code rangeTo}: files in
   * {@code range}, and for keyed sources the rows past the key of {@code rangeFrom} up to that of
   * {@code rangeTo}.
   */
  public FileBookmarks(
      Mode mode,
      BookmarkState previous,
      Set<String> range,
      long maxBandMillis,
      BookmarkState rangeFrom,
      BookmarkState rangeTo) {
    this.mode = mode;
    this.previous = previous;
    this.range = range;
    this.maxBandMillis = maxBandMillis;
    this.rangeFrom = rangeFrom;
    this.rangeTo = rangeTo;
  }

  @Override
  public synchronized KeyRange keys(String transformationContext) {
    if (mode == Mode.DISABLE || transformationContext == null || transformationContext.isEmpty()) {
      return KeyRange.NOT_TRACKED;
    }
    if (rangeFrom != null && rangeTo != null) {
      return new KeyRange(
          true, keyOf(rangeFrom, transformationContext), keyOf(rangeTo, transformationContext));
    }
    return new KeyRange(true, keyOf(previous, transformationContext), Optional.empty());
  }

  private static Optional<KeyState> keyOf(BookmarkState state, String ctx) {
    BookmarkState.Context c = state == null ? null : state.contexts.get(ctx);
    if (c == null || c.keyColumns == null || c.keyValues == null) {
      return Optional.empty();
    }
    return Optional.of(new KeyState(c.keyColumns, c.keySortOrder, c.keyValues));
  }

  @Override
  public synchronized void readKeys(String transformationContext, KeyState upTo) {
    if (mode == Mode.DISABLE || transformationContext == null || transformationContext.isEmpty()) {
      return;
    }
    keysRead.put(transformationContext, upTo);
  }

  @Override
  public synchronized List<InputFile> select(String transformationContext, List<InputFile> listed) {
    return select(transformationContext, listed, FileLimits.NONE);
  }

  /**
   * The new files within the source's limits, oldest first when it sets bounds; only they are noted
   * as read. A source's {@code maxBand} replaces the job's for its context; where it differs from
   * the band the previous run kept its files by, the smaller of the two decides which files near
   * the mark are new (so that no file read before is read again).
   */
  @Override
  public synchronized List<InputFile> select(
      String transformationContext, List<InputFile> listed, FileLimits limits) {
    if (mode == Mode.DISABLE || transformationContext == null || transformationContext.isEmpty()) {
      return new FileLimits(limits.boundedFiles(), limits.boundedSize(), -1, 0)
          .bound(listed, -1, System.currentTimeMillis());
    }
    long band = limits.maxBandMillis() >= 0 ? limits.maxBandMillis() : maxBandMillis;
    bands.put(transformationContext, band);
    List<InputFile> out = new ArrayList<>();
    if (range != null) {
      for (InputFile f : listed) {
        if (range.contains(f.path())) {
          out.add(f);
        }
      }
    } else {
      BookmarkState.Context c =
          previous == null ? null : previous.contexts.get(transformationContext);
      long kept = c == null || c.maxBandMillis == null ? band : Math.min(band, c.maxBandMillis);
      for (InputFile f : listed) {
        if (isNew(c, f, kept)) {
          out.add(f);
        }
      }
      out = new ArrayList<>(limits.bound(out, band, System.currentTimeMillis()));
    }
    read.computeIfAbsent(transformationContext, k -> new ArrayList<>()).addAll(out);
    return out;
  }

  private static boolean isNew(BookmarkState.Context c, InputFile f, long maxBandMillis) {
    if (c == null) {
      return true;
    }
    if (f.modificationTime() > c.highWaterMark) {
      return true;
    }
    if (f.modificationTime() < c.highWaterMark - maxBandMillis) {
      return false;
    }
    Long seenAt = c.seen.get(f.path());
    return seenAt == null || seenAt != f.modificationTime();
  }

  /** Files each context read in this run, for the run report. */
  public synchronized Map<String, List<InputFile>> read() {
    Map<String, List<InputFile>> out = new LinkedHashMap<>();
    read.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** The mode of this run. */
  public Mode mode() {
    return mode;
  }

  /**
   * The state to commit after this run: the previous state with what this run read folded in. Only
   * an enabled run moves the bookmark.
   */
  public synchronized BookmarkState nextState(int run, String runId, int attempt) {
    BookmarkState next = new BookmarkState();
    next.run = run;
    next.runId = runId;
    next.attempt = attempt;
    next.committedAt = System.currentTimeMillis();
    if (previous != null) {
      previous.contexts.forEach(
          (k, v) -> {
            BookmarkState.Context copy = new BookmarkState.Context();
            copy.highWaterMark = v.highWaterMark;
            copy.seen = new LinkedHashMap<>(v.seen);
            copy.read = List.of();
            copy.keyColumns = v.keyColumns;
            copy.keySortOrder = v.keySortOrder;
            copy.keyValues = v.keyValues;
            copy.maxBandMillis = v.maxBandMillis;
            next.contexts.put(k, copy);
          });
    }
    if (mode != Mode.ENABLE) {
      next.note = "run in mode " + mode + ": bookmark unchanged";
      return next;
    }
    read.forEach(
        (ctx, files) -> {
          BookmarkState.Context c =
              next.contexts.computeIfAbsent(ctx, k -> new BookmarkState.Context());
          List<String> paths = new ArrayList<>();
          for (InputFile f : files) {
            c.highWaterMark = Math.max(c.highWaterMark, f.modificationTime());
            c.seen.put(f.path(), f.modificationTime());
            paths.add(f.path());
          }
          long band = bands.getOrDefault(ctx, maxBandMillis);
          long floor = c.highWaterMark - band;
          c.seen.values().removeIf(t -> t < floor);
          c.maxBandMillis = band == maxBandMillis ? null : band;
          c.read = paths;
        });
    keysRead.forEach(
        (ctx, key) -> {
          BookmarkState.Context c =
              next.contexts.computeIfAbsent(ctx, k -> new BookmarkState.Context());
          c.keyColumns = key.columns();
          c.keySortOrder = key.sortOrder();
          c.keyValues = key.values();
        });
    return next;
  }

  /** The files read by the runs after {@code from} up to and including {@code to}. */
  public static Set<String> readBetween(List<BookmarkState> states, int fromRun, int toRun) {
    Set<String> out = new HashSet<>();
    for (BookmarkState s : states) {
      if (s.run > fromRun && s.run <= toRun) {
        s.contexts.values().forEach(c -> out.addAll(c.read));
      }
    }
    return out;
  }
}
