package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link MermaidRenderer}: exact Mermaid text of hand-built graphs. */
class MermaidRendererTest {

  @Test
  void rendersAGraphWithoutStats() {
    assertThat(MermaidRenderer.render(RenderedGraphs.plainJoin()))
        .isEqualTo(
            """
        ---
        title: "join"
        ---
        flowchart LR
            n_left[("left")]
            n_right[("right")]
            n_joined("joined<br/>Join<br/>keys = id")
            n_out[["out"]]
            n_left --> n_joined
            n_right --> n_joined
            n_joined --> n_out
            classDef source fill:#dbeafe
            class n_left,n_right source
            classDef transform fill:#f3f4f6
            class n_joined transform
            classDef sink fill:#dcfce7
            class n_out sink
        """);
  }

  @Test
  void rendersStatsCountsOnEdgesErrorStepsInRedAndEscapesText() {
    assertThat(MermaidRenderer.render(RenderedGraphs.runWithStats()))
        .isEqualTo(
            """
        ---
        title: "customers \\"eu\\""
        ---
        flowchart LR
            %% Customers of the EU shops de-duplicated
            n_raw[("raw<br/>S3 CSV<br/>path = s3://in/eu\\customers/<br/>1,200 in / 1,190 out / 10 errors / 850 ms")]
            n_clean_up("clean-up<br/>Filter<br/>condition = age #lt; 120 #amp; name #lt;#gt; #quot;#quot; #35; no #96;x#96;<br/>1,190 in / 1,000 out / 0 errors / 1 min 15 s")
            n_end[["end<br/>S3 Parquet<br/>1,000 in / 1,000 out / 1 error / 12.3 s"]]
            n_raw -->|"1,190"| n_clean_up
            n_clean_up -->|"1,000"| n_end
            classDef source fill:#dbeafe
            class n_raw source
            classDef transform fill:#f3f4f6
            class n_clean_up transform
            classDef sink fill:#dcfce7
            class n_end sink
            classDef errors stroke:#b22222,color:#b22222
            class n_raw,n_end errors
        """);
  }

  @Test
  void givesDistinctMermaidIdsToIdsThatOnlyDifferInPunctuation() {
    JobGraph graph =
        JobGraph.builder("j")
            .node(Node.source("a-b"))
            .node(Node.source("a_b"))
            .node(Node.sink("a.b"))
            .edge("a-b", "a.b")
            .edge("a_b", "a.b")
            .build();

    assertThat(MermaidRenderer.render(graph))
        .contains(
            """
            n_a_b[("a-b")]
            n_a_b_2[("a_b")]
            n_a_b_3[["a.b"]]
            n_a_b --> n_a_b_3
            n_a_b_2 --> n_a_b_3
        """);
  }
}
