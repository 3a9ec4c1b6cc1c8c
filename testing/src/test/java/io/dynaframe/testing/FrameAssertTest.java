package io.dynaframe.testing;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@SparkTest
class FrameAssertTest {

  @Test
  void equalFramesWithRowsInAnotherOrderPass(DynaContext ctx) {
    DynamicFrame actual =
        Frames.rows(ctx, "id BIGINT, name STRING", row(2L, "b"), row(1L, "a"), row(3L, "c"));
    DynamicFrame expected =
        Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "a"), row(2L, "b"), row(3L, "c"));

    FrameAssert.assertThat(actual).isEqualTo(expected);
  }

  @Test
  void inOrderFailsOnRowsInAnotherOrderAndNamesThePosition(DynaContext ctx) {
    DynamicFrame actual = Frames.rows(ctx, "id BIGINT", row(2L), row(1L));
    DynamicFrame expected = Frames.rows(ctx, "id BIGINT", row(1L), row(2L));

    assertThatThrownBy(() -> FrameAssert.assertThat(actual).inOrder().isEqualTo(expected))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("in order")
        .hasMessageContaining("row 0: expected {\"id\":1}, actual {\"id\":2}")
        .hasMessageContaining("row 1: expected {\"id\":2}, actual {\"id\":1}");
  }

  @Test
  void wrongRowsGiveADiffOfMissingAndUnexpectedRows(DynaContext ctx) {
    DynamicFrame actual =
        Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "a"), row(2L, "B"), row(2L, "B"));
    DynamicFrame expected =
        Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "a"), row(2L, "b"), row(3L, "c"));

    Throwable t =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionFailedError.class, () -> FrameAssert.assertThat(actual).isEqualTo(expected));

    assertThat(t.getMessage())
        .isEqualTo(
            """
        frame 'rows' differs from the expected frame
        rows (expected 3, actual 3, in any order):
          2 missing (expected, not found):
          - {"id":2,"name":"b"}
          - {"id":3,"name":"c"}
          2 unexpected (found, not expected):
          + {"id":2,"name":"B"}
          + {"id":2,"name":"B"}
        """);
  }

  @Test
  void framesAreNamedAfterTheStepThatMadeThem(DynaContext ctx) {
    DynamicFrame rows = Frames.rows(ctx, "id BIGINT", row(1L), row(2L));
    io.dynaframe.Transform<DynamicFrame> keepFirst =
        new io.dynaframe.Transform<>() {
          @Override
          public DynamicFrame expand(DynamicFrame input, String step) {
            return input.withRows(input.toDF().where("id = 1")).withTransformationContext(step);
          }
        };
    DynamicFrame kept = rows.withName("orders").apply("keep_first", keepFirst);
    DynamicFrame expected =
        Frames.rows(ctx, "id BIGINT", row(1L), row(2L))
            .withName("expected_orders")
            .withTransformationContext("load_expected");

    assertThatThrownBy(() -> FrameAssert.assertThat(kept).isEqualTo(expected))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            "frame of step 'keep_first' (named 'orders') differs from the expected frame of step"
                + " 'load_expected' (named 'expected_orders')\n");
    assertThatThrownBy(() -> FrameAssert.assertThat(kept).hasSchema("root\n|-- id: string"))
        .hasMessageStartingWith("frame of step 'keep_first' (named 'orders') has another schema");
    // a frame without a step keeps its name; an expected frame without a step is "the expected
    // frame"
    assertThatThrownBy(() -> FrameAssert.assertThat(rows.withName("orders")).isEqualTo(kept))
        .hasMessageStartingWith(
            "frame 'orders' differs from the expected frame of step 'keep_first' (named"
                + " 'orders')\n");
  }

  @Test
  void whenOnlyATypeDiffersItSaysSoInsteadOfListingLookAlikeRows(DynaContext ctx) {
    DynamicFrame actual =
        Frames.rows(ctx, "id INT, name STRING", row(1, "a"), row(2, "b"), row(3, "c"));
    DynamicFrame expected =
        Frames.rows(ctx, "id BIGINT, name STRING", row(3L, "c"), row(1L, "a"), row(2L, "b"));

    assertThatThrownBy(() -> FrameAssert.assertThat(actual).isEqualTo(expected))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            """
        frame 'rows' differs from the expected frame
        schema:
          field 'id' is int, expected long
        rows: the same 3 rows as printed; they differ only in the types above, not in the values shown
        """);
    // in order, rows in another order are still a difference of rows
    assertThatThrownBy(() -> FrameAssert.assertThat(actual).inOrder().isEqualTo(expected))
        .hasMessageContaining("field 'id' is int, expected long")
        .hasMessageContaining("row 0: expected {\"id\":3,\"name\":\"c\"}");
    // values that differ besides the type are listed as before
    DynamicFrame other = Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "a"));
    assertThatThrownBy(() -> FrameAssert.assertThat(actual).isEqualTo(other))
        .hasMessageContaining("1 missing (expected, not found):")
        .hasMessageContaining("3 unexpected (found, not expected):");
  }

  @Test
  void schemaDifferencesAreListedFieldByField(DynaContext ctx) {
    DynamicFrame actual =
        Frames.rows(
            ctx,
            "id STRING, extra INT, address STRUCT<city: STRING, zip: INT>",
            row("1", 5, row("Oslo", 150)));
    DynamicFrame expected =
        Frames.rows(
            ctx,
            "id BIGINT, address STRUCT<city: STRING, zip: STRING>, name STRING",
            row(1L, row("Oslo", "0150"), "x"));

    assertThatThrownBy(() -> FrameAssert.assertThat(actual).isEqualTo(expected))
        .hasMessageContaining(
            "schema:\n"
                + "  field 'id' is string, expected long\n"
                + "  field 'address.zip' is int, expected string\n"
                + "  missing field 'name' (string)\n"
                + "  unexpected field 'extra' (int)\n");
  }

  @Test
  void choicesCompareAsChoices(DynaContext ctx) {
    DynamicFrame mixed = Frames.json(ctx, "{\"id\": 1}", "{\"id\": \"x\"}");
    DynamicFrame plain = Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}");

    FrameAssert.assertThat(mixed).isEqualTo(Frames.json(ctx, "{\"id\": \"x\"}", "{\"id\": 1}"));
    assertThatThrownBy(() -> FrameAssert.assertThat(mixed).isEqualTo(plain))
        .hasMessageContaining("field 'id' is choice{int, string}, expected int")
        .hasMessageContaining("+ {\"id\":\"x\"}");
  }

  @Test
  void toleranceAppliesToFloatingPointOnly(DynaContext ctx) {
    DynamicFrame actual =
        Frames.rows(ctx, "k STRING, v DOUBLE", row("a", 0.1 + 0.2), row("b", 1e9 + 0.5));
    DynamicFrame expected = Frames.rows(ctx, "k STRING, v DOUBLE", row("b", 1e9), row("a", 0.3));

    assertThatThrownBy(() -> FrameAssert.assertThat(actual).isEqualTo(expected))
        .isInstanceOf(AssertionFailedError.class);
    FrameAssert.assertThat(actual).withTolerance(1e-9).isEqualTo(expected);
    assertThatThrownBy(
            () -> FrameAssert.assertThat(actual).withTolerance(1e-12).isEqualTo(expected))
        .hasMessageContaining("1 missing");
  }

  @Test
  void hasSchemaComparesGluesRendering(DynaContext ctx) {
    DynamicFrame f = Frames.json(ctx, "{\"a\": 1, \"b\": {\"c\": true}}");

    FrameAssert.assertThat(f)
        .hasSchema(
            """
        root
        |-- a: int
        |-- b: struct
        |    |-- c: boolean
        """);
    assertThatThrownBy(() -> FrameAssert.assertThat(f).hasSchema("root\n|-- a: string\n"))
        .hasMessageContaining("has another schema");
  }
}
