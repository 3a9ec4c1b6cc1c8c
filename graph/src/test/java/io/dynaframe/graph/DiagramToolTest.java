package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link DiagramTool}; the SVG tests run only where Graphviz's {@code dot} is on the
 * PATH.
 */
class DiagramToolTest {
  private static final String PATH = System.getenv("PATH");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String searchPath, String... args) {
    return DiagramTool.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        searchPath);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path script() throws IOException {
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    return Files.writeString(
        scripts.resolve("orders_to_parquet.py"),
        GlueScriptParserTest.resource("glue/orders_to_parquet.py"));
  }

  @Test
  void glueWritesDotAndMermaidNextToTheScript() throws IOException {
    Path script = script();

    assertThat(run(PATH, "glue", script.toString())).isEqualTo(DiagramTool.OK);

    assertThat(Files.readString(script.resolveSibling("orders_to_parquet.dot")))
        .isEqualTo(GlueScriptParserTest.resource("glue/orders_to_parquet.dot"));
    assertThat(Files.readString(script.resolveSibling("orders_to_parquet.mmd")))
        .isEqualTo(GlueScriptParserTest.resource("glue/orders_to_parquet.mmd"));
    assertThat(script.resolveSibling("orders_to_parquet.svg")).doesNotExist();
  }

  @Test
  void glueWritesIntoTheOutFolder() throws IOException {
    Path script = script();
    Path target = dir.resolve("diagrams/new");

    assertThat(run(PATH, "glue", "--out", target.toString(), script.toString()))
        .isEqualTo(DiagramTool.OK);

    try (var files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("orders_to_parquet.dot", "orders_to_parquet.mmd");
    }
  }

  @Test
  void glueReportsAScriptErrorWithItsLine() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("broken.py"),
            "## @type: Filter\n## @inputs: [frame = nothing]\n" + "## @return: filter1\n");

    assertThat(run(PATH, "glue", script.toString())).isEqualTo(DiagramTool.BAD_INPUT);

    assertThat(err())
        .isEqualTo(
            "error: broken.py line 2: @inputs of filter1 names 'nothing', which no step above"
                + " returns; steps above return []"
                + System.lineSeparator());
  }

  @Test
  void svgRendersDotFilesWithGraphviz() throws IOException {
    assumeTrue(Graphviz.find(PATH).isPresent(), "Graphviz 'dot' is not installed");
    Path dot =
        Files.writeString(
            dir.resolve("orders_to_parquet.dot"),
            GlueScriptParserTest.resource("glue/orders_to_parquet.dot"));

    assertThat(run(PATH, "svg", dir.toString())).isEqualTo(DiagramTool.OK);

    String svg = Files.readString(dot.resolveSibling("orders_to_parquet.svg"));
    assertThat(svg)
        .contains("<svg")
        .contains("<title>orders_to_parquet</title>")
        .contains(">datasource0</text>")
        .contains(">datasink4</text>");
  }

  @Test
  void glueWithSvgAlsoRendersTheSvg() throws IOException {
    assumeTrue(Graphviz.find(PATH).isPresent(), "Graphviz 'dot' is not installed");
    Path script = script();

    assertThat(run(PATH, "glue", "--svg", script.toString())).isEqualTo(DiagramTool.OK);

    assertThat(Files.readString(script.resolveSibling("orders_to_parquet.svg")))
        .contains(">applymapping1</text>");
  }

  @Test
  void withoutGraphvizSvgSaysHowToInstallIt() throws IOException {
    Path dot = Files.writeString(dir.resolve("a.dot"), "digraph { a -> b }\n");

    assertThat(run("", "svg", dot.toString())).isEqualTo(DiagramTool.NO_GRAPHVIZ);

    assertThat(err())
        .startsWith(
            "Graphviz 'dot' was not found on the PATH, so no SVG was written. Install Graphviz"
                + " (Debian/Ubuntu: apt-get install graphviz;");
    assertThat(dir.resolve("a.svg")).doesNotExist();
  }

  @Test
  void withoutGraphvizGlueStillWritesDotAndMermaid() throws IOException {
    Path script = script();

    assertThat(run(dir.resolve("empty-bin").toString(), "glue", "--svg", script.toString()))
        .isEqualTo(DiagramTool.NO_GRAPHVIZ);

    assertThat(script.resolveSibling("orders_to_parquet.dot")).exists();
    assertThat(script.resolveSibling("orders_to_parquet.mmd")).exists();
    assertThat(err()).contains("Graphviz 'dot' was not found");
  }

  @Test
  void graphvizFailureNamesTheFile() throws IOException {
    assumeTrue(Graphviz.find(PATH).isPresent(), "Graphviz 'dot' is not installed");
    Path dot = Files.writeString(dir.resolve("bad.dot"), "digraph { a -> }\n");

    assertThat(run(PATH, "svg", dot.toString())).isEqualTo(DiagramTool.BAD_INPUT);

    assertThat(err()).contains("failed on " + dot).contains("syntax error");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run(PATH)).isEqualTo(DiagramTool.USAGE);
    assertThat(run(PATH, "draw", "x")).isEqualTo(DiagramTool.USAGE);
    assertThat(run(PATH, "glue")).isEqualTo(DiagramTool.USAGE);
    assertThat(run(PATH, "svg", "--color", "x")).isEqualTo(DiagramTool.USAGE);
    assertThat(err())
        .contains("unknown command 'draw'; use 'glue', 'svg' or 'port'")
        .contains("no input files given")
        .contains("unknown option --color")
        .contains("usage: DiagramTool glue");
    assertThat(run(PATH, "--help")).isEqualTo(DiagramTool.OK);
  }
}
