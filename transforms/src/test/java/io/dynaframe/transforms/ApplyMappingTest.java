package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@SparkTest
class ApplyMappingTest {

  @Test
  void renamesCastsAndDropsUnmappedFields(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"id\": \"1\", \"name\": \"Ann\", \"extra\": true}",
            "{\"id\": \"x\", \"name\": \"Bob\", \"extra\": false}");

    DynamicFrame out =
        in.apply(
            ApplyMapping.of(
                MappingSpec.of("id", "string", "id", "long"),
                MappingSpec.of("name", "string", "full_name", "string")));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(ctx, "id BIGINT, full_name STRING", row(1L, "Ann"), row(null, "Bob")));
  }

  @Test
  void unnestsAndNestsAlongDottedPaths(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"name\": \"Ann\", \"address\": {\"state\": \"WA\", \"zip\": 98101}}",
            "{\"name\": \"Bob\"}");

    DynamicFrame out =
        in.apply(
            ApplyMapping.of(
                MappingSpec.of("address.state", "string", "state", "string"),
                MappingSpec.of("name", "string", "person.name", "string"),
                MappingSpec.of("address.zip", "long", "person.zip", "string")));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "state STRING, person STRUCT<name: STRING, zip: STRING>",
                row("WA", row("Ann", "98101")),
                row(null, row("Bob", null))));
  }

  @Test
  void backticksQuoteNamesThatHoldDots(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"this.old.name\": \"v\", \"a\": {\"b.c\": 5}}");

    DynamicFrame out =
        in.apply(
            ApplyMapping.of(
                MappingSpec.of("`this.old.name`", "string", "thisNewName", "string"),
                MappingSpec.of("a.`b.c`", "long", "`x.y`", "int")));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "thisNewName STRING, `x.y` INT", row("v", 5)));
  }

  @Test
  void ignoresCaseInSourcePathsByDefaultAndNotWhenAsked(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"Customer\": {\"Name\": \"Ann\"}}");

    DynamicFrame out =
        in.apply(ApplyMapping.of(MappingSpec.of("customer.name", "string", "name", "string")));
    FrameAssert.assertThat(out).isEqualTo(Frames.rows(ctx, "name STRING", row("Ann")));

    assertThatThrownBy(
            () ->
                in.apply(
                    "strict",
                    ApplyMapping.of(MappingSpec.of("customer.name", "string", "name", "string"))
                        .withCaseSensitive(true)))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ApplyMapping in step 'strict': no field 'customer' in the frame, so path 'customer.name' "
                + "does not exist; closest: Customer.Name, Customer");
  }

  @Test
  void castsChoicesMemberByMemberAndNullsWhatDoesNotConvert(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(ctx, "{\"v\": 1}", "{\"v\": \"22\"}", "{\"v\": \"n/a\"}", "{\"v\": 2.5}");
    assertThat(in.schema().field("v").orElseThrow().type().isChoice()).isTrue();

    DynamicFrame out = in.apply(ApplyMapping.of(MappingSpec.of("v", "v", "long")));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "v BIGINT", row(1L), row(22L), row((Object) null), row(2L)));
  }

  @Test
  void twoPartMappingsKeepTheType(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"tags\": [\"a\", \"b\"], \"n\": 1}");
    DynamicFrame out =
        in.apply(
            ApplyMapping.of(
                MappingSpec.of("tags", "labels"), MappingSpec.of("n", "long", "n", "long")));
    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "labels ARRAY<STRING>, n BIGINT", row(List.of("a", "b"), 1L)));
  }

  @Test
  void staticApplyPortsAGlueLine(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"a\": 1}");
    DynamicFrame out =
        ApplyMapping.apply(
            in,
            List.of(MappingSpec.fromTuple(List.of("a", "long", "b", "string"))),
            "applymapping1");
    assertThat(out.transformationContext()).isEqualTo("applymapping1");
    FrameAssert.assertThat(out).isEqualTo(Frames.rows(ctx, "b STRING", row("1")));
  }

  @Test
  void refusesWhatCannotWork(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(ctx, "{\"address\": {\"city\": \"x\"}, \"items\": [{\"p\": 1}], \"id\": 1}");

    assertThatThrownBy(
            () ->
                in.apply(
                    "m", ApplyMapping.of(MappingSpec.of("adress.city", "string", "c", "string"))))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ApplyMapping in step 'm': no field 'adress' in the frame (case ignored), so path 'adress.city' does not exist; "
                + "closest: address.city, address");
    assertThatThrownBy(
            () -> in.apply("m", ApplyMapping.of(MappingSpec.of("id", "lnog", "id", "long"))))
        .hasMessage(
            "ApplyMapping in step 'm': unknown type 'lnog' in mapping (id, lnog, id, long); closest: long");
    assertThatThrownBy(
            () ->
                in.apply(
                    "m", ApplyMapping.of(MappingSpec.of("id", "a.b"), MappingSpec.of("id", "A"))))
        .hasMessage(
            "ApplyMapping in step 'm': mappings (id, a.b) and (id, A) both write target 'A' (case ignored)");
    assertThatThrownBy(() -> in.apply("m", ApplyMapping.of(MappingSpec.of("items.p", "p"))))
        .hasMessage(
            "ApplyMapping in step 'm': 'items' is an array and ApplyMapping cannot reach into array elements");
    assertThatThrownBy(
            () -> in.apply("m", ApplyMapping.of(MappingSpec.of("address", "string", "a", "long"))))
        .hasMessage(
            "ApplyMapping in step 'm': cannot cast 'address' from struct<city: string> to long in mapping "
                + "(address, string, a, long)");
    TransformException e =
        (TransformException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> in.apply("m", ApplyMapping.of(MappingSpec.of("adress.city", "c"))));
    assertThat(e.path()).contains("adress.city");
    assertThat(e.step()).isEqualTo("m");
    assertThat(e.transform()).isEqualTo("ApplyMapping");
  }
}
