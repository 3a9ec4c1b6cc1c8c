package io.dynaframe

import io.dynaframe.catalog.{NoSuchDatabaseException, NoSuchTableException, TableIdentifier}
import io.dynaframe.transforms.{
  ApplyMapping,
  Coalesce,
  DropFields,
  DropNullFields,
  Filter,
  Join,
  MergeDynamicFrames,
  Relationalize,
  RenameField,
  Repartition,
  ResolveChoice,
  SelectFields,
  SimplifyDDBJson,
  SplitFields,
  SplitRows,
  Spigot,
  TableSchemaLookup,
  Unbox,
  Unnest,
  UnnestDDBJson,
  DynamicRecord => JDynamicRecord,
  Map => MapTransform,
  MappingSpec => JMappingSpec,
  ResolveSpec => JResolveSpec
}
import io.dynaframe.transforms.internal.Steps
import io.dynaframe.types.Types
import org.apache.spark.sql.DataFrame

/**
 * Glue's Scala API over dynaframe: `import io.dynaframe.syntax._` gives [[DynamicFrame]] the
 * methods of Glue's Scala `DynamicFrame` (`applyMapping`, `resolveChoice`, `dropField`,
 * `renameField`, `selectFields`, `spigot`, `splitFields`, `splitRows`, `unbox`, `unnest`,
 * `relationalize`, `join`, `filter`, `map`, `toDF(specs)`, `unnestDDBJson`, ...) with Glue's
 * parameter names and defaults, and brings Glue's `GlueContext` (over a [[DynaContext]]), the
 * `DynamicFrame` object (`DynamicFrame(df, glueContext)`, `emptyDynamicFrame`), `JsonOptions`,
 * `ChoiceOption`, `ResolveSpec`, `MappingSpec`, `CallSite`, [[DynamicRecord]] and its
 * [[DynamicNode]]s. A Glue Scala script compiles after its `com.amazonaws.services.glue` imports are
 * replaced by this one.
 *
 * `callSite` is accepted and ignored (dynaframe names the step after the transformation context);
 * `stageThreshold` and `totalThreshold` are set on the output frame, as in Glue.
 */
package object syntax {

  /** Glue's `CallSite`: accepted for source compatibility, not used. */
  final case class CallSite(site: String, info: String = "")

  /** Glue's `ChoiceOption`: one resolution for every choice, e.g. `ChoiceOption("make_cols")`. */
  final case class ChoiceOption(choice: String)

  /** Glue's `ChoiceOption` object: the resolutions by name. */
  object ChoiceOption {
    val CAST: String = "cast"
    val MAKE_COLS: String = "make_cols"
    val MAKE_STRUCT: String = "make_struct"
    val MATCH_CATALOG: String = "match_catalog"
    val PROJECT: String = "project"
  }

  /**
   * Glue's `ResolveSpec(path, action)`: how `resolveChoice` or `toDF` resolves the choice at a
   * path (`"cast:double"`, `"project:int"`, `"make_struct"`, `"make_cols"`; `toDF` also takes
   * `"KeepAsStruct"`).
   */
  final case class ResolveSpec(path: String, action: String) extends Product2[String, String] {
    override def _1: String = path
    override def _2: String = action
  }

  /** Builds [[ResolveSpec]]s as Glue's companion does. */
  object ResolveSpec {

    /** A spec from a (path, action) pair. */
    def apply(product: Product2[String, String]): ResolveSpec =
      new ResolveSpec(product._1, product._2)
  }

  /** Glue's `MappingSpec(sourcePath, sourceType, targetPath, targetType)` for `applyMapping`. */
  final case class MappingSpec(
      sourcePath: String,
      sourceType: String,
      targetPath: String,
      targetType: String)
      extends Product4[String, String, String, String] {
    override def _1: String = sourcePath
    override def _2: String = sourceType
    override def _3: String = targetPath
    override def _4: String = targetType
  }

  /** Builds [[MappingSpec]]s as Glue's companion does. */
  object MappingSpec {

    /** A spec from a 4-tuple (source path, source type, target path, target type). */
    def apply(product: Product4[String, String, String, String]): MappingSpec =
      new MappingSpec(product._1, product._2, product._3, product._4)
  }

  /** dynaframe's [[io.dynaframe.DynamicFrame]], under Glue's name for scripts that import only this package. */
  type DynamicFrame = io.dynaframe.DynamicFrame

  /** Glue's `Schema`: dynaframe's schema of a frame or record, choices included. */
  type Schema = io.dynaframe.types.StructType

  /** Glue's `DynamicFrame` object. */
  object DynamicFrame {

    /** Glue's `DynamicFrame(df, glueContext)`: a frame over a DataFrame. */
    def apply(df: DataFrame, glueContext: GlueContext): DynamicFrame =
      io.dynaframe.DynamicFrame.fromDF(df, glueContext.dynaContext, "")

    /** Glue's `emptyDynamicFrame(glueContext)`: a frame with no records and no fields. */
    def emptyDynamicFrame(glueContext: GlueContext): DynamicFrame =
      io.dynaframe.DynamicFrame.empty(glueContext.dynaContext)
  }

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
          .of(javaList(mappings.map(m => JMappingSpec.of(m._1, m._2, m._3, m._4))))
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
          val t = ResolveChoice.specs(javaList(specs.map(s => JResolveSpec.of(s._1, s._2))))
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

    /**
     * Glue's `filter`: the records for which `f` is true; a record `f` throws on becomes an error
     * record, with `errorMsg` before the reason. `f` should not change the record.
     */
    def filter(
        f: DynamicRecord => Boolean,
        errorMsg: String = "",
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame = {
      val p = new JDynamicRecord.Predicate {
        override def call(r: JDynamicRecord): Boolean = f(new DynamicRecord(r))
      }
      val t = if (errorMsg.isEmpty) Filter.onRecords(p) else Filter.onRecords(p).withInfo(errorMsg)
      run(t, transformationContext, stageThreshold, totalThreshold)
    }

    /**
     * Glue's `map`: the record `f` returns for each record (each call gets its own copy, so `f` may
     * change it). A record `f` throws on or returns null for becomes an error record, with
     * `errorMsg` before the reason and the stack trace kept. The output's schema is learnt from the
     * records `f` returns (a field whose values differ in type becomes a choice), so `f` must give
     * the same record for the same input each time.
     */
    def map(
        f: DynamicRecord => DynamicRecord,
        errorMsg: String = "",
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame = {
      val fn = new JDynamicRecord.MapFunction {
        override def call(r: JDynamicRecord): JDynamicRecord = {
          val out = f(new DynamicRecord(r))
          if (out == null) null else out.record
        }
      }
      val t =
        if (errorMsg.isEmpty) MapTransform.onRecords(fn)
        else MapTransform.onRecords(fn).withInfo(errorMsg)
      run(t, transformationContext, stageThreshold, totalThreshold)
    }

    /**
     * Glue's `toDF(specs)`: the records as a DataFrame, the choices at the specs' paths resolved
     * first (`"cast:<type>"`, `"project:<type>"`, `"make_struct"` or `"KeepAsStruct"`); other
     * choices stay structs with one field per member type, as in Glue.
     */
    def toDF(specs: Seq[ResolveSpec]): DataFrame = {
      val options = specs.map { spec =>
        val action = spec.action.trim
        val lower = action.toLowerCase(java.util.Locale.ROOT)
        def target(prefix: String) = {
          val name = action.substring(prefix.length).trim
          try Types.parse(name)
          catch {
            case e: IllegalArgumentException =>
              throw new IllegalArgumentException(
                s"toDF: ResolveSpec(${spec.path}, $action) names an unknown type: ${e.getMessage}",
                e)
          }
        }
        if (lower.startsWith("cast:")) io.dynaframe.ResolveOption.cast(spec.path, target("cast:"))
        else if (lower.startsWith("project:"))
          io.dynaframe.ResolveOption.project(spec.path, target("project:"))
        else if (lower == "make_struct" || lower == "keepasstruct")
          io.dynaframe.ResolveOption.keepAsStruct(spec.path)
        else
          throw new IllegalArgumentException(
            s"toDF: ResolveSpec(${spec.path}, $action): the action must be cast:<type>, " +
              "project:<type>, make_struct or KeepAsStruct")
      }
      self.toDF(options: _*)
    }

    /**
     * Glue's `repartition`: the same records in `numPartitions` partitions, as a step with Glue's
     * transformation context and thresholds.
     */
    def repartition(
        numPartitions: Int,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(Repartition.of(numPartitions), transformationContext, stageThreshold, totalThreshold)

    /**
     * Glue's (Python) `coalesce(num_partitions, shuffle = false, ...)` in Scala spelling: at most
     * `numPartitions` partitions, without a shuffle unless asked.
     */
    def coalesce(
        numPartitions: Int,
        shuffle: Boolean = false,
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(
        Coalesce.of(numPartitions).withShuffle(shuffle),
        transformationContext,
        stageThreshold,
        totalThreshold)

    /**
     * Glue's `unnestDDBJson`: a frame read from a DynamoDB export (`{"Item": {"id": {"S": "1"}}}`)
     * as plain top-level fields (`id: string`).
     */
    def unnestDDBJson(
        transformationContext: String = "",
        callSite: CallSite = CallSite("Not provided", ""),
        stageThreshold: Long = 0,
        totalThreshold: Long = 0): DynamicFrame =
      run(UnnestDDBJson.create(), transformationContext, stageThreshold, totalThreshold)

    /**
     * Glue's `simplifyDDBJson`: every DynamoDB JSON value of the frame, at any depth, without its
     * type descriptor, and the export's `Item` wrapper removed.
     */
    def simplifyDDBJson(): DynamicFrame = run(SimplifyDDBJson.create(), "", 0, 0)

    /**
     * Glue's `withFrameSchema`: this frame. A dynaframe frame's schema is its Dataset's, known when
     * the frame is made, so `getSchema` is not called.
     */
    def withFrameSchema(getSchema: () => Schema): DynamicFrame = self

    /** Glue's `getSchemaIfComputed`: the schema, which dynaframe always knows. */
    def getSchemaIfComputed: Option[Schema] = Some(self.schema())

    /** Glue's `isSchemaComputed`: always true (see [[getSchemaIfComputed]]). */
    def isSchemaComputed: Boolean = true

    /** Glue's `recomputeSchema`: the schema (computed from the Dataset, no scan). */
    def recomputeSchema: Schema = self.schema()

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
}
