package io.dynaframe

import io.dynaframe.catalog.{NoSuchDatabaseException, NoSuchTableException, TableIdentifier}
import io.dynaframe.transforms.{
  ApplyMapping,
  DropFields,
  DropNullFields,
  Filter,
  Join,
  MappingSpec,
  MergeDynamicFrames,
  Relationalize,
  RenameField,
  ResolveChoice,
  ResolveSpec,
  SelectFields,
  SplitFields,
  SplitRows,
  Spigot,
  TableSchemaLookup,
  Unbox,
  Unnest
}
import io.dynaframe.transforms.internal.Steps
import org.apache.spark.api.java.function.FilterFunction
import org.apache.spark.SparkContext
import org.apache.spark.sql.{Row, SparkSession}
import scala.language.implicitConversions

/**
 * Glue's Scala API over dynaframe: `import io.dynaframe.syntax._` gives [[DynamicFrame]] the
 * methods of Glue's Scala `DynamicFrame` (`applyMapping`, `resolveChoice`, `dropField`,
 * `renameField`, `selectFields`, `spigot`, `splitFields`, `splitRows`, `unbox`, `unnest`,
 * `relationalize`, `join`, `filter`, ...) with Glue's parameter names and defaults, and brings
 * Glue's `GlueContext` (over a [[DynaContext]]), `JsonOptions`, `ChoiceOption`, `CallSite` and a
 * read-only `DynamicRecord`. A Glue Scala script compiles after its `com.amazonaws.services.glue`
 * imports are replaced by this one.
 *
 * `callSite` is accepted and ignored (dynaframe names the step after the transformation context);
 * `stageThreshold` and `totalThreshold` are set on the output frame, as in Glue.
 */
package object syntax {

  /** Glue's `CallSite`: accepted for source compatibility, not used. */
  final case class CallSite(site: String, info: String = "")

  /** Glue's `ChoiceOption`: one resolution for every choice, e.g. `ChoiceOption("make_cols")`. */
  final case class ChoiceOption(choice: String)

  /** Glue's `JsonOptions`: options from JSON text or a Scala map. */
  final class JsonOptions(val options: Options) extends Serializable {

    /** Options from JSON text, as `new JsonOptions("""{"path": "..."}""")`. */
    def this(json: String) = this(Options.parse(json))

    override def toString: String = options.toString
  }

  /** Builds [[JsonOptions]] as Glue's companion does. */
  object JsonOptions {

    /** No options. */
    val empty: JsonOptions = new JsonOptions(Options.empty())

    /** Options from JSON text. */
    def apply(json: String): JsonOptions = new JsonOptions(json)

    /** Options from a map; Scala sequences become lists. */
    def apply(map: Map[String, Any]): JsonOptions = {
      val m = new java.util.LinkedHashMap[String, Object]()
      map.foreach { case (k, v) => m.put(k, toJava(v)) }
      new JsonOptions(Options.of(m))
    }

    private def toJava(v: Any): Object = v match {
      case s: Seq[_] =>
        val l = new java.util.ArrayList[Object]()
        s.foreach(x => l.add(toJava(x)))
        l
      case m: Map[_, _] =>
        val out = new java.util.LinkedHashMap[String, Object]()
        m.foreach { case (k, x) => out.put(k.toString, toJava(x)) }
        out
      case null => null
      case other => other.asInstanceOf[Object]
    }
  }

  /**
   * A record as Glue's `filter` function sees it: fields read by path (`"address.state"`), `None`
   * when the path is missing or null.
   */
  final class DynamicRecord(private val row: Row) extends Serializable {

    /** The value at a dotted path through structs. */
    def getField(path: String): Option[Any] = {
      var current: Any = row
      for (name <- path.split('.')) {
        current match {
          case r: Row =>
            val i = r.schema.fieldNames.indexOf(name)
            if (i < 0 || r.isNullAt(i)) return None
            current = r.get(i)
          case _ => return None
        }
      }
      Option(current)
    }

    /** The record as a Spark row. */
    def toRow: Row = row

    override def toString: String = row.toString
  }

  private def javaList[T](s: Seq[T]): java.util.List[T] = {
    val l = new java.util.ArrayList[T]()
    s.foreach(l.add)
    l
  }

  private def frames(c: FrameCollection): Seq[DynamicFrame] = {
    val out = Seq.newBuilder[DynamicFrame]
    c.asMap().values().forEach(f => out += f)
    out.result()
  }

  /** Glue's Scala `DynamicFrame` methods on a dynaframe [[DynamicFrame]]. */
  implicit final class GlueDynamicFrameOps(private val self: DynamicFrame) extends AnyVal {

    private def run[O](
        t: Transform[O],
        transformationContext: String,
        stageThreshold: Long,
        totalThreshold: Long): O =
      Steps.apply(self, t, transformationContext, stageThreshold, totalThreshold)

    /** Glue's `applyMapping`: select, project and cast by 4-tuples (source, type, target, type). */
    def applyMapping(
        mappings: Seq[Product4[String, String, String, String]],
        caseSensitive: Boolean = true,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(
        ApplyMapping
          .of(javaList(mappings.map(m => MappingSpec.of(m._1, m._2, m._3, m._4))))
          .withCaseSensitive(caseSensitive),
        transformationContext,
        stageThreshold,
        totalThreshold)

    /** Glue's `resolveChoice`: specs per path and/or one `choiceOption` for the other choices. */
    def resolveChoice(
        specs: Seq[Product2[String, String]] = Seq.empty,
        choiceOption: Option[ChoiceOption] = None,
        database: Option[String] = None,
        tableName: Option[String] = None,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame = {
      val afterSpecs =
        if (specs.isEmpty) self
        else {
          val t = ResolveChoice.specs(javaList(specs.map(s => ResolveSpec.of(s._1, s._2))))
          if (choiceOption.isEmpty) return run(t, transformationContext, stageThreshold, totalThreshold)
          Steps.apply(self, t, "")
        }
      choiceOption match {
        case None =>
          throw new IllegalArgumentException(
            "resolveChoice needs specs or a choiceOption (Glue's ChoiceOption(\"make_cols\"), ...)")
        case Some(ChoiceOption("match_catalog")) =>
          val db = database.getOrElse(
            throw new IllegalArgumentException("resolveChoice: match_catalog needs database"))
          val table = tableName.getOrElse(
            throw new IllegalArgumentException("resolveChoice: match_catalog needs tableName"))
          val ctx = self.context()
          val lookup: TableSchemaLookup = (d: String, t: String) =>
            try java.util.Optional.of(ctx.catalog().getTable(TableIdentifier.of(d, t)).schema())
            catch {
              case _: NoSuchTableException | _: NoSuchDatabaseException =>
                java.util.Optional.empty[io.dynaframe.types.StructType]()
            }
          new GlueDynamicFrameOps(afterSpecs).runOn(
            ResolveChoice.matchCatalog(db, table, lookup),
            transformationContext,
            stageThreshold,
            totalThreshold)
        case Some(ChoiceOption(choice)) =>
          new GlueDynamicFrameOps(afterSpecs).runOn(
            ResolveChoice.choice(choice),
            transformationContext,
            stageThreshold,
            totalThreshold)
      }
    }

    private def runOn(
        t: Transform[DynamicFrame],
        transformationContext: String,
        stageThreshold: Long,
        totalThreshold: Long): DynamicFrame =
      run(t, transformationContext, stageThreshold, totalThreshold)

    /** Glue's `dropField`: this frame without the field at `path`. */
    def dropField(
        path: String,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(DropFields.of(path), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `dropFields`. */
    def dropFields(
        fieldNames: Seq[String],
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(DropFields.of(javaList(fieldNames)), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `dropNulls`: drops the columns whose every value is null. */
    def dropNulls(
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(DropNullFields.create(), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `renameField`. */
    def renameField(
        oldName: String,
        newName: String,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(RenameField.of(oldName, newName), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `selectField`: one field as a frame. */
    def selectField(
        fieldName: String,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(SelectFields.of(fieldName), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `selectFields`. */
    def selectFields(
        paths: Seq[String],
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(SelectFields.of(javaList(paths)), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `spigot`: the same records, a sample written to `path` (options `topk`, `prob`). */
    def spigot(
        path: String,
        options: JsonOptions = new JsonOptions("{}"),
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(Spigot.of(path, options.options), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `splitFields`: the frame of `paths`, then the frame of the other fields. */
    def splitFields(
        paths: Seq[String],
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): Seq[DynamicFrame] =
      frames(
        run(SplitFields.of(javaList(paths)), transformationContext, stageThreshold, totalThreshold))

    /** Glue's `splitRows`: the rows that pass every comparison, then the others. */
    def splitRows(
        paths: Seq[String],
        values: Seq[Any],
        operators: Seq[String],
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): Seq[DynamicFrame] =
      frames(
        run(
          SplitRows.of(javaList(paths), javaList(values.map(_.asInstanceOf[Object])), javaList(operators)),
          transformationContext,
          stageThreshold,
          totalThreshold))

    /** Glue's `unbox`: parses a string column in `format` into a struct. */
    def unbox(
        path: String,
        format: String,
        optionString: String = "{}",
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(
        Unbox.of(path, format).withOptions(Options.parse(optionString)),
        transformationContext,
        stageThreshold,
        totalThreshold)

    /** Glue's `unnest`: flattens nested structs into dotted top-level fields. */
    def unnest(
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(Unnest.create(), transformationContext, stageThreshold, totalThreshold)

    /** Glue's `relationalize`: the root table, then one table per array. */
    def relationalize(
        rootTableName: String,
        stagingPath: String,
        options: JsonOptions = JsonOptions.empty,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): Seq[DynamicFrame] =
      frames(
        run(
          Relationalize.of(rootTableName).withStagingPath(stagingPath),
          transformationContext,
          stageThreshold,
          totalThreshold))

    /** Glue's `join`: the equijoin with `frame2` on `keys1` = `keys2`. */
    def join(
        keys1: Seq[String],
        keys2: Seq[String],
        frame2: DynamicFrame,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(
        Join.`with`(frame2, javaList(keys1), javaList(keys2)),
        transformationContext,
        stageThreshold,
        totalThreshold)

    /** Glue's `filter`: the records for which `f` is true; `errorMsg` notes its error records. */
    def filter(
        f: DynamicRecord => Boolean,
        errorMsg: String = "",
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame = {
      val fn = new FilterFunction[Row] {
        override def call(r: Row): Boolean = f(new DynamicRecord(r))
      }
      val t = if (errorMsg.isEmpty) Filter.of(fn) else Filter.of(fn).withInfo(errorMsg)
      run(t, transformationContext, stageThreshold, totalThreshold)
    }

    /** Glue's `mergeDynamicFrames`: staging records replace this frame's of the same keys. */
    def mergeDynamicFrames(
        stageDynamicFrame: DynamicFrame,
        primaryKeys: Seq[String],
        transformationContext: String = "",
        options: JsonOptions = JsonOptions.empty,
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(
        MergeDynamicFrames.`with`(stageDynamicFrame, javaList(primaryKeys)),
        transformationContext,
        stageThreshold,
        totalThreshold)

    /** Glue's `getName`. */
    def getName: String = self.name()
  }

  /**
   * Glue's Scala `GlueContext` over a [[DynaContext]]: the constructors `new GlueContext(sc)` and
   * `new GlueContext(dynaContext)`, and Glue's `getSourceWithFormat`, `getSinkWithFormat`,
   * `getCatalogSource`, `getCatalogSink` and `getSparkSession` with Glue's parameter names and
   * defaults. Wherever a [[DynaContext]] is wanted, a `GlueContext` converts to its context.
   */
  final class GlueContext(val dynaContext: DynaContext) {

    /** A context on the session of this Spark context, as Glue's `new GlueContext(sc)`. */
    def this(sc: SparkContext) =
      this(DynaContext.of(SparkSession.builder().config(sc.getConf).getOrCreate()))

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

    /** Glue's `getSparkSession`. */
    def getSparkSession: SparkSession = dynaContext.spark()
  }

  /** Converts a [[GlueContext]] to its [[DynaContext]] where one is wanted. */
  object GlueContext {
    implicit def toDynaContext(g: GlueContext): DynaContext = g.dynaContext
  }
}
