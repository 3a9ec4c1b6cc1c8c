package io.dynaframe.internal.catalog;

import io.dynaframe.DataSink;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sinks that register their output in the catalog, as Glue's sinks with {@code
 * enableUpdateCatalog}: the table is created when absent, its partitions are added, and with {@code
 * updateBehavior} {@code UPDATE_IN_DATABASE} (the default) its columns follow the frame's schema,
 * while with {@code LOG} the table's schema is kept and new partitions are added only when the
 * frame's columns are all in the table. Partition keys that differ from the table's, or are in
 * another order, fail before anything is written.
 */
public final class CatalogSinks {
  private CatalogSinks() {}

  private static final Logger LOG = LoggerFactory.getLogger(CatalogSinks.class);

  /** The connection options that turn catalog updates on and say what to update. */
  public static final String ENABLE = "enableUpdateCatalog";

  public static final String DATABASE = "catalogDatabase";
  public static final String TABLE = "catalogTableName";
  public static final String BEHAVIOR = "updateBehavior";

  /** The sink as is, or, with {@code enableUpdateCatalog}, a sink that also updates the catalog. */
  public static DataSink wrap(
      DynaContext ctx, DataSink files, Options options, String format, Options formatOptions) {
    if (!options.getBoolean(ENABLE, false)) {
      return files;
    }
    String database = options.getString(DATABASE, "");
    String table = options.getString(TABLE, "");
    if (database.isBlank() || table.isBlank()) {
      throw new SinkException(
          "enableUpdateCatalog needs the connection options 'catalogDatabase' and "
              + "'catalogTableName' (Glue's setCatalogInfo)");
    }
    String behavior = options.getString(BEHAVIOR, "UPDATE_IN_DATABASE").toUpperCase(Locale.ROOT);
    if (!behavior.equals("UPDATE_IN_DATABASE") && !behavior.equals("LOG")) {
      throw new SinkException(
          "updateBehavior '"
              + options.getString(BEHAVIOR, "")
              + "' is not known; use UPDATE_IN_DATABASE or LOG");
    }
    String path = options.getString("path", "");
    List<String> keys = options.getStringList("partitionKeys");
    TableIdentifier id = TableIdentifier.of(database, table);
    String fmt = format == null ? "" : format.toLowerCase(Locale.ROOT);
    String classification = fmt.equals("glueparquet") ? "parquet" : fmt;
    Options fo = formatOptions == null ? Options.empty() : formatOptions;
    return frame -> {
      Catalog catalog = ctx.catalog();
      catalog.getDatabase(id.database()); // fails before writing when the database is missing
      TableDefinition existing = catalog.tableExists(id) ? catalog.getTable(id) : null;
      List<String> lowerKeys = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
      if (existing != null && !existing.partitionKeyNames().equals(lowerKeys)) {
        throw new SinkException(
            "the partition keys "
                + keys
                + " of the sink for table "
                + id
                + " do not match the table's partition keys "
                + existing.partitionKeyNames()
                + "; they must be the same keys in the same order");
      }
      StructType schema = frame.schema();
      for (String k : keys) {
        if (schema.field(k).isEmpty()) {
          throw new SinkException(
              "partition key '"
                  + k
                  + "' is not a field of frame '"
                  + frame.name()
                  + "'; its fields are "
                  + schema.fieldNames());
        }
      }
      DynamicFrame errors = files.writeDynamicFrame(frame);
      TableDefinition wanted = definition(id, schema, keys, path, classification, fo, ctx.runId());
      boolean addPartitions = true;
      if (existing == null) {
        catalog.createTable(wanted);
        LOG.info("created table {} at {}", id, path);
      } else if (behavior.equals("UPDATE_IN_DATABASE")) {
        if (!existing.columns().equals(wanted.columns())
            || !existing.partitionKeys().equals(wanted.partitionKeys())) {
          catalog.updateTable(
              existing.toBuilder()
                  .columns(wanted.columns())
                  .partitionKeys(wanted.partitionKeys())
                  .parameter("UPDATED_BY_JOB_RUN", ctx.runId())
                  .build());
          LOG.info("updated the columns of table {} to {}", id, wanted.columns());
        }
      } else {
        Set<String> tableColumns = new HashSet<>();
        existing.columns().forEach(c -> tableColumns.add(c.name()));
        List<String> extra =
            wanted.columns().stream()
                .map(Column::name)
                .filter(n -> !tableColumns.contains(n))
                .toList();
        if (!extra.isEmpty()) {
          addPartitions = false;
          LOG.warn(
              "updateBehavior LOG: frame '{}' has columns {} that table {} lacks; the table is kept and no "
                  + "partitions are added",
              frame.name(),
              extra,
              id);
        }
      }
      if (addPartitions && !keys.isEmpty()) {
        List<Partition> found = partitionsUnder(ctx, path, lowerKeys);
        List<List<String>> skipped = catalog.createPartitions(id, found);
        LOG.info(
            "table {}: {} partitions added, {} already registered",
            id,
            found.size() - skipped.size(),
            skipped.size());
      }
      return errors;
    };
  }

  /** The table a frame written with these options makes. */
  static TableDefinition definition(
      TableIdentifier id,
      StructType schema,
      List<String> keys,
      String path,
      String classification,
      Options fo,
      String runId) {
    TableDefinition.Builder b = TableDefinition.builder(id);
    List<Column> columns = new ArrayList<>();
    List<Column> partitionKeys = new ArrayList<>();
    for (Field f : schema.fields()) {
      if (!keys.contains(f.name())) {
        columns.add(Column.of(f));
      }
    }
    for (String k : keys) {
      partitionKeys.add(Column.of(schema.field(k).orElseThrow()));
    }
    b.columns(columns).partitionKeys(partitionKeys).location(path);
    if (classification.equals("csv")) {
      b.format(StorageFormat.csv(fo.getString("separator", ",")));
      b.parameter("classification", "csv");
      b.parameter("delimiter", fo.getString("separator", ","));
      if (fo.getBoolean("writeHeader", true)) {
        b.parameter("skip.header.line.count", "1");
      }
    } else {
      b.classification(classification);
    }
    b.parameter("UPDATED_BY_JOB_RUN", runId);
    return b.build();
  }

  /**
   * The partitions of a Hive-style folder tree: {@code path/k1=v1/k2=v2/}, values unescaped as
   * Spark wrote them.
   */
  static List<Partition> partitionsUnder(DynaContext ctx, String path, List<String> keys) {
    Configuration conf = ctx.spark().sessionState().newHadoopConf();
    List<Partition> out = new ArrayList<>();
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(conf);
      collect(fs, root, keys, 0, new ArrayList<>(), out);
    } catch (IOException e) {
      throw new SinkException(
          "the frame was written, but its partition folders under "
              + path
              + " cannot be listed to register them: "
              + e.getMessage(),
          e);
    }
    return out;
  }

  private static void collect(
      FileSystem fs,
      Path dir,
      List<String> keys,
      int level,
      List<String> values,
      List<Partition> out)
      throws IOException {
    if (level == keys.size()) {
      out.add(Partition.of(List.copyOf(values), dir.toString()));
      return;
    }
    String prefix = keys.get(level) + "=";
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        values.add(ExternalCatalogUtils.unescapePathName(name.substring(prefix.length())));
        collect(fs, st.getPath(), keys, level + 1, values, out);
        values.remove(values.size() - 1);
      }
    }
  }
}
