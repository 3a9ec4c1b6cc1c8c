package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

@SparkTest
class CombineTransformsTest {

  @Test
  void unionMergesSchemasWithGluesRules(DynaContext ctx) {
    DynamicFrame a = Frames.json(ctx, "{\"id\": 1, \"v\": 10, \"s\": {\"x\": 1}}");
    DynamicFrame b =
        Frames.json(ctx, "{\"id\": 2, \"v\": \"ten\", \"s\": {\"y\": true}, \"extra\": \"e\"}");

    DynamicFrame u = Union.apply(a, b, "union1");

    assertThat(u.schema().field("v").orElseThrow().type())
        .isEqualTo(Types.choice(Types.INT, Types.STRING));
    FrameAssert.assertThat(u)
        .isEqualTo(
            Frames.json(
                ctx,
                "{\"id\": 1, \"v\": 10, \"s\": {\"x\": 1}}",
                "{\"id\": 2, \"v\": \"ten\", \"s\": {\"y\": true}, \"extra\": \"e\"}"));
    assertThat(u.transformationContext()).isEqualTo("union1");
  }

  @Test
  void unionKeepsTheErrorsOfBothFrames(DynaContext ctx) {
    DynamicFrame a = Frames.json(ctx, "{\"id\": 1}", "{broken");
    DynamicFrame b = Frames.json(ctx, "{\"id\": 2}", "not json");
    assertThat(a.apply(Union.with(b)).errorsCount()).isEqualTo(2);
  }

  @Test
  void mergeReplacesSourceRecordsByStagingOnesAndKeepsTheRest(DynaContext ctx) {
    String ddl = "id BIGINT, v STRING";
    DynamicFrame source =
        Frames.rows(ctx, ddl, row(1L, "a"), row(2L, "b"), row(2L, "b-dup"), row(null, "no key"));
    DynamicFrame staging = Frames.rows(ctx, ddl, row(2L, "B"), row(3L, "C"));

    FrameAssert.assertThat(MergeDynamicFrames.apply(source, staging, List.of("id"), "merge1"))
        .isEqualTo(
            Frames.rows(ctx, ddl, row(1L, "a"), row(2L, "B"), row(3L, "C"), row(null, "no key")));
    FrameAssert.assertThat(
            source.apply(MergeDynamicFrames.with(staging, "id").withNewStagingRecords(false)))
        .isEqualTo(Frames.rows(ctx, ddl, row(1L, "a"), row(2L, "B"), row(null, "no key")));
  }

  @Test
  void mergeWithDifferentSchemasAndCompositeKeys(DynaContext ctx) {
    DynamicFrame source =
        Frames.json(
            ctx, "{\"k1\": 1, \"k2\": \"x\", \"v\": 1}", "{\"k1\": 1, \"k2\": \"y\", \"v\": 2}");
    DynamicFrame staging =
        Frames.json(ctx, "{\"k1\": 1, \"k2\": \"y\", \"v\": \"two\", \"note\": \"fixed\"}");

    DynamicFrame merged = source.apply(MergeDynamicFrames.with(staging, "k1", "k2"));

    FrameAssert.assertThat(merged)
        .isEqualTo(
            Frames.json(
                ctx,
                "{\"k1\": 1, \"k2\": \"x\", \"v\": 1}",
                "{\"k1\": 1, \"k2\": \"y\", \"v\": \"two\", \"note\": \"fixed\"}"));
    assertThatThrownBy(() -> source.apply("m", MergeDynamicFrames.with(staging, "k3")))
        .isInstanceOf(TransformException.class)
        .hasMessage("MergeDynamicFrames in step 'm': no field 'k3' in the frame; closest: k1, k2");
  }

  @Test
  void unnestFlattensStructsIntoDottedNames(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "id BIGINT, a STRUCT<b: STRING, c: STRUCT<d: INT>>, tags ARRAY<STRING>",
            row(1L, row("x", row(5)), List.of("t")),
            row(2L, null, null));

    FrameAssert.assertThat(Unnest.apply(in, "unnest1"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, `a.b` STRING, `a.c.d` INT, tags ARRAY<STRING>",
                row(1L, "x", 5, List.of("t")),
                row(2L, null, null, null)));
    DynamicFrame clash = Frames.rows(ctx, "`a.b` INT, a STRUCT<b: INT>", row(1, row(2)));
    assertThatThrownBy(() -> clash.apply("u", Unnest.create()))
        .hasMessage(
            "Unnest in step 'u': two fields would be named 'a.b' (a nested field and a top-level field with "
                + "dots in its name); rename one first");
  }

  @Test
  void collectionTransforms(DynaContext ctx) {
    FrameCollection parts =
        Frames.rows(ctx, "n BIGINT", row(1L), row(5L))
            .apply(SplitRows.where("n", ">", 2).withNames("big", "small"));

    FrameAssert.assertThat(SelectFromCollection.apply(parts, "big", "sel"))
        .isEqualTo(Frames.rows(ctx, "n BIGINT", row(5L)));
    assertThat(SelectFromCollection.of("missing").from(parts).count()).isZero();
    FrameCollection renamed = MapToCollection.apply(parts, RenameField.of("n", "m"), "rename");
    assertThat(renamed.keys()).containsExactly("big", "small");
    FrameAssert.assertThat(renamed.get("small")).isEqualTo(Frames.rows(ctx, "m BIGINT", row(1L)));
    FrameCollection viaFunction =
        MapToCollection.apply(parts, (f, step) -> f.withTransformationContext(step), "ctx");
    assertThat(viaFunction.get("big").transformationContext()).isEqualTo("ctx:big");
  }

  @Test
  void repartitionCoalesceAndErrors(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"n\": 1}", "{\"n\": 2}", "{oops");
    assertThat(Repartition.apply(in, 3, "r").getNumPartitions()).isEqualTo(3);
    assertThat(in.apply(Repartition.of(3)).apply(Coalesce.of(1)).getNumPartitions()).isEqualTo(1);
    assertThat(Coalesce.apply(in, 2, true, "c").getNumPartitions()).isEqualTo(2);
    DynamicFrame errors = ErrorsAsDynamicFrame.apply(in.apply(Repartition.of(2)));
    assertThat(
            errors
                .toDF()
                .select("error.input")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("{oops");
  }
}
