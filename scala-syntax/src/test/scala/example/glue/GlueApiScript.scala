package example.glue

// A Glue Scala script written from AWS's Scala DynamicFrame, DynamicRecord and GlueContext pages
// (the unbox and unnest examples, then map, repartition, getSink/getSource, toDF(specs) and
// unnestDDBJson with Glue's signatures). Only the imports changed:
//   import com.amazonaws.services.glue.{DynamicFrame, DynamicRecord, GlueContext, ResolveSpec}
//   import com.amazonaws.services.glue.types.StringNode
//   import com.amazonaws.services.glue.util.JsonOptions
// became the first line below. The script lives outside dynaframe's packages, as a user's would.
import io.dynaframe.syntax._
import org.apache.spark.sql.{DataFrame, Row}
import org.apache.spark.sql.types.{IntegerType, StringType, StructField, StructType}

object GlueApiScript {

  /** What the script makes, step by step. */
  final case class Frames(
      unboxed: DynamicFrame,
      unnested: DynamicFrame,
      located: DynamicFrame,
      repartitioned: DynamicFrame,
      written: DynamicFrame,
      prices: DataFrame,
      items: DynamicFrame,
      empty: DynamicFrame)

  /** AWS's unbox example: a CSV's rows with an embedded JSON column, as a DataFrame. */
  def people(glueContext: GlueContext): DataFrame = {
    val schema = StructType(
      Seq(
        StructField("name", StringType),
        StructField("age", IntegerType),
        StructField("address", StringType)))
    glueContext.getSparkSession.createDataFrame(
      java.util.Arrays.asList(
        Row("Sally", 36, """{"state": "NE", "city": "Omaha"}"""),
        Row("Bob", 70, """{"state": "CA", "city": "Fresno"}"""),
        Row("Ann", 25, """{"state": "NE", "city": "Lincoln"}""")),
      schema)
  }

  def run(glueContext: GlueContext, prices: String, ddbExport: String, output: String): Frames = {
    val df = DynamicFrame(people(glueContext), glueContext)
    val unboxed = df.unbox("address", "json")
    unboxed.printSchema
    val unnested = unboxed.unnest()
    unnested.printSchema

    val located = unnested.map(
      f = rec => {
        if (rec.getField("age").exists(_.asInstanceOf[Int] > 65)) {
          throw new IllegalArgumentException("retired")
        }
        val city = rec.getField("`address.city`").getOrElse("")
        val state = rec.getField("`address.state`").getOrElse("")
        rec.addField("location", StringNode(s"$city, $state"))
        rec.dropField("`address.city`")
        rec.dropField("`address.state`")
        rec
      },
      errorMsg = "locating",
      transformationContext = "located")
    located.show(numRows = 1)

    val repartitioned = located.repartition(3, "repartitioned")
    glueContext
      .getSink(connectionType = "s3", options = JsonOptions(Map("path" -> output)), transformationContext = "sink")
      .withFormat("json")
      .writeDynamicFrame(repartitioned)
    val written = glueContext
      .getSource(connectionType = "s3", connectionOptions = JsonOptions(Map("paths" -> Seq(output))))
      .withFormat("json")
      .getDynamicFrame()

    val priced = glueContext
      .getSourceWithFormat(connectionType = "s3", options = JsonOptions(Map("paths" -> Seq(prices))), format = "json")
      .getDynamicFrame()
    val pricesDF = priced.toDF(Seq(ResolveSpec("price", "cast:double")))

    val items = glueContext
      .getSourceWithFormat(connectionType = "s3", options = JsonOptions(Map("paths" -> Seq(ddbExport))), format = "json")
      .getDynamicFrame()
      .unnestDDBJson(transformationContext = "items")

    Frames(unboxed, unnested, located, repartitioned, written, pricesDF, items, DynamicFrame.emptyDynamicFrame(glueContext))
  }
}
