package io.dynaframe.internal.io;

import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.InputFile;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.internal.OptionKeys;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the sources of connection type {@code s3} (files on S3, s3a or a local disk) for each
 * format.
 */
public final class Sources {
  private Sources() {}

  static final Set<String> FORMATS =
      Set.of("json", "csv", "parquet", "orc", "avro", "xml", "ion", "groklog");

  /** The formats Glue reads but does not write. */
  static final Set<String> READ_ONLY_FORMATS = Set.of("xml", "ion", "groklog");

  /** Glue's format options of {@code grokLog}. */
  private static final Set<String> GROK_OPTIONS =
      Set.of("logFormat", "customPatterns", "MISSING", "LineCount", "StrictMode");

  /**
   * The connection options of an {@code s3} source, as Glue documents them. {@code
   * useS3ListImplementation} is checked and has no effect: files are listed through Hadoop's file
   * system, page by page already (README, "Where dynaframe differs from Glue").
   */
  static final Set<String> CONNECTION_OPTIONS =
      Set.of(
          "paths",
          "recurse",
          "exclusions",
          "compressionType",
          "groupFiles",
          "groupSize",
          "maxBand",
          "maxFilesInBand",
          "isFailFast",
          "excludeStorageClasses",
          "useS3ListImplementation",
          "boundedSize",
          "boundedFiles",
          "attachFilename",
          "attachTimestamp");

  /**
   * Format options the catalog source gives a CSV source: the table's column names and their Hive
   * types, in order.
   */
  public static final String CATALOG_COLUMN_NAMES = "__dynaframe.catalogColumnNames";

  /** See {@link #CATALOG_COLUMN_NAMES}. */
  public static final String CATALOG_COLUMN_TYPES = "__dynaframe.catalogColumnTypes";

  private static final Set<String> JSON_OPTIONS = Set.of("jsonPath", "multiLine");
  private static final Set<String> CSV_OPTIONS =
      Set.of(
          "separator",
          "quoteChar",
          "escaper",
          "withHeader",
          "skipFirst",
          "multiLine",
          "optimizePerformance",
          "strictCheckForQuoting",
          CsvFormat.TYPED_VALUES,
          CATALOG_COLUMN_NAMES,
          CATALOG_COLUMN_TYPES);

  /**
   * The connection options of an {@code s3} source with their names in Glue's spelling ({@code
   * PATHS} is {@code paths}), checked: an unknown option, or two spellings of one, fail with a
   * {@link SourceException} that names them.
   */
  public static Options connectionOptions(Options given) {
    Options options = given == null ? Options.empty() : given;
    Options o = options.canonical(CONNECTION_OPTIONS, CONNECTION_OPTION, SourceException::new);
    o.checkKnown(CONNECTION_OPTIONS, CONNECTION_OPTION, SourceException::new);
    return o;
  }

  private static final String CONNECTION_OPTION = "connection option of an s3 source";

  /** The connection options of an s3 source and {@code more}. */
  public static Set<String> additionalOptions(Set<String> more) {
    Set<String> out = new java.util.HashSet<>(CONNECTION_OPTIONS);
    out.addAll(more);
    return Set.copyOf(out);
  }

  /**
   * A source for the options, validated now: an unknown connection type, format or format option
   * fails here with a {@link SourceException} that names it, and so does a format whose optional
   * library is not on the class path (before the session is used: {@code ctx} is only read when the
   * frame is).
   */
  public static DataSource create(
      DynaContext ctx,
      Options given,
      String transformationContext,
      String format,
      Options formatOptions) {
    String fmt = format == null ? "" : format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(fmt)) {
      throw new SourceException(
          "format '" + format + "' is not supported; use one of " + new TreeSet<>(FORMATS));
    }
    Options fo = formatOptions == null ? Options.empty() : formatOptions;
    Options options = connectionOptions(given);
    fo = checkFormatOptions(fmt, fo);
    if (options.getStringList("paths").isEmpty()) {
      throw new SourceException(
          "the source has no paths: set the connection option 'paths' (a list of paths or URIs)");
    }
    String ctxName = transformationContext == null ? "" : transformationContext;
    String source =
        "the source"
            + (ctxName.isEmpty() ? "" : " '" + ctxName + "'")
            + " (paths "
            + options.getStringList("paths")
            + ")";
    RecordFormat records =
        switch (fmt) {
          case "json" ->
              new JsonFormat(fo.getBoolean("multiLine", false), fo.getString("jsonPath", null));
          case "csv" ->
              new CsvFormat(
                  fo.getString("separator", null),
                  fo.getString("quoteChar", null),
                  fo.getString("escaper", null),
                  fo.getBoolean("withHeader", false),
                  fo.getBoolean("skipFirst", false),
                  fo.getBoolean(CsvFormat.TYPED_VALUES, false),
                  fo.asMap().containsKey(CATALOG_COLUMN_NAMES)
                      ? fo.getStringList(CATALOG_COLUMN_NAMES)
                      : null,
                  fo.asMap().containsKey(CATALOG_COLUMN_TYPES)
                      ? fo.getStringList(CATALOG_COLUMN_TYPES).stream()
                          .map(io.dynaframe.catalog.HiveTypes::parse)
                          .toList()
                      : null,
                  fo.getBoolean("multiLine", false));
          case "ion" -> {
            needs(
                "com.amazon.ion.system.IonReaderBuilder",
                format,
                source,
                IonFormat.ARTIFACT,
                IonFormat.VERSION,
                "");
            yield new IonFormat();
          }
          case "groklog" -> {
            needs(
                "io.krakens.grok.api.GrokCompiler",
                format,
                source,
                GrokFormat.ARTIFACT,
                GrokFormat.VERSION,
                "");
            yield grok(fo);
          }
          default -> null;
        };
    XmlSource.Plan xml = fmt.equals("xml") ? xmlPlan(format, source, fo) : null;
    S3SourceOptions s3 = S3SourceOptions.parse(options);
    if (xml != null && (s3.attachFilename() != null || s3.attachTimestamp() != null)) {
      throw new SourceException(
          "connection options attachFilename and attachTimestamp are not supported for format xml");
    }
    List<String> paths = options.getStringList("paths");
    boolean recurse = options.getBoolean("recurse", false);
    List<String> exclusions = options.getStringList("exclusions");
    String compression = options.getString("compressionType", null);
    if (compression != null
        && !compression.isBlank()
        && !Set.of("gzip", "gz", "bzip", "bzip2", "bz2", "none")
            .contains(compression.toLowerCase(Locale.ROOT))) {
      throw new SourceException(
          "compressionType must be gzip, bzip2 or none, was '" + compression + "'");
    }
    if (xml != null && compression != null && !compression.isBlank()) {
      throw new SourceException(
          "connection option compressionType is not supported for format xml: Spark's XML reader"
              + " decompresses files by their extension (.gz, .bz2)");
    }
    String groupFiles = options.getString("groupFiles", "");
    long groupSize = options.getLong("groupSize", -1);
    return () -> {
      Configuration conf = ctx.spark().sessionState().newHadoopConf();
      List<InputFile> listed =
          s3.withoutExcludedClasses(FileListing.list(conf, paths, recurse, exclusions), conf);
      List<InputFile> files = BookmarkFilter.select(ctx, ctxName, listed, s3.limits());
      String name = ctxName.isEmpty() ? fmt : ctxName;
      if (xml != null) {
        DynamicFrame read =
            XmlSource.read(
                ctx,
                xml.source(),
                xml.options(),
                xml.schema(),
                files,
                name,
                ctxName,
                s3.failFast());
        return files.isEmpty()
            ? read.withEmptyReason(emptyReason(ctxName, fmt, paths, listed.isEmpty()))
            : read;
      }
      if (files.isEmpty()) {
        return read(
                ctx,
                fmt,
                records,
                files,
                conf,
                compression,
                groupFiles,
                groupSize,
                name,
                ctxName,
                s3)
            .withEmptyReason(emptyReason(ctxName, fmt, paths, listed.isEmpty()));
      }
      return read(
          ctx, fmt, records, files, conf, compression, groupFiles, groupSize, name, ctxName, s3);
    };
  }

  /** Why a source read nothing: its folders hold no files, or none is new since its bookmark. */
  static String emptyReason(String ctxName, String fmt, List<String> paths, boolean noFiles) {
    String source = "the " + fmt + " source" + (ctxName.isEmpty() ? "" : " '" + ctxName + "'");
    String where = paths.size() == 1 ? paths.get(0) : "any of " + String.join(", ", paths);
    return noFiles
        ? source
            + " read no records: "
            + (paths.size() == 1 ? "the folder " + where + " is empty" : "no file in " + where)
        : source
            + " read no records: no file under "
            + where
            + " is new since its bookmark (the run before already read them)";
  }

  private static DynamicFrame read(
      DynaContext ctx,
      String fmt,
      RecordFormat records,
      List<InputFile> files,
      Configuration conf,
      String compression,
      String groupFiles,
      long groupSize,
      String name,
      String ctxName,
      S3SourceOptions s3) {
    if (records == null) {
      if (fmt.equals("parquet")) {
        ParquetFooters.Checked checked = ParquetFooters.check(files, conf);
        return sparkFormat(
            ctx,
            fmt,
            checked.files(),
            checked.columnsDiffer(),
            checked.sparkSchema(),
            name,
            ctxName,
            s3);
      }
      return sparkFormat(ctx, fmt, files, false, null, name, ctxName, s3);
    }
    long target =
        groupFiles.equalsIgnoreCase("inPartition") && groupSize > 0
            ? groupSize
            : FileGroups.defaultTarget(files, ctx.spark().sparkContext().defaultParallelism());
    DynamicFrame read =
        TextSource.read(
            ctx,
            files,
            records,
            compression,
            target,
            null,
            name,
            ctxName,
            new TextSource.Extras(s3.attachFilename(), s3.attachTimestamp(), s3.failFast()));
    if (records instanceof CsvFormat csv && !files.isEmpty()) {
      csv.checkHeaderSplit(read.toDF().schema(), files.get(0).path());
    }
    return read;
  }

  /**
   * The columns of {@code attachFilename} (the file's path as the source listed it) and {@code
   * attachTimestamp} (its modification time, epoch milliseconds), from Spark's hidden {@code
   * _metadata} column: no extra pass over the files.
   */
  private static Dataset<Row> attach(Dataset<Row> df, List<InputFile> files, S3SourceOptions s3) {
    if (s3.attachFilename() == null && s3.attachTimestamp() == null) {
      return df;
    }
    for (String option : new String[] {"attachFilename", "attachTimestamp"}) {
      String column = option.equals("attachFilename") ? s3.attachFilename() : s3.attachTimestamp();
      if (column != null && java.util.Arrays.asList(df.columns()).contains(column)) {
        throw new SourceException(
            "connection option "
                + option
                + " names the column '"
                + column
                + "', which the files already hold; choose another name");
      }
    }
    Dataset<Row> out = df;
    if (s3.attachFilename() != null) {
      // Spark gives the path URL-encoded; where that differs from the listed path, map it back
      Column sparkPath = functions.col("_metadata.file_path");
      List<Column> pairs = new java.util.ArrayList<>();
      for (InputFile f : files) {
        String encoded = new org.apache.hadoop.fs.Path(f.path()).toUri().toString();
        if (!encoded.equals(f.path())) {
          pairs.add(functions.lit(encoded));
          pairs.add(functions.lit(f.path()));
        }
      }
      Column path =
          pairs.isEmpty()
              ? sparkPath
              : functions.coalesce(
                  functions.element_at(functions.map(pairs.toArray(new Column[0])), sparkPath),
                  sparkPath);
      out = out.withColumn(s3.attachFilename(), path);
    }
    if (s3.attachTimestamp() != null) {
      out =
          out.withColumn(
              s3.attachTimestamp(),
              functions.expr("unix_millis(_metadata.file_modification_time)"));
    }
    return out;
  }

  /** The plan of an xml source, its reader's library checked (spark-xml on Spark 3.5). */
  private static XmlSource.Plan xmlPlan(String format, String source, Options fo) {
    // the Spark on the class path (the session's own version, without asking the session)
    String spark = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    if (spark.startsWith("3.")) {
      needs(
          XmlSource.SPARK_XML_SOURCE,
          format,
          source,
          XmlSource.SPARK_XML,
          XmlSource.SPARK_XML_VERSION,
          " on Spark " + spark + " (Glue 5; Spark 4, Glue 6, reads XML itself)");
    }
    return XmlSource.plan(spark, fo);
  }

  /**
   * Fails naming the format, the source and the artifact (with the version dynaframe is built and
   * tested with) when a format's optional library is not on the class path: checked when the source
   * is created, before the format's own class, which refers to the library, is loaded.
   */
  private static void needs(
      String className,
      String format,
      String source,
      String artifact,
      String version,
      String when) {
    try {
      Class.forName(className, false, Sources.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SourceException(
          "format '"
              + format
              + "' of "
              + source
              + " needs "
              + artifact
              + ":"
              + version
              + when
              + ", which is not on the class path; add that artifact to the job's dependencies");
    }
  }

  /** The grokLog format of the format options, checked now. */
  private static GrokFormat grok(Options fo) {
    String lines = fo.getString("LineCount", "1").strip();
    if (!lines.equals("1")) {
      throw new SourceException(
          "format option LineCount is '"
              + lines
              + "'; grokLog reads single-line records only (LineCount 1), as Glue does");
    }
    return new GrokFormat(
        fo.getString("logFormat", null),
        fo.getString("customPatterns", null),
        fo.getString("MISSING", "-"),
        fo.getBoolean("StrictMode", false));
  }

  /** The format options with their known keys' spelling, checked. */
  private static Options checkFormatOptions(String fmt, Options given) {
    Set<String> known =
        switch (fmt) {
          case "json" -> JSON_OPTIONS;
          case "csv" -> CSV_OPTIONS;
          case "xml" -> XmlSource.OPTIONS;
          case "ion" -> Set.<String>of();
          case "groklog" -> GROK_OPTIONS;
          default -> null;
        };
    if (known == null) {
      return given; // Spark's own readers take their own options
    }
    java.util.function.Function<String, SourceException> error =
        m ->
            new SourceException(
                m.replace("format option of " + fmt + ": '", "format option '")
                    .replace("' is not known", "' is not known for " + fmt));
    Options fo =
        Options.of(
            OptionKeys.canonical(given.asMap(), known, "format option of " + fmt + ":", error));
    OptionKeys.check(fo.asMap().keySet(), known, "format option of " + fmt + ":", error);
    return fo;
  }

  /**
   * A schema Spark wrote into a footer, or null when it cannot be read (Spark then infers it
   * itself).
   */
  private static StructType knownSchema(String json) {
    try {
      return DataType.fromJson(json) instanceof StructType s ? s : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static DynamicFrame sparkFormat(
      DynaContext ctx,
      String fmt,
      List<InputFile> files,
      boolean mergeSchema,
      String sparkSchema,
      String name,
      String transformationContext,
      S3SourceOptions s3) {
    if (files.isEmpty()) {
      return DynamicFrame.empty(ctx)
          .withName(name)
          .withTransformationContext(transformationContext);
    }
    String[] paths = files.stream().map(InputFile::path).toArray(String[]::new);
    try {
      var reader = ctx.spark().read().format(fmt);
      StructType schema = sparkSchema == null ? null : knownSchema(sparkSchema);
      if (schema != null) {
        // the schema Spark wrote into the files' footers, read with the footer check: Spark need
        // not run a job of its own to read it again
        reader = reader.schema(schema);
      } else if (mergeSchema) {
        // files with different columns: read with the union of their columns (types were checked to
        // agree)
        reader = reader.option("mergeSchema", "true");
      }
      Dataset<Row> df = attach(reader.load(paths), files, s3);
      return DynamicFrame.fromDF(df, ctx, name).withTransformationContext(transformationContext);
    } catch (RuntimeException e) {
      if (e.getClass().getName().endsWith("AnalysisException")) {
        throw new SourceException(
            "cannot read "
                + fmt
                + " from "
                + files.get(0).path()
                + (files.size() > 1 ? " and " + (files.size() - 1) + " more files" : "")
                + ": "
                + e.getMessage(),
            e);
      }
      throw e;
    }
  }
}
