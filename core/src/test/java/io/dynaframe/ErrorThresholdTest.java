package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class ErrorThresholdTest {

  @TempDir Path dir;

  private static DynamicFrame twoBadLines(DynaContext ctx) {
    return Frames.json(ctx, "{\"a\": 1}", "{bad", "{\"a\": 2}", "not json");
  }

  @Test
  void zeroMeansNoLimit(DynaContext ctx) {
    DynamicFrame f = twoBadLines(ctx).withThresholds(0, 0);
    f.assertErrorThreshold();
    assertThat(f.errorsCount()).isEqualTo(2);
  }

  @Test
  void stageThresholdCountsThisStepsErrors(DynaContext ctx) {
    DynamicFrame f = twoBadLines(ctx).withTransformationContext("read_orders");
    f.withThresholds(2, 0).assertErrorThreshold();
    assertThatThrownBy(() -> f.withThresholds(1, 0).assertErrorThreshold())
        .isInstanceOf(ErrorThresholdExceededException.class)
        .hasMessage(
            "step 'read_orders' of frame 'json' made 2 error records, more than its stageThreshold of 1")
        .satisfies(e -> assertThat(((ErrorThresholdExceededException) e).errors()).isEqualTo(2));
  }

  @Test
  void totalThresholdCountsErrorsOfEveryEarlierStep(DynaContext ctx) {
    DynamicFrame source = twoBadLines(ctx);
    DynamicFrame derived = source.withRows(source.toDF().where("a > 1")).withName("derived");

    assertThat(derived.stageErrorsCount()).isZero();
    assertThat(derived.errorsCount()).isEqualTo(2);
    derived.withThresholds(1, 0).assertErrorThreshold();
    assertThatThrownBy(() -> derived.withThresholds(0, 1).assertErrorThreshold())
        .hasMessage(
            "frame 'derived' has 2 error records from all its steps, more than the totalThreshold of 1");
  }

  @Test
  void sinksCheckThresholdsBeforeWritingAnything(DynaContext ctx) {
    Path out = dir.resolve("out");
    DynamicFrame f = twoBadLines(ctx).withThresholds(0, 1);
    assertThatThrownBy(
            () ->
                ctx.writeDynamicFrameFromOptions(
                    f, "s3", Options.of("path", out.toString()), "json", Options.empty(), ""))
        .isInstanceOf(ErrorThresholdExceededException.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void unionKeepsTheErrorsOfBothSides(DynaContext ctx) {
    DynamicFrame a = twoBadLines(ctx);
    DynamicFrame b = Frames.json(ctx, "{\"a\": 3}", "{oops");
    DynamicFrame u = a.union(b);
    assertThat(u.count()).isEqualTo(3);
    assertThat(u.errorsCount()).isEqualTo(3);
    assertThat(
            u.errorsAsDynamicFrame()
                .toDF()
                .select("error.input")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("{bad", "not json", "{oops");
  }

  @Test
  void frameCollectionSelectGivesAnEmptyFrameForAnUnknownKey(DynaContext ctx) {
    DynamicFrame a = Frames.json(ctx, "{\"a\": 1}");
    FrameCollection c = FrameCollection.of(java.util.Map.of("a", a), ctx);
    assertThat(c.select("missing").count()).isZero();
    assertThatThrownBy(() -> c.get("missing"))
        .hasMessage("no frame named 'missing' in this collection; it has [a]");
    assertThat(c.keys()).isEqualTo(java.util.Set.of("a"));
    assertThat(List.copyOf(c.map((f, k) -> f.withName(k + "_x")).asMap().values()).get(0).name())
        .isEqualTo("a_x");
  }
}
