package io.dynaframe.internal.io;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;

import io.dynaframe.DataSink;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.internal.Paths;
import io.dynaframe.internal.RowJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes frames as files: Spark writes into a hidden staging folder beside the output, then every
 * file is moved into place under a name that says what it holds, {@code
 * <name>-<runId>-part-<nnnnn>.<ext>}, and the staging folder is removed. A failed write moves
 * nothing.
 */
public final class Sinks {
  private Sinks() {}

  private static final Set<String> CSV_OPTIONS =
      Set.of(
          "separator",
          "quoteChar",
          "escaper",
          "writeHeader",
          "withHeader",
          "multiLine",
          "optimizePerformance");

  /**
   * The connection options of an {@code s3} sink: Glue's, with those that register the output in
   * the catalog.
   */
  static final Set<String> CONNECTION_OPTIONS =
      Set.of(
          "path",
          "partitionKeys",
          "compression",
          "enableUpdateCatalog",
          "updateBehavior",
          "catalogDatabase",
          "catalogTableName");

  /** The formats a sink writes. */
  private static java.util.Set<String> writable() {
    java.util.Set<String> out = new java.util.HashSet<>(Sources.FORMATS);
    out.removeAll(Sources.READ_ONLY_FORMATS);
    return out;
  }

  /**
   * The connection options of an {@code s3} sink with their names in Glue's spelling ({@code PATH}
   * is {@code path}), checked: an unknown option, or two spellings of one, fail with a {@link
   * SinkException} that names them.
   */
  public static Options connectionOptions(Options given) {
    Options options = given == null ? Options.empty() : given;
    Options o = options.canonical(CONNECTION_OPTIONS, CONNECTION_OPTION, SinkException::new);
    o.checkKnown(CONNECTION_OPTIONS, CONNECTION_OPTION, SinkException::new);
    return o;
  }

  private static final String CONNECTION_OPTION = "connection option of an s3 sink";

  /** A sink for the options, validated now. */
  public static DataSink create(
      DynaContext ctx,
      Options given,
      String transformationContext,
      String format,
      Options formatOptions) {
    String fmt = format == null ? "" : format.toLowerCase(Locale.ROOT);
    boolean glueFormat = fmt.equals("glueparquet");
    if (glueFormat) {
      fmt = "parquet";
    }
    if (Sources.READ_ONLY_FORMATS.contains(fmt)) {
      throw new SinkException(
          "format '"
              + format
              + "' can be read but not written (as in Glue); write one of "
              + new TreeSet<>(writable()));
    }
    if (!Sources.FORMATS.contains(fmt)) {
      throw new SinkException(
          "format '" + format + "' is not supported; use one of " + new TreeSet<>(writable()));
    }
    Options options = connectionOptions(given);
    // Glue's own format option in any case, as connection options are read
    Options fo =
        (formatOptions == null ? Options.empty() : formatOptions)
            .canonical(Set.of(GLUE_PARQUET_WRITER), "format option", SinkException::new);
    boolean glueWriter = glueParquetWriter(fmt, glueFormat, format, fo);
    String path = options.getString("path", "");
    if (path.isBlank()) {
      throw new SinkException("the sink has no path: set the connection option 'path'");
    }
    if (fmt.equals("csv")) {
      for (String k : fo.asMap().keySet()) {
        if (!CSV_OPTIONS.contains(k)) {
          throw new SinkException(
              "format option '"
                  + k
                  + "' is not known for csv; known options are "
                  + new TreeSet<>(CSV_OPTIONS));
        }
      }
    }
    String finalFmt = fmt;
    List<String> partitionKeys = options.getStringList("partitionKeys");
    String compression = options.getString("compression", fo.getString("compression", null));
    return frame -> {
      frame.assertErrorThreshold();
      String base = baseName(transformationContext, frame.name(), path);
      write(ctx, frame, path, finalFmt, fo, partitionKeys, compression, base, glueWriter);
      return DynamicFrame.fromDF(
          ctx.spark().createDataFrame(List.of(), ErrorRecords.FRAME_SCHEMA),
          ctx,
          frame.name() + "_errors");
    };
  }

  private static final String GLUE_PARQUET_WRITER = "useGlueParquetWriter";

  /**
   * Whether Glue's Parquet writer is asked for: format {@code glueparquet} ({@code glueFormat}; its
   * {@code fmt} is then parquet), or {@code parquet} with the format option {@code
   * useGlueParquetWriter} set to true. The option is checked here: a value other than true or
   * false, or the option on another format, is refused.
   */
  static boolean glueParquetWriter(String fmt, boolean glueFormat, String format, Options fo) {
    if (!fo.asMap().containsKey(GLUE_PARQUET_WRITER)) {
      return glueFormat;
    }
    if (!fmt.equals("parquet")) {
      throw new SinkException(
          "format option useGlueParquetWriter is an option of format parquet, not of '"
              + format
              + "'");
    }
    Object v = fo.asMap().get(GLUE_PARQUET_WRITER);
    String text = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new SinkException(
          "format option useGlueParquetWriter is '" + v + "'; it takes true or false");
    }
    return glueFormat || text.equals("true");
  }

  /**
   * Glue's Parquet writer computes the schema as records come and writes no file for an empty
   * frame; Spark writes one Parquet file of the schema and no rows. With Glue's writer that file
   * (the only file Spark wrote, its footer counting no rows) is removed before publishing.
   */
  private static void dropSchemaOnlyFile(FileSystem fs, Configuration conf, Path staging)
      throws IOException {
    List<Path> files = new ArrayList<>();
    collect(fs, fs.makeQualified(staging), files);
    List<Path> parquet = files.stream().filter(f -> f.getName().endsWith(".parquet")).toList();
    if (parquet.size() != 1) {
      return;
    }
    try (org.apache.parquet.hadoop.ParquetFileReader r =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(parquet.get(0), conf))) {
      if (r.getRecordCount() == 0) {
        fs.delete(parquet.get(0), false);
      }
    }
  }

  /**
   * The file name stem: the step's context, else the frame's name, else the output folder's name.
   */
  static String baseName(String transformationContext, String frameName, String path) {
    String n =
        transformationContext != null && !transformationContext.isBlank()
            ? transformationContext
            : !frameName.isBlank() ? frameName : new Path(path).getName();
    String clean = n.replaceAll("[^A-Za-z0-9_.-]+", "_");
    return clean.isEmpty() ? "data" : clean;
  }

  private static void write(
      DynaContext ctx,
      DynamicFrame frame,
      String path,
      String fmt,
      Options fo,
      List<String> partitionKeys,
      String compression,
      String base,
      boolean glueWriter) {
    Configuration conf = ctx.spark().sessionState().newHadoopConf();
    Path out = new Path(FileListing.normalize(path, conf));
    Path staging =
        new Path(
            out,
            ".dynaframe-staging-"
                + ctx.runId()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    Dataset<Row> df = frame.toDF();
    checkNamesDifferBeyondCase(df.schema(), "", frame.name(), path);
    if (fmt.equals("orc")) {
      checkNoBackticks(df.schema(), "", frame.name(), path);
    }
    List<String> columns = List.of(df.columns());
    for (String k : partitionKeys) {
      if (!columns.contains(k)) {
        throw new SinkException(
            "partition key '"
                + k
                + "' is not a field of frame '"
                + frame.name()
                + "'; its fields are "
                + columns);
      }
    }
    FileSystem fs;
    try {
      fs = out.getFileSystem(conf);
    } catch (IOException e) {
      throw new SinkException("cannot open the file system of " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      String missing = FileListing.missingFileSystem(path, out.toString(), e);
      if (missing != null) {
        throw new SinkException(missing, e);
      }
      throw e;
    }
    try {
      DataFrameWriter<?> w = writer(df, fmt, fo, partitionKeys);
      if (compression != null) {
        w = w.option("compression", compression);
      }
      w.mode(SaveMode.ErrorIfExists)
          .partitionBy(partitionKeys.toArray(new String[0]))
          .format(formatOf(fmt))
          .save(staging.toString());
      if (glueWriter) {
        dropSchemaOnlyFile(fs, conf, staging);
      }
      publish(fs, staging, out, base + "-" + ctx.runId(), fmt, base, path);
    } catch (IOException e) {
      throw new SinkException(
          "writing frame '" + frame.name() + "' to " + path + " failed: " + e.getMessage(), e);
    } catch (Exception e) { // AnalysisException is a checked exception in Java's eyes
      if (e.getClass().getName().endsWith("AnalysisException")) {
        // Spark refused the frame as it is (a name or type the format cannot store): nothing was
        // written
        throw new SinkException(
            "frame '"
                + frame.name()
                + "' cannot be written as "
                + fmt
                + " to "
                + path
                + ": "
                + firstLine(e),
            e);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new SinkException(
          "writing frame '" + frame.name() + "' to " + path + " failed: " + reason(e), e);
    } finally {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        // the next run's cleanup removes it; the output itself is complete or absent
      }
    }
  }

  /**
   * Fails when two fields of one struct have names that differ only in case ({@code Id} and {@code
   * id}): Spark resolves names without regard to case, and Hive and the Glue catalog store them in
   * lower case, so the two would be written as one column or not at all.
   */
  static void checkNamesDifferBeyondCase(
      StructType schema, String prefix, String frameName, String path) {
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (StructField f : schema.fields()) {
      String full = prefix + f.name();
      String other = seen.putIfAbsent(f.name().toLowerCase(Locale.ROOT), full);
      if (other != null) {
        throw new SinkException(
            "frame '"
                + frameName
                + "' has the fields '"
                + other
                + "' and '"
                + full
                + "', whose names differ only in case; Spark, Hive and the Glue catalog take them for one column, so nothing "
                + "was written to "
                + path
                + ": rename or drop one of them first");
      }
      org.apache.spark.sql.types.DataType t = f.dataType();
      while (t instanceof ArrayType a) {
        t = a.elementType();
      }
      if (t instanceof StructType s && !RowJson.isChoiceStruct(s)) {
        checkNamesDifferBeyondCase(s, full + ".", frameName, path);
      }
    }
  }

  /**
   * ORC reads its schema from a type string in which a backtick ends a name: {@code e`f} would be
   * stored as {@code e}.
   */
  private static void checkNoBackticks(
      StructType schema, String prefix, String frameName, String path) {
    for (StructField f : schema.fields()) {
      if (f.name().indexOf('`') >= 0) {
        throw new SinkException(
            "frame '"
                + frameName
                + "' has the field '"
                + prefix
                + f.name()
                + "', and ORC cannot "
                + "store a name with a backtick (it would cut the name short), so nothing was written to "
                + path
                + ": rename the field or write another format");
      }
      org.apache.spark.sql.types.DataType t = f.dataType();
      while (t instanceof ArrayType a) {
        t = a.elementType();
      }
      if (t instanceof StructType s) {
        checkNoBackticks(s, prefix + f.name() + ".", frameName, path);
      }
    }
  }

  private static String formatOf(String fmt) {
    return fmt.equals("json") ? "text" : fmt;
  }

  private static DataFrameWriter<?> writer(
      Dataset<Row> df, String fmt, Options fo, List<String> keys) {
    switch (fmt) {
      case "json":
        {
          // each record as one JSON line (a choice as the value it holds), partition columns beside
          // it
          List<Column> cols = new ArrayList<>();
          for (String k : keys) {
            cols.add(col(Paths.quote(k)));
          }
          StructType restSchema = df.drop(keys.toArray(new String[0])).schema();
          List<Column> rest = new ArrayList<>();
          for (StructField f : restSchema.fields()) {
            rest.add(col(Paths.quote(f.name())));
          }
          UDF1<Row, String> toJson = r -> RowJson.toJson(r, restSchema);
          Column record =
              rest.isEmpty()
                  ? lit("{}")
                  : udf(toJson, DataTypes.StringType).apply(struct(rest.toArray(new Column[0])));
          cols.add(record.alias("value"));
          return df.select(cols.toArray(new Column[0])).write();
        }
      case "csv":
        {
          Dataset<Row> flat = df.select(flatColumns(df.schema()));
          DataFrameWriter<Row> w =
              flat.write()
                  .option("header", String.valueOf(fo.getBoolean("writeHeader", true)))
                  .option("sep", fo.getString("separator", ","));
          String quote = fo.getString("quoteChar", "\"");
          if (quote.equals("-1")) {
            w = w.option("quote", "\u0000");
          } else {
            // quotes inside values are doubled ("a ""b"""), as the CSV source reads them
            w = w.option("quote", quote).option("escape", fo.getString("escaper", quote));
          }
          return w;
        }
      default:
        return df.select(voidAsString(df.schema())).write();
    }
  }

  /**
   * Columns for flat formats: a choice becomes the string of the value it holds, nested values JSON
   * text.
   */
  private static Column[] flatColumns(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = col(Paths.quote(f.name()));
      if (f.dataType() instanceof StructType s && RowJson.isChoiceStruct(s)) {
        List<Column> slots = new ArrayList<>();
        for (StructField slot : s.fields()) {
          Column member = c.getField(slot.name());
          slots.add(
              slot.dataType() instanceof StructType
                      || slot.dataType() instanceof ArrayType
                      || slot.dataType() instanceof MapType
                  ? to_json(member)
                  : member.cast(DataTypes.StringType));
        }
        c = coalesce(slots.toArray(new Column[0]));
      } else if (f.dataType() instanceof StructType
          || f.dataType() instanceof ArrayType
          || f.dataType() instanceof MapType) {
        c = to_json(c);
      } else if (f.dataType() instanceof NullType) {
        c = c.cast(DataTypes.StringType);
      }
      cols.add(c.alias(f.name()));
    }
    return cols.toArray(new Column[0]);
  }

  /**
   * Parquet, ORC and Avro cannot store a column of type null: it is written as a string column of
   * nulls.
   */
  private static Column[] voidAsString(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = col(Paths.quote(f.name()));
      cols.add(f.dataType() instanceof NullType ? c.cast(DataTypes.StringType).alias(f.name()) : c);
    }
    return cols.toArray(new Column[0]);
  }

  /**
   * Why a Spark write failed, in one line, instead of Spark's "Job aborted due to stage failure"
   * with a task's stack trace: the message of the first dynaframe exception behind it (a source
   * that could not be read), else that of the first I/O error (which names the object that could
   * not be written), else the failure's own first line.
   */
  static String reason(Throwable failure) {
    Throwable io = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t != failure && t instanceof io.dynaframe.DynaFrameException) {
        return firstLine(t);
      }
      if (io == null && t instanceof IOException) {
        io = t;
      }
    }
    return firstLine(io != null ? io : failure);
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Moves every data file from staging into the output folder under its final name. */
  private static void publish(
      FileSystem fs, Path staging, Path out, String stem, String fmt, String step, String path)
      throws IOException {
    // listed files come back qualified (file:/abs/...): compare them with qualified folders, or a
    // relative output path ("target/out") would cut them at the wrong place
    staging = fs.makeQualified(staging);
    out = fs.makeQualified(out);
    List<Path> files = new ArrayList<>();
    collect(fs, staging, files);
    files.sort(null);
    List<Path> targets = new ArrayList<>();
    for (Path f : files) {
      String rel = f.getParent().toUri().getPath().substring(staging.toUri().getPath().length());
      Path dir = rel.isEmpty() ? out : new Path(out.toString() + rel);
      Path target = new Path(dir, finalName(f.getName(), stem, fmt));
      if (fs.exists(target)) {
        // checked before any file moves: the first write's files stay as they were
        throw new SinkException(
            path
                + " was already written by step '"
                + step
                + "' in this run ("
                + target.getName()
                + " exists); write each output to its own path, or give this sink a"
                + " transformation context of its own so that its files get their own names");
      }
      targets.add(target);
    }
    Set<Path> folders = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      Path target = targets.get(i);
      if (folders.add(target.getParent())) {
        mkdirs(fs, target.getParent());
      }
      if (!fs.rename(f, target)) {
        throw new IOException("could not move " + f + " to " + target);
      }
    }
  }

  /**
   * Creates a folder and its parents. On the local file system it goes through {@code java.nio}:
   * Hadoop's local file system sets the permission of each folder it creates with a {@code chmod}
   * process when its native library is missing (as it is on most machines), several milliseconds a
   * folder, which a partitioned write pays for every partition. The folders get the same default
   * permission either way (the process's umask).
   */
  private static void mkdirs(FileSystem fs, Path dir) throws IOException {
    java.io.File local =
        fs instanceof LocalFileSystem l
            ? l.pathToFile(dir)
            : fs instanceof RawLocalFileSystem r ? r.pathToFile(dir) : null;
    if (local != null) {
      java.nio.file.Files.createDirectories(local.toPath());
    } else if (!fs.mkdirs(dir)) {
      throw new IOException("could not create the folder " + dir);
    }
  }

  private static void collect(FileSystem fs, Path dir, List<Path> out) throws IOException {
    for (var st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (st.isDirectory()) {
        collect(fs, st.getPath(), out);
      } else if (!n.startsWith("_") && !n.startsWith(".")) {
        out.add(st.getPath());
      }
    }
  }

  /**
   * {@code part-00003-<uuid>-c000.snappy.parquet} becomes {@code <stem>-part-00003.snappy.parquet};
   * a second file of the same task keeps its counter: {@code
   * <stem>-part-00003-c001.snappy.parquet}.
   */
  static String finalName(String sparkName, String stem, String fmt) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("part-(\\d+)(?:-[0-9a-fA-F-]{36})?(?:[-.]c(\\d+))?(\\..*)?")
            .matcher(sparkName);
    String part = "00000";
    String counter = null;
    String ext = "";
    if (m.matches()) {
      part = m.group(1);
      counter = m.group(2) == null || m.group(2).equals("000") ? null : m.group(2);
      ext = m.group(3) == null ? "" : m.group(3);
    }
    if (fmt.equals("json")) {
      ext = ext.replaceFirst("^\\.txt", ".json");
      if (ext.isEmpty()) {
        ext = ".json";
      }
    }
    return stem + "-part-" + part + (counter == null ? "" : "-c" + counter) + ext;
  }
}
