package io.dynaframe.internal.catalog;

import static org.apache.spark.sql.functions.lit;

import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.internal.PartitionPredicates;
import io.dynaframe.types.SparkTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a catalog table, as Glue's {@code create_dynamic_frame.from_catalog}: the table's location
 * and classification give the paths and the format, its SerDe and parameters the format options
 * (separator, header), and for a partitioned table the push-down predicate is evaluated over the
 * partitions' values from the catalog, before any file is listed, so only the folders of the
 * partitions that pass are read. Partition columns are added to the records with the types of the
 * table's partition keys.
 */
public final class CatalogSources {
  private CatalogSources() {}

  /** Connection options that may come from the table's parameters, as Glue reads them there. */
  private static final Set<String> TABLE_CONNECTION_OPTIONS =
      Set.of("groupFiles", "groupSize", "recurse", "exclusions", "compressionType");

  /** Options of the catalog source itself, not passed on to the file source. */
  public static final Set<String> OWN_OPTIONS = Set.of("catalogPartitionPredicate");

  /** The source; the table is looked up when the frame is read. */
  public static DataSource create(
      DynaContext ctx,
      Catalog catalog,
      String database,
      String table,
      String transformationContext,
      String pushDownPredicate,
      Options additionalOptions) {
    TableIdentifier id = TableIdentifier.of(database, table);
    Options extra = additionalOptions == null ? Options.empty() : additionalOptions;
    String step = transformationContext == null ? "" : transformationContext;
    return () -> read(ctx, catalog, id, step, pushDownPredicate, extra);
  }

  private static DynamicFrame read(
      DynaContext ctx,
      Catalog catalog,
      TableIdentifier id,
      String step,
      String pushDownPredicate,
      Options extra) {
    TableDefinition t = catalog.getTable(id);
    String format =
        t.classification()
            .orElseThrow(
                () ->
                    new SourceException(
                        "table "
                            + id
                            + " has no classification: set its table parameter 'classification' (json, csv, parquet, orc or avro)"));
    if (!Set.of("json", "csv", "parquet", "orc", "avro").contains(format)) {
      throw new SourceException(
          "table "
              + id
              + " has classification '"
              + format
              + "', which cannot be read; readable are json, csv, parquet, orc, avro");
    }
    Options formatOptions = formatOptions(t, format);
    Map<String, Object> conn = new LinkedHashMap<>();
    conn.put("recurse", true);
    t.parameters()
        .forEach(
            (k, v) -> {
              if (TABLE_CONNECTION_OPTIONS.contains(k)) {
                conn.put(k, v);
              }
            });
    extra
        .asMap()
        .forEach(
            (k, v) -> {
              if (!OWN_OPTIONS.contains(k)) {
                conn.put(k, v);
              }
            });
    String name = step.isEmpty() ? id.name() : step;

    if (t.partitionKeys().isEmpty()) {
      if (pushDownPredicate != null && !pushDownPredicate.isBlank()) {
        throw new SourceException(
            "table "
                + id
                + " is not partitioned, so it takes no push-down predicate ('"
                + pushDownPredicate
                + "')");
      }
      String location =
          t.location().orElseThrow(() -> new SourceException("table " + id + " has no location"));
      return readPaths(ctx, List.of(location), conn, format, formatOptions, step).withName(name);
    }

    String catalogPredicate = extra.getString("catalogPartitionPredicate", null);
    List<Partition> partitions = catalog.listAllPartitions(id, catalogPredicate);
    List<Partition> selected = prune(ctx, t, partitions, pushDownPredicate);
    if (selected.isEmpty()) {
      StructType schema = SparkTypes.toSpark(t.schema());
      return DynamicFrame.fromDF(ctx.spark().createDataFrame(List.of(), schema), ctx, name)
          .withTransformationContext(step);
    }
    DynamicFrame result = null;
    for (Partition p : selected) {
      String location = p.location().orElseGet(() -> defaultLocation(t, p));
      DynamicFrame part = readPaths(ctx, List.of(location), conn, format, formatOptions, step);
      Dataset<Row> df = part.toDF();
      for (int i = 0; i < t.partitionKeys().size(); i++) {
        Column key = t.partitionKeys().get(i);
        String value = p.values().get(i);
        org.apache.spark.sql.types.DataType type = SparkTypes.toSpark(key.dataType());
        df =
            df.withColumn(
                key.name(),
                Partition.NULL_VALUE.equals(value) ? lit(null).cast(type) : lit(value).cast(type));
      }
      DynamicFrame withKeys = part.withRows(df);
      result = result == null ? withKeys : result.union(withKeys);
    }
    return result.withName(name).withTransformationContext(step);
  }

  private static DynamicFrame readPaths(
      DynaContext ctx,
      List<String> paths,
      Map<String, Object> conn,
      String format,
      Options formatOptions,
      String step) {
    Options options = Options.of(conn).with("paths", paths);
    return ctx.createDynamicFrameFromOptions("s3", options, format, formatOptions, step);
  }

  private static String defaultLocation(TableDefinition t, Partition p) {
    String base =
        t.location()
            .orElseThrow(
                () ->
                    new SourceException(
                        "partition "
                            + p.values()
                            + " of table "
                            + t.identifier()
                            + " has no location, and neither has the table"));
    StringBuilder sb =
        new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    for (int i = 0; i < p.values().size(); i++) {
      // escaped as Spark names partition folders, so a value such as "../x" stays one folder below
      // the table
      sb.append('/')
          .append(ExternalCatalogUtils.escapePathName(t.partitionKeys().get(i).name()))
          .append('=')
          .append(ExternalCatalogUtils.escapePathName(p.values().get(i)));
    }
    return sb.toString();
  }

  /**
   * Format options from the table: the CSV separator and header, as Glue's crawler records them.
   */
  static Options formatOptions(TableDefinition t, String format) {
    if (!format.equals("csv")) {
      return Options.empty();
    }
    Options columns = Options.empty();
    if (!t.columns().isEmpty()) {
      // Glue reads a crawled CSV with the table's columns: their names by position, their types
      // (values that do not fit become a choice with string)
      columns =
          Options.of(
              io.dynaframe.internal.io.Sources.CATALOG_COLUMN_NAMES,
              t.columns().stream().map(Column::name).toList(),
              io.dynaframe.internal.io.Sources.CATALOG_COLUMN_TYPES,
              t.columns().stream().map(Column::type).toList());
    }
    Map<String, String> serde = t.format().serdeParameters();
    String sep =
        serde.getOrDefault(
            "field.delim",
            serde.getOrDefault("separatorChar", t.parameters().getOrDefault("delimiter", ",")));
    Options o = columns.with("separator", sep);
    String header = t.parameters().getOrDefault("skip.header.line.count", "0");
    if (!header.trim().equals("0")) {
      o = o.with("withHeader", true);
    }
    String quote = serde.get("quoteChar");
    if (quote != null) {
      o = o.with("quoteChar", quote);
    }
    String escape = serde.get("escapeChar");
    if (escape != null) {
      o = o.with("escaper", escape);
    }
    return o;
  }

  /**
   * The partitions that pass the predicate, evaluated by Spark SQL over a small local table of the
   * partition values (typed as the partition keys); no file is touched.
   */
  static List<Partition> prune(
      DynaContext ctx, TableDefinition t, List<Partition> partitions, String predicate) {
    if (predicate == null || predicate.isBlank() || partitions.isEmpty()) {
      return partitions;
    }
    List<org.apache.spark.sql.types.DataType> types = new ArrayList<>();
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
    List<Integer> kept;
    try {
      kept =
          PartitionPredicates.select(ctx.spark(), t.partitionKeyNames(), types, values, predicate);
    } catch (IllegalArgumentException e) {
      throw new SourceException(
          "push-down predicate '"
              + predicate
              + "' of table "
              + t.identifier()
              + " is not a valid condition over its partition keys "
              + t.partitionKeyNames()
              + ": "
              + e.getMessage(),
          e.getCause() == null ? e : e.getCause());
    } catch (IllegalStateException e) {
      throw new SourceException(
          "cannot evaluate push-down predicate '"
              + predicate
              + "' of table "
              + t.identifier()
              + ": "
              + e.getMessage(),
          e.getCause() == null ? e : e.getCause());
    }
    List<Partition> out = new ArrayList<>(kept.size());
    for (int i : kept) {
      out.add(partitions.get(i));
    }
    return out;
  }
}
