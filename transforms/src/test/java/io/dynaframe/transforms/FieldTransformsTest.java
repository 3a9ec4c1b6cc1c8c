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
import java.util.List;
import org.junit.jupiter.api.Test;

@SparkTest
class FieldTransformsTest {

  private static DynamicFrame people(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "id BIGINT, name STRING, `a.b` STRING, address STRUCT<city: STRING, zip: STRING>, "
            + "links ARRAY<STRUCT<url: STRING, note: STRING>>",
        row(1L, "Ann", "x", row("Oslo", "0150"), List.of(row("u1", "n1"), row("u2", null))),
        row(2L, "Bob", "y", null, null));
  }

  @Test
  void selectFieldsKeepsTopLevelAndNestedPathsInTheFramesOrder(DynaContext ctx) {
    DynamicFrame out = people(ctx).apply(SelectFields.of("links[].url", "address.city", "id"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, address STRUCT<city: STRING>, links ARRAY<STRUCT<url: STRING>>",
                row(1L, row("Oslo"), List.of(row("u1"), row("u2"))),
                row(2L, null, null)));
  }

  @Test
  void dropFieldsRemovesTopLevelNestedAndArrayElementFields(DynaContext ctx) {
    DynamicFrame out =
        people(ctx).apply(DropFields.of("`a.b`", "address.zip", "links[].note", "name"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, address STRUCT<city: STRING>, links ARRAY<STRUCT<url: STRING>>",
                row(1L, row("Oslo"), List.of(row("u1"), row("u2"))),
                row(2L, null, null)));
  }

  @Test
  void dropFieldsRemovesAStructLeftEmptyAndPathsUnderADroppedOne(DynaContext ctx) {
    DynamicFrame out =
        people(ctx).apply(DropFields.of("address.city", "address.zip", "links", "links.url"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, name STRING, `a.b` STRING",
                row(1L, "Ann", "x"),
                row(2L, "Bob", "y")));
  }

  @Test
  void renameFieldInPlaceNestedInArraysAndAcrossStructs(DynaContext ctx) {
    DynamicFrame in = people(ctx).apply(SelectFields.of("id", "`a.b`", "address", "links"));

    FrameAssert.assertThat(in.apply(RenameField.of("address.zip", "address.postcode")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, `a.b` STRING, address STRUCT<city: STRING, postcode: STRING>, "
                    + "links ARRAY<STRUCT<url: STRING, note: STRING>>",
                row(1L, "x", row("Oslo", "0150"), List.of(row("u1", "n1"), row("u2", null))),
                row(2L, "y", null, null)));

    FrameAssert.assertThat(
            in.apply(RenameField.of("`a.b`", "ab"))
                .apply(RenameField.of("links[].note", "links[].text"))
                .apply(SelectFields.of("ab", "links")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "ab STRING, links ARRAY<STRUCT<url: STRING, text: STRING>>",
                row("x", List.of(row("u1", "n1"), row("u2", null))),
                row("y", null)));

    FrameAssert.assertThat(
            in.apply(RenameField.of("address.city", "place.town")).apply(DropFields.of("links")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, `a.b` STRING, address STRUCT<zip: STRING>, place STRUCT<town: STRING>",
                row(1L, "x", row("0150"), row("Oslo")),
                row(2L, "y", null, row((Object) null))));
  }

  @Test
  void renameFieldRefusesMissingAndTakenNames(DynaContext ctx) {
    DynamicFrame in = people(ctx);
    assertThatThrownBy(() -> in.apply("r", RenameField.of("adress.city", "x")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "RenameField in step 'r': no field 'adress' in the frame, so path 'adress.city' does not exist; "
                + "closest: address.city, address");
    assertThatThrownBy(() -> in.apply("r", RenameField.of("id", "name")))
        .hasMessage(
            "RenameField in step 'r': cannot rename 'id' to 'name': the frame already has 'name'");
  }

  @Test
  void splitFieldsGivesTheSelectedAndTheRest(DynaContext ctx) {
    DynamicFrame in = people(ctx).withName("people");

    FrameCollection parts = in.apply(SplitFields.of("id", "name"));

    assertThat(parts.keys()).containsExactly("people1", "people2");
    FrameAssert.assertThat(parts.get("people1"))
        .isEqualTo(Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "Ann"), row(2L, "Bob")));
    FrameAssert.assertThat(parts.get("people2").apply(DropFields.of("links")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "`a.b` STRING, address STRUCT<city: STRING, zip: STRING>",
                row("x", row("Oslo", "0150")),
                row("y", null)));
    assertThatThrownBy(() -> in.apply("s", SplitFields.of("id").withNames("a", "a")))
        .hasMessage(
            "SplitFields in step 's': both output frames are named 'a'; give them two names");
  }

  @Test
  void pathErrorsNameTheClosestPaths(DynaContext ctx) {
    assertThatThrownBy(() -> people(ctx).apply("sel", SelectFields.of("links[].urls")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "SelectFields in step 'sel': no field 'links[].urls' in the frame; "
                + "closest: links[].url, links");
    assertThatThrownBy(() -> people(ctx).apply("drop", DropFields.of("a.b")))
        .hasMessage(
            "DropFields in step 'drop': no field 'a' in the frame, so path 'a.b' does not exist; "
                + "closest: `a.b`");
  }
}
