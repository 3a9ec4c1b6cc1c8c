package io.dynaframe.lakeformats.internal;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.dynaframe.Bookmarks;
import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.CommitConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Iceberg tables of {@code glue_catalog}: read (whole, at a snapshot, as of a time, or the
 * snapshots committed since the job's bookmark) and written (append, overwrite, overwrite of the
 * partitions written), each write one Iceberg commit.
 */
final class IcebergIo {
  private IcebergIo() {}

  /** Iceberg's read options for time travel and incremental reads, checked when given. */
  static final String SNAPSHOT_ID = "snapshot-id";

  static final String AS_OF_TIMESTAMP = "as-of-timestamp";
  static final String START_SNAPSHOT_ID = "start-snapshot-id";
  static final String END_SNAPSHOT_ID = "end-snapshot-id";

  /** Spark's own time-travel options, which Iceberg 1.11 (Glue 6.0) takes instead. */
  static final String VERSION_AS_OF = "versionAsOf";

  static final String TIMESTAMP_AS_OF = "timestampAsOf";

  /**
   * The read option that selects a snapshot by id in the running Iceberg: Iceberg's {@code
   * snapshot-id} on Spark 3.5 (Iceberg 1.10), Spark's {@code versionAsOf} on Spark 4 (Iceberg 1.11
   * refuses {@code snapshot-id}).
   */
  static String snapshotOption(DynaContext ctx) {
    return ctx.spark().version().startsWith("3.") ? SNAPSHOT_ID : VERSION_AS_OF;
  }

  /** The write modes of a sink's {@code writeMode} option. */
  static final Set<String> WRITE_MODES = Set.of("append", "overwrite", "overwritepartitions");

  /**
   * Sink options for retention after the commit: snapshots committed more than this many
   * milliseconds ago are expired (the current one always stays).
   */
  static final String SNAPSHOT_RETENTION_MS = "snapshotRetentionMs";

  /**
   * Sink option: files under the table's location that no snapshot references and that are older
   * than this many milliseconds are removed after the commit.
   */
  static final String ORPHAN_FILE_RETENTION_MS = "orphanFileRetentionMs";

  /** Sink option: a snapshot kept, with all its descendants, whatever its age. */
  static final String RETAIN_SNAPSHOT_ID = "retainSnapshotId";

  /** The column a job bookmark of an Iceberg source keeps: the last snapshot read. */
  static final String BOOKMARK_KEY = "snapshot_id";

  // ---------------------------------------------------------------- sources

  static DataSource source(Connector.Request r) {
    LakeIo.requireEnabled(r.context(), "iceberg", SourceException::new);
    String table = tableName(r.options(), SourceException::new);
    Options o = r.options();
    Map<String, String> read = readOptions(r.context(), table, o, LakeIo.passOn(o, Set.of("path")));
    return () -> read(r.context(), table, read, "", r.transformationContext(), table);
  }

  static DataSource catalogSource(Connector.TableRequest r) {
    LakeIo.requireEnabled(r.context(), "iceberg", SourceException::new);
    String table = qualified(r.database(), r.table());
    Options o = r.additionalOptions();
    Map<String, String> read = readOptions(r.context(), table, o, LakeIo.passOn(o, Set.of()));
    String step = r.transformationContext();
    Bookmarks.KeyRange range =
        step.isEmpty() ? Bookmarks.KeyRange.NOT_TRACKED : r.context().bookmarks().keys(step);
    if (range.tracked()) {
      for (String k :
          List.of(
              SNAPSHOT_ID,
              AS_OF_TIMESTAMP,
              VERSION_AS_OF,
              TIMESTAMP_AS_OF,
              START_SNAPSHOT_ID,
              END_SNAPSHOT_ID)) {
        if (o.has(k)) {
          throw new SourceException(
              "table "
                  + table
                  + ": option "
                  + k
                  + " cannot be used with job bookmarks, which read the snapshots committed since"
                  + " the last run (transformation context '"
                  + step
                  + "')");
        }
      }
    }
    return () -> {
      if (!range.tracked()) {
        return read(r.context(), table, read, r.pushDownPredicate(), step, r.table());
      }
      return readBookmarked(r, table, read, range, step);
    };
  }

  /**
   * A bookmarked read: on a first run the table at its current snapshot, then the rows appended by
   * the snapshots committed after the bookmark's snapshot up to the current one (Iceberg's
   * incremental append scan); the current snapshot becomes the bookmark when the job commits.
   */
  private static DynamicFrame readBookmarked(
      Connector.TableRequest r,
      String table,
      Map<String, String> read,
      Bookmarks.KeyRange range,
      String step) {
    DynaContext ctx = r.context();
    Table t = load(ctx, table, SourceException::new);
    t.refresh();
    Snapshot current = t.currentSnapshot();
    if (current == null) {
      return read(ctx, table, read, r.pushDownPredicate(), step, r.table());
    }
    long end =
        range.upTo().isPresent()
            ? Long.parseLong(range.upTo().get().values().get(0))
            : current.snapshotId();
    Map<String, String> options = new LinkedHashMap<>(read);
    boolean nothingNew = false;
    if (range.after().isPresent()) {
      long start = Long.parseLong(range.after().get().values().get(0));
      if (start == end) {
        nothingNew = true;
      } else {
        if (t.snapshot(start) == null || !SnapshotUtil.isAncestorOf(t, end, start)) {
          throw new SourceException(
              "table "
                  + table
                  + ": the bookmark's snapshot "
                  + start
                  + " is no longer in the table's history (expired or rolled back); reset the"
                  + " job bookmark to read the table again");
        }
        options.put(START_SNAPSHOT_ID, String.valueOf(start));
        options.put(END_SNAPSHOT_ID, String.valueOf(end));
      }
    } else {
      options.put(snapshotOption(ctx), String.valueOf(end));
    }
    DynamicFrame f;
    if (nothingNew) {
      f = read(ctx, table, Map.of(snapshotOption(ctx), String.valueOf(end)), "", step, r.table());
      f = f.withRows(f.toDF().where(lit(false)));
      if (!r.pushDownPredicate().isBlank()) {
        f = f.withRows(f.toDF().where(expr(r.pushDownPredicate())));
      }
    } else {
      f = read(ctx, table, options, r.pushDownPredicate(), step, r.table());
    }
    ctx.bookmarks()
        .readKeys(
            step,
            new Bookmarks.KeyState(List.of(BOOKMARK_KEY), "asc", List.of(String.valueOf(end))));
    return f;
  }

  private static DynamicFrame read(
      DynaContext ctx,
      String table,
      Map<String, String> options,
      String predicate,
      String step,
      String name) {
    Dataset<Row> df;
    try {
      df = ctx.spark().read().format("iceberg").options(options).load(table);
    } catch (RuntimeException e) {
      throw new SourceException("cannot read Iceberg table " + table + ": " + LakeIo.reason(e), e);
    }
    if (predicate != null && !predicate.isBlank()) {
      try {
        df = df.where(expr(predicate));
      } catch (RuntimeException e) {
        throw new SourceException(
            "table " + table + ": bad push-down predicate '" + predicate + "': " + e.getMessage(),
            e);
      }
    }
    return DynamicFrame.fromDF(df, ctx, LakeIo.frameName(step, name))
        .withTransformationContext(step);
  }

  /**
   * The options to read with: the time-travel options checked now against the table's snapshots,
   * and a snapshot chosen by id ({@code snapshot-id}, or {@code versionAsOf} with a number) or by
   * time ({@code as-of-timestamp}, milliseconds) given to the running Iceberg by id in the option
   * it takes (see {@link #snapshotOption}); {@code timestampAsOf} and a {@code versionAsOf} naming
   * a branch or tag go to Spark as they are.
   */
  private static Map<String, String> readOptions(
      DynaContext ctx, String table, Options o, Map<String, String> given) {
    Long snapshot = LakeIo.longOption(o, SNAPSHOT_ID, SourceException::new);
    Long asOf = LakeIo.longOption(o, AS_OF_TIMESTAMP, SourceException::new);
    Long start = LakeIo.longOption(o, START_SNAPSHOT_ID, SourceException::new);
    Long end = LakeIo.longOption(o, END_SNAPSHOT_ID, SourceException::new);
    String version = o.has(VERSION_AS_OF) ? given.get(VERSION_AS_OF).strip() : null;
    if (version != null && version.matches("\\d+")) {
      if (snapshot != null) {
        throw new SourceException(
            "table " + table + ": give either " + SNAPSHOT_ID + " or " + VERSION_AS_OF);
      }
      snapshot = Long.parseLong(version);
      version = null;
    }
    int travels =
        (snapshot != null ? 1 : 0)
            + (asOf != null ? 1 : 0)
            + (version != null ? 1 : 0)
            + (o.has(TIMESTAMP_AS_OF) ? 1 : 0);
    if (travels > 1) {
      throw new SourceException(
          "table "
              + table
              + ": give one of "
              + SNAPSHOT_ID
              + ", "
              + AS_OF_TIMESTAMP
              + ", "
              + VERSION_AS_OF
              + ", "
              + TIMESTAMP_AS_OF
              + ", not several");
    }
    if (travels > 0 && (start != null || end != null)) {
      throw new SourceException(
          "table "
              + table
              + ": a time-travel read ("
              + SNAPSHOT_ID
              + ", "
              + AS_OF_TIMESTAMP
              + ") cannot also be an incremental one ("
              + START_SNAPSHOT_ID
              + ", "
              + END_SNAPSHOT_ID
              + ")");
    }
    if (end != null && start == null) {
      throw new SourceException(
          "table " + table + ": option " + END_SNAPSHOT_ID + " needs " + START_SNAPSHOT_ID);
    }
    Map<String, String> out = new LinkedHashMap<>(given);
    if (snapshot == null && asOf == null && start == null) {
      return out;
    }
    Table t = load(ctx, table, SourceException::new);
    for (Long id : new Long[] {snapshot, start, end}) {
      if (id != null && t.snapshot(id) == null) {
        throw new SourceException(
            "table " + table + " has no snapshot " + id + "; its snapshots are " + snapshotIds(t));
      }
    }
    if (asOf != null) {
      try {
        snapshot = SnapshotUtil.snapshotIdAsOfTime(t, asOf);
      } catch (IllegalArgumentException e) {
        throw new SourceException(
            "table "
                + table
                + " has no snapshot as of "
                + AS_OF_TIMESTAMP
                + " "
                + asOf
                + " ("
                + java.time.Instant.ofEpochMilli(asOf)
                + "): "
                + e.getMessage(),
            e);
      }
    }
    out.keySet().removeAll(List.of(SNAPSHOT_ID, AS_OF_TIMESTAMP, VERSION_AS_OF));
    if (snapshot != null) {
      out.put(snapshotOption(ctx), String.valueOf(snapshot));
    }
    return out;
  }

  private static List<Long> snapshotIds(Table t) {
    List<Long> ids = new java.util.ArrayList<>();
    t.snapshots().forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  // ---------------------------------------------------------------- sinks

  static DataSink sink(Connector.Request r) {
    LakeIo.requireEnabled(r.context(), "iceberg", SinkException::new);
    String table = tableName(r.options(), SinkException::new);
    return writer(r.context(), table, r.options());
  }

  static DataSink catalogSink(Connector.TableRequest r) {
    LakeIo.requireEnabled(r.context(), "iceberg", SinkException::new);
    return writer(r.context(), qualified(r.database(), r.table()), r.additionalOptions());
  }

  private static DataSink writer(DynaContext ctx, String table, Options o) {
    String mode = o.getString("writeMode", "append").strip().toLowerCase(Locale.ROOT);
    if (!WRITE_MODES.contains(mode)) {
      throw new SinkException(
          "Iceberg table "
              + table
              + ": option writeMode is '"
              + o.getString("writeMode", "")
              + "'; it may be append, overwrite or overwritePartitions");
    }
    load(ctx, table, SinkException::new);
    Long snapshotRetention = LakeIo.longOption(o, SNAPSHOT_RETENTION_MS, SinkException::new);
    Long orphanRetention = LakeIo.longOption(o, ORPHAN_FILE_RETENTION_MS, SinkException::new);
    Long retainFrom = LakeIo.longOption(o, RETAIN_SNAPSHOT_ID, SinkException::new);
    Map<String, String> pass =
        LakeIo.passOn(
            o,
            Set.of(
                "path",
                "writeMode",
                "catalogDatabase",
                "catalogTableName",
                SNAPSHOT_RETENTION_MS,
                ORPHAN_FILE_RETENTION_MS,
                RETAIN_SNAPSHOT_ID));
    return frame -> {
      frame.assertErrorThreshold();
      DataFrameWriterV2<Row> w = frame.toDF().writeTo(table);
      pass.forEach(w::option);
      try {
        switch (mode) {
          case "overwrite":
            w.overwrite(lit(true));
            break;
          case "overwritepartitions":
            w.overwritePartitions();
            break;
          default:
            w.append();
        }
      } catch (Exception e) { // Spark throws checked exceptions undeclared
        String message = writeFailure(table, e);
        if (lostToAnotherCommit(e)) {
          // the catalog's retryable failure: another commit won; nothing of this write is in the
          // table (Iceberg removed its files)
          throw new SinkException(message, new CommitConflictException(message, e));
        }
        throw new SinkException(message, e);
      }
      if (snapshotRetention != null || orphanRetention != null) {
        cleanUp(ctx, table, snapshotRetention, orphanRetention, retainFrom);
      }
      return LakeIo.noErrors(ctx, frame);
    };
  }

  /**
   * Retention after a commit; the commit stands whatever happens here, so a failure is logged and
   * left to the next write.
   */
  private static void cleanUp(
      DynaContext ctx,
      String table,
      Long snapshotRetention,
      Long orphanRetention,
      Long retainFrom) {
    try {
      Table t = load(ctx, table, SinkException::new);
      IcebergRetention.clean(
          t,
          ctx.spark().sparkContext().hadoopConfiguration(),
          snapshotRetention,
          orphanRetention,
          retainFrom,
          System.currentTimeMillis());
    } catch (java.io.IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(IcebergIo.class)
          .warn(
              "retention of Iceberg table {} failed after its commit (the commit stands; the next"
                  + " write tries again): {}",
              table,
              e.toString());
    }
  }

  /** True when a write failed because another commit changed the table first (retryable). */
  private static boolean lostToAnotherCommit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitFailedException) {
        return true;
      }
    }
    return false;
  }

  private static String writeFailure(String table, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitFailedException) {
        return "writing Iceberg table "
            + table
            + " failed: another commit changed the table first and retries ran out; nothing of"
            + " this write was committed, so it can be retried ("
            + t.getMessage()
            + ")";
      }
    }
    return "writing Iceberg table " + table + " failed: " + LakeIo.reason(e);
  }

  // ---------------------------------------------------------------- names

  /** {@code glue_catalog.<database>.<table>}. */
  static String qualified(String database, String table) {
    return Formats.ICEBERG_CATALOG + "." + database + "." + table;
  }

  /**
   * The table of a {@code path} option: {@code glue_catalog.db.table} or {@code db.table} (in
   * {@code glue_catalog}).
   */
  private static String tableName(
      Options o, java.util.function.Function<String, ? extends RuntimeException> error) {
    String path = o.getString("path", "").strip();
    if (path.isEmpty()) {
      throw error.apply(
          "an iceberg source or sink needs option path: the table, as"
              + " glue_catalog.<database>.<table>");
    }
    String[] parts = path.split("\\.");
    if (path.contains("/") || path.contains(":") || parts.length < 2 || parts.length > 3) {
      throw error.apply(
          "option path of an iceberg source or sink names a table of "
              + Formats.ICEBERG_CATALOG
              + " (glue_catalog.<database>.<table>), got '"
              + path
              + "'");
    }
    if (parts.length == 3 && !parts[0].equals(Formats.ICEBERG_CATALOG)) {
      throw error.apply(
          "option path names catalog '"
              + parts[0]
              + "'; Iceberg tables are in "
              + Formats.ICEBERG_CATALOG);
    }
    return parts.length == 3 ? path : Formats.ICEBERG_CATALOG + "." + path;
  }

  static Table load(
      DynaContext ctx,
      String table,
      java.util.function.Function<String, ? extends RuntimeException> error) {
    try {
      return Spark3Util.loadIcebergTable(ctx.spark(), table);
    } catch (Exception e) { // ParseException, NoSuchTableException (checked)
      throw error.apply("Iceberg table " + table + " cannot be loaded: " + LakeIo.reason(e));
    }
  }
}
