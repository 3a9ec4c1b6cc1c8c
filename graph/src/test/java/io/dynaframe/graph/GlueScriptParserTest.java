package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link GlueScriptParser}, on a script in the style of the ones the Glue console
 * generates.
 */
class GlueScriptParserTest {

  static String resource(String name) {
    try (InputStream in = GlueScriptParserTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JobGraph generatedScript() {
    return GlueScriptParser.parse("orders_to_parquet.py", resource("glue/orders_to_parquet.py"));
  }

  @Test
  void readsTheStepsOfAGeneratedScript() {
    JobGraph graph = generatedScript();

    assertThat(graph.name()).isEqualTo("orders_to_parquet");
    assertThat(graph.nodes())
        .extracting(Node::id)
        .containsExactly(
            "datasource0", "applymapping1", "resolvechoice2", "dropnullfields3", "datasink4");
    assertThat(graph.nodes())
        .extracting(Node::kind)
        .containsExactly(
            Node.Kind.SOURCE,
            Node.Kind.TRANSFORM,
            Node.Kind.TRANSFORM,
            Node.Kind.TRANSFORM,
            Node.Kind.SINK);
    assertThat(graph.edges())
        .containsExactly(
            new Edge("datasource0", "applymapping1"),
            new Edge("applymapping1", "resolvechoice2"),
            new Edge("resolvechoice2", "dropnullfields3"),
            new Edge("dropnullfields3", "datasink4"));
    // quotes go from string values; transformation_ctx that repeats the id goes altogether
    assertThat(graph.node("datasource0").orElseThrow().args())
        .containsExactly(Map.entry("database", "sales"), Map.entry("table_name", "raw_orders"));
    assertThat(graph.node("datasink4").orElseThrow().args())
        .containsExactly(
            Map.entry("connection_type", "s3"),
            Map.entry("connection_options", "{\"path\": \"s3://example-lake/orders\"}"),
            Map.entry("format", "parquet"));
    assertThat(graph.node("dropnullfields3").orElseThrow().args()).isEmpty();
  }

  @Test
  void rendersTheGeneratedScriptAsDot() {
    assertThat(DotRenderer.render(generatedScript()))
        .isEqualTo(resource("glue/orders_to_parquet.dot"));
  }

  @Test
  void rendersTheGeneratedScriptAsMermaid() {
    assertThat(MermaidRenderer.render(generatedScript()))
        .isEqualTo(resource("glue/orders_to_parquet.mmd"));
  }

  @Test
  void joinInputsKeepTheirOrderAndCollectionsFlowThrough() {
    String script =
        """
        ## @type: DataSource
        ## @args: [database = "hr", table_name = "persons", transformation_ctx = "persons"]
        ## @return: persons
        ## @inputs: []
        persons = glueContext.create_dynamic_frame.from_catalog(database = "hr", table_name = "persons")
        ## @type: DataSource
        ## @args: [database = "hr", table_name = "memberships", transformation_ctx = "m1"]
        ## @return: memberships
        ## @inputs: []
        memberships = glueContext.create_dynamic_frame.from_catalog(database = "hr", table_name = "memberships")
        ## @type: Join
        ## @args: [keys1 = ["id"], keys2 = ["person_id"]]
        ## @return: join2
        ## @inputs: [frame1 = persons, frame2 = memberships]
        join2 = Join.apply(frame1 = persons, frame2 = memberships, keys1 = ["id"], keys2 = ["person_id"])
        ## @type: SplitFields
        ## @args: [paths = ["id", "name"], name1 = "ids", name2 = "rest"]
        ## @return: split3
        ## @inputs: [frame = join2]
        split3 = SplitFields.apply(frame = join2, paths = ["id", "name"], name1 = "ids", name2 = "rest")
        ## @type: SelectFromCollection
        ## @args: [key = "ids"]
        ## @return: ids4
        ## @inputs: [dfc = split3]
        ids4 = SelectFromCollection.apply(dfc = split3, key = "ids")
        ## @type: DataSink
        ## @args: [connection_type = "s3", format = "json"]
        ## @return: datasink5
        ## @inputs: [frame = ids4]
        datasink5 = glueContext.write_dynamic_frame.from_options(frame = ids4, connection_type = "s3", format = "json")
        """;

    JobGraph graph = GlueScriptParser.parse("jobs/hr_join.py", script);

    assertThat(graph.name()).isEqualTo("hr_join");
    assertThat(graph.inputs("join2")).containsExactly("persons", "memberships");
    assertThat(graph.node("join2").orElseThrow().args())
        .containsExactly(Map.entry("keys1", "[\"id\"]"), Map.entry("keys2", "[\"person_id\"]"));
    // a transformation_ctx is dropped where it repeats the id, kept where it differs
    assertThat(graph.node("persons").orElseThrow().args()).doesNotContainKey("transformation_ctx");
    assertThat(graph.node("memberships").orElseThrow().args())
        .containsEntry("transformation_ctx", "m1");
    assertThat(graph.inputs("ids4")).containsExactly("split3");
    assertThat(graph.outputs("ids4")).containsExactly("datasink5");
  }

  @Test
  void anInputThatNoEarlierStepReturnsNamesTheLine() {
    String script =
        """
        ## @type: DataSource
        ## @args: []
        ## @return: datasource0
        ## @inputs: []
        datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "a", table_name = "b")
        ## @type: DropNullFields
        ## @return: dropnullfields1
        ## @inputs: [frame = datasourc0]
        dropnullfields1 = DropNullFields.apply(frame = datasourc0)
        """;

    assertThatThrownBy(() -> GlueScriptParser.parse("job.py", script))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 8: @inputs of dropnullfields1 names 'datasourc0', which no step above returns;"
                + " steps above return [datasource0]");
  }

  @Test
  void aStepWithoutReturnNamesTheLineOfItsType() {
    String script =
        """
        ## @params: [JOB_NAME]
        ## @type: DataSource
        ## @args: [database = "a", table_name = "b"]
        datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "a", table_name = "b")
        """;

    assertThatThrownBy(() -> GlueScriptParser.parse("job.py", script))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 2: step of type DataSource has no '## @return:' line; add one naming the variable"
                + " it assigns");
  }

  @Test
  void aReturnNameUsedTwiceNamesBothLines() {
    String script =
        """
        ## @type: DataSource
        ## @return: frame
        x = 1
        ## @type: DataSource
        ## @return: frame
        x = 2
        """;

    assertThatThrownBy(() -> GlueScriptParser.parse("job.py", script))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 5: @return frame is already returned by the step at line 2; each step returns a"
                + " new name");
  }

  @Test
  void malformedAnnotationsNameTheLine() {
    assertThatThrownBy(() -> GlueScriptParser.parse("job.py", "## @args: [a = 1]\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 1: @args is not below a '## @type:' line; each step's annotations start with @type");
    assertThatThrownBy(
            () -> GlueScriptParser.parse("job.py", "## @type: Filter\n## @inputs: frame = a\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 2: @inputs must be a list in brackets, e.g. '## @inputs: [frame = datasource0]'");
    assertThatThrownBy(
            () -> GlueScriptParser.parse("job.py", "## @type: Filter\n## @args: [f = \"x]\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 2: unbalanced quote \" in 'f = \"x'");
  }

  @Test
  void readingASinkIsAnError() {
    String script =
        """
        ## @type: DataSource
        ## @return: a
        ## @type: DataSink
        ## @return: b
        ## @inputs: [frame = a]
        ## @type: Filter
        ## @return: c
        ## @inputs: [frame = b]
        """;

    assertThatThrownBy(() -> GlueScriptParser.parse("job.py", script))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage(
            "job.py line 8: @inputs of c names 'b', a DataSink (line 3); read the frame the sink writes"
                + " instead");
  }
}
