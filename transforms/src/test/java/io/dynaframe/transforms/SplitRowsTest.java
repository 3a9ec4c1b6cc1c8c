package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class SplitRowsTest {

  private static DynamicFrame people(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "name STRING, age BIGINT, address STRUCT<country: STRING>",
        row("Ann", 10L, row("USA")),
        row("Bob", 15L, row("USA")),
        row("Cid", 21L, row("NOR")),
        row("Dee", 65L, row("USA")),
        row("Eve", null, row("USA")));
  }

  /**
   * AWS's SplitRows example: split_rows({"age": {">": 10, "<": 20}}, "split_rows_collection1",
   * ...).
   */
  @Test
  void glueComparisonDictIsAndedAndNullsGoToTheSecondFrame(DynaContext ctx) {
    FrameCollection parts =
        people(ctx)
            .apply(
                SplitRows.of(Map.of("age", Map.of(">", 10, "<", 20))).withNames("teens", "others"));

    assertThat(parts.keys()).containsExactly("teens", "others");
    String ddl = "name STRING, age BIGINT, address STRUCT<country: STRING>";
    FrameAssert.assertThat(parts.get("teens"))
        .isEqualTo(Frames.rows(ctx, ddl, row("Bob", 15L, row("USA"))));
    FrameAssert.assertThat(parts.get("others"))
        .isEqualTo(
            Frames.rows(
                ctx,
                ddl,
                row("Ann", 10L, row("USA")),
                row("Cid", 21L, row("NOR")),
                row("Dee", 65L, row("USA")),
                row("Eve", null, row("USA"))));
    assertThat(parts.get("teens").name()).isEqualTo("teens");
  }

  @Test
  void scalaThreeListFormWithNestedPathsAndDefaultNames(DynaContext ctx) {
    FrameCollection parts =
        people(ctx)
            .apply(
                SplitRows.of(
                    List.of("age", "address.country"), List.of(65, "USA"), List.of(">=", "=")));

    assertThat(parts.keys()).containsExactly("frame1", "frame2");
    FrameAssert.assertThat(parts.get("frame1").apply(SelectFields.of("name")))
        .isEqualTo(Frames.rows(ctx, "name STRING", row("Dee")));
    assertThat(parts.get("frame2").count()).isEqualTo(4);
  }

  @Test
  void everyOperator(DynaContext ctx) {
    DynamicFrame in = people(ctx);
    assertThat(names(in, "=", 21L)).containsExactly("Cid");
    assertThat(names(in, "!=", 21L)).containsExactlyInAnyOrder("Ann", "Bob", "Dee");
    assertThat(names(in, "<", 15L)).containsExactly("Ann");
    assertThat(names(in, "<=", 15L)).containsExactlyInAnyOrder("Ann", "Bob");
    assertThat(names(in, ">", 21L)).containsExactly("Dee");
    assertThat(names(in, ">=", 21L)).containsExactlyInAnyOrder("Cid", "Dee");
  }

  private static List<String> names(DynamicFrame in, String op, Object v) {
    return in.apply(SplitRows.where("age", op, v))
        .get("frame1")
        .toDF()
        .select("name")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void stringFieldsComparedWithNumbersAndChoices(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"id\": 1, \"age\": \"30\"}",
            "{\"id\": 2, \"age\": 12}",
            "{\"id\": 3, \"age\": \"n/a\"}",
            "{\"id\": 4, \"age\": 40}");
    FrameCollection parts = in.apply(SplitRows.where("age", ">", 18));
    FrameAssert.assertThat(parts.get("frame1").apply(SelectFields.of("id")))
        .isEqualTo(Frames.rows(ctx, "id INT", row(1), row(4)));
    FrameAssert.assertThat(parts.get("frame2").apply(SelectFields.of("id")))
        .isEqualTo(Frames.rows(ctx, "id INT", row(2), row(3)));
  }

  @Test
  void quarantineWrittenBesideTheGoodRecords(DynaContext ctx, @TempDir Path dir) {
    FrameCollection parts =
        people(ctx)
            .apply(
                SplitRows.where("age", ">=", 0)
                    .and("age", "<", 130)
                    .withNames("good", "quarantine"));
    for (String name : parts.keys()) {
      ctx.writeDynamicFrameFromOptions(
          parts.get(name),
          "s3",
          Options.of("path", dir.resolve(name).toString()),
          "json",
          Options.empty(),
          "");
    }
    DynamicFrame quarantine =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(dir.resolve("quarantine").toString())),
            "json",
            Options.empty(),
            "q");
    FrameAssert.assertThat(quarantine)
        .isEqualTo(Frames.json(ctx, "{\"name\": \"Eve\", \"address\": {\"country\": \"USA\"}}"));
    assertThat(
            ctx.createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(dir.resolve("good").toString())),
                    "json",
                    Options.empty(),
                    "g")
                .count())
        .isEqualTo(4);
  }

  @Test
  void refusesBadComparisons(DynaContext ctx) {
    DynamicFrame in = people(ctx);
    assertThatThrownBy(() -> in.apply("split", SplitRows.where("age", "=>", 1)))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "SplitRows in step 'split': unknown operator '=>' for 'age'; expected one of = != < <= > >=; "
                + "closest: =, >, >=");
    assertThatThrownBy(() -> in.apply("split", SplitRows.where("agee", ">", 1)))
        .hasMessage("SplitRows in step 'split': no field 'agee' in the frame; closest: age");
    assertThatThrownBy(() -> in.apply("split", SplitRows.where("address", ">", 1)))
        .hasMessage(
            "SplitRows in step 'split': cannot compare 'address' (struct<country: string>) with 1 (long)");
    assertThatThrownBy(() -> in.apply("split", SplitRows.where("age", ">", 1).withNames("x", "x")))
        .hasMessage(
            "SplitRows in step 'split': both output frames are named 'x'; give them two names");
  }
}
