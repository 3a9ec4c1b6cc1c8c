package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorThresholdExceededException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

@SparkTest
class RecordFunctionsTest {

  private static DynamicFrame people(DynaContext ctx) {
    return Frames.rows(
        ctx, "name STRING, age BIGINT", row("Ann", 10L), row("Bob", 30L), row(null, 40L));
  }

  @Test
  void filterWithAColumnOrSql(DynaContext ctx) {
    String ddl = "name STRING, age BIGINT";
    FrameAssert.assertThat(people(ctx).apply(Filter.where(col("age").gt(20))))
        .isEqualTo(Frames.rows(ctx, ddl, row("Bob", 30L), row(null, 40L)));
    FrameAssert.assertThat(people(ctx).apply(Filter.where("name LIKE 'A%'")))
        .isEqualTo(Frames.rows(ctx, ddl, row("Ann", 10L)));
    assertThatThrownBy(() -> people(ctx).apply("f", Filter.where("nmae = 'x'")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("Filter in step 'f': the condition ")
        .hasMessageContaining("nmae");
  }

  @Test
  void filterWithAPredicateTurnsAThrowingRecordIntoAnErrorRecord(DynaContext ctx) {
    DynamicFrame out =
        people(ctx)
            .apply(
                "adults",
                Filter.of(r -> r.<String>getAs("name").length() > 2 && r.<Long>getAs("age") > 20)
                    .withInfo("adult check"));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "name STRING, age BIGINT", row("Bob", 30L)));
    assertThat(out.stageErrorsCount()).isEqualTo(1);
    Row error =
        out.errorsAsDynamicFrame()
            .toDF()
            .selectExpr("error.*", "error.callsite.site AS site")
            .collectAsList()
            .get(0);
    assertThat(error.<String>getAs("site")).isEqualTo("adults");
    assertThat(error.<String>getAs("msg"))
        .startsWith("adult check: the filter function failed: java.lang.NullPointerException");
    assertThat(error.<String>getAs("dynamicRecord")).isEqualTo("{\"age\":40}");
    assertThat(error.<String>getAs("stackTrace")).contains("NullPointerException");
  }

  @Test
  void mapKeepsGoingPastFailingRecordsAndThresholdsStopTheJob(DynaContext ctx) {
    DynamicFrame out =
        people(ctx)
            .apply(
                "shout",
                Map.of(
                    r ->
                        RowFactory.create(
                            r.<String>getAs("name").toUpperCase(), r.<Long>getAs("age") + 1)));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "name STRING, age BIGINT", row("ANN", 11L), row("BOB", 31L)));
    assertThat(out.errorsCount()).isEqualTo(1);
    assertThat(
            out.errorsAsDynamicFrame()
                .toDF()
                .select("error.msg")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .singleElement()
        .asString()
        .startsWith("the map function failed: java.lang.NullPointerException");

    Map upper =
        Map.of(r -> RowFactory.create(r.<String>getAs("name").toUpperCase(), r.<Long>getAs("age")));
    DynamicFrame twoBad =
        Frames.rows(ctx, "name STRING, age BIGINT", row(null, 1L), row("a", 2L), row(null, 3L));
    twoBad.apply("upper", upper).withThresholds(2, 0).assertErrorThreshold();
    assertThatThrownBy(
            () -> twoBad.apply("upper", upper).withThresholds(1, 0).assertErrorThreshold())
        .isInstanceOf(ErrorThresholdExceededException.class)
        .hasMessage(
            "step 'upper' of frame 'rows' made 2 error records, more than its stageThreshold of 1");
  }

  @Test
  void mapToAnotherSchemaAndRowsThatDoNotFitBecomeErrors(DynaContext ctx) {
    DynamicFrame out =
        people(ctx)
            .apply(
                Map.of(
                        r ->
                            r.getAs("name") == null
                                ? RowFactory.create("nameless", "not a number")
                                : RowFactory.create(
                                    r.getAs("name"), r.<String>getAs("name").length()))
                    .withOutputSchema("name STRING, len INT"));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "name STRING, len INT", row("Ann", 3), row("Bob", 3)));
    assertThat(
            out.errorsAsDynamicFrame()
                .toDF()
                .select("error.msg")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly(
            "the map function returned a String (not a number) where a int is "
                + "expected for field 'len'");
  }

  @Test
  void flatMapGivesZeroOrMoreRecordsPerRecord(DynaContext ctx) {
    DynamicFrame out =
        people(ctx)
            .apply(
                FlatMap.of(
                    r -> {
                      long age = r.<Long>getAs("age");
                      return age > 35
                          ? List.<Row>of().iterator()
                          : List.of(r, RowFactory.create(r.getAs("name") + "!", age)).iterator();
                    }));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, age BIGINT",
                row("Ann", 10L),
                row("Ann!", 10L),
                row("Bob", 30L),
                row("Bob!", 30L)));
    assertThat(out.errorsCount()).isZero();
  }

  @Test
  void flatMapOverACollectionAppliesATransformToEveryFrame(DynaContext ctx) {
    io.dynaframe.FrameCollection parts =
        people(ctx).apply(SplitRows.where("age", ">", 20).withNames("old", "young"));
    io.dynaframe.FrameCollection out = FlatMap.apply(parts, SelectFields.of("age"), "ages");
    assertThat(out.keys()).containsExactly("old", "young");
    FrameAssert.assertThat(out.get("old"))
        .isEqualTo(Frames.rows(ctx, "age BIGINT", row(30L), row(40L)));
  }
}
