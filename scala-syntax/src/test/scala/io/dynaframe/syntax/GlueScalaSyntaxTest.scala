package io.dynaframe.syntax

import io.dynaframe.{DynaContext, DynamicFrame, Options}
import io.dynaframe.testing.{FrameAssert, Frames, SparkTest}
import io.dynaframe.testing.Frames.row
import io.dynaframe.transforms.{DropFields, Filter, MappingSpec, RenameField, ApplyMapping, SplitRows}
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path}
import org.assertj.core.api.Assertions.assertThat
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
            MappingSpec.of("name", "string", "name", "string"),
            MappingSpec.of("age", "int", "age", "int"),
            MappingSpec.of("address.state", "string", "state", "string"),
            MappingSpec.of("address.zip", "int", "zip", "int"))
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
}
