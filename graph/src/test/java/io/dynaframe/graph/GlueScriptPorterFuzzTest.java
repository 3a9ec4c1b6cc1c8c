package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the script porter ({@code DiagramTool port}) with any text.
 *
 * <p>The invariants: {@link GlueScriptPorter#port(String, String, String, String)} throws nothing
 * but its documented {@link GlueScriptException} (with a message naming the script), never a stack
 * overflow, an index out of bounds or a number format error; a port has one warning for each {@code
 * TODO(port)} statement it leaves (at least: a comment may say TODO(port) too).
 *
 * <p>The seeds in {@code GlueScriptPorterFuzzTestInputs/} run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes (see {@code .ci/run}).
 */
class GlueScriptPorterFuzzTest {

  @FuzzTest(maxDuration = "50s")
  void anyScriptGivesAPortOrAGlueScriptException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    GlueScriptPorter.Port port;
    try {
      port = GlueScriptPorter.port("jobs/fuzz.py", text, "", "Fuzz");
    } catch (GlueScriptException bad) {
      assertThat(bad).hasMessageContaining("jobs/fuzz.py");
      return;
    }
    assertThat(port.source()).contains("public final class Fuzz {");
    assertThat(port.source().split("// TODO\\(port\\): python line ", -1))
        .hasSizeGreaterThanOrEqualTo(port.warnings().size() + 1);
  }
}
