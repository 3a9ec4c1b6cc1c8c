package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

@SparkTest
class ParseTransformsTest {

  private static DynamicFrame ddbExport(DynaContext ctx) {
    return Frames.json(
        ctx,
        "{\"Item\": {\"id\": {\"S\": \"1\"}, \"qty\": {\"N\": \"5\"}, \"tags\": {\"SS\": [\"a\", \"b\"]}, "
            + "\"meta\": {\"M\": {\"ok\": {\"BOOL\": true}}}, \"list\": {\"L\": [{\"S\": \"x\"}, {\"N\": \"2\"}]}}}",
        "{\"Item\": {\"id\": {\"S\": \"2\"}, \"qty\": {\"S\": \"n/a\"}, \"gone\": {\"NULL\": true}}}");
  }

  @Test
  void unnestDdbJsonUnwrapsItemAndDropsTheTypeDescriptors(DynaContext ctx) {
    DynamicFrame out = UnnestDDBJson.apply(ddbExport(ctx), "unnest_ddb");

    // numbers stay the exported text, as in Glue; a list of several descriptors stays as it is
    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id STRING, qty STRING, tags ARRAY<STRING>, meta STRUCT<ok: BOOLEAN>, "
                    + "list ARRAY<STRUCT<S: STRING, N: STRING>>, gone VOID",
                row(
                    "1",
                    "5",
                    List.of("a", "b"),
                    row(true),
                    List.of(row("x", null), row(null, "2")),
                    null),
                row("2", "n/a", null, null, null, null)));
  }

  @Test
  void simplifyDdbJsonUnwrapsItemAndTakesANumberType(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"Item\": {\"id\": {\"N\": \"12345678901234567\"}, \"b\": {\"B\": \"aGk=\"}, \"ns\": {\"NS\": [\"1\", \"2\"]}, "
                + "\"l\": {\"L\": [{\"N\": \"3\"}]}}}");

    DynamicFrame out = in.apply(SimplifyDDBJson.create().withNumberType("long"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, b STRING, ns ARRAY<BIGINT>, l ARRAY<BIGINT>",
                row(12345678901234567L, "aGk=", List.of(1L, 2L), List.of(3L))));
  }

  @Test
  void unboxJsonWithAnInferredSchemaAndErrorRecordsForBadText(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "id BIGINT, payload STRING",
            row(1L, "{\"a\": 1, \"b\": \"x\"}"),
            row(2L, "not json"),
            row(3L, null),
            row(4L, "{\"a\": 7}"));

    DynamicFrame out = in.apply("unbox", Unbox.of("payload", "json"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, payload STRUCT<a: INT, b: STRING>",
                row(1L, row(1, "x")),
                row(3L, null),
                row(4L, row(7, null))));
    List<Row> errors =
        out.errorsAsDynamicFrame()
            .toDF()
            .selectExpr("error.*", "error.callsite.site AS site")
            .collectAsList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).<String>getAs("input")).isEqualTo("not json");
    assertThat(errors.get(0).<String>getAs("msg"))
        .isEqualTo("'payload' is not valid json for the schema " + "struct<a: int, b: string>");
  }

  @Test
  void unboxNestedCsvWithASeparatorAndAGivenSchema(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(ctx, "rec STRUCT<line: STRING>", row(row("a|1|x")), row(row("b|2|y")));

    FrameAssert.assertThat(
            Unbox.apply(in, "rec.line", "csv", Options.of("separator", "|"), "unbox_csv"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "rec STRUCT<line: STRUCT<col0: STRING, col1: STRING, col2: STRING>>",
                row(row(row("a", "1", "x"))),
                row(row(row("b", "2", "y")))));
    FrameAssert.assertThat(
            in.apply(
                Unbox.of("rec.line", "csv")
                    .withOptions(Options.of("separator", "|"))
                    .withSchema("name STRING, n INT, tag STRING")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "rec STRUCT<line: STRUCT<name: STRING, n: INT, tag: STRING>>",
                row(row(row("a", 1, "x"))),
                row(row(row("b", 2, "y")))));
  }

  @Test
  void unboxRefusesWhatItCannotParse(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "id BIGINT, payload STRING", row(1L, "{}"));
    assertThatThrownBy(() -> in.apply("u", Unbox.of("id", "json")))
        .isInstanceOf(TransformException.class)
        .hasMessage("Unbox in step 'u': 'id' is long; Unbox parses a string or binary field");
    assertThatThrownBy(() -> in.apply("u", Unbox.of("payload", "jsn")))
        .hasMessage("Unbox in step 'u': Unbox reads json or csv, not 'jsn'; closest: json");
  }

  @Test
  void dropNullFieldsDropsFieldsNullInEveryRecordAtAnyDepth(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "id BIGINT, empty STRING, s STRUCT<a: INT, b: STRING>, l ARRAY<STRUCT<x: INT, y: STRING>>, gone STRUCT<z: INT>",
            row(1L, null, row(1, null), List.of(row(1, null)), null),
            row(2L, null, null, List.of(row(2, null)), row((Object) null)));

    FrameAssert.assertThat(DropNullFields.apply(in, "dropnulls"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, s STRUCT<a: INT>, l ARRAY<STRUCT<x: INT>>",
                row(1L, row(1), List.of(row(1))),
                row(2L, null, List.of(row(2)))));
  }

  @Test
  void dropNullFieldsByTypeOnlyNeedsNoJob(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"id\": 1, \"n\": null, \"s\": {\"m\": null, \"k\": 1}}",
            "{\"id\": 2, \"e\": null}");
    assertThat(in.schema().field("n").orElseThrow().type())
        .isEqualTo(io.dynaframe.types.Types.NULL);

    FrameAssert.assertThat(in.apply(DropNullFields.create().nullTypeOnly()))
        .isEqualTo(Frames.json(ctx, "{\"id\": 1, \"s\": {\"k\": 1}}", "{\"id\": 2}"));
    FrameAssert.assertThat(Frames.rows(ctx, "id BIGINT", row(1L)).apply(DropNullFields.create()))
        .isEqualTo(Frames.rows(ctx, "id BIGINT", row(1L)));
  }
}
