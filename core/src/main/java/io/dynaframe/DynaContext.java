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
  private String jdbcUrlOf(Options options) {
    if (options == null) {
      return null;
    }
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
