package io.dynaframe;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.internal.PartitionPredicates;
import io.dynaframe.types.SparkTypes;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Glue's storage utilities on any Hadoop file system: {@code purge_s3_path}, {@code purge_table},
 * {@code transition_s3_path} and {@code transition_table}, with the options {@code
 * retentionPeriod}, {@code partitionPredicate}, {@code excludeStorageClasses} and {@code
 * manifestFilePath} (Success.csv and Failed.csv).
 */
final class StoredFiles {
  private StoredFiles() {}

  /** Amazon S3's storage classes, as the S3 API spells them. */
  static final Set<String> STORAGE_CLASSES =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "STANDARD",
                  "REDUCED_REDUNDANCY",
                  "STANDARD_IA",
                  "ONEZONE_IA",
                  "INTELLIGENT_TIERING",
                  "GLACIER",
                  "DEEP_ARCHIVE",
                  "OUTPOSTS",
                  "GLACIER_IR",
                  "SNOW",
                  "EXPRESS_ONEZONE")));

  private static final Set<String> PURGE_OPTIONS =
      Set.of("retentionPeriod", "partitionPredicate", "excludeStorageClasses", "manifestFilePath");

  private static final Set<String> TRANSITION_OPTIONS =
      Set.of(
          "retentionPeriod",
          "partitionPredicate",
          "excludeStorageClasses",
          "manifestFilePath",
          "accountId",
          "roleArn");

  /** Glue's default retention: 168 hours (7 days). */
  static final double DEFAULT_RETENTION_HOURS = 168;

  /** S3A's extended attribute that carries an object's storage class header. */
  private static final String STORAGE_CLASS_XATTR = "header.x-amz-storage-class";

  /** The options of one call, read and checked. */
  private record Settings(
      String call,
      long retentionMillis,
      String partitionPredicate,
      Set<String> excludeStorageClasses,
      String manifestFilePath) {}

  private static Settings settings(String call, Options options, Set<String> known) {
    Options o = options == null ? Options.empty() : options;
    o.checkKnown(known, "option of " + call, StorageException::new);
    double hours;
    try {
      hours = o.getDouble("retentionPeriod", DEFAULT_RETENTION_HOURS);
    } catch (IllegalArgumentException e) {
      throw new StorageException(call + ": " + e.getMessage() + " (a number of hours)");
    }
    if (!(hours >= 0) || Double.isInfinite(hours)) {
      throw new StorageException(
          call
              + ": option retentionPeriod must be a number of hours, 0 or more, was "
              + o.get("retentionPeriod").orElse(""));
    }
    Set<String> excluded = new LinkedHashSet<>();
    List<String> given;
    try {
      given = o.getStringList("excludeStorageClasses");
    } catch (IllegalArgumentException e) {
      throw new StorageException(call + ": " + e.getMessage());
    }
    for (String c : given) {
      String upper = c.trim().toUpperCase(Locale.ROOT);
      if (!STORAGE_CLASSES.contains(upper)) {
        throw new StorageException(
            call
                + ": option excludeStorageClasses names '"
                + c
                + "', which is not an Amazon S3 storage class; the classes are "
                + STORAGE_CLASSES);
      }
      excluded.add(upper);
    }
    String manifest = o.getString("manifestFilePath", "").trim();
    return new Settings(
        call,
        (long) (hours * 3_600_000d),
        o.getString("partitionPredicate", "").trim(),
        excluded,
        manifest);
  }

  // ---------------------------------------------------------------- purge

  static void purgeS3Path(
      DynaContext ctx, String s3Path, Options options, String transformationContext) {
    Settings s = settings("purge_s3_path", options, PURGE_OPTIONS);
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    Root root = root(s.call(), s3Path, conf);
    List<FileStatus> files = listFiles(s.call(), root, true);
    if (!s.partitionPredicate().isEmpty()) {
      files = byFolderPredicate(ctx, s, root, files);
    }
    Outcome outcome = new Outcome();
    delete(s, root, files, outcome);
    writeManifest(s, conf, transformationContext, outcome);
  }

  static void purgeTable(
      DynaContext ctx,
      String database,
      String tableName,
      Options options,
      String transformationContext) {
    Settings s = settings("purge_table", options, PURGE_OPTIONS);
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    Catalog catalog = ctx.catalog();
    TableIdentifier id = TableIdentifier.of(database, tableName);
    TableDefinition t = catalog.getTable(id);
    Outcome outcome = new Outcome();
    if (t.partitionKeys().isEmpty()) {
      if (!s.partitionPredicate().isEmpty()) {
        throw new StorageException(
            "purge_table: table "
                + id
                + " is not partitioned, so it takes no partitionPredicate ('"
                + s.partitionPredicate()
                + "')");
      }
      Root root = root(s.call(), tableLocation(t), conf);
      delete(s, root, listFiles(s.call(), root, false), outcome);
    } else {
      List<Partition> selected = selectPartitions(ctx, s, t, catalog);
      List<List<String>> emptied = new ArrayList<>();
      for (Partition p : selected) {
        String location = p.location().orElseGet(() -> defaultLocation(t, p));
        Root root = root(s.call(), location, conf);
        List<FileStatus> files = listFiles(s.call(), root, false);
        int failedBefore = outcome.failed.size();
        int deleted = delete(s, root, files, outcome);
        boolean noFailure = outcome.failed.size() == failedBefore;
        if (noFailure && deleted == files.size()) {
          emptied.add(p.values());
        }
      }
      if (!emptied.isEmpty()) {
        catalog.dropPartitions(id, emptied);
      }
    }
    writeManifest(s, conf, transformationContext, outcome);
  }

  private static List<Partition> selectPartitions(
      DynaContext ctx, Settings s, TableDefinition t, Catalog catalog) {
    List<Partition> partitions = catalog.listAllPartitions(t.identifier(), null);
    if (s.partitionPredicate().isEmpty() || partitions.isEmpty()) {
      return partitions;
    }
    List<DataType> types = new ArrayList<>();
    for (Column k : t.partitionKeys()) {
      types.add(SparkTypes.toSpark(k.dataType()));
    }
    List<List<String>> values = new ArrayList<>();
    for (Partition p : partitions) {
      List<String> v = new ArrayList<>();
      for (String value : p.values()) {
        v.add(Partition.NULL_VALUE.equals(value) ? null : value);
      }
      values.add(v);
    }
    List<Integer> kept =
        evaluate(ctx, s, t.partitionKeyNames(), types, values, "table " + t.identifier());
    List<Partition> out = new ArrayList<>();
    for (int i : kept) {
      out.add(partitions.get(i));
    }
    return out;
  }

  /** Keeps the files whose {@code key=value} folders below the root pass the predicate. */
  private static List<FileStatus> byFolderPredicate(
      DynaContext ctx, Settings s, Root root, List<FileStatus> files) {
    List<Map<String, String>> perFile = new ArrayList<>();
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    String base = root.qualified.toString();
    for (FileStatus f : files) {
      String full = f.getPath().toString();
      String rel = full.startsWith(base) ? full.substring(base.length()) : f.getPath().getName();
      String[] parts = rel.split("/");
      Map<String, String> kv = new LinkedHashMap<>();
      for (int i = 0; i < parts.length - 1; i++) { // the last part is the file's name
        int eq = parts[i].indexOf('=');
        if (eq > 0) {
          String key = ExternalCatalogUtils.unescapePathName(parts[i].substring(0, eq));
          String value = ExternalCatalogUtils.unescapePathName(parts[i].substring(eq + 1));
          kv.put(key, Partition.NULL_VALUE.equals(value) ? null : value);
          keys.add(key);
        }
      }
      perFile.add(kv);
    }
    if (keys.isEmpty()) {
      throw new StorageException(
          s.call()
              + ": option partitionPredicate '"
              + s.partitionPredicate()
              + "' needs partition folders (key=value) below "
              + root.given
              + ", and there are none");
    }
    List<String> keyList = new ArrayList<>(keys);
    List<DataType> types = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    for (Map<String, String> kv : perFile) {
      List<String> v = new ArrayList<>();
      for (String k : keyList) {
        v.add(kv.get(k));
      }
      values.add(v);
    }
    for (int i = 0; i < keyList.size(); i++) {
      types.add(DataTypes.StringType);
    }
    List<Integer> kept = evaluate(ctx, s, keyList, types, values, root.given);
    List<FileStatus> out = new ArrayList<>();
    for (int i : kept) {
      out.add(files.get(i));
    }
    return out;
  }

  private static List<Integer> evaluate(
      DynaContext ctx,
      Settings s,
      List<String> keys,
      List<DataType> types,
      List<List<String>> values,
      String what) {
    try {
      return PartitionPredicates.select(ctx.spark(), keys, types, values, s.partitionPredicate());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new StorageException(
          s.call()
              + ": option partitionPredicate '"
              + s.partitionPredicate()
              + "' is not a valid condition over the partition keys "
              + keys
              + " of "
              + what
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Deletes the files the retention and storage classes let go; returns how many it deleted. */
  private static int delete(Settings s, Root root, List<FileStatus> files, Outcome outcome) {
    long cutoff = System.currentTimeMillis() - s.retentionMillis();
    int deleted = 0;
    for (FileStatus f : files) {
      if (f.getModificationTime() > cutoff) {
        continue; // newer than the retention period: kept
      }
      if (!s.excludeStorageClasses().isEmpty()
          && s.excludeStorageClasses().contains(storageClass(s, root, f))) {
        continue;
      }
      String shown = root.show(f.getPath());
      try {
        if (root.fs.delete(f.getPath(), false)) {
          outcome.success.add(shown);
          deleted++;
        } else {
          outcome.failed.add(new String[] {shown, "the file system did not delete it"});
        }
      } catch (IOException | RuntimeException e) {
        outcome.failed.add(new String[] {shown, String.valueOf(e.getMessage())});
      }
    }
    return deleted;
  }

  /**
   * A file's storage class: {@code STANDARD} on file systems without storage classes (local, HDFS);
   * on S3A the object's storage class header, which S3 leaves out for STANDARD objects.
   */
  private static String storageClass(Settings s, Root root, FileStatus f) {
    if (!root.isS3()) {
      return "STANDARD";
    }
    try {
      byte[] v = root.fs.getXAttr(f.getPath(), STORAGE_CLASS_XATTR);
      String c = v == null ? "" : new String(v, StandardCharsets.UTF_8).trim();
      return c.isEmpty() ? "STANDARD" : c.toUpperCase(Locale.ROOT);
    } catch (IOException | UnsupportedOperationException e) {
      throw new StorageException(
          s.call()
              + ": cannot read the storage class of "
              + root.show(f.getPath())
              + " for option excludeStorageClasses (this Hadoop S3A client does not expose it: "
              + e.getMessage()
              + "); leave the option out or use a hadoop-aws that serves "
              + STORAGE_CLASS_XATTR,
          e);
    }
  }

  // ---------------------------------------------------------------- transition

  static void transitionS3Path(
      DynaContext ctx,
      String s3Path,
      String transitionTo,
      Options options,
      String transformationContext) {
    Settings s = transitionSettings("transition_s3_path", transitionTo, options);
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    refuseTransition(s, transitionTo, root(s.call(), s3Path, conf));
  }

  static void transitionTable(
      DynaContext ctx,
      String database,
      String tableName,
      String transitionTo,
      Options options,
      String transformationContext) {
    Settings s = transitionSettings("transition_table", transitionTo, options);
    TableDefinition t = ctx.catalog().getTable(TableIdentifier.of(database, tableName));
    if (t.partitionKeys().isEmpty() && !s.partitionPredicate().isEmpty()) {
      throw new StorageException(
          "transition_table: table "
              + t.identifier()
              + " is not partitioned, so it takes no partitionPredicate ('"
              + s.partitionPredicate()
              + "')");
    }
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    refuseTransition(s, transitionTo, root(s.call(), tableLocation(t), conf));
  }

  private static Settings transitionSettings(String call, String transitionTo, Options options) {
    String to = transitionTo == null ? "" : transitionTo.trim().toUpperCase(Locale.ROOT);
    if (!STORAGE_CLASSES.contains(to)) {
      throw new StorageException(
          call
              + ": transition_to '"
              + transitionTo
              + "' is not an Amazon S3 storage class; the classes are "
              + STORAGE_CLASSES);
    }
    Settings s = settings(call, options, TRANSITION_OPTIONS);
    Options o = options == null ? Options.empty() : options;
    for (String mandatory : List.of("accountId", "roleArn")) {
      if (o.getString(mandatory, "").isBlank()) {
        throw new StorageException(
            call + ": option " + mandatory + " is mandatory (Glue runs the transition as them)");
      }
    }
    return s;
  }

  private static void refuseTransition(Settings s, String transitionTo, Root root) {
    if (!root.isS3()) {
      throw new StorageException(
          s.call()
              + " cannot move "
              + root.given
              + " to storage class "
              + transitionTo
              + ": its file system ("
              + root.fs.getUri().getScheme()
              + ") has no storage classes; only Amazon S3 objects have one");
    }
    throw new StorageException(
        s.call()
            + " of "
            + root.given
            + " to "
            + transitionTo
            + " is not done by dynaframe: Glue runs it as an S3 Batch Operations job under"
            + " accountId and roleArn, which needs AWS itself; set an S3 Lifecycle rule on the"
            + " prefix instead");
  }

  // ---------------------------------------------------------------- files

  /** A path the user gave, its file system and its qualified form. */
  private static final class Root {
    final String given;
    final FileSystem fs;
    final Path qualified;
    final boolean s3Scheme; // given as s3:// and read as s3a://

    Root(String given, FileSystem fs, Path qualified, boolean s3Scheme) {
      this.given = given;
      this.fs = fs;
      this.qualified = qualified;
      this.s3Scheme = s3Scheme;
    }

    boolean isS3() {
      String scheme = fs.getUri().getScheme();
      return scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("s3");
    }

    /** A file's path as the user spells paths: a plain local path without {@code file:}. */
    String show(Path p) {
      String full = p.toString();
      if (s3Scheme && full.startsWith("s3a://")) {
        return "s3://" + full.substring("s3a://".length());
      }
      if (!given.contains(":") && full.startsWith("file:")) {
        return p.toUri().getPath();
      }
      return full;
    }
  }

  private static Root root(String call, String path, Configuration conf) {
    if (path == null || path.isBlank()) {
      throw new StorageException(call + ": the path is empty");
    }
    String p = path;
    boolean s3 = false;
    if (p.startsWith("s3://") || p.startsWith("s3n://")) {
      try {
        FileSystem.getFileSystemClass("s3", conf);
      } catch (UnsupportedFileSystemException e) {
        p = "s3a://" + p.substring(p.indexOf("://") + 3);
        s3 = true;
      } catch (IOException e) {
        p = "s3a://" + p.substring(p.indexOf("://") + 3);
        s3 = true;
      }
    }
    try {
      Path hp = new Path(p);
      FileSystem fs = hp.getFileSystem(conf);
      return new Root(path, fs, fs.makeQualified(hp), s3);
    } catch (IOException | RuntimeException e) {
      throw new StorageException(
          call + ": cannot open the file system of " + path + ": " + e.getMessage(), e);
    }
  }

  /** Every file below the root (recursively with {@code recurse}, else its direct files only). */
  private static List<FileStatus> listFiles(String call, Root root, boolean mustExist) {
    List<FileStatus> out = new ArrayList<>();
    try {
      FileStatus top = root.fs.getFileStatus(root.qualified);
      collect(root.fs, top, out);
    } catch (FileNotFoundException e) {
      if (mustExist) {
        throw new StorageException(call + ": the path does not exist: " + root.given, e);
      }
    } catch (IOException e) {
      throw new StorageException(call + ": cannot list " + root.given + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
    return out;
  }

  private static void collect(FileSystem fs, FileStatus st, List<FileStatus> out)
      throws IOException {
    if (st.isDirectory()) {
      for (FileStatus child : fs.listStatus(st.getPath())) {
        collect(fs, child, out);
      }
    } else {
      out.add(st);
    }
  }

  private static String tableLocation(TableDefinition t) {
    return t.location()
        .orElseThrow(() -> new StorageException("table " + t.identifier() + " has no location"));
  }

  private static String defaultLocation(TableDefinition t, Partition p) {
    String base = tableLocation(t);
    StringBuilder sb =
        new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    for (int i = 0; i < p.values().size(); i++) {
      sb.append('/')
          .append(ExternalCatalogUtils.escapePathName(t.partitionKeys().get(i).name()))
          .append('=')
          .append(ExternalCatalogUtils.escapePathName(p.values().get(i)));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- manifest

  private static final class Outcome {
    final List<String> success = new ArrayList<>();
    final List<String[]> failed = new ArrayList<>();
  }

  /**
   * Writes {@code Success.csv} (one purged file a line) and {@code Failed.csv} (file, reason) under
   * the manifest path, in a folder named after the transformation context when there is one.
   */
  private static void writeManifest(
      Settings s, Configuration conf, String transformationContext, Outcome outcome) {
    if (s.manifestFilePath().isEmpty()) {
      return;
    }
    Root dir = root(s.call(), s.manifestFilePath(), conf);
    Path folder =
        transformationContext == null || transformationContext.isBlank()
            ? dir.qualified
            : new Path(dir.qualified, transformationContext);
    StringBuilder ok = new StringBuilder();
    for (String f : outcome.success) {
      ok.append(csv(f)).append('\n');
    }
    StringBuilder bad = new StringBuilder();
    for (String[] f : outcome.failed) {
      bad.append(csv(f[0])).append(',').append(csv(f[1])).append('\n');
    }
    write(s, dir.fs, new Path(folder, "Success.csv"), ok.toString());
    write(s, dir.fs, new Path(folder, "Failed.csv"), bad.toString());
  }

  private static void write(Settings s, FileSystem fs, Path file, String text) {
    // on a local disk without Hadoop's .crc side files, so the folder holds the two manifests only
    FileSystem target = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    try (OutputStream out = target.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StorageException(
          s.call() + ": cannot write the manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static String csv(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  // ---------------------------------------------------------------- samples

  /**
   * The files a sample reads, as Glue's {@code maxSamplePartitions} and {@code
   * maxSampleFilesPerPartition} bound them: the files of the source's paths grouped by folder, the
   * first {@code maxPartitions} folders and the first {@code maxFilesPerPartition} files of each
   * (by path). Names starting with {@code _} or {@code .} are left out, as sources do. Empty when
   * nothing can be listed (the source then says what is wrong).
   */
  static List<String> sampleFiles(
      DynaContext ctx,
      List<String> paths,
      boolean recurse,
      int maxPartitions,
      int maxFilesPerPartition) {
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    java.util.TreeMap<String, List<String>> byFolder = new java.util.TreeMap<>();
    for (String raw : paths) {
      Root root;
      try {
        root = root("sample", raw, conf);
      } catch (StorageException e) {
        return List.of();
      }
      try {
        FileStatus[] matches = root.fs.globStatus(root.qualified);
        if (matches == null) {
          return List.of();
        }
        for (FileStatus st : matches) {
          if (st.isDirectory()) {
            sampleCollect(root, st.getPath(), recurse, byFolder);
          } else {
            byFolder
                .computeIfAbsent(st.getPath().getParent().toString(), k -> new ArrayList<>())
                .add(root.show(st.getPath()));
          }
        }
      } catch (IOException e) {
        return List.of();
      }
    }
    List<String> out = new ArrayList<>();
    int folders = 0;
    for (List<String> files : byFolder.values()) {
      if (folders++ >= maxPartitions) {
        break;
      }
      files.sort(null);
      out.addAll(files.subList(0, Math.min(maxFilesPerPartition, files.size())));
    }
    return out;
  }

  private static void sampleCollect(
      Root root, Path dir, boolean recurse, java.util.TreeMap<String, List<String>> byFolder)
      throws IOException {
    for (FileStatus child : root.fs.listStatus(dir)) {
      String name = child.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (child.isDirectory()) {
        if (recurse) {
          sampleCollect(root, child.getPath(), true, byFolder);
        }
      } else {
        byFolder
            .computeIfAbsent(dir.toString(), k -> new ArrayList<>())
            .add(root.show(child.getPath()));
      }
    }
  }
}
