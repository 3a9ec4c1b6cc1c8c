package io.dynaframe.syntax

// A Glue Scala script as AWS's Scala DynamicFrame page writes its calls; only the imports changed:
//   import com.amazonaws.services.glue.{DynamicFrame, GlueContext}
//   import com.amazonaws.services.glue.util.JsonOptions
// became the line below.
import io.dynaframe.syntax._

object GluePeopleScript {

  /** Reads people, unnests their address, keeps Nebraska, splits at 30 and writes the older. */
  def run(glueContext: GlueContext, input: String, output: String): Seq[DynamicFrame] = {
    val datasource0 = glueContext
      .getSourceWithFormat(
        connectionType = "s3",
        options = JsonOptions(Map("paths" -> Seq(input))),
        transformationContext = "datasource0",
        format = "json")
      .getDynamicFrame()
    val applymapping1 = datasource0.applyMapping(
      mappings = Seq(
        ("name", "string", "name", "string"),
        ("age", "int", "age", "int"),
        ("address.state", "string", "state", "string"),
        ("address.zip", "int", "zip", "int")),
      caseSensitive = false,
      transformationContext = "applymapping1")
    val renamed2 = applymapping1.renameField("state", "state_code", transformationContext = "renamed2")
    val nebraska3 = renamed2.filter(
      f = r => r.getField("state_code").contains("NE"),
      errorMsg = "filter",
      transformationContext = "nebraska3")
    val dropped4 = nebraska3.dropField("zip", transformationContext = "dropped4")
    val split5 = dropped4.splitRows(Seq("age"), Seq(30), Seq(">="), transformationContext = "split5")
    glueContext
      .getSinkWithFormat(
        connectionType = "s3",
        options = JsonOptions(s"""{"path": "$output"}"""),
        transformationContext = "datasink6",
        format = "parquet")
      .writeDynamicFrame(split5.head)
    Seq(applymapping1) ++ split5
  }
}
