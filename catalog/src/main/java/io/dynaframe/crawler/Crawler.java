package io.dynaframe.crawler;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.internal.Classifier;
import io.dynaframe.catalog.internal.FileSchema;
import io.dynaframe.catalog.internal.TableFormats;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * A crawler over local, {@code s3a://} or other Hadoop paths that keeps tables in a catalog
 * database up to date, as AWS Glue's crawlers do:
 *
 * <ul>
 *   <li>each file is classified by Glue's built-in classifiers in their order (Avro, ORC and
 *       Parquet from their headers and footers, read with the format libraries and no Spark job;
 *       JSON and CSV, with delimiter and header detection, from a sample of the file);
 *   <li>the schemas of a table's files are merged with Glue's rules ({@link Types#merge}); a column
 *       whose files disagree becomes the widest number, or a string;
 *   <li>under an include path, a folder whose files sit in subfolders of compatible schemas (same
 *       classification, at least {@link Builder#similarity} of the column names in common) is one
 *       table whose subfolders are partitions: {@code key=value} folders give the partition key
 *       {@code key}, others {@code partition_0}, {@code partition_1}, ...; folders that are not
 *       compatible become tables of their own;
 *   <li>tables are named by a {@link TableNaming} (Glue's default: prefix plus folder name);
 *   <li>a changed schema is applied or only reported ({@link UpdateBehavior}); a table or partition
 *       whose files are gone is deprecated, deleted or reported ({@link DeleteBehavior});
 *   <li>{@link RecrawlBehavior#CRAWL_NEW_FOLDERS_ONLY} reads only folders that are not yet
 *       partitions of the crawler's tables.
 * </ul>
 *
 * A folder holding an Iceberg table ({@code metadata/} with {@code *.metadata.json} files) or a
 * Delta Lake table ({@code _delta_log/}) is registered as such a table, its schema read from the
 * format's metadata, instead of having its data files crawled.
 *
 * <p>Tables the crawler makes carry the parameter {@code UPDATED_BY_CRAWLER} with its name.
 */
public final class Crawler {

  /** The table parameter naming the crawler that made or last updated the table. */
  public static final String UPDATED_BY_CRAWLER = "UPDATED_BY_CRAWLER";

  /**
   * The table parameter set on a table whose files are gone, under {@link
   * DeleteBehavior#DEPRECATE_IN_DATABASE}.
   */
  public static final String DEPRECATED_BY_CRAWLER = "DEPRECATED_BY_CRAWLER";

  private final Catalog catalog;
  private final DatabaseName database;
  private final String name;
  private final List<String> paths;
  private final String prefix;
  private final TableNaming naming;
  private final UpdateBehavior updateBehavior;
  private final DeleteBehavior deleteBehavior;
  private final RecrawlBehavior recrawlBehavior;
  private final Configuration conf;
  private final int sampleBytes;
  private final double similarity;

  private Crawler(Builder b) {
    this.catalog = b.catalog;
    this.database = b.database;
    this.name = b.name;
    this.paths = List.copyOf(b.paths);
    this.prefix = b.prefix;
    this.naming = b.naming;
    this.updateBehavior = b.updateBehavior;
    this.deleteBehavior = b.deleteBehavior;
    this.recrawlBehavior = b.recrawlBehavior;
    this.conf = b.conf;
    this.sampleBytes = b.sampleBytes;
    this.similarity = b.similarity;
  }

  /** A crawler that writes tables into {@code database} of {@code catalog}. */
  public static Builder builder(Catalog catalog, String database) {
    return new Builder(catalog, DatabaseName.of(database));
  }

  // ---------------------------------------------------------------- the crawl

  private static final class Node {
    final Path path;
    final List<FileStatus> files = new ArrayList<>();
    final Map<String, Node> children = new TreeMap<>();

    /** The open table format whose folder this is ({@code iceberg}, {@code delta}), or null. */
    String format;

    Node(Path path) {
      this.path = path;
    }
  }

  private record Found(
      String include,
      Path root,
      List<FileSchema> files,
      List<String> keys,
      Map<List<String>, String> partitions,
      TableFormats.LakeTable lake) {}

  /**
   * Crawls every include path and updates the catalog.
   *
   * @throws io.dynaframe.catalog.NoSuchDatabaseException if the database does not exist
   * @throws UncheckedIOException naming the path that cannot be listed or read
   */
  public CrawlReport run() {
    catalog.getDatabase(database);
    Map<String, TableDefinition> mine = new LinkedHashMap<>();
    for (TableDefinition t : catalog.listAllTables(database)) {
      if (name.equals(t.parameters().get(UPDATED_BY_CRAWLER)) && t.location().isPresent()) {
        mine.put(strip(t.location().get()), t);
      }
    }
    boolean incremental = recrawlBehavior == RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
    Set<String> known = new HashSet<>();
    if (incremental) {
      for (TableDefinition t : mine.values()) {
        if (t.partitionKeys().isEmpty()) {
          known.add(strip(t.location().get()));
        } else {
          for (Partition p : catalog.listAllPartitions(t.identifier(), null)) {
            p.location().ifPresent(l -> known.add(strip(l)));
          }
        }
      }
    }
    List<Found> found = new ArrayList<>();
    List<String> unclassified = new ArrayList<>();
    List<String> crawledRoots = new ArrayList<>();
    for (String include : paths) {
      Path root = new Path(include);
      try {
        FileSystem fs = root.getFileSystem(conf);
        Path qualified = fs.makeQualified(root);
        crawledRoots.add(strip(qualified.toString()));
        Node tree = list(fs, qualified, known);
        List<Node> lakes = new ArrayList<>();
        if (tree.format != null) {
          lakes.add(tree);
        } else {
          takeLakes(tree, lakes);
        }
        for (Node lake : lakes) {
          TableFormats.LakeTable t = TableFormats.read(fs, lake.path, lake.format);
          if (t == null) {
            unclassified.add(lake.path.toString());
          } else {
            found.add(new Found(include, lake.path, List.of(), List.of(), Map.of(), t));
          }
        }
        if (tree.format == null) {
          Map<Path, FileSchema> schemas = new HashMap<>();
          classifyAll(fs, tree, schemas, unclassified);
          detect(include, tree, schemas, mine.keySet(), found);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "crawler " + name + " cannot crawl " + include + ": " + e.getMessage(), e);
      }
    }
    return apply(found, mine, crawledRoots, incremental, unclassified);
  }

  private static String strip(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  private static Node list(FileSystem fs, Path dir, Set<String> known) throws IOException {
    Node node = new Node(dir);
    if (known.contains(strip(dir.toString()))) {
      return node; // incremental: a folder the catalog knows already
    }
    FileStatus[] entries = fs.listStatus(dir);
    node.format = TableFormats.formatOf(fs, entries);
    if (node.format != null) {
      return node; // an Iceberg or Delta table: its data files are the format's, not crawled
    }
    for (FileStatus st : entries) {
      String n = st.getPath().getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      if (st.isDirectory()) {
        node.children.put(n, list(fs, st.getPath(), known));
      } else if (st.getLen() > 0) {
        node.files.add(st);
      }
    }
    return node;
  }

  /** Moves the table-format folders below {@code node} out of the tree, into {@code into}. */
  private static void takeLakes(Node node, List<Node> into) {
    var it = node.children.values().iterator();
    while (it.hasNext()) {
      Node c = it.next();
      if (c.format != null) {
        into.add(c);
        it.remove();
      } else {
        takeLakes(c, into);
      }
    }
  }

  /**
   * Files read at once while classifying: reading a footer or a header is mostly waiting (on S3 a
   * request each).
   */
  private static final int READERS = 16;

  private void classifyAll(
      FileSystem fs, Node node, Map<Path, FileSchema> out, List<String> unclassified)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    collectFiles(node, files);
    List<FileSchema> schemas = classify(fs, files);
    for (int i = 0; i < files.size(); i++) {
      FileSchema s = schemas.get(i);
      if (s.known()) {
        out.put(files.get(i).getPath(), s);
      } else {
        unclassified.add(files.get(i).getPath().toString());
      }
    }
  }

  private static void collectFiles(Node node, List<FileStatus> into) {
    into.addAll(node.files);
    for (Node c : node.children.values()) {
      collectFiles(c, into);
    }
  }

  /**
   * The schema of each file, in the files' order; several files are read at once when there are
   * many.
   */
  private List<FileSchema> classify(FileSystem fs, List<FileStatus> files) throws IOException {
    List<FileSchema> out = new ArrayList<>(files.size());
    if (files.size() < 8) {
      for (FileStatus f : files) {
        out.add(Classifier.classify(fs, f, conf, sampleBytes));
      }
      return out;
    }
    int threads = Math.min(READERS, files.size() / 4);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dynaframe-crawler-" + name);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<FileSchema>> pending = new ArrayList<>(files.size());
      for (FileStatus f : files) {
        pending.add(pool.submit(() -> Classifier.classify(fs, f, conf, sampleBytes)));
      }
      for (Future<FileSchema> p : pending) {
        out.add(p.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "crawler " + name + " was interrupted while reading file schemas");
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<FileSchema> data(Node node, Map<Path, FileSchema> schemas) {
    List<FileSchema> out = new ArrayList<>();
    for (FileStatus f : node.files) {
      FileSchema s = schemas.get(f.getPath());
      if (s != null) {
        out.add(s);
      }
    }
    for (Node c : node.children.values()) {
      out.addAll(data(c, schemas));
    }
    return out;
  }

  private void detect(
      String include,
      Node node,
      Map<Path, FileSchema> schemas,
      Set<String> existingRoots,
      List<Found> found) {
    List<FileSchema> all = data(node, schemas);
    if (all.isEmpty()) {
      return;
    }
    boolean direct = node.files.stream().anyMatch(f -> schemas.containsKey(f.getPath()));
    boolean forced = existingRoots.contains(strip(node.path.toString()));
    List<Node> withData =
        node.children.values().stream().filter(c -> !data(c, schemas).isEmpty()).toList();
    boolean compatible = true;
    List<FileSchema> reference = withData.isEmpty() ? List.of() : data(withData.get(0), schemas);
    for (Node c : withData) {
      if (!compatible(reference, data(c, schemas))) {
        compatible = false;
        break;
      }
    }
    String here = strip(node.path.toString());
    boolean tablesBelow = existingRoots.stream().anyMatch(r -> r.startsWith(here + "/"));
    // tables found by earlier crawls below this folder stay tables of their own
    if (direct || forced || (compatible && !tablesBelow)) {
      found.add(table(include, node, schemas, all));
    } else {
      for (Node c : withData) {
        detect(include, c, schemas, existingRoots, found);
      }
    }
  }

  private boolean compatible(List<FileSchema> a, List<FileSchema> b) {
    Set<String> ca = new HashSet<>();
    a.forEach(f -> ca.add(f.classification()));
    Set<String> cb = new HashSet<>();
    b.forEach(f -> cb.add(f.classification()));
    if (!ca.equals(cb) || ca.size() != 1) {
      return false;
    }
    Set<String> na = names(a);
    Set<String> nb = names(b);
    Set<String> union = new HashSet<>(na);
    union.addAll(nb);
    Set<String> common = new HashSet<>(na);
    common.retainAll(nb);
    return union.isEmpty() || (double) common.size() / union.size() >= similarity;
  }

  private static Set<String> names(List<FileSchema> files) {
    Set<String> out = new HashSet<>();
    for (FileSchema f : files) {
      f.schema().fields().forEach(x -> out.add(x.name().toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  /**
   * The table rooted at {@code node}: partitions are the folders at the shallowest depth that holds
   * files.
   */
  private Found table(
      String include, Node root, Map<Path, FileSchema> schemas, List<FileSchema> files) {
    int depth = minDepth(root, schemas, 0);
    List<List<String>> names = new ArrayList<>();
    List<Node> leaves = new ArrayList<>();
    collectAtDepth(root, depth, new ArrayList<>(), names, leaves, schemas);
    List<String> keys = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      String key = null;
      boolean hive = true;
      for (List<String> n : names) {
        String folder = n.get(level);
        int eq = folder.indexOf('=');
        if (eq <= 0) {
          hive = false;
          break;
        }
        String k = folder.substring(0, eq).toLowerCase(Locale.ROOT);
        if (key != null && !key.equals(k)) {
          hive = false;
          break;
        }
        key = k;
      }
      keys.add(hive && key != null ? key : "partition_" + level);
    }
    Map<List<String>, String> partitions = new LinkedHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      List<String> values = new ArrayList<>();
      for (int level = 0; level < depth; level++) {
        String folder = names.get(i).get(level);
        boolean hive = !keys.get(level).equals("partition_" + level);
        values.add(
            hive
                ? ExternalCatalogUtils.unescapePathName(folder.substring(folder.indexOf('=') + 1))
                : folder);
      }
      partitions.put(values, leaves.get(i).path.toString());
    }
    return new Found(include, root.path, files, keys, partitions, null);
  }

  private static int minDepth(Node node, Map<Path, FileSchema> schemas, int depth) {
    if (node.files.stream().anyMatch(f -> schemas.containsKey(f.getPath()))) {
      return depth;
    }
    int min = Integer.MAX_VALUE;
    for (Node c : node.children.values()) {
      min = Math.min(min, minDepth(c, schemas, depth + 1));
    }
    return min;
  }

  private static void collectAtDepth(
      Node node,
      int depth,
      List<String> trail,
      List<List<String>> names,
      List<Node> leaves,
      Map<Path, FileSchema> schemas) {
    if (trail.size() == depth) {
      if (!data(node, schemas).isEmpty()) {
        names.add(List.copyOf(trail));
        leaves.add(node);
      }
      return;
    }
    for (Map.Entry<String, Node> e : node.children.entrySet()) {
      trail.add(e.getKey());
      collectAtDepth(e.getValue(), depth, trail, names, leaves, schemas);
      trail.remove(trail.size() - 1);
    }
  }

  // ---------------------------------------------------------------- catalog updates

  private CrawlReport apply(
      List<Found> found,
      Map<String, TableDefinition> mine,
      List<String> crawledRoots,
      boolean incremental,
      List<String> unclassified) {
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<String> logged = new ArrayList<>();
    int added = 0;
    int removed = 0;
    Set<String> seenRoots = new HashSet<>();
    Set<String> usedNames = new HashSet<>();
    for (Found f : found) {
      String location = strip(f.root().toString());
      seenRoots.add(location);
      TableDefinition existingMine = mine.get(location);
      TableIdentifier id =
          existingMine != null
              ? existingMine.identifier()
              : TableIdentifier.of(
                  database,
                  uniqueName(
                      TableNaming.sanitize(naming.name(locationOf(f))), location, usedNames));
      usedNames.add(id.name());
      TableDefinition existing =
          existingMine != null
              ? existingMine
              : catalog.tableExists(id) ? catalog.getTable(id) : null;
      TableDefinition crawled = definition(id, f, location);
      if (existing == null) {
        catalog.createTable(crawled);
        created.add(id.toString());
      } else {
        TableDefinition target = crawled;
        if (incremental && f.lake() == null) {
          StructType merged =
              (StructType)
                  Classifier.forCatalog(Types.merge(existing.dataSchema(), crawled.dataSchema()));
          target =
              crawled.toBuilder().columns(merged).partitionKeys(existing.partitionKeys()).build();
        }
        boolean changed =
            !existing.columns().equals(target.columns())
                || !existing.partitionKeys().equals(target.partitionKeys())
                || !existing.format().equals(target.format())
                || !existing.classification().equals(target.classification())
                || !Objects.equals(
                    existing.parameters().get(METADATA_LOCATION),
                    target.parameters().get(METADATA_LOCATION))
                || existing.parameters().containsKey(DEPRECATED_BY_CRAWLER);
        if (!changed) {
          unchanged.add(id.toString());
        } else if (updateBehavior == UpdateBehavior.UPDATE_IN_DATABASE) {
          Map<String, String> params = new LinkedHashMap<>(existing.parameters());
          params.putAll(target.parameters());
          params.remove(DEPRECATED_BY_CRAWLER);
          catalog.updateTable(
              existing.toBuilder()
                  .columns(target.columns())
                  .partitionKeys(target.partitionKeys())
                  .format(target.format())
                  .location(target.location().orElse(null))
                  .parameters(params)
                  .build());
          updated.add(id.toString());
        } else {
          logged.add(
              "table "
                  + id
                  + " would change: columns "
                  + existing.columns()
                  + " -> "
                  + target.columns()
                  + ", partition keys "
                  + existing.partitionKeys()
                  + " -> "
                  + target.partitionKeys());
          unchanged.add(id.toString());
        }
      }
      TableDefinition now = catalog.getTable(id);
      if (!now.partitionKeys().isEmpty() && now.partitionKeys().size() == f.keys().size()) {
        List<Partition> parts = new ArrayList<>();
        f.partitions().forEach((values, path) -> parts.add(Partition.of(values, path)));
        added += parts.size() - catalog.createPartitions(id, parts).size();
        if (!incremental) {
          List<List<String>> gone = new ArrayList<>();
          for (Partition p : catalog.listAllPartitions(id, null)) {
            if (!f.partitions().containsKey(p.values())) {
              gone.add(p.values());
            }
          }
          if (!gone.isEmpty()) {
            if (deleteBehavior == DeleteBehavior.DELETE_FROM_DATABASE) {
              catalog.dropPartitions(id, gone);
              removed += gone.size();
            } else {
              logged.add("table " + id + ": the folders of partitions " + gone + " are gone");
            }
          }
        }
      }
    }
    if (!incremental) {
      for (Map.Entry<String, TableDefinition> e : mine.entrySet()) {
        String location = e.getKey();
        boolean underCrawl =
            crawledRoots.stream().anyMatch(r -> location.equals(r) || location.startsWith(r + "/"));
        if (!underCrawl || seenRoots.contains(location)) {
          continue;
        }
        TableDefinition t = e.getValue();
        switch (deleteBehavior) {
          case DELETE_FROM_DATABASE -> {
            catalog.dropTable(t.identifier());
            deleted.add(t.identifier().toString());
          }
          case DEPRECATE_IN_DATABASE -> {
            if (!t.parameters().containsKey(DEPRECATED_BY_CRAWLER)) {
              catalog.updateTable(
                  t.toBuilder().parameter(DEPRECATED_BY_CRAWLER, Instant.now().toString()).build());
            }
            deprecated.add(t.identifier().toString());
          }
          default ->
              logged.add("table " + t.identifier() + ": its files at " + location + " are gone");
        }
      }
    }
    return new CrawlReport(
        created, updated, unchanged, deprecated, deleted, added, removed, unclassified, logged);
  }

  private String uniqueName(String base, String location, Set<String> used) {
    if (!used.contains(base)) {
      return base;
    }
    String suffix = "_" + Integer.toHexString(location.hashCode() & 0x7fffffff);
    return TableNaming.sanitize(
        base.substring(0, Math.min(base.length(), 128 - suffix.length())) + suffix);
  }

  private TableLocation locationOf(Found f) {
    java.net.URI uri = f.root().toUri();
    String bucket = uri.getAuthority() == null ? "" : uri.getAuthority();
    List<String> segments = new ArrayList<>();
    for (String s : uri.getPath().split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    return new TableLocation(bucket, segments, f.include(), prefix);
  }

  /** The storage format of a crawled Iceberg table: Hive's defaults. */
  private static final StorageFormat ICEBERG_STORAGE =
      StorageFormat.of(
          "org.apache.hadoop.mapred.TextInputFormat",
          "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
          "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
          Map.of("serialization.format", "1"));

  /** The parameter of an Iceberg table naming its current metadata file. */
  private static final String METADATA_LOCATION = "metadata_location";

  /**
   * An Iceberg or Delta Lake table as Glue's crawler registers one: every column of the format's
   * schema (the format partitions the data itself, so the catalog table has no partition keys);
   * Iceberg's marked {@code table_type=ICEBERG} with its current {@code metadata_location}, Delta
   * Lake's with the classification {@code delta} (and Parquet's storage format, its data files').
   */
  private TableDefinition lakeDefinition(TableIdentifier id, Found f, String location) {
    TableFormats.LakeTable lake = f.lake();
    List<Column> columns = new ArrayList<>();
    for (Field field : lake.schema().fields()) {
      columns.add(Column.of(field));
    }
    TableDefinition.Builder b =
        TableDefinition.builder(id)
            .columns(columns)
            .location(location)
            .tableType(TableDefinition.EXTERNAL_TABLE);
    if (lake.format().equals("iceberg")) {
      // Hive's default (text) classes, as a metastore gives a table that names none: readers go
      // through Iceberg, and a table with no format would be taken for a Parquet one by Spark 4
      b.parameter("table_type", "ICEBERG")
          .parameter(METADATA_LOCATION, lake.metadataLocation())
          .format(ICEBERG_STORAGE);
    } else {
      b.format(StorageFormat.forClassification("parquet")).classification("delta");
    }
    return b.parameter(UPDATED_BY_CRAWLER, name).build();
  }

  private TableDefinition definition(TableIdentifier id, Found f, String location) {
    if (f.lake() != null) {
      return lakeDefinition(id, f, location);
    }
    DataType merged = Types.NULL;
    for (FileSchema s : f.files()) {
      merged = Types.merge(merged, s.schema());
    }
    StructType schema =
        merged instanceof StructType s ? (StructType) Classifier.forCatalog(s) : Types.struct();
    Set<String> keys = new HashSet<>(f.keys());
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Field field : schema.fields()) {
      String n = field.name().toLowerCase(Locale.ROOT);
      if (!keys.contains(n) && seen.add(n)) {
        columns.add(Column.of(field));
      }
    }
    FileSchema first = f.files().get(0);
    TableDefinition.Builder b = TableDefinition.builder(id).columns(columns).location(location);
    for (String k : f.keys()) {
      b.partitionKey(k, "string");
    }
    if (first.classification().equals("csv")) {
      b.format(StorageFormat.csv(first.delimiter()))
          .parameter("classification", "csv")
          .parameter("delimiter", first.delimiter());
      if (first.header()) {
        b.parameter("skip.header.line.count", "1");
      }
    } else {
      b.classification(first.classification());
    }
    return b.parameter(UPDATED_BY_CRAWLER, name)
        .parameter("typeOfData", "file")
        .parameter("compressionType", "none")
        .parameter("CrawlerSchemaDeserializerVersion", "1.0")
        .parameter("CrawlerSchemaSerializerVersion", "1.0")
        .build();
  }

  @Override
  public String toString() {
    return "Crawler[" + name + " -> " + database + ", " + paths + "]";
  }

  /** Configures a {@link Crawler}. */
  public static final class Builder {
    private final Catalog catalog;
    private final DatabaseName database;
    private String name = "dynaframe-crawler";
    private final List<String> paths = new ArrayList<>();
    private String prefix = "";
    private TableNaming naming = TableNaming.glueDefault();
    private UpdateBehavior updateBehavior = UpdateBehavior.UPDATE_IN_DATABASE;
    private DeleteBehavior deleteBehavior = DeleteBehavior.DEPRECATE_IN_DATABASE;
    private RecrawlBehavior recrawlBehavior = RecrawlBehavior.CRAWL_EVERYTHING;
    private Configuration conf = new Configuration();
    private int sampleBytes = 1 << 20;
    private double similarity = 0.7;

    private Builder(Catalog catalog, DatabaseName database) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.database = database;
    }

    /** The crawler's name, kept in the {@value #UPDATED_BY_CRAWLER} parameter of its tables. */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value);
      return this;
    }

    /** Adds an include path: a local folder, {@code s3a://bucket/prefix/}, or any Hadoop path. */
    public Builder path(String value) {
      paths.add(Objects.requireNonNull(value));
      return this;
    }

    /** The table prefix ({@code TablePrefix}); empty by default. */
    public Builder tablePrefix(String value) {
      this.prefix = Objects.requireNonNull(value);
      return this;
    }

    /** How tables are named; {@link TableNaming#glueDefault()} by default. */
    public Builder naming(TableNaming value) {
      this.naming = Objects.requireNonNull(value);
      return this;
    }

    /** What to do with changed schemas; {@link UpdateBehavior#UPDATE_IN_DATABASE} by default. */
    public Builder updateBehavior(UpdateBehavior value) {
      this.updateBehavior = Objects.requireNonNull(value);
      return this;
    }

    /**
     * What to do with tables whose files are gone; {@link DeleteBehavior#DEPRECATE_IN_DATABASE} by
     * default.
     */
    public Builder deleteBehavior(DeleteBehavior value) {
      this.deleteBehavior = Objects.requireNonNull(value);
      return this;
    }

    /** Which folders to read; {@link RecrawlBehavior#CRAWL_EVERYTHING} by default. */
    public Builder recrawlBehavior(RecrawlBehavior value) {
      this.recrawlBehavior = Objects.requireNonNull(value);
      return this;
    }

    /** The Hadoop configuration for the file systems (s3a credentials, endpoint, ...). */
    public Builder configuration(Configuration value) {
      this.conf = Objects.requireNonNull(value);
      return this;
    }

    /** How many bytes of a JSON or CSV file to sample; 1 MiB by default. */
    public Builder sampleBytes(int value) {
      if (value < 64) {
        throw new IllegalArgumentException("sampleBytes must be at least 64, was " + value);
      }
      this.sampleBytes = value;
      return this;
    }

    /**
     * The share of column names two folders must have in common to be partitions of one table (0 to
     * 1; 0.7 by default).
     */
    public Builder similarity(double value) {
      if (value < 0 || value > 1) {
        throw new IllegalArgumentException("similarity must be between 0 and 1, was " + value);
      }
      this.similarity = value;
      return this;
    }

    /** The crawler. */
    public Crawler build() {
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("a crawler needs at least one include path");
      }
      return new Crawler(this);
    }
  }
}
