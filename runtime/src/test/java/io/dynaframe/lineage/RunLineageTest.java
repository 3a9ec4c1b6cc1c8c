package io.dynaframe.lineage;

import static io.dynaframe.lineage.ColumnOrigin.Derivation.IDENTITY;
import static io.dynaframe.lineage.ColumnOrigin.Derivation.TRANSFORMATION;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.Transform;
import io.dynaframe.graph.Edge;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage recorded by the hooks alone: sources, {@code frame.apply(...)} and sinks of a
 * hand-written job.
 */
@SparkTest
class RunLineageTest {

  @TempDir Path root;

  private static List<Long> stats(JobGraph graph, String id) {
    StepStats s = graph.node(id).orElseThrow().stats().orElseThrow();
    return List.of(s.recordsIn(), s.recordsOut(), s.recordsInError());
  }

  @Test
  void recordsSourcesStepsAndSinksWithCountsAndColumnLineage(DynaContext shared) {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    DynamicFrame orders =
        Frames.json(
            ctx,
            "{\"id\": 1, \"qty\": \"2\"}",
            "{\"id\": 2, \"qty\": \"5\"}",
            "not json",
            "{\"id\": 3, \"qty\": \"-1\"}");
    DynamicFrame renamed = orders.apply("rename", new TestTransforms.Rename("id", "order_id"));
    DynamicFrame cast = renamed.apply("cast", new TestTransforms.Cast("qty", "int"));
    DynamicFrame valid =
        cast.withRows(cast.toDF().withColumnRenamed("qty", "amount"))
            .apply("valid", new TestTransforms.RejectNegative());

    // nothing ran yet: the counts are zero and no Spark job was needed to define the steps
    assertThat(stats(RunLineage.of(ctx).graph(), "valid")).containsExactly(0L, 0L, 0L);
    assertThat(RunLineage.of(ctx).producerOf(valid)).contains("valid");
    assertThat(RunLineage.of(ctx).producerOf(cast)).contains("cast");

    String out = root.resolve("out").toString();
    valid.count(); // a first job over the steps, then the write: each step is counted once
    ctx.writeDynamicFrameFromOptions(
        valid, "s3", Options.of("path", out), "json", Options.empty(), "");

    JobGraph graph = RunLineage.of(ctx).graph();
    assertThat(graph.nodes())
        .extracting(Node::id, Node::kind, Node::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("json", Node.Kind.SOURCE, "S3 JSON"),
            org.assertj.core.groups.Tuple.tuple("rename", Node.Kind.TRANSFORM, "Rename"),
            org.assertj.core.groups.Tuple.tuple("cast", Node.Kind.TRANSFORM, "Cast"),
            org.assertj.core.groups.Tuple.tuple("valid", Node.Kind.TRANSFORM, "RejectNegative"),
            org.assertj.core.groups.Tuple.tuple("out", Node.Kind.SINK, "S3 JSON"));
    assertThat(graph.edges())
        .containsExactly(
            new Edge("json", "rename"),
            new Edge("rename", "cast"),
            new Edge("cast", "valid"),
            new Edge("valid", "out"));
    assertThat(stats(graph, "json")).containsExactly(4L, 3L, 1L);
    assertThat(stats(graph, "rename")).containsExactly(3L, 3L, 0L);
    assertThat(stats(graph, "cast")).containsExactly(3L, 3L, 0L);
    assertThat(stats(graph, "valid")).containsExactly(3L, 2L, 1L);
    assertThat(stats(graph, "out")).containsExactly(2L, 2L, 0L);
    // rename and cast only project the rows of the source: they take its count, and Spark runs
    // no counting of theirs (their markers fold away), only the source's and valid's
    String optimized = valid.toDF().queryExecution().optimizedPlan().toString();
    assertThat(optimized.split("dynaframe_count_rows", -1)).hasSize(3);
    // and it runs them as CountRows (an increment per row), not as the markers' UDFs, which read
    // the row's id
    assertThat(optimized.split("dynaframe_count_rows\\(true\\)", -1)).hasSize(3);
    assertThat(optimized).doesNotContain("monotonically_increasing_id");
    assertThat(graph.node("out").orElseThrow().args()).containsEntry("path", out);

    assertThat(RunLineage.of(ctx).sourceColumns("out"))
        .containsExactly(
            entry("order_id", List.of(new ColumnOrigin("json", "id", IDENTITY))),
            entry("amount", List.of(new ColumnOrigin("json", "qty", TRANSFORMATION))));
    assertThat(RunLineage.of(ctx).inputs())
        .containsExactly(
            LineageDataset.ofPath(graph.node("json").orElseThrow().args().get("paths")));
    assertThat(RunLineage.of(ctx).outputs()).containsExactly(new LineageDataset("file", out));
  }

  /**
   * With counting off, the same graph, edges and column lineage are recorded, every count is 0, and
   * no plan counts.
   */
  @Test
  void withoutCountingTheStepGraphAndColumnLineageAreStillRecorded(DynaContext shared) {
    org.apache.spark.sql.RuntimeConfig conf = shared.spark().conf();
    conf.set(LineageSettings.COUNTS, "false");
    try {
      DynaContext ctx = shared.withRunId(DynaContext.newRunId());
      DynamicFrame orders =
          Frames.json(ctx, "{\"id\": 1, \"amount\": 2}", "not json", "{\"id\": 3, \"amount\": -1}");
      DynamicFrame valid =
          orders
              .apply("rename", new TestTransforms.Rename("id", "order_id"))
              .apply("valid", new TestTransforms.RejectNegative());
      String out = root.resolve("uncounted").toString();
      ctx.writeDynamicFrameFromOptions(
          valid, "s3", Options.of("path", out), "json", Options.empty(), "");

      JobGraph graph = RunLineage.of(ctx).graph();
      assertThat(graph.nodes())
          .extracting(Node::id)
          .containsExactly("json", "rename", "valid", "uncounted");
      assertThat(graph.edges())
          .containsExactly(
              new Edge("json", "rename"),
              new Edge("rename", "valid"),
              new Edge("valid", "uncounted"));
      for (String step : List.of("json", "rename", "valid", "uncounted")) {
        assertThat(stats(graph, step)).as(step).containsExactly(0L, 0L, 0L);
      }
      assertThat(RunLineage.of(ctx).sourceColumns("uncounted"))
          .containsEntry("order_id", List.of(new ColumnOrigin("json", "id", IDENTITY)));
      assertThat(valid.toDF().queryExecution().optimizedPlan().toString())
          .doesNotContain("dynaframe_count");
      assertThat(valid.errorsCount()).isEqualTo(2); // the frame itself is as with counting
    } finally {
      conf.unset(LineageSettings.COUNTS);
    }
  }

  /**
   * Where Spark cannot generate code for a stage it evaluates the plan's expressions one by one:
   * the counting expression then counts the same.
   */
  @Test
  void countsAlikeWhenSparkEvaluatesWithoutGeneratedCode(DynaContext shared) {
    org.apache.spark.sql.RuntimeConfig conf = shared.spark().conf();
    conf.set("spark.sql.codegen.wholeStage", "false");
    conf.set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    try {
      DynaContext ctx = shared.withRunId(DynaContext.newRunId());
      DynamicFrame orders =
          Frames.json(
              ctx,
              "{\"id\": 1, \"qty\": \"2\"}",
              "{\"id\": 2, \"qty\": \"5\"}",
              "not json",
              "{\"id\": 3, \"qty\": \"-1\"}");
      DynamicFrame cast = orders.apply("cast", new TestTransforms.Cast("qty", "int"));
      DynamicFrame valid =
          cast.withRows(cast.toDF().withColumnRenamed("qty", "amount"))
              .apply("valid", new TestTransforms.RejectNegative());

      assertThat(valid.count()).isEqualTo(2);

      JobGraph graph = RunLineage.of(ctx).graph();
      assertThat(stats(graph, "json")).containsExactly(4L, 3L, 1L);
      assertThat(stats(graph, "cast")).containsExactly(3L, 3L, 0L);
      assertThat(stats(graph, "valid")).containsExactly(3L, 2L, 1L);
    } finally {
      conf.unset("spark.sql.codegen.wholeStage");
      conf.unset("spark.sql.codegen.factoryMode");
    }
  }

  /** Splits a frame by a condition: a step with two outputs. */
  record SplitPositive() implements Transform<FrameCollection> {
    @Override
    public FrameCollection expand(DynamicFrame input, String step) {
      Map<String, DynamicFrame> parts = new LinkedHashMap<>();
      parts.put("positive", input.withRows(input.toDF().where(col("n").gt(0))));
      parts.put("other", input.withRows(input.toDF().where(col("n").leq(0))));
      return FrameCollection.of(parts, input.context());
    }
  }

  @Test
  void framesMadeWithoutASourceBecomeImplicitSourcesAndCollectionsKeepTheirStep(
      DynaContext shared) {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    DynamicFrame numbers =
        Frames.rows(
            ctx,
            "n INT, label STRING",
            Frames.row(1, "a"),
            Frames.row(-2, "b"),
            Frames.row(3, "c"));
    FrameCollection split = numbers.apply("split", new SplitPositive());
    DynamicFrame positive = split.get("positive");
    DynamicFrame totals =
        positive.apply(
            "total",
            (Transform<DynamicFrame>)
                (in, step) -> in.withRows(in.toDF().agg(sum(col("n")).alias("total"))));

    // local rows are evaluated on the driver while Spark optimises; twice here, counted once
    FrameAssert.assertThat(totals).isEqualTo(Frames.rows(ctx, "total BIGINT", Frames.row(4L)));
    FrameAssert.assertThat(totals).isEqualTo(Frames.rows(ctx, "total BIGINT", Frames.row(4L)));

    JobGraph graph = RunLineage.of(ctx).graph();
    assertThat(graph.nodes()).extracting(Node::id).containsExactly("rows", "split", "total");
    assertThat(graph.node("rows").orElseThrow().type()).isEqualTo("DataFrame");
    assertThat(graph.edges())
        .containsExactly(new Edge("rows", "split"), new Edge("split", "total"));
    assertThat(stats(graph, "rows")).containsExactly(3L, 3L, 0L);
    assertThat(stats(graph, "split")).containsExactly(3L, 2L, 0L); // only "positive" was evaluated
    assertThat(stats(graph, "total")).containsExactly(2L, 1L, 0L);
    assertThat(RunLineage.of(ctx).producerOf(positive)).contains("split");
    assertThat(RunLineage.of(ctx).columnOrigins("split"))
        .containsOnlyKeys("positive.n", "positive.label", "other.n", "other.label");
    assertThat(RunLineage.of(ctx).columnOrigins("total"))
        .containsExactly(entry("total", List.of(new ColumnOrigin("split", "n", TRANSFORMATION))));
  }

  @Test
  void columnLineageFollowsJoinsAndUnionsOfRecordedFrames(DynaContext shared) {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    DynamicFrame left =
        Frames.json(ctx, "{\"k\": 1, \"a\": \"x\"}")
            .apply("left", new TestTransforms.Rename("a", "la"));
    DynamicFrame right =
        Frames.json(ctx, "{\"k\": 1, \"b\": \"y\"}")
            .apply("right", new TestTransforms.Rename("b", "rb"));
    // a step whose transform reads a second frame it captured: both frames are its inputs
    DynamicFrame joined =
        left.apply(
            "join",
            (Transform<DynamicFrame>) (in, step) -> in.withRows(in.toDF().join(right.toDF(), "k")));
    DynamicFrame both = joined.union(joined).apply("tag", new TestTransforms.Rename("la", "label"));

    JobGraph graph = RunLineage.of(ctx).graph();
    assertThat(graph.inputs("join")).containsExactly("left", "right");
    assertThat(graph.inputs("tag")).containsExactly("join");
    assertThat(RunLineage.of(ctx).sourceColumns("join"))
        .containsExactly(
            entry("k", List.of(new ColumnOrigin("json", "k", IDENTITY))),
            entry("la", List.of(new ColumnOrigin("json", "a", IDENTITY))),
            entry("rb", List.of(new ColumnOrigin("json_2", "b", IDENTITY))));
    assertThat(RunLineage.of(ctx).columnOrigins("tag"))
        .containsEntry("label", List.of(new ColumnOrigin("join", "la", IDENTITY)));
    assertThat(both.count()).isEqualTo(2);
  }
}
