package io.dynaframe.job;

import com.google.common.base.Preconditions;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogException;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.CommitConflictException;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.NoSuchTableException;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.internal.PublishJournal;
import io.dynaframe.job.internal.PublishedVersions;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a frame as a catalog table without ever updating an object: the run writes a new
 * version folder, {@code LOAD/<db>/<table>/v-<runId>/} (not a {@code key=value} name, so reading
 * the table folder directly fails loudly instead of mixing versions), and only when every file is
 * in place switches the catalog to it: the table's location in one update for an unpartitioned
 * table, each written partition's location for a partitioned one (partitions the run did not write
 * keep theirs). Readers that go through the catalog see the old version or the new one, never a
 * partial write. A crash at any point leaves the published version intact.
 *
 * <p>Each publish also cleans up: version folders that were never published (orphans of crashed or
 * failed runs) once they are older than the orphan grace period, and published versions that
 * nothing references any more once they are older than the retention period (Glue's {@code
 * purge_s3_path} default, 168 hours).
 *
 * <pre>{@code
 * Publisher.of(job).publish(orders, TableIdentifier.of("sales", "orders"), "parquet", List.of("region"));
 * }</pre>
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** The table parameter listing the versions this publisher made current, newest last. */
  public static final String VERSIONS_PARAMETER = "dynaframe.versions";

  /** A version folder's name: this prefix and the run id. */
  public static final String VERSION_PREFIX = "v-";

  /** What a publish does with the data already published. */
  public enum Mode {
    /** The new version replaces the table (unpartitioned) or the partitions the run wrote. */
    OVERWRITE,
    /**
     * The new version holds the published data plus the run's records: the current files of the
     * table (or of each partition the run wrote) are copied into the new version folder before the
     * switch. For incremental loads with bookmarks.
     */
    APPEND
  }

  private final DynaContext ctx;
  private final Catalog catalog;
  private final Lake lake;
  private final Duration retention;
  private final Duration orphanGrace;
  private final PublishFaults faults;

  /** The run whose publishes this publisher journals (null outside a job). */
  private final Job job;

  private Publisher(
      Job job,
      DynaContext ctx,
      Catalog catalog,
      Lake lake,
      Duration retention,
      Duration orphanGrace,
      PublishFaults faults) {
    this.job = job;
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.lake = Objects.requireNonNull(lake, "lake");
    this.retention = retention;
    this.orphanGrace = orphanGrace;
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /**
   * A publisher for a job's run: it publishes into the catalog of the run's context ({@code
   * job.context().catalog()}) and the job's lake, and names each version after the run id.
   * Retention 168 hours, orphan grace period one hour.
   *
   * <p>Its publishes belong to the run: until the job commits, each can be undone. A run that
   * fails, is closed without commit, or dies is rolled back (by itself, or by the next attempt
   * before it reads anything), so a rerun that reads the same input never publishes a record twice.
   */
  public static Publisher of(Job job) {
    Objects.requireNonNull(job, "job");
    return new Publisher(
        job,
        job.context(),
        job.context().catalog(),
        job.lake(),
        Duration.ofHours(168),
        Duration.ofHours(1),
        PublishFaults.NONE);
  }

  /**
   * A publisher into a catalog and a lake of your choice, with a retention of 168 hours and an
   * orphan grace period of one hour: for publishing outside a {@link Job}, or from a job into
   * another catalog or lake than its own (a second catalog that readers elsewhere use, a staging
   * lake). Within a job, {@link #of(Job)} says the same with less. Versions are named after {@code
   * ctx}'s run id.
   */
  public static Publisher of(DynaContext ctx, Catalog catalog, Lake lake) {
    return new Publisher(
        null, ctx, catalog, lake, Duration.ofHours(168), Duration.ofHours(1), PublishFaults.NONE);
  }

  /** How long a replaced version is kept for readers that started before the switch. */
  public Publisher withRetention(Duration value) {
    Preconditions.checkArgument(!value.isNegative(), "retention must not be negative");
    return new Publisher(job, ctx, catalog, lake, value, orphanGrace, faults);
  }

  /**
   * How old a never-published version folder must be before it is removed; keep it longer than the
   * longest write of any job that publishes to the same table.
   */
  public Publisher withOrphanGrace(Duration value) {
    Preconditions.checkArgument(!value.isNegative(), "orphan grace must not be negative");
    return new Publisher(job, ctx, catalog, lake, retention, value, faults);
  }

  /**
   * This publisher with faults injected at the points {@link PublishFaults} names; for tests of
   * this package.
   */
  Publisher withFaults(PublishFaults value) {
    return new Publisher(job, ctx, catalog, lake, retention, orphanGrace, value);
  }

  /**
   * Writes the frame as a new version of the table and switches the catalog to it; creates the
   * database and the table when absent.
   *
   * @param format parquet, orc, avro, json or csv; or iceberg: one Iceberg commit into {@code
   *     glue_catalog} (see {@code dynaframe-lakeformats})
   * @param partitionKeys the table's partition keys, in order (empty for none)
   * @throws PublishException before anything is written when the frame does not fit the table, or
   *     when the catalog switch fails (nothing of this run is then visible)
   */
  public Publication publish(
      DynamicFrame frame, TableIdentifier table, String format, List<String> partitionKeys) {
    return publish(frame, table, format, partitionKeys, Mode.OVERWRITE);
  }

  /**
   * Writes the frame as a new version of the table, in the given mode, and switches the catalog to
   * it; see {@link #publish(DynamicFrame, TableIdentifier, String, List)}.
   */
  public Publication publish(
      DynamicFrame frame,
      TableIdentifier table,
      String format,
      List<String> partitionKeys,
      Mode mode) {
    Lake.name(table.database().name());
    Lake.name(table.name());
    if (ICEBERG.equalsIgnoreCase(format)) {
      return publishIceberg(frame, table, partitionKeys, mode);
    }
    String tablePath = lake.tablePath(table.database().name(), table.name());
    String version = ctx.runId();
    String location = tablePath + "/" + VERSION_PREFIX + version;
    StructType schema = frame.schema();
    TableDefinition existing = existing(table);
    if (schema.fields().isEmpty()) {
      LOG.info("nothing to publish to {}: the frame has no fields (no new input)", table);
      return new Publication(
          table,
          version,
          existing == null ? null : existing.location().orElse(null),
          List.of(),
          List.of());
    }
    TableDefinition target = definition(table, schema, format, partitionKeys, existing, location);

    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    DynamicFrame toWrite = faults.whileWriting(frame, table, version);
    ctx.getSinkWithFormat(
            "s3",
            Options.of("path", location, "partitionKeys", partitionKeys),
            table.name(),
            format,
            Options.empty())
        .writeDynamicFrame(toWrite);

    List<List<String>> written =
        partitionKeys.isEmpty()
            ? List.of()
            : writtenPartitions(conf, location, partitionKeys.size());
    if (mode == Mode.APPEND && existing != null) {
      carryOver(conf, table, existing, location, partitionKeys, written);
    }
    PublishedVersions history =
        PublishedVersions.parse(
                existing == null ? null : existing.parameters().get(VERSIONS_PARAMETER))
            .plus(version, System.currentTimeMillis());
    TableDefinition switched =
        target.toBuilder().parameter(VERSIONS_PARAMETER, history.format()).build();
    boolean tableSwitched = false;
    faults.beforeSwitch(table, version);
    if (job != null) {
      job.journal(journalEntry(table, existing, location, written));
    }
    try {
      if (existing == null) {
        ensureDatabase(table.database());
        catalog.createTable(switched);
      } else {
        catalog.updateTable(switched);
      }
      tableSwitched = true;
      faults.afterTableSwitch(table, version);
      switchPartitions(table, version, location, partitionKeys, written);
    } catch (CommitConflictException e) {
      throw new PublishException(
          "table "
              + table
              + " changed while run "
              + version
              + " was writing; nothing of this run "
              + "was published, rerun the job: "
              + e.getMessage(),
          e);
    } catch (AlreadyExistsException e) {
      if (tableSwitched) {
        throw e;
      }
      throw new PublishException(
          "table "
              + table
              + " was created by another run while run "
              + version
              + " was writing; nothing of this run was published, rerun the job: "
              + e.getMessage(),
          e);
    } catch (CatalogException e) {
      throw new PublishException(
          "the catalog failed to switch table "
              + table
              + " to version "
              + version
              + " ("
              + location
              + "): "
              + e.getMessage()
              + (tableSwitched
                  ? "; the table now points at the new version but some of its partitions may still"
                      + " point at older ones, rerun the job to switch them all"
                  : "; nothing of this run was published, readers still see the previous version;"
                      + " rerun the job"),
          e);
    }
    LOG.info(
        "published {} version {} at {} ({} partitions)", table, version, location, written.size());
    List<String> removed = cleanUp(conf, table, tablePath, history, version, replacedByThisRun());
    return new Publication(table, version, location, written, removed);
  }

  private static final String ICEBERG = "iceberg";

  /**
   * A publish to an Iceberg table of {@code glue_catalog} (needs {@code dynaframe-lakeformats} and
   * a session made with {@code --datalake-formats iceberg}): one Iceberg commit, so readers see the
   * table before it or after it, all partitions at once. The table is made when absent ({@code
   * CREATE TABLE ... USING iceberg PARTITIONED BY} the keys, in the database's lake folder); {@link
   * Mode#OVERWRITE} replaces the partitions the frame holds (the whole table when it has no
   * partition keys), {@link Mode#APPEND} adds the frame. After the commit, snapshots older than the
   * retention period are expired (the new one always stays, and so does, within a job's run, the
   * snapshot the run started from, which its rollback goes back to) and files under the table's
   * location that no snapshot references and that are older than the retention period (and than the
   * orphan grace period) are removed. A job's run that does not commit rolls the table back to the
   * snapshot before its publishes (the commit is tagged with the run id in the snapshot's summary,
   * {@value #RUN_ID_PROPERTY}).
   */
  private Publication publishIceberg(
      DynamicFrame frame, TableIdentifier table, List<String> partitionKeys, Mode mode) {
    String version = ctx.runId();
    if (frame.schema().fields().isEmpty()) {
      LOG.info("nothing to publish to {}: the frame has no fields (no new input)", table);
      TableDefinition existing = existing(table);
      return new Publication(
          table,
          version,
          existing == null ? null : existing.location().orElse(null),
          List.of(),
          List.of());
    }
    String name = icebergName(table);
    TableDefinition existing = existing(table);
    Long before = null;
    if (existing != null
        && !ICEBERG.equalsIgnoreCase(existing.parameters().getOrDefault("table_type", ""))) {
      throw new PublishException(
          "table " + table + " exists and is not an Iceberg table (no table_type=ICEBERG)");
    }
    Long retainFrom = null;
    if (job != null) {
      if (existing != null) {
        before = currentSnapshot(ctx, name);
      }
      PublishJournal e = new PublishJournal();
      e.database = table.database().name();
      e.table = table.name();
      e.format = ICEBERG;
      e.runId = version;
      e.created = existing == null;
      e.snapshotBefore = before;
      job.journal(e);
      // the snapshot this run started from stays until the run commits: its rollback goes back to
      // it
      for (PublishJournal earlier : job.journal()) {
        if (ICEBERG.equals(earlier.format)
            && earlier.database.equals(e.database)
            && earlier.table.equals(e.table)) {
          retainFrom = earlier.snapshotBefore;
          break;
        }
      }
    }
    if (existing == null) {
      ensureDatabase(table.database());
      StringBuilder ddl =
          new StringBuilder("CREATE TABLE ")
              .append(name)
              .append(" (")
              .append(frame.toDF().schema().toDDL())
              .append(") USING iceberg");
      if (!partitionKeys.isEmpty()) {
        List<String> quoted = new ArrayList<>();
        partitionKeys.forEach(k -> quoted.add(quoteId(k)));
        ddl.append(" PARTITIONED BY (").append(String.join(", ", quoted)).append(")");
      }
      try {
        ctx.spark().sql(ddl.toString());
      } catch (Exception e) { // Spark's AnalysisException (table exists) is a checked one
        TableDefinition made = existing(table);
        if (made != null
            && ICEBERG.equalsIgnoreCase(made.parameters().getOrDefault("table_type", ""))) {
          // a concurrent publish created it first: write into it (an Iceberg commit of its own)
          // (a rollback of this run drops it only if no other run's snapshot is in it)
          LOG.info("Iceberg table {} was created by a concurrent publish; writing into it", table);
        } else {
          throw new PublishException(
              "cannot create Iceberg table "
                  + table
                  + " (format iceberg needs dynaframe-lakeformats and a session made with"
                  + " --datalake-formats iceberg): "
                  + e.getMessage(),
              e);
        }
      }
      existing = existing(table);
    }
    String writeMode =
        mode == Mode.APPEND
            ? "append"
            : partitionKeys.isEmpty() ? "overwrite" : "overwritePartitions";
    try {
      ctx.writeDynamicFrameFromCatalog(
          frame,
          table.database().name(),
          table.name(),
          table.name(),
          Options.of(
                  "writeMode",
                  writeMode,
                  "snapshot-property." + RUN_ID_PROPERTY,
                  version,
                  "snapshotRetentionMs",
                  retention.toMillis(),
                  "orphanFileRetentionMs",
                  Math.max(retention.toMillis(), orphanGrace.toMillis()))
              .withAll(
                  retainFrom == null
                      ? Options.empty()
                      : Options.of("retainSnapshotId", retainFrom)));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CommitConflictException) {
          throw new PublishException(
              "table "
                  + table
                  + " changed while run "
                  + version
                  + " was publishing (another commit won, and Iceberg's retries ran out); nothing"
                  + " of this run was published, rerun the job: "
                  + e.getMessage(),
              e);
        }
      }
      throw new PublishException("publishing " + table + " failed: " + e.getMessage(), e);
    }
    return new Publication(
        table,
        version,
        existing == null ? null : existing.location().orElse(null),
        List.of(),
        List.of());
  }

  /** The snapshot summary property naming the run whose publish made the snapshot. */
  public static final String RUN_ID_PROPERTY = "dynaframe.run-id";

  private static String icebergName(TableIdentifier table) {
    return "glue_catalog." + quoteId(table.database().name()) + "." + quoteId(table.name());
  }

  /** The Iceberg table's current snapshot (its main branch), or null when it has none. */
  private static Long currentSnapshot(DynaContext ctx, String name) {
    List<org.apache.spark.sql.Row> rows =
        ctx.spark()
            .sql("SELECT snapshot_id FROM " + name + ".refs WHERE name = 'main'")
            .collectAsList();
    return rows.isEmpty() || rows.get(0).isNullAt(0) ? null : rows.get(0).getLong(0);
  }

  /**
   * Undoes an Iceberg publish of a run: when the table's current snapshot was committed by the run,
   * the table is rolled back (Iceberg's {@code rollback_to_snapshot}) to the newest ancestor the
   * run did not commit; a table the run created and nothing else committed to is dropped. A table
   * another run committed to since is left as it is.
   */
  private static void rollBackIceberg(DynaContext ctx, Catalog catalog, PublishJournal e) {
    TableIdentifier id = TableIdentifier.of(e.database, e.table);
    if (!catalog.tableExists(id)) {
      LOG.warn("rollback: Iceberg table {} is gone; nothing to roll back", id);
      return;
    }
    String name = icebergName(id);
    Long current = currentSnapshot(ctx, name);
    if (current == null) {
      if (e.created) {
        catalog.dropTable(id);
        LOG.warn("rolled back the publish of {} by run {}: dropped the table it made", id, e.runId);
      }
      return;
    }
    Map<Long, Long> parents = new java.util.HashMap<>();
    Map<Long, String> runs = new java.util.HashMap<>();
    for (org.apache.spark.sql.Row r :
        ctx.spark()
            .sql(
                "SELECT snapshot_id, parent_id, summary['"
                    + RUN_ID_PROPERTY
                    + "'] FROM "
                    + name
                    + ".snapshots")
            .collectAsList()) {
      parents.put(r.getLong(0), r.isNullAt(1) ? null : r.getLong(1));
      runs.put(r.getLong(0), r.isNullAt(2) ? null : r.getString(2));
    }
    if (!Objects.equals(e.runId, runs.get(current))) {
      LOG.info(
          "rollback: Iceberg table {} is at snapshot {}, not one of run {}; left as it is",
          id,
          current,
          e.runId);
      return;
    }
    Long target = current;
    while (target != null && Objects.equals(e.runId, runs.get(target))) {
      target = parents.get(target);
    }
    if (target == null) {
      if (e.created) {
        catalog.dropTable(id);
        LOG.warn("rolled back the publish of {} by run {}: dropped the table it made", id, e.runId);
      } else {
        LOG.warn(
            "rollback: Iceberg table {} had no snapshot before run {}; left as it is", id, e.runId);
      }
      return;
    }
    if (!runs.containsKey(target)) {
      LOG.warn(
          "rollback: the snapshot {} of Iceberg table {} before run {} is expired; left as it is",
          target,
          id,
          e.runId);
      return;
    }
    ctx.spark()
        .sql(
            "CALL glue_catalog.system.rollback_to_snapshot('"
                + (quoteId(e.database) + "." + quoteId(e.table)).replace("'", "\\'")
                + "', "
                + target
                + ")")
        .collectAsList();
    LOG.warn(
        "rolled back the publish of {} by run {}: the table is back at snapshot {}",
        id,
        e.runId,
        target);
  }

  /** A Spark SQL identifier, back-quoted. */
  private static String quoteId(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private TableDefinition existing(TableIdentifier table) {
    try {
      return catalog.getTable(table);
    } catch (NoSuchTableException | io.dynaframe.catalog.NoSuchDatabaseException e) {
      return null;
    }
  }

  private static TableDefinition definition(
      TableIdentifier table,
      StructType schema,
      String format,
      List<String> partitionKeys,
      TableDefinition existing,
      String location) {
    List<Field> data = new ArrayList<>();
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field f : schema.fields()) {
      if (f.type().isChoice() || f.type().containsChoice()) {
        throw new PublishException(
            "field '"
                + f.name()
                + "' of frame is a choice ("
                + f.type()
                + "); resolve it with "
                + "ResolveChoice before publishing table "
                + table);
      }
      byName.put(f.name(), f);
    }
    for (String k : partitionKeys) {
      if (!byName.containsKey(k)) {
        throw new PublishException(
            "partition key '"
                + k
                + "' is not a field of the frame; its fields are "
                + byName.keySet());
      }
    }
    if (existing != null && !existing.partitionKeyNames().equals(partitionKeys)) {
      throw new PublishException(
          "table "
              + table
              + " is partitioned by "
              + existing.partitionKeyNames()
              + " but the frame is published with partition keys "
              + partitionKeys
              + "; they must match in order");
    }
    for (Field f : schema.fields()) {
      if (!partitionKeys.contains(f.name())) {
        data.add(f);
      }
    }
    TableDefinition.Builder b =
        existing != null ? existing.toBuilder() : TableDefinition.builder(table);
    b.columns(Types.struct(data))
        .format(StorageFormat.forClassification(format))
        .classification(format)
        .location(location);
    if (existing == null) {
      for (String k : partitionKeys) {
        b.partitionKey(k, Types.STRING.hiveType());
      }
    }
    return b.build();
  }

  private void ensureDatabase(DatabaseName db) {
    if (!catalog.databaseExists(db)) {
      try {
        catalog.createDatabase(Database.of(db).withLocation(lake.load() + "/" + db.name()));
      } catch (io.dynaframe.catalog.AlreadyExistsException e) {
        // created by a concurrent publish: fine
      }
    }
  }

  private void switchPartitions(
      TableIdentifier table,
      String version,
      String location,
      List<String> keys,
      List<List<String>> written) {
    List<Partition> partitions = new ArrayList<>();
    for (List<String> values : written) {
      partitions.add(
          Partition.of(values, location + "/" + PublishedVersions.partitionPath(keys, values)));
    }
    List<List<String>> existed = catalog.createPartitions(table, partitions);
    faults.afterPartitionsCreated(table, version);
    for (Partition p : partitions) {
      if (existed.contains(p.values())) {
        catalog.updatePartition(table, p);
      }
    }
  }

  /**
   * Copies the published files the new version must keep into its folder (never moving or changing
   * them).
   */
  private void carryOver(
      Configuration conf,
      TableIdentifier table,
      TableDefinition existing,
      String location,
      List<String> keys,
      List<List<String>> written) {
    try {
      if (keys.isEmpty()) {
        if (existing.location().isPresent()) {
          copyFiles(conf, new Path(existing.location().get()), new Path(location));
        }
        return;
      }
      for (List<String> values : written) {
        try {
          Partition current = catalog.getPartition(table, values);
          if (current.location().isPresent()) {
            copyFiles(
                conf,
                new Path(current.location().get()),
                new Path(location + "/" + PublishedVersions.partitionPath(keys, values)));
          }
        } catch (io.dynaframe.catalog.NoSuchPartitionException e) {
          // a new partition: nothing to carry over
        }
      }
    } catch (IOException e) {
      throw new PublishException(
          "cannot copy the published files of " + table + " into the new version " + location, e);
    }
  }

  private static void copyFiles(Configuration conf, Path from, Path to) throws IOException {
    FileSystem src = from.getFileSystem(conf);
    FileSystem dst = to.getFileSystem(conf);
    if (!src.exists(from)) {
      return;
    }
    dst.mkdirs(to);
    for (FileStatus st : src.listStatus(from)) {
      String n = st.getPath().getName();
      if (st.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
        org.apache.hadoop.fs.FileUtil.copy(
            src, st.getPath(), dst, new Path(to, n), false, false, conf);
      }
    }
  }

  private static List<List<String>> writtenPartitions(
      Configuration conf, String location, int depth) {
    List<List<String>> out = new ArrayList<>();
    try {
      Path root = new Path(location);
      collect(root.getFileSystem(conf), root, depth, new ArrayList<>(), out);
    } catch (IOException e) {
      throw new PublishException("cannot list the partitions written under " + location, e);
    }
    return out;
  }

  private static void collect(
      FileSystem fs, Path dir, int depth, List<String> prefix, List<List<String>> out)
      throws IOException {
    if (prefix.size() == depth) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      int eq = n.indexOf('=');
      if (st.isDirectory() && eq > 0 && !n.startsWith("_") && !n.startsWith(".")) {
        List<String> next = new ArrayList<>(prefix);
        next.add(PublishedVersions.unescape(n.substring(eq + 1)));
        collect(fs, st.getPath(), depth, next, out);
      }
    }
  }

  /** Removes orphans past the grace period and unreferenced published versions past retention. */
  private List<String> cleanUp(
      Configuration conf,
      TableIdentifier table,
      String tablePath,
      PublishedVersions history,
      String current,
      List<String> keep) {
    List<String> removed = new ArrayList<>();
    try {
      Path root = new Path(tablePath);
      FileSystem fs = root.getFileSystem(conf);
      Set<String> referenced = PublishedVersions.referenced(catalog, table, VERSION_PREFIX);
      long now = System.currentTimeMillis();
      for (FileStatus st : fs.listStatus(root)) {
        String n = st.getPath().getName();
        if (!st.isDirectory() || !n.startsWith(VERSION_PREFIX)) {
          continue;
        }
        String v = n.substring(VERSION_PREFIX.length());
        String folder = pathOf(st.getPath().toString());
        if (v.equals(current)
            || referenced.contains(v)
            || keep.stream().anyMatch(k -> k.equals(folder) || k.startsWith(folder + "/"))) {
          continue;
        }
        Long publishedAt = history.publishedAt(v);
        boolean orphan =
            publishedAt == null && now - st.getModificationTime() >= orphanGrace.toMillis();
        boolean expired = publishedAt != null && now - publishedAt >= retention.toMillis();
        if (orphan || expired) {
          fs.delete(st.getPath(), true);
          removed.add(v);
          faults.duringCleanup(table, v);
          LOG.info("removed {} version {} of {}", orphan ? "orphaned" : "expired", v, table);
        }
      }
    } catch (IOException e) {
      LOG.warn(
          "cleanup of old versions of {} failed; the next publish tries again: {}",
          table,
          e.toString());
    }
    return removed;
  }

  /**
   * The table's definition and the locations of the partitions this publish switches, as they are
   * before the switch: the journal entry that undoes the publish.
   */
  private PublishJournal journalEntry(
      TableIdentifier table,
      TableDefinition existing,
      String location,
      List<List<String>> written) {
    PublishJournal e = new PublishJournal();
    e.database = table.database().name();
    e.table = table.name();
    e.newLocation = location;
    e.created = existing == null;
    if (existing != null) {
      e.location = existing.location().orElse(null);
      e.parameters.putAll(existing.parameters());
      for (Column c : existing.columns()) {
        PublishJournal.ColumnEntry ce = new PublishJournal.ColumnEntry();
        ce.name = c.name();
        ce.type = c.type();
        ce.comment = c.comment().orElse(null);
        e.columns.add(ce);
      }
    }
    // the partitions as they are now; a partition the publish creates has none (location null)
    Map<List<String>, Partition> current = new LinkedHashMap<>();
    if (existing != null && !written.isEmpty()) {
      for (Partition p : catalog.listAllPartitions(table, null)) {
        current.put(p.values(), p);
      }
    }
    for (List<String> values : written) {
      PublishJournal.PartitionEntry pe = new PublishJournal.PartitionEntry();
      pe.values.addAll(values);
      Partition before = current.get(values);
      if (before != null) {
        pe.location = before.location().orElse(null);
        pe.parameters.putAll(before.parameters());
      }
      e.partitions.add(pe);
    }
    return e;
  }

  /** The folders the run's publishes switched away from: kept until the run commits. */
  private List<String> replacedByThisRun() {
    if (job == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (PublishJournal e : job.journal()) {
      if (e.location != null) {
        out.add(pathOf(e.location));
      }
      for (PublishJournal.PartitionEntry p : e.partitions) {
        if (p.location != null) {
          out.add(pathOf(p.location));
        }
      }
    }
    return out;
  }

  /**
   * Undoes publishes from their journal entries, newest first: every partition and table that still
   * points into a publish's version folder is switched back to what it pointed at before
   * (partitions the publish created are dropped, a table it created is dropped); an Iceberg table
   * goes back to its snapshot before the run. What another run has switched or committed since is
   * left alone.
   */
  static void rollBack(DynaContext ctx, Catalog catalog, List<PublishJournal> entries) {
    List<PublishJournal> newestFirst = new ArrayList<>(entries);
    java.util.Collections.reverse(newestFirst);
    for (PublishJournal e : newestFirst) {
      if (ICEBERG.equals(e.format)) {
        rollBackIceberg(ctx, catalog, e);
        continue;
      }
      TableIdentifier id = TableIdentifier.of(e.database, e.table);
      TableDefinition current = null;
      try {
        current = catalog.getTable(id);
      } catch (NoSuchTableException | io.dynaframe.catalog.NoSuchDatabaseException gone) {
        LOG.warn("rollback: table {} is gone; nothing to switch back", id);
        continue;
      }
      String ours = pathOf(e.newLocation);
      for (PublishJournal.PartitionEntry pe : e.partitions) {
        Partition now;
        try {
          now = catalog.getPartition(id, pe.values);
        } catch (io.dynaframe.catalog.NoSuchPartitionException absent) {
          continue;
        }
        if (now.location().isEmpty() || !pathOf(now.location().get()).startsWith(ours + "/")) {
          continue;
        }
        if (pe.location == null) {
          catalog.dropPartition(id, pe.values);
        } else {
          catalog.updatePartition(
              id, Partition.of(pe.values, pe.location).withParameters(pe.parameters));
        }
      }
      if (!current.location().map(l -> pathOf(l).equals(ours)).orElse(false)) {
        LOG.info("rollback: table {} no longer points at {}; left as it is", id, e.newLocation);
        continue;
      }
      if (e.created) {
        catalog.dropTable(id);
      } else {
        List<Column> columns = new ArrayList<>();
        for (PublishJournal.ColumnEntry c : e.columns) {
          Column col = Column.of(c.name, c.type);
          columns.add(c.comment == null ? col : col.withComment(c.comment));
        }
        TableDefinition.Builder b = current.toBuilder().columns(columns).parameters(e.parameters);
        if (e.location != null) {
          b.location(e.location);
        }
        catalog.updateTable(b.build());
      }
      LOG.warn("rolled back the publish of {} at {}", id, e.newLocation);
    }
  }

  /**
   * The path of a location without scheme, authority or trailing slash: catalogs give back {@code
   * file:/x} for {@code file:///x}.
   */
  private static String pathOf(String location) {
    String p = new Path(location).toUri().getPath();
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
