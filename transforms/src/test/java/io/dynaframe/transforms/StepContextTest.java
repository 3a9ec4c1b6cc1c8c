package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorThresholdExceededException;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The step name is the output's transformation context (Glue's {@code transformation_ctx}); the
 * Glue-style static {@code apply} methods set the context and thresholds they are given.
 */
@SparkTest
class StepContextTest {

  private static DynamicFrame people(DynaContext ctx) {
    return Frames.rows(
            ctx, "name STRING, age BIGINT", row("Ann", 10L), row("Bob", 30L), row(null, 40L))
        .withTransformationContext("read_people");
  }

  @Test
  void theStepNameIsTheOutputsTransformationContext(DynaContext ctx) {
    DynamicFrame in = people(ctx);
    assertThat(in.apply("my_step", DropFields.of("age")).transformationContext())
        .isEqualTo("my_step");
    assertThat(
            in.apply("mapped", ApplyMapping.of(MappingSpec.of("name", "string", "who", "string")))
                .transformationContext())
        .isEqualTo("mapped");
    assertThat(in.apply("keep", Filter.where("age > 20")).transformationContext())
        .isEqualTo("keep");
    assertThat(in.apply("again", Repartition.of(2)).transformationContext()).isEqualTo("again");
    assertThat(in.apply(SelectFields.of("name")).transformationContext()).isEqualTo("SelectFields");

    FrameCollection split = in.apply("split", SplitRows.where("age", ">", 20));
    assertThat(split.asMap().values())
        .allSatisfy(f -> assertThat(f.transformationContext()).isEqualTo("split"));
  }

  @Test
  void aStaticApplySetsTheContextAndThresholdsItIsGiven(DynaContext ctx) {
    DynamicFrame in = people(ctx);
    assertThat(DropFields.apply(in, List.of("age"), "drop1").transformationContext())
        .isEqualTo("drop1");
    assertThat(DropFields.apply(in, List.of("age"), "").transformationContext()).isEmpty();
    assertThat(SplitFields.apply(in, List.of("age"), "ages", "names", "split1").asMap().values())
        .allSatisfy(f -> assertThat(f.transformationContext()).isEqualTo("split1"));

    DynamicFrame mapped =
        ApplyMapping.apply(
            in, List.of(MappingSpec.of("age", "long", "age", "long")), false, "map1", "note", 0, 0);
    assertThat(mapped.transformationContext()).isEqualTo("map1");

    DynamicFrame twoBad =
        Frames.rows(ctx, "name STRING", row((String) null), row("a"), row((String) null));
    DynamicFrame upper =
        Map.apply(twoBad, r -> RowFactory.create(r.<String>getAs("name").toUpperCase()), "upper");
    assertThat(upper.transformationContext()).isEqualTo("upper");
    upper.withThresholds(2, 0).assertErrorThreshold();
    assertThatThrownBy(
            () ->
                ApplyMapping.apply(
                        upper,
                        List.of(MappingSpec.of("name", "string", "name", "string")),
                        false,
                        "map2",
                        "",
                        0,
                        1)
                    .assertErrorThreshold())
        .isInstanceOf(ErrorThresholdExceededException.class)
        .hasMessageContaining("more than the totalThreshold of");
  }

  @Test
  void thresholdsOfTheInputDoNotCarryOverToAStepsOutput(DynaContext ctx) {
    DynamicFrame twoBad =
        Frames.rows(ctx, "name STRING", row((String) null), row("a"), row((String) null))
            .apply("upper", Map.of(r -> RowFactory.create(r.<String>getAs("name").toUpperCase())))
            .withThresholds(0, 1);
    assertThatThrownBy(twoBad::assertErrorThreshold)
        .isInstanceOf(ErrorThresholdExceededException.class);
    // a step's output starts with no limits; set them on it
    DynamicFrame out = twoBad.apply("sel", SelectFields.of("name"));
    out.assertErrorThreshold();
    assertThatThrownBy(() -> out.withThresholds(0, 1).assertErrorThreshold())
        .isInstanceOf(ErrorThresholdExceededException.class);
  }
}
