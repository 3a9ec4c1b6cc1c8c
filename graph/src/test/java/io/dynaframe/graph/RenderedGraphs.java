package io.dynaframe.graph;

import java.time.Duration;

/** Hand-built graphs shared by the renderer tests. */
final class RenderedGraphs {
  private RenderedGraphs() {}

  /**
   * Three steps of a run, with stats (two of them with error records) and text that needs escaping.
   */
  static JobGraph runWithStats() {
    return JobGraph.builder("customers \"eu\"")
        .description("Customers of the EU shops\nde-duplicated")
        .node(Node.source("raw").withType("S3 CSV").withArg("path", "s3://in/eu\\customers/"))
        .node(
            Node.transform("clean-up")
                .withType("Filter")
                .withArg("condition", "age < 120 & name <> \"\" # no `x`"))
        .node(Node.sink("end").withType("S3 Parquet"))
        .edge("raw", "clean-up")
        .edge("clean-up", "end")
        .build()
        .withStats("raw", new StepStats(1200, 1190, 10, Duration.ofMillis(850)))
        .withStats("clean-up", new StepStats(1190, 1000, 0, Duration.ofSeconds(75)))
        .withStats("end", new StepStats(1000, 1000, 1, Duration.ofMillis(12_340)));
  }

  /** A compile-time graph: no stats, no description, a join. */
  static JobGraph plainJoin() {
    return JobGraph.builder("join")
        .node(Node.source("left"))
        .node(Node.source("right"))
        .node(Node.transform("joined").withType("Join").withArgs(java.util.Map.of("keys", "id")))
        .node(Node.sink("out"))
        .edge("left", "joined")
        .edge("right", "joined")
        .edge("joined", "out")
        .build();
  }
}
