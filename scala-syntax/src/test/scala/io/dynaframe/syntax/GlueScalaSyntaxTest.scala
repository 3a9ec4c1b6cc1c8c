package io.dynaframe.syntax

import example.glue.GlueApiScript
import io.dynaframe.{DynaContext, ErrorThresholdExceededException, Options, SourceException, StorageException}
import io.dynaframe.testing.{FrameAssert, Frames, SparkTest}
import io.dynaframe.testing.Frames.row
import io.dynaframe.transforms.{
  DropFields,
  Filter,
  MappingSpec => JMappingSpec,
  RenameField,
  ApplyMapping,
  SplitRows
}
import java.io.{ByteArrayOutputStream, PrintStream}
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path}
import java.nio.file.attribute.FileTime
import org.apache.spark.sql.Row
import org.assertj.core.api.Assertions.{assertThat, assertThatThrownBy}
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * A Glue Scala script whose imports were changed compiles (for the Scala of the build: 2.12, or
 * 2.13 with -Pglue6) and gives the rows AWS's examples print and a Java port of it gives.
 */
@SparkTest
class GlueScalaSyntaxTest {

  private def people(dir: Path): String = {
    val f = dir.resolve("people.json")
    Files.write(
      f,
      ("""{"name": "Sally", "age": 36, "address": {"state": "NE", "zip": 68102}}""" + "\n" +
        """{"name": "Bob", "age": 70, "address": {"state": "CA", "zip": 94105}}""" + "\n" +
        """{"name": "Ann", "age": 25, "address": {"state": "NE", "zip": 68046}}""" + "\n")
        .getBytes(StandardCharsets.UTF_8))
    f.toString
  }

  @Test
  def aPortedGlueScalaScriptRuns(ctx: DynaContext, @TempDir dir: Path): Unit = {
    val out = dir.resolve("older").toString
    val frames = GluePeopleScript.run(new GlueContext(ctx), people(dir), out)
    val mapped = frames(0)
    val older = frames(1)
    val younger = frames(2)

    // AWS's applyMapping example: the resulting schema as the page prints it
    FrameAssert
      .assertThat(mapped.toDF())
      .hasSchema("""
        |root
        ||-- name: string
        ||-- age: int
        ||-- state: string
        ||-- zip: int
        |""".stripMargin)
    FrameAssert
      .assertThat(older)
      .isEqualTo(Frames.rows(ctx, "name STRING, age INT, state_code STRING", row("Sally", Int.box(36), "NE")))
    FrameAssert
      .assertThat(younger)
      .isEqualTo(Frames.rows(ctx, "name STRING, age INT, state_code STRING", row("Ann", Int.box(25), "NE")))
    assertThat(older.transformationContext()).isEqualTo("split5")

    val written = ctx.createDynamicFrameFromOptions(
      "s3",
      Options.of("paths", java.util.Collections.singletonList(out), "recurse", java.lang.Boolean.TRUE),
      "parquet",
      Options.empty(),
      "")
    FrameAssert.assertThat(written).isEqualTo(older)

    // the same steps through the Java API give the same frames
    val source = ctx.createDynamicFrameFromOptions(
      "s3",
      Options.of("paths", java.util.Collections.singletonList(dir.resolve("people.json").toString)),
      "json",
      Options.empty(),
      "source")
    val javaPort: DynamicFrame = source
      .apply(
        "m",
        ApplyMapping
          .of(
            JMappingSpec.of("name", "string", "name", "string"),
            JMappingSpec.of("age", "int", "age", "int"),
            JMappingSpec.of("address.state", "string", "state", "string"),
            JMappingSpec.of("address.zip", "int", "zip", "int"))
          .withCaseSensitive(false))
      .apply("r", RenameField.of("state", "state_code"))
      .apply("f", Filter.where("state_code = 'NE'"))
      .apply("d", DropFields.of("zip"))
    val javaSplit = javaPort.apply("s", SplitRows.where("age", ">=", Int.box(30)))
    val javaFrames = javaSplit.asMap().values().toArray(new Array[DynamicFrame](0))
    FrameAssert.assertThat(older).isEqualTo(javaFrames(0))
    FrameAssert.assertThat(younger).isEqualTo(javaFrames(1))
  }

  @Test
  def resolveChoiceAndTheOtherMethodsTakeGluesArguments(ctx: DynaContext, @TempDir dir: Path): Unit = {
    val f = dir.resolve("mixed.json")
    Files.write(
      f,
      ("""{"id": 1, "price": 10}""" + "\n" + """{"id": 2, "price": "12.5"}""" + "\n")
        .getBytes(StandardCharsets.UTF_8))
    val frame = new GlueContext(ctx)
      .getSourceWithFormat(
        connectionType = "s3",
        options = JsonOptions(s"""{"paths": ["$f"]}"""),
        format = "json")
      .getDynamicFrame()
    // AWS's example shape: resolveChoice(specs = Seq((path, action)))
    val cast = frame.resolveChoice(specs = Seq(("price", "cast:double")), transformationContext = "rc")
    FrameAssert
      .assertThat(cast)
      .isEqualTo(Frames.rows(ctx, "id INT, price DOUBLE", row(Int.box(1), Double.box(10.0)), row(Int.box(2), Double.box(12.5))))
    // AWS's example: resolveChoice(choiceOption = Some(ChoiceOption("make_cols")))
    val cols = frame.resolveChoice(choiceOption = Some(ChoiceOption("make_cols")))
    FrameAssert
      .assertThat(cols)
      .isEqualTo(
        Frames.rows(
          ctx,
          "id INT, price_int INT, price_string STRING",
          row(Int.box(1), Int.box(10), null),
          row(Int.box(2), null, "12.5")))
    val parts: Seq[DynamicFrame] = cast.splitFields(paths = Seq("id"))
    val ids = parts(0)
    val rest = parts(1)
    FrameAssert.assertThat(ids).isEqualTo(Frames.rows(ctx, "id INT", row(Int.box(1)), row(Int.box(2))))
    FrameAssert
      .assertThat(rest)
      .isEqualTo(Frames.rows(ctx, "price DOUBLE", row(Double.box(10.0)), row(Double.box(12.5))))
    val prices = cast.renameField("id", "pid")
    val joined = ids.join(keys1 = Seq("id"), keys2 = Seq("pid"), frame2 = prices)
    FrameAssert.assertThat(joined.selectFields(Seq("id", "price"))).isEqualTo(cast)
    assertThat(cast.dropFields(Seq("price")).getName).isEqualTo(cast.name())
  }

  private def write(dir: Path, name: String, lines: String*): String = {
    val f = dir.resolve(name)
    Files.write(f, lines.mkString("", "\n", "\n").getBytes(StandardCharsets.UTF_8))
    f.toString
  }

  /** What `body` prints to standard output (Glue's printSchema and show print there). */
  private def stdout(body: => Unit): String = {
    val bytes = new ByteArrayOutputStream()
    val saved = System.out
    System.setOut(new PrintStream(bytes, true, "UTF-8"))
    try body
    finally System.setOut(saved)
    new String(bytes.toByteArray, StandardCharsets.UTF_8)
  }

  @Test
  def aScriptOfGluesScalaPagesRuns(ctx: DynaContext, @TempDir dir: Path): Unit = {
    val prices = write(dir, "prices.json", """{"id": 1, "price": 10}""", """{"id": 2, "price": "12.5"}""")
    val ddbExport = write(
      dir,
      "export.json",
      """{"Item": {"id": {"S": "1"}, "qty": {"N": "5"}}}""",
      """{"Item": {"id": {"S": "2"}, "qty": {"N": "7"}}}""")
    val out = dir.resolve("located").toString
    var frames: GlueApiScript.Frames = null
    val printed = stdout {
      frames = GlueApiScript.run(new GlueContext(ctx), prices, ddbExport, out)
    }

    // AWS's unbox and unnest examples print these schemas; printSchema prints them
    val unboxedSchema =
      """root
        ||-- name: string
        ||-- age: int
        ||-- address: struct
        ||    |-- state: string
        ||    |-- city: string
        |""".stripMargin
    val unnestedSchema =
      """root
        ||-- name: string
        ||-- age: int
        ||-- address.state: string
        ||-- address.city: string
        |""".stripMargin
    FrameAssert
      .assertThat(frames.unboxed)
      .hasSchema(unboxedSchema)
      .isEqualTo(
        Frames.rows(
          ctx,
          "name STRING, age INT, address STRUCT<state: STRING, city: STRING>",
          row("Sally", Int.box(36), row("NE", "Omaha")),
          row("Bob", Int.box(70), row("CA", "Fresno")),
          row("Ann", Int.box(25), row("NE", "Lincoln"))))
    FrameAssert.assertThat(frames.unnested).hasSchema(unnestedSchema)
    // map: the record the function returns; Bob's, which it threw on, is an error record
    val located = Frames.rows(
      ctx,
      "name STRING, age INT, location STRING",
      row("Sally", Int.box(36), "Omaha, NE"),
      row("Ann", Int.box(25), "Lincoln, NE"))
    FrameAssert.assertThat(frames.located).isEqualTo(located)
    assertThat(printed).isEqualTo(
      unboxedSchema + unnestedSchema + "{\"name\":\"Sally\",\"age\":36,\"location\":\"Omaha, NE\"}\n")
    assertThat(frames.located.count).isEqualTo(2L)
    assertThat(frames.located.errorsCount).isEqualTo(1L)
    assertThat(frames.located.stageErrorsCount).isEqualTo(1L)
    val error = frames.located.errorsAsDynamicFrame.toDF().collectAsList().get(0).getStruct(0)
    assertThat(error.getAs[String]("msg")).contains("locating").contains("retired")
    assertThat(error.getAs[String]("dynamicRecord")).contains("Bob")
    assertThat(frames.located.transformationContext()).isEqualTo("located")

    // repartition: 3 partitions, the same records (written through getSink and read back)
    assertThat(frames.repartitioned.getNumPartitions).isEqualTo(3)
    assertThat(frames.repartitioned.transformationContext()).isEqualTo("repartitioned")
    FrameAssert.assertThat(frames.written).isEqualTo(located)

    FrameAssert
      .assertThat(frames.prices)
      .isEqualTo(
        Frames
          .rows(ctx, "id INT, price DOUBLE", row(Int.box(1), Double.box(10.0)), row(Int.box(2), Double.box(12.5)))
          .toDF())
    FrameAssert
      .assertThat(frames.items)
      .isEqualTo(Frames.rows(ctx, "id STRING, qty STRING", row("1", "5"), row("2", "7")))
    assertThat(frames.empty.count).isEqualTo(0L)
    assertThat(frames.empty.toDF().columns).isEmpty()

    // the frame's other Glue methods
    val renamed = frames.located.withName("people").withTransformationContext("people_ctx")
    assertThat(renamed.getName).isEqualTo("people")
    assertThat(renamed.transformationContext()).isEqualTo("people_ctx")
    assertThat(frames.located.withFrameSchema(() => frames.located.schema)).isSameAs(frames.located)
    assertThat(frames.located.getSchemaIfComputed).isEqualTo(Some(frames.located.schema))
    // a threshold below the step's errors fails the job when checked
    val strict = frames.unnested.map(
      f = rec => if (rec.getField("age").exists(_.asInstanceOf[Int] > 30)) throw new IllegalStateException("old") else rec,
      stageThreshold = 1)
    assertThatThrownBy(() => strict.assertErrorThreshold())
      .isInstanceOf(classOf[ErrorThresholdExceededException])
      .hasMessageContaining("made 2 error records, more than its stageThreshold of 1")
  }

  @Test
  def aDynamicRecordAsGluesScalaPageDescribesIt(): Unit = {
    val schema = org.apache.spark.sql.types.StructType.fromDDL("name STRING, age INT, address STRUCT<state: STRING>")
    val rec = DynamicRecord(Row("Sally", 36, Row("NE")), schema)
    assertThat(rec.getField("address.state")).isEqualTo(Some("NE"))
    assertThat(rec.getField("zip")).isEqualTo(None)
    assertThat(rec.getFieldNode("age")).isEqualTo(Some(IntegerNode(36)))
    val copy = rec.clone()
    rec.addField("address.zip", IntegerNode(68102))
    assertThat(rec.dropField("name")).isEqualTo(Some(StringNode("Sally")))
    assertThat(rec.dropField("name")).isEqualTo(None)
    assertThat(rec.toJson).isEqualTo("""{"age":36,"address":{"state":"NE","zip":68102}}""")
    assertThat(copy.toJson).isEqualTo("""{"name":"Sally","age":36,"address":{"state":"NE"}}""")
    assertThat(copy.schema.treeString())
      .isEqualTo(
        """root
          ||-- name: string
          ||-- age: int
          ||-- address: struct
          ||    |-- state: string
          |""".stripMargin)
    assertThat(copy).isEqualTo(DynamicRecord(Row("Sally", 36, Row("NE")), schema))
    assertThat(copy).isNotEqualTo(rec)
  }

  @Test
  def theContextsOtherCallsTakeGluesArguments(ctx: DynaContext, @TempDir dir: Path): Unit = {
    val glueContext = new GlueContext(ctx)
    val prices = write(dir, "prices.json", """{"id": 1, "price": 10}""")
    // an s3 source of getSource takes its format with withFormat, checked there
    assertThatThrownBy(() =>
      glueContext.getSource("s3", JsonOptions(Map("paths" -> Seq(prices)))).withFormat("yaml"))
      .isInstanceOf(classOf[SourceException])
      .hasMessageContaining("format 'yaml' is not supported")
    assertThatThrownBy(() =>
      glueContext.getSource("s3", JsonOptions(Map("paths" -> Seq(prices))), pushDownPredicate = "year = '2024'"))
      .isInstanceOf(classOf[IllegalArgumentException])
      .hasMessageContaining("getCatalogSource")
    assertThatThrownBy(() =>
      DynamicFrame.emptyDynamicFrame(glueContext).toDF(Seq(ResolveSpec("price", "make_cols"))))
      .isInstanceOf(classOf[IllegalArgumentException])
      .hasMessageContaining("ResolveSpec(price, make_cols)")

    // simplifyDDBJson: the export's Item wrapper and the type descriptors go
    val spark = glueContext.getSparkSession
    val exported = spark.createDataFrame(
      java.util.Arrays.asList(Row(Row(Row("1"), Row("5")))),
      org.apache.spark.sql.types.StructType.fromDDL("Item STRUCT<id: STRUCT<S: STRING>, qty: STRUCT<N: STRING>>"))
    FrameAssert
      .assertThat(DynamicFrame(exported, glueContext).simplifyDDBJson())
      .hasSchema("""root
                   ||-- id: string
                   ||-- qty: string
                   |""".stripMargin)

    val withTimes = glueContext.addIngestionTimeColumns(spark.range(1).toDF(), "hour")
    assertThat(withTimes.columns).containsExactly("id", "ingest_year", "ingest_month", "ingest_day", "ingest_hour")

    // purgeS3Path deletes the files below the path older than retentionPeriod hours
    val old = dir.resolve("old/year=2024/part-0.json")
    Files.createDirectories(old.getParent)
    Files.write(old, "{}\n".getBytes(StandardCharsets.UTF_8))
    Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3L * 3600 * 1000))
    val recent = write(dir.resolve("old"), "recent.json", "{}")
    glueContext.purgeS3Path(dir.resolve("old").toString, JsonOptions(Map("retentionPeriod" -> 1)))
    assertThat(Files.exists(old)).isFalse()
    assertThat(Files.exists(Path.of(recent))).isTrue()
    // transitionS3Path checks its arguments, then refuses off S3
    assertThatThrownBy(() =>
      glueContext.transitionS3Path(
        dir.resolve("old").toString,
        "GLACIER",
        JsonOptions(Map("accountId" -> "123456789012", "roleArn" -> "arn:aws:iam::123456789012:role/r"))))
      .isInstanceOf(classOf[StorageException])

    // Glue's spec classes are the tuples the methods take
    assertThat(ResolveSpec(("price", "cast:double"))).isEqualTo(ResolveSpec("price", "cast:double"))
    assertThat(MappingSpec(("a", "int", "b", "long"))._3).isEqualTo("b")
    assertThat(ChoiceOption(ChoiceOption.MAKE_COLS)).isEqualTo(ChoiceOption("make_cols"))
  }
}
