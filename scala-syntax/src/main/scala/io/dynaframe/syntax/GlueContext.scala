package io.dynaframe.syntax

import io.dynaframe.{DataSink, DataSource, DynaContext, Options}
import org.apache.spark.SparkContext
import org.apache.spark.api.java.JavaSparkContext
import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.types.StructType
import scala.language.implicitConversions

/**
 * Glue's Scala `GlueContext` over a [[DynaContext]]: the constructors `new GlueContext(sc)`,
 * `new GlueContext(sc, minPartitions, targetPartitions)`, `new GlueContext(javaSparkContext)` and
 * `new GlueContext(dynaContext)`, and Glue's `getSource`, `getSourceWithFormat`,
 * `getCatalogSource`, `getSink`, `getSinkWithFormat`, `getCatalogSink`, `getJDBCSink`,
 * `getSparkSession`, `getCatalogSchemaAsSparkSchema`, `addIngestionTimeColumns`,
 * `createDataFrameFromOptions`, `purgeTable`, `purgeS3Path`, `transitionTable` and
 * `transitionS3Path` with Glue's parameter names and defaults. Wherever a [[DynaContext]] is wanted,
 * a `GlueContext` converts to its context.
 *
 * `redshiftTmpDir` and `catalogId` are accepted and not used (dynaframe's catalog is the
 * context's); `minPartitions` and `targetPartitions` are accepted and not used (a source's
 * partitions are Spark's).
 */
final class GlueContext(val dynaContext: DynaContext) {

  /** A context on the session of this Spark context, as Glue's `new GlueContext(sc)`. */
  def this(sc: SparkContext) =
    this(DynaContext.of(SparkSession.builder().config(sc.getConf).getOrCreate()))

  /** Glue's `new GlueContext(sc, minPartitions, targetPartitions)`; the two counts are not used. */
  def this(sc: SparkContext, minPartitions: Int, targetPartitions: Int) = this(sc)

  /** Glue's `new GlueContext(javaSparkContext)`. */
  def this(sparkContext: JavaSparkContext) = this(sparkContext.sc)

  /**
   * Glue's `getSource`: a source of the connection type. An `s3` source needs its format, given
   * with `withFormat(format, options)` (the source is checked then); any other is checked now.
   *
   * @throws IllegalArgumentException if `pushDownPredicate` is given: dynaframe applies push-down
   *     predicates to catalog sources (`getCatalogSource`)
   */
  def getSource(
      connectionType: String,
      connectionOptions: JsonOptions,
      transformationContext: String = "",
      pushDownPredicate: String = ""): GlueDataSource = {
    if (pushDownPredicate != null && pushDownPredicate.trim.nonEmpty) {
      throw new IllegalArgumentException(
        s"getSource($connectionType): pushDownPredicate '$pushDownPredicate' is applied to catalog " +
          "tables only: read the table with getCatalogSource(database, tableName, pushDownPredicate = ...)")
    }
    val s = new GlueDataSource(
      this,
      connectionType,
      connectionOptions,
      transformationContext,
      null,
      JsonOptions.empty)
    if (!"s3".equalsIgnoreCase(connectionType)) s.source
    s
  }

  /** Glue's `getSourceWithFormat`. */
  def getSourceWithFormat(
      connectionType: String,
      options: JsonOptions,
      transformationContext: String = "",
      format: String = null,
      formatOptions: JsonOptions = JsonOptions.empty): DataSource =
    dynaContext.getSourceWithFormat(
      connectionType,
      options.options,
      transformationContext,
      format,
      formatOptions.options)

  /** Glue's `getCatalogSource`; `redshiftTmpDir` and `catalogId` are accepted and not used. */
  def getCatalogSource(
      database: String,
      tableName: String,
      redshiftTmpDir: String = "",
      transformationContext: String = "",
      pushDownPredicate: String = " ",
      additionalOptions: JsonOptions = JsonOptions.empty,
      catalogId: String = null): DataSource =
    dynaContext.getCatalogSource(
      database,
      tableName,
      transformationContext,
      pushDownPredicate,
      additionalOptions.options)

  /**
   * Glue's `getSink`: a sink of the connection type. An `s3` sink needs its format, given with
   * `withFormat(format, options)` (the sink is checked then); any other is checked now.
   */
  def getSink(
      connectionType: String,
      options: JsonOptions,
      transformationContext: String = ""): GlueDataSink = {
    val s = new GlueDataSink(this, connectionType, options, transformationContext, null, JsonOptions.empty)
    if (!"s3".equalsIgnoreCase(connectionType)) s.sink
    s
  }

  /** Glue's `getSinkWithFormat`. */
  def getSinkWithFormat(
      connectionType: String,
      options: JsonOptions,
      transformationContext: String = "",
      format: String = null,
      formatOptions: JsonOptions = JsonOptions.empty): DataSink =
    dynaContext.getSinkWithFormat(
      connectionType,
      options.options,
      transformationContext,
      format,
      formatOptions.options)

  /** Glue's `getCatalogSink`; `redshiftTmpDir` and `catalogId` are accepted and not used. */
  def getCatalogSink(
      database: String,
      tableName: String,
      redshiftTmpDir: String = "",
      transformationContext: String = "",
      additionalOptions: JsonOptions = JsonOptions.empty,
      catalogId: String = null): DataSink =
    dynaContext.getCatalogSink(
      database,
      tableName,
      transformationContext,
      additionalOptions.options)

  /**
   * Glue's `getJDBCSink`: a sink into a JDBC database through a connection of the catalog (needs
   * `dynaframe-jdbc`); `redshiftTmpDir` and `catalogId` are accepted and not used.
   */
  def getJDBCSink(
      catalogConnection: String,
      options: JsonOptions,
      redshiftTmpDir: String = "",
      transformationContext: String = "",
      catalogId: String = null): DataSink =
    dynaContext.getJDBCSink(catalogConnection, options.options, transformationContext)

  /** Glue's `getSparkSession`. */
  def getSparkSession: SparkSession = dynaContext.spark()

  /** Glue's `getCatalogSchemaAsSparkSchema`: a catalog table's columns, then its partition keys. */
  def getCatalogSchemaAsSparkSchema(
      database: String,
      tableName: String,
      catalogId: String = null): StructType =
    dynaContext.getCatalogSchemaAsSparkSchema(database, tableName)

  /**
   * Glue's `addIngestionTimeColumns`: `ingest_year`, `ingest_month`, `ingest_day` (and
   * `ingest_hour`, `ingest_minute`) for `timeGranularity` `"day"`, `"hour"` or `"minute"`.
   */
  def addIngestionTimeColumns(df: DataFrame, timeGranularity: String = ""): DataFrame =
    dynaContext.addIngestionTimeColumns(df, timeGranularity)

  /** The earlier name of [[addIngestionTimeColumns]] on AWS's page. */
  def addIngestionColumns(df: DataFrame, timeGranularity: String = ""): DataFrame =
    addIngestionTimeColumns(df, timeGranularity)

  /** Glue's `createDataFrameFromOptions`, for batch sources: the frame the source reads, as a DataFrame. */
  def createDataFrameFromOptions(
      connectionType: String,
      connectionOptions: JsonOptions,
      transformationContext: String = "",
      format: String = null,
      formatOptions: JsonOptions = JsonOptions.empty): DataFrame =
    dynaContext.createDataFrameFromOptions(
      connectionType,
      connectionOptions.options,
      format,
      formatOptions.options,
      transformationContext)

  /**
   * Glue's `purgeS3Path` (Python `purge_s3_path`): deletes the files below the path, with the
   * options `retentionPeriod`, `partitionPredicate`, `excludeStorageClasses`, `manifestFilePath`.
   */
  def purgeS3Path(
      s3Path: String,
      options: JsonOptions = JsonOptions.empty,
      transformationContext: String = ""): Unit =
    dynaContext.purgeS3Path(s3Path, options.options, transformationContext)

  /** Glue's `purgeTable` (Python `purge_table`): deletes the files of a catalog table. */
  def purgeTable(
      database: String,
      tableName: String,
      options: JsonOptions = JsonOptions.empty,
      transformationContext: String = "",
      catalogId: String = null): Unit =
    dynaContext.purgeTable(database, tableName, options.options, transformationContext)

  /** Glue's `transitionS3Path`: the arguments are checked, then refused (see the Java API). */
  def transitionS3Path(
      s3Path: String,
      transitionTo: String,
      options: JsonOptions = JsonOptions.empty,
      transformationContext: String = ""): Unit =
    dynaContext.transitionS3Path(s3Path, transitionTo, options.options, transformationContext)

  /** Glue's `transitionTable`: the arguments are checked, then refused (see the Java API). */
  def transitionTable(
      database: String,
      tableName: String,
      transitionTo: String,
      options: JsonOptions = JsonOptions.empty,
      transformationContext: String = "",
      catalogId: String = null): Unit =
    dynaContext.transitionTable(database, tableName, transitionTo, options.options, transformationContext)
}

/** Converts a [[GlueContext]] to its [[DynaContext]] where one is wanted. */
object GlueContext {
  implicit def toDynaContext(g: GlueContext): DynaContext = g.dynaContext
}

/**
 * Glue's `DataSource` of `getSource`: reads with `getDynamicFrame()`; `withFormat(format, options)`
 * gives the same source in a format (an `s3` source needs one).
 */
final class GlueDataSource private[syntax] (
    glueContext: GlueContext,
    connectionType: String,
    options: JsonOptions,
    transformationContext: String,
    format: String,
    formatOptions: JsonOptions)
    extends DataSource {

  private[syntax] lazy val source: DataSource =
    glueContext.getSourceWithFormat(connectionType, options, transformationContext, format, formatOptions)

  /** Reads the source into a frame. */
  override def getDynamicFrame(): DynamicFrame = source.getDynamicFrame()

  /** Reads at most `num` records (Glue's `getSampleFrame`). */
  override def getSampleFrame(num: Int, sampleOptions: Options): DynamicFrame =
    source.getSampleFrame(num, sampleOptions)

  /** Glue's `withFormat`: this source in the format, checked now. */
  def withFormat(format: String, options: JsonOptions = JsonOptions.empty): GlueDataSource = {
    val s = new GlueDataSource(glueContext, connectionType, this.options, transformationContext, format, options)
    s.source
    s
  }
}

/**
 * Glue's `DataSink` of `getSink`: writes with `writeDynamicFrame(frame)`; `withFormat(format,
 * options)` gives the same sink in a format (an `s3` sink needs one).
 */
final class GlueDataSink private[syntax] (
    glueContext: GlueContext,
    connectionType: String,
    options: JsonOptions,
    transformationContext: String,
    format: String,
    formatOptions: JsonOptions)
    extends DataSink {

  private[syntax] lazy val sink: DataSink =
    glueContext.getSinkWithFormat(connectionType, options, transformationContext, format, formatOptions)

  /** Writes the frame; returns the records that could not be written. */
  override def writeDynamicFrame(frame: DynamicFrame): DynamicFrame = sink.writeDynamicFrame(frame)

  /** Glue's `withFormat`: this sink in the format, checked now. */
  def withFormat(format: String, options: JsonOptions = JsonOptions.empty): GlueDataSink = {
    val s = new GlueDataSink(glueContext, connectionType, this.options, transformationContext, format, options)
    s.sink
    s
  }
}
