package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Glue-script parser ({@code DiagramTool}'s reader of the {@code ## @type} annotations
 * of a generated Glue script) with any text, and renders every graph it reads.
 *
 * <p>The invariants: {@link GlueScriptParser#parse(String, String)} throws nothing but its
 * documented {@link GlueScriptException} (with a message naming the script), never a stack
 * overflow, an index out of bounds or a null pointer; a graph it reads renders as DOT and Mermaid
 * and survives the JSON form ({@link JobGraphJson}) unchanged.
 *
 * <p>The seeds in {@code GlueScriptParserFuzzTestInputs/} run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes (see {@code .ci/run}).
 */
class GlueScriptParserFuzzTest {

  @FuzzTest(maxDuration = "50s")
  void anyScriptGivesAGraphOrAGlueScriptException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    JobGraph g;
    try {
      g = GlueScriptParser.parse("jobs/fuzz.py", text);
    } catch (GlueScriptException bad) {
      assertThat(bad).hasMessageContaining("jobs/fuzz.py");
      return;
    }
    assertThat(DotRenderer.render(g)).startsWith("digraph");
    assertThat(MermaidRenderer.render(g)).isNotBlank();
    assertThat(JobGraphJson.read(JobGraphJson.write(g))).isEqualTo(g);
  }
}
