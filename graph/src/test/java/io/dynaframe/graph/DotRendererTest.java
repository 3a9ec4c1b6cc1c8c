package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link DotRenderer}: exact DOT text of hand-built graphs. */
class DotRendererTest {

  @Test
  void rendersAGraphWithoutStats() {
    assertThat(DotRenderer.render(RenderedGraphs.plainJoin()))
        .isEqualTo(
            """
        digraph "join" {
          rankdir=LR
          labelloc=t
          label="join"
          fontname="Helvetica"
          node [fontname="Helvetica", fontsize=10]
          edge [fontname="Helvetica", fontsize=9]

          "left" [shape=cylinder, style=filled, fillcolor="#dbeafe", label="left"]
          "right" [shape=cylinder, style=filled, fillcolor="#dbeafe", label="right"]
          "joined" [shape=box, style="rounded,filled", fillcolor="#f3f4f6", label="joined\\nJoin\\nkeys = id"]
          "out" [shape=box3d, style=filled, fillcolor="#dcfce7", label="out"]

          "left" -> "joined"
          "right" -> "joined"
          "joined" -> "out"
        }
        """);
  }

  @Test
  void rendersStatsCountsOnEdgesErrorStepsInRedAndEscapesText() {
    assertThat(DotRenderer.render(RenderedGraphs.runWithStats()))
        .isEqualTo(
            """
        digraph "customers \\"eu\\"" {
          rankdir=LR
          labelloc=t
          label="customers \\"eu\\"\\nCustomers of the EU shops\\nde-duplicated"
          fontname="Helvetica"
          node [fontname="Helvetica", fontsize=10]
          edge [fontname="Helvetica", fontsize=9]

          "raw" [shape=cylinder, style=filled, fillcolor="#dbeafe", label="raw\\nS3 CSV\\npath = s3://in/eu\\\\customers/\\n1,200 in / 1,190 out / 10 errors / 850 ms", color="#b22222", fontcolor="#b22222"]
          "clean-up" [shape=box, style="rounded,filled", fillcolor="#f3f4f6", label="clean-up\\nFilter\\ncondition = age < 120 & name <> \\"\\" # no `x`\\n1,190 in / 1,000 out / 0 errors / 1 min 15 s"]
          "end" [shape=box3d, style=filled, fillcolor="#dcfce7", label="end\\nS3 Parquet\\n1,000 in / 1,000 out / 1 error / 12.3 s", color="#b22222", fontcolor="#b22222"]

          "raw" -> "clean-up" [label="1,190"]
          "clean-up" -> "end" [label="1,000"]
        }
        """);
  }

  @Test
  void shortensLongArgumentValuesAndFlattensLineBreaksInThem() {
    JobGraph graph =
        JobGraph.builder("j")
            .node(Node.source("s").withArg("sql", "select a,\nb from t where " + "x".repeat(80)))
            .build();

    assertThat(DotRenderer.render(graph))
        .contains(
            "label=\"s\\nsql = select a, b from t where "
                + "x".repeat(Labels.MAX_VALUE_LENGTH - 3 - "select a, b from t where ".length())
                + "...\"");
  }

  @Test
  void isTheSameForEqualGraphs() {
    assertThat(DotRenderer.render(RenderedGraphs.runWithStats()))
        .isEqualTo(DotRenderer.render(RenderedGraphs.runWithStats()));
  }
}
