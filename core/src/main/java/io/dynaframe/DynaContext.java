package io.dynaframe;

import com.google.common.base.Preconditions;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.internal.SessionCatalogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Where a job starts: a SparkSession plus what dynaframe keeps per run (the run id that names
 * output files). It reads and writes frames with Glue's connection types, formats and options. The
 * counterpart of Glue's {@code GlueContext}, named apart so the two never clash on a Glue
 * classpath.
 *
 * <p>On Glue or a cluster, wrap the session you have: {@code DynaContext.of(spark)}. On a laptop or
 * in a test, {@code DynaContext.local().build()} starts local Spark with the UI off, loopback
 * networking, and a warehouse and Hive metastore on Derby in a folder.
 */
public final class DynaContext {

  private final SparkSession spark;
  private final String runId;
  private final Bookmarks bookmarks;
  private final Catalog catalog; // null: the session's configured catalog (see catalog())
  private final RunObserver observer; // one per run id

  private DynaContext(SparkSession spark, String runId, Bookmarks bookmarks) {
    this(spark, runId, bookmarks, null);
  }

  private DynaContext(SparkSession spark, String runId, Bookmarks bookmarks, Catalog catalog) {
    this(spark, checkRunId(runId), bookmarks, catalog, Observers.forRun(spark, runId));
  }

  private DynaContext(
      SparkSession spark,
      String runId,
      Bookmarks bookmarks,
      Catalog catalog,
      RunObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.spark = Objects.requireNonNull(spark, "spark");
    checkRunId(runId);
    this.runId = runId;
    this.bookmarks = Objects.requireNonNull(bookmarks, "bookmarks");
    this.catalog = catalog;
  }

  private static String checkRunId(String runId) {
    Preconditions.checkArgument(
        runId != null && runId.matches("[A-Za-z0-9_.-]+") && !runId.matches("\\.+"),
        "a run id may hold letters, digits, '.', '_' and '-' only, and not be only dots: '%s'",
        runId);
    return runId;
  }

  /** A context on an existing session, with a new run id. */
  public static DynaContext of(SparkSession spark) {
    return new DynaContext(spark, newRunId(), Bookmarks.NONE);
  }

  /** A builder for a context on local Spark. */
  public static LocalBuilder local() {
    return new LocalBuilder();
  }

  /** This context with another run id (the job runtime sets the one of the current run). */
  public DynaContext withRunId(String newRunId) {
    return new DynaContext(spark, newRunId, bookmarks, catalog);
  }

  /** This context with the bookmarks of a job run (the job runtime's {@code Job} sets them). */
  public DynaContext withBookmarks(Bookmarks value) {
    return new DynaContext(spark, runId, value, catalog, observer);
  }

  /** The bookmarks sources consult; {@link Bookmarks#NONE} outside a job with bookmarks enabled. */
  public Bookmarks bookmarks() {
    return bookmarks;
  }

  /**
   * A fresh run id: UTC time to the second and four random hex digits, e.g. {@code
   * 20261125T210315Z-5f3a}.
   */
  public static String newRunId() {
    String time =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    return time + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * The observer of this run, made when the run id was given (see {@link RunObserver}): contexts
   * with the same run id share it. With the job runtime on the class path it is the run's lineage
   * recorder ({@code RunLineage.of(ctx)} reads it).
   */
  public RunObserver observer() {
    return observer;
  }

  /** The Spark session. */
  public SparkSession spark() {
    return spark;
  }

  /** The id of this run, part of every output file's name. */
  public String runId() {
    return runId;
  }

  // ---------------------------------------------------------------- sources

  /**
   * A source of the given connection type and format, as Glue's {@code getSourceWithFormat}.
   * Connection type {@code s3} (also for local and {@code s3a://} paths) with options {@code
   * paths}, {@code recurse}, {@code exclusions}, {@code compressionType}, {@code groupFiles},
   * {@code groupSize}; formats json, csv, parquet, orc, avro.
   */
  public DataSource getSourceWithFormat(
      String connectionType,
      Options options,
      String transformationContext,
      String format,
      Options formatOptions) {
    return observer.source(
        Observers.source(
            connectionType, options, transformationContext, format, jdbcUrlOf(options)),
        Connectors.source(
            new Connector.Request(
                this, connectionType, options, transformationContext, format, formatOptions)));
  }

  /** Reads a frame: Glue's {@code create_dynamic_frame_from_options}. */
  public DynamicFrame createDynamicFrameFromOptions(
      String connectionType,
      Options connectionOptions,
      String format,
      Options formatOptions,
      String transformationContext) {
    return getSourceWithFormat(
            connectionType, connectionOptions, transformationContext, format, formatOptions)
        .getDynamicFrame();
  }

  // ---------------------------------------------------------------- sinks

  /**
   * A sink of the given connection type and format, as Glue's {@code getSinkWithFormat}. Connection
   * type {@code s3} with options {@code path}, {@code partitionKeys}, {@code compression}; formats
   * json, csv, parquet, orc, avro.
   */
  public DataSink getSinkWithFormat(
      String connectionType,
      Options options,
      String transformationContext,
      String format,
      Options formatOptions) {
    return observer.sink(
        Observers.sink(connectionType, options, transformationContext, format, jdbcUrlOf(options)),
        Connectors.sink(
            new Connector.Request(
                this, connectionType, options, transformationContext, format, formatOptions)));
  }

  /**
   * Writes a frame: Glue's {@code write_dynamic_frame_from_options}. The transformation context
   * names the step and its files ({@code ""} as Glue's default: named after the frame). Returns the
   * write's error records.
   */
  public DynamicFrame writeDynamicFrameFromOptions(
      DynamicFrame frame,
      String connectionType,
      Options connectionOptions,
      String format,
      Options formatOptions,
      String transformationContext) {
    return getSinkWithFormat(
            connectionType, connectionOptions, transformationContext, format, formatOptions)
        .writeDynamicFrame(frame);
  }

  /**
   * Writes every frame of a collection, as Glue's {@code write_from_options} does with a {@code
   * DynamicFrameCollection} (it sets {@code useFrameName}): each frame goes to a location of its
   * own named after it, {@code <path>/<name>}, with the same format and options; the transformation
   * context of each write is {@code <transformationContext>:<name>}, as Glue's {@code
   * DynamicFrameCollection.map} names them. Every sink is made (and its options checked) before the
   * first frame is written, so bad options write nothing. Returns each write's error records under
   * the frame's name.
   *
   * @throws SinkException when the connection type is not written to a {@code path} (write each
   *     frame with {@link #writeDynamicFrameFromOptions} and its own target), or a frame's write
   *     fails
   */
  public FrameCollection writeFromOptions(
      FrameCollection frames,
      String connectionType,
      Options connectionOptions,
      String format,
      Options formatOptions,
      String transformationContext) {
    Objects.requireNonNull(frames, "frames");
    String path = connectionOptions.getString("path", "");
    if (path.isBlank()) {
      throw new SinkException(
          "writing a frame collection to connection type '"
              + connectionType
              + "' needs option path: each frame is written to <path>/<its name>; for a"
              + " database or table target, write each frame with writeDynamicFrameFromOptions");
    }
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    java.util.Map<String, DataSink> sinks = new java.util.LinkedHashMap<>();
    for (String name : frames.keys()) {
      if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new SinkException(
            "frame name '" + name + "' of the collection cannot name a folder under " + path);
      }
      String ctx = transformationContext.isEmpty() ? "" : transformationContext + ":" + name;
      sinks.put(
          name,
          getSinkWithFormat(
              connectionType,
              connectionOptions.with("path", base + "/" + name),
              ctx,
              format,
              formatOptions));
    }
    java.util.Map<String, DynamicFrame> errors = new java.util.LinkedHashMap<>();
    sinks.forEach((name, sink) -> errors.put(name, sink.writeDynamicFrame(frames.get(name))));
    return FrameCollection.of(errors, this);
  }

  // ---------------------------------------------------------------- catalog

  /**
   * This context with a catalog for {@link #createDynamicFrameFromCatalog}, catalog sinks and
   * {@code enableUpdateCatalog}. Without one, {@link #catalog()} is the session's configured
   * catalog.
   */
  public DynaContext withCatalog(Catalog value) {
    return new DynaContext(
        spark, runId, bookmarks, Objects.requireNonNull(value, "catalog"), observer);
  }

  /**
   * The catalog: the one given to {@link #withCatalog}, else the one configured on the Spark
   * session, loaded once per session: its type in the setting {@code spark.dynaframe.catalog}
   * ({@code embedded}, Spark's own catalog, by default; {@code glue}; {@code memory}) and its
   * properties in {@code spark.dynaframe.catalog.<property>}.
   */
  public Catalog catalog() {
    return catalog != null ? catalog : SessionCatalogs.of(spark);
  }

  /**
   * A source that reads a catalog table, as Glue's {@code getCatalogSource}: the table's location,
   * classification and format options (CSV separator and header) come from the catalog. For a
   * partitioned table the {@code pushDownPredicate}, a Spark SQL condition over the partition keys
   * ({@code "year = '2024' and month >= 6"}), is evaluated over the partition values in the catalog
   * before any file is listed, and only the folders of the partitions that pass are read; the
   * partition columns are added to the records. {@code additionalOptions} may hold {@code
   * catalogPartitionPredicate} (a filter the catalog itself applies, in Glue's {@code
   * GetPartitions} expression language) and file source options such as {@code recurse} or {@code
   * groupFiles}.
   */
  public DataSource getCatalogSource(
      String database,
      String tableName,
      String transformationContext,
      String pushDownPredicate,
      Options additionalOptions) {
    return observer.source(
        Observers.catalogSource(database, tableName, transformationContext),
        Connectors.catalogSource(
            new Connector.TableRequest(
                this,
                catalog(),
                database,
                tableName,
                transformationContext,
                pushDownPredicate,
                additionalOptions)));
  }

  /**
   * Reads a whole catalog table with no transformation context (so without bookmarks): Glue's
   * {@code create_dynamic_frame.from_catalog(database, table_name)}; see {@link #getCatalogSource}.
   */
  public DynamicFrame createDynamicFrameFromCatalog(String database, String tableName) {
    return getCatalogSource(database, tableName, "", "", Options.empty()).getDynamicFrame();
  }

  /**
   * Reads a catalog table: Glue's {@code create_dynamic_frame.from_catalog}; see {@link
   * #getCatalogSource}.
   */
  public DynamicFrame createDynamicFrameFromCatalog(
      String database,
      String tableName,
      String transformationContext,
      String pushDownPredicate,
      Options additionalOptions) {
    return getCatalogSource(
            database, tableName, transformationContext, pushDownPredicate, additionalOptions)
        .getDynamicFrame();
  }

  /**
   * A sink that writes into a catalog table, as Glue's {@code getCatalogSink}: to the table's
   * location, in its format, with its partition keys. {@code additionalOptions} may turn on {@code
   * enableUpdateCatalog} (with {@code updateBehavior} {@code UPDATE_IN_DATABASE} or {@code LOG}) to
   * register new partitions and schema changes. A table format's table (an Iceberg table, {@code
   * table_type=ICEBERG}; a Delta Lake table) is written by the connector of its format ({@code
   * dynaframe-lakeformats}), through the format's commit.
   */
  public DataSink getCatalogSink(
      String database, String tableName, String transformationContext, Options additionalOptions) {
    DataSink tableFormat =
        Connectors.catalogSink(
            new Connector.TableRequest(
                this,
                catalog(),
                database,
                tableName,
                transformationContext,
                "",
                additionalOptions));
    if (tableFormat != null) {
      Options where = Options.of("catalogDatabase", database, "catalogTableName", tableName);
      return observer.sink(
          Observers.sink("Data Catalog", where, transformationContext, ""), tableFormat);
    }
    io.dynaframe.catalog.TableDefinition t =
        catalog().getTable(io.dynaframe.catalog.TableIdentifier.of(database, tableName));
    String location =
        t.location()
            .orElseThrow(() -> new SinkException("table " + t.identifier() + " has no location"));
    String format =
        t.classification()
            .orElseThrow(
                () -> new SinkException("table " + t.identifier() + " has no classification"));
    Options extra = additionalOptions == null ? Options.empty() : additionalOptions;
    Options connection =
        Options.of(
                "path",
                location,
                "partitionKeys",
                t.partitionKeyNames(),
                "catalogDatabase",
                database,
                "catalogTableName",
                tableName)
            .withAll(extra);
    Options formatOptions =
        format.equals("csv")
            ? Options.of(
                "separator",
                t.format().serdeParameters().getOrDefault("field.delim", ","),
                "writeHeader",
                !t.parameters().getOrDefault("skip.header.line.count", "0").equals("0"))
            : Options.empty();
    return getSinkWithFormat("s3", connection, transformationContext, format, formatOptions);
  }

  /**
   * Writes a frame into a catalog table: Glue's {@code write_dynamic_frame.from_catalog}; see
   * {@link #getCatalogSink}. The transformation context names the step and its files ({@code ""} as
   * Glue's default).
   */
  public DynamicFrame writeDynamicFrameFromCatalog(
      DynamicFrame frame,
      String database,
      String tableName,
      String transformationContext,
      Options additionalOptions) {
    return getCatalogSink(database, tableName, transformationContext, additionalOptions)
        .writeDynamicFrame(frame);
  }

  // ---------------------------------------------------------------- DataFrame entry points

  /**
   * Reads a catalog table as a Spark DataFrame: Glue's {@code create_data_frame.from_catalog}
   * (Python {@code create_data_frame_from_catalog(database, table_name, transformation_ctx="",
   * additional_options={})}). The same read as {@link #createDynamicFrameFromCatalog}, bookmarks
   * included, returned as {@code toDF()}; an unresolved choice column is its struct.
   */
  public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> createDataFrameFromCatalog(
      String database, String tableName, String transformationContext, Options additionalOptions) {
    return createDynamicFrameFromCatalog(
            database, tableName, transformationContext, "", additionalOptions)
        .toDF();
  }

  /**
   * Reads a source as a Spark DataFrame: Glue's {@code create_data_frame.from_options} (Scala
   * {@code createDataFrameFromOptions}). The same read as {@link #createDynamicFrameFromOptions},
   * returned as {@code toDF()}.
   */
  public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> createDataFrameFromOptions(
      String connectionType,
      Options connectionOptions,
      String format,
      Options formatOptions,
      String transformationContext) {
    return createDynamicFrameFromOptions(
            connectionType, connectionOptions, format, formatOptions, transformationContext)
        .toDF();
  }

  /**
   * Writes a Spark DataFrame into a catalog table: Glue's {@code write_data_frame.from_catalog}.
   * The DataFrame becomes a frame named after the table and is written as {@link
   * #writeDynamicFrameFromCatalog} writes it. Returns the write's error records.
   */
  public DynamicFrame writeDataFrameFromCatalog(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame,
      String database,
      String tableName,
      String transformationContext,
      Options additionalOptions) {
    Objects.requireNonNull(frame, "frame");
    return writeDynamicFrameFromCatalog(
        DynamicFrame.fromDF(frame, this, tableName),
        database,
        tableName,
        transformationContext,
        additionalOptions);
  }

  /**
   * A frame from an RDD of rows: Glue's {@code create_dynamic_frame_from_rdd(data, name, schema,
   * sample_ratio, transformation_ctx)}. Java rows carry no field names, so the schema is required
   * (Python infers one from its dicts, which {@code sample_ratio} samples).
   *
   * @throws SourceException if the schema is missing
   */
  public DynamicFrame createDynamicFrameFromRDD(
      org.apache.spark.api.java.JavaRDD<org.apache.spark.sql.Row> data,
      String name,
      org.apache.spark.sql.types.StructType schema,
      String transformationContext) {
    Objects.requireNonNull(data, "data");
    if (schema == null) {
      throw new SourceException(
          "createDynamicFrameFromRDD '"
              + name
              + "': an RDD of Java rows needs its schema (a StructType)");
    }
    return DynamicFrame.fromDF(spark.createDataFrame(data, schema), this, name)
        .withTransformationContext(transformationContext == null ? "" : transformationContext);
  }

  /** A frame from an RDD of rows with no transformation context; see the 4-argument form. */
  public DynamicFrame createDynamicFrameFromRDD(
      org.apache.spark.api.java.JavaRDD<org.apache.spark.sql.Row> data,
      String name,
      org.apache.spark.sql.types.StructType schema) {
    return createDynamicFrameFromRDD(data, name, schema, "");
  }

  /**
   * A sample of a source: Glue's {@code create_sample_dynamic_frame_from_options(connection_type,
   * connection_options, num, sample_options, format, format_options, transformation_ctx)}. The
   * frame holds at most {@code num} records. For {@code s3} the sample options {@code
   * maxSamplePartitions} and {@code maxSampleFilesPerPartition} (10 each by default) bound the
   * listing: only the first that many folders, and the first that many files of each, are read.
   *
   * @throws SourceException if {@code num} is not positive or a sample option is unknown or bad
   */
  public DynamicFrame createSampleDynamicFrameFromOptions(
      String connectionType,
      Options connectionOptions,
      int num,
      Options sampleOptions,
      String format,
      Options formatOptions,
      String transformationContext) {
    Options sample = sampleOptions == null ? Options.empty() : sampleOptions;
    int[] bounds = sampleBounds(num, sample);
    Options conn = connectionOptions == null ? Options.empty() : connectionOptions;
    if ("s3".equals(connectionType)) {
      // Glue's spelling of the two read here, whatever the case given (the source reports two
      // spellings of one)
      conn =
          Options.of(
              io.dynaframe.internal.OptionKeys.lenient(
                  conn.asMap(), java.util.Set.of("paths", "recurse")));
    }
    if ("s3".equals(connectionType) && conn.has("paths")) {
      java.util.List<String> files =
          StoredFiles.sampleFiles(
              this,
              conn.getStringList("paths"),
              conn.getBoolean("recurse", false),
              bounds[0],
              bounds[1]);
      if (!files.isEmpty()) {
        conn = conn.with("paths", files);
      }
    }
    return getSourceWithFormat(connectionType, conn, transformationContext, format, formatOptions)
        .getSampleFrame(num, Options.empty());
  }

  /**
   * A sample of a catalog table: Glue's {@code create_sample_dynamic_frame_from_catalog(database,
   * table_name, num, ..., push_down_predicate, additional_options, sample_options)}: at most {@code
   * num} records of the table as {@link #createDynamicFrameFromCatalog} reads it. The sample
   * options are checked as in {@link #createSampleDynamicFrameFromOptions}.
   */
  public DynamicFrame createSampleDynamicFrameFromCatalog(
      String database,
      String tableName,
      int num,
      String transformationContext,
      String pushDownPredicate,
      Options additionalOptions,
      Options sampleOptions) {
    sampleBounds(num, sampleOptions == null ? Options.empty() : sampleOptions);
    return getCatalogSource(
            database, tableName, transformationContext, pushDownPredicate, additionalOptions)
        .getSampleFrame(num, Options.empty());
  }

  /** Glue's sample options, checked: {maxSamplePartitions, maxSampleFilesPerPartition}. */
  static int[] sampleBounds(int num, Options sample) {
    if (num <= 0) {
      throw new SourceException("num, the most records a sample holds, must be 1 or more: " + num);
    }
    sample.checkKnown(
        java.util.Set.of("maxSamplePartitions", "maxSampleFilesPerPartition"),
        "sample option",
        SourceException::new);
    int[] out = new int[2];
    String[] keys = {"maxSamplePartitions", "maxSampleFilesPerPartition"};
    for (int i = 0; i < 2; i++) {
      long v;
      try {
        v = sample.getLong(keys[i], 10);
      } catch (IllegalArgumentException e) {
        throw new SourceException("sample " + e.getMessage());
      }
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw new SourceException("sample option " + keys[i] + " must be 1 or more, was " + v);
      }
      out[i] = (int) v;
    }
    return out;
  }

  // ---------------------------------------------------------------- Glue's utilities

  /**
   * The schema of a catalog table as a Spark schema: Glue's {@code
   * get_catalog_schema_as_spark_schema(database, table_name)} (Scala {@code
   * getCatalogSchemaAsSparkSchema}). The table's columns, then its partition keys.
   */
  public org.apache.spark.sql.types.StructType getCatalogSchemaAsSparkSchema(
      String database, String tableName) {
    return io.dynaframe.types.SparkTypes.toSpark(
        catalog().getTable(io.dynaframe.catalog.TableIdentifier.of(database, tableName)).schema());
  }

  /**
   * Appends ingestion time columns: Glue's {@code add_ingestion_time_columns(dataFrame,
   * timeGranularity)} (Scala {@code addIngestionTimeColumns}). {@code "day"} adds {@code
   * ingest_year}, {@code ingest_month} and {@code ingest_day}; {@code "hour"} also {@code
   * ingest_hour}; {@code "minute"} also {@code ingest_minute}. The values are strings, zero-padded
   * as partition folder names ({@code 2026}, {@code 03}, {@code 07}, {@code 09}, {@code 05}), of
   * the query's current time in the session's time zone, one instant for every row of a query.
   *
   * @throws IllegalArgumentException if the granularity is not day, hour or minute
   */
  public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> addIngestionTimeColumns(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> dataFrame, String timeGranularity) {
    Objects.requireNonNull(dataFrame, "dataFrame");
    String g =
        timeGranularity == null ? "" : timeGranularity.trim().toLowerCase(java.util.Locale.ROOT);
    int parts =
        switch (g) {
          case "day" -> 3;
          case "hour" -> 4;
          case "minute" -> 5;
          default ->
              throw new IllegalArgumentException(
                  "timeGranularity must be \"day\", \"hour\" or \"minute\", was \""
                      + timeGranularity
                      + "\"");
        };
    String[] names = {"ingest_year", "ingest_month", "ingest_day", "ingest_hour", "ingest_minute"};
    String[] patterns = {"yyyy", "MM", "dd", "HH", "mm"};
    org.apache.spark.sql.Column now = org.apache.spark.sql.functions.current_timestamp();
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> out = dataFrame;
    for (int i = 0; i < parts; i++) {
      out = out.withColumn(names[i], org.apache.spark.sql.functions.date_format(now, patterns[i]));
    }
    return out;
  }

  /**
   * Deletes files below a path, recursively: Glue's {@code purge_s3_path(s3_path, options,
   * transformation_ctx)}, on S3 or any Hadoop file system. Options: {@code retentionPeriod} (hours;
   * files newer than that are kept; 168 by default), {@code partitionPredicate} (a Spark SQL
   * condition over the {@code key=value} folders below the path; only files of folders that pass
   * are deleted), {@code excludeStorageClasses} (files of these S3 storage classes are kept; files
   * off S3 count as {@code STANDARD}), {@code manifestFilePath} (writes {@code Success.csv}, one
   * deleted file a line, and {@code Failed.csv}, file and reason, into this folder, or into its
   * subfolder named after the transformation context when one is given).
   *
   * @throws StorageException on a bad option or a path that does not exist, before any deletion
   */
  public void purgeS3Path(String s3Path, Options options, String transformationContext) {
    StoredFiles.purgeS3Path(this, s3Path, options, transformationContext);
  }

  /**
   * Deletes the files of a catalog table: Glue's {@code purge_table(database, table_name, options,
   * transformation_ctx)}. For a partitioned table {@code partitionPredicate} selects partitions by
   * their values in the catalog (typed as the partition keys); a partition left with no file is
   * dropped from the catalog. Other options as {@link #purgeS3Path}.
   *
   * @throws StorageException on a bad option, before any deletion
   */
  public void purgeTable(
      String database, String tableName, Options options, String transformationContext) {
    StoredFiles.purgeTable(this, database, tableName, options, transformationContext);
  }

  /**
   * Glue's {@code transition_s3_path(s3_path, transition_to, options, transformation_ctx)}: checks
   * the storage class and the options ({@code accountId} and {@code roleArn} are mandatory, the
   * others as in {@link #purgeS3Path}), then refuses: a file system other than S3 has no storage
   * classes, and on S3 Glue runs the transition as an S3 Batch Operations job, which needs AWS.
   *
   * @throws StorageException always, saying which of these applies
   */
  public void transitionS3Path(
      String s3Path, String transitionTo, Options options, String transformationContext) {
    StoredFiles.transitionS3Path(this, s3Path, transitionTo, options, transformationContext);
  }

  /**
   * Glue's {@code transition_table(database, table_name, transition_to, options,
   * transformation_ctx)}: checked and refused as {@link #transitionS3Path}, for the table's
   * location.
   *
   * @throws StorageException always, saying why
   */
  public void transitionTable(
      String database,
      String tableName,
      String transitionTo,
      Options options,
      String transformationContext) {
    StoredFiles.transitionTable(
        this, database, tableName, transitionTo, options, transformationContext);
  }

  // ---------------------------------------------------------------- JDBC connections

  /**
   * A sink into a JDBC database through a connection of the catalog, as Glue's {@code getJDBCSink}
   * (Python's {@code from_jdbc_conf}): the connection supplies the URL and credentials (its {@code
   * SECRET_ID} resolved), its URL the connection type ({@code jdbc:postgresql:} is {@code
   * postgresql}); the options give {@code dbtable}, optionally {@code database} (replacing the
   * database of the connection's URL) and the sink's other options. Needs {@code dynaframe-jdbc}.
   *
   * @throws SinkException if the connection does not exist or its URL is not a JDBC type's
   */
  public DataSink getJDBCSink(
      String catalogConnection, Options options, String transformationContext) {
    Options o = options == null ? Options.empty() : options;
    String type = jdbcType(catalogConnection);
    return getSinkWithFormat(
        type,
        o.with("connectionName", catalogConnection).with("useConnectionProperties", "true"),
        transformationContext,
        "",
        Options.empty());
  }

  /**
   * Writes a frame through a JDBC connection of the catalog: Glue's {@code
   * write_dynamic_frame_from_jdbc_conf}; see {@link #getJDBCSink}. Returns the write's error
   * records.
   */
  public DynamicFrame writeDynamicFrameFromJdbcConf(
      DynamicFrame frame,
      String catalogConnection,
      Options connectionOptions,
      String transformationContext) {
    return getJDBCSink(catalogConnection, connectionOptions, transformationContext)
        .writeDynamicFrame(frame);
  }

  /**
   * The JDBC URL of a source's or sink's options, or of the catalog connection they name, for the
   * lineage of its table; null when there is none (the connector then says what is wrong).
   */
  private String jdbcUrlOf(Options given) {
    if (given == null) {
      return null;
    }
    // Glue's spelling, whatever the case given (the connector reports two spellings of one)
    Options options =
        Options.of(
            io.dynaframe.internal.OptionKeys.lenient(
                given.asMap(),
                java.util.Set.of("url", "connectionName", "useConnectionProperties")));
    String url = options.getString("url", null);
    if (url != null && url.startsWith("jdbc:")) {
      return url;
    }
    String name = options.getString("connectionName", null);
    if (name == null
        || !"true".equalsIgnoreCase(options.getString("useConnectionProperties", ""))) {
      return null;
    }
    try {
      return catalog().getConnection(name).jdbcUrl().orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Glue's JDBC connection type of a catalog connection, from its URL. */
  private String jdbcType(String name) {
    io.dynaframe.catalog.Connection c;
    try {
      c = catalog().getConnection(Objects.requireNonNull(name, "catalogConnection"));
    } catch (io.dynaframe.catalog.NoSuchConnectionException | UnsupportedOperationException e) {
      throw new SinkException(
          "catalog connection '" + name + "' cannot be used: " + e.getMessage());
    }
    String url = c.jdbcUrl().orElse("").strip().toLowerCase(java.util.Locale.ROOT);
    for (String type : new String[] {"postgresql", "mysql", "sqlserver", "oracle", "redshift"}) {
      if (url.startsWith("jdbc:" + type + ":")) {
        return type;
      }
    }
    throw new SinkException(
        "catalog connection '"
            + name
            + "' is not a JDBC connection of a type Glue writes to (postgresql, mysql, sqlserver,"
            + " oracle, redshift): "
            + c);
  }

  /** Builds a context on local Spark; every setting has a default fit for a laptop or a test. */
  public static final class LocalBuilder {
    private String master;
    private String appName = "dynaframe";
    private Path dataDir;
    private boolean hive = hiveOnClasspath();
    private int shufflePartitions = 4;
    private final Map<String, String> config = new LinkedHashMap<>();

    private LocalBuilder() {}

    /**
     * The Spark master. By default the {@code spark.master} system property (as {@code
     * spark-submit} and {@code -Dspark.master=spark://...} set it), else {@code local[2]}.
     */
    public LocalBuilder master(String value) {
      this.master = Objects.requireNonNull(value);
      return this;
    }

    /** The application name shown in Spark's logs. */
    public LocalBuilder appName(String value) {
      this.appName = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The folder that holds the warehouse ({@code warehouse/}), the Derby metastore ({@code
     * metastore_db/}) and {@code derby.log}. A new temporary folder by default.
     */
    public LocalBuilder dataDir(Path value) {
      this.dataDir = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Whether to use a Hive metastore (on Derby); on by default when spark-hive is on the
     * classpath.
     */
    public LocalBuilder hiveSupport(boolean value) {
      this.hive = value;
      return this;
    }

    /** {@code spark.sql.shuffle.partitions}; 4 by default, which suits small local data. */
    public LocalBuilder shufflePartitions(int value) {
      Preconditions.checkArgument(value > 0, "shufflePartitions must be positive");
      this.shufflePartitions = value;
      return this;
    }

    /** Any other Spark setting. */
    public LocalBuilder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    /** Starts (or joins) the local session and returns a context on it. */
    public DynaContext build() {
      Path dir = dataDir;
      try {
        if (dir == null) {
          dir = Files.createTempDirectory("dynaframe-");
        }
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data folder " + dir, e);
      }
      Path abs = dir.toAbsolutePath();
      if (System.getProperty("derby.stream.error.file") == null) {
        System.setProperty("derby.stream.error.file", abs.resolve("derby.log").toString());
      }
      SparkSession.Builder b =
          SparkSession.builder()
              .master(master != null ? master : System.getProperty("spark.master", "local[2]"))
              .appName(appName)
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
              .config("spark.sql.warehouse.dir", abs.resolve("warehouse").toUri().toString())
              .config(
                  "spark.hadoop.javax.jdo.option.ConnectionURL",
                  "jdbc:derby:;databaseName=" + abs.resolve("metastore_db") + ";create=true")
              .config("spark.sql.session.timeZone", "UTC");
      config.forEach(b::config);
      if (hive) {
        b.enableHiveSupport();
      }
      return of(b.getOrCreate());
    }

    private static boolean hiveOnClasspath() {
      try {
        Class.forName(
            "org.apache.spark.sql.hive.HiveSessionStateBuilder",
            false,
            DynaContext.class.getClassLoader());
        Class.forName(
            "org.apache.hadoop.hive.conf.HiveConf", false, DynaContext.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}
