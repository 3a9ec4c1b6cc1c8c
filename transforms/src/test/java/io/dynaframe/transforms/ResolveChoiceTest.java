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
import io.dynaframe.types.Types;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class ResolveChoiceTest {

  /**
   * A few rows in the shape of AWS's Medicare example: 'provider id' holds numbers and, in two
   * rows, text.
   */
  private static DynamicFrame medicare(DynaContext ctx) {
    return Frames.csv(
        ctx,
        Options.of("withHeader", true, "typedValues", true),
        "drg definition,provider id,provider name,provider city",
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10001,SOUTHEAST ALABAMA MEDICAL CENTER,DOTHAN",
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10005,MARSHALL MEDICAL CENTER SOUTH,BOAZ",
        "057 - DEGENERATIVE NERVOUS SYSTEM DISORDERS W/O MCC,ABC,NEW HOSPITAL,AUSTIN",
        "069 - TRANSIENT ISCHEMIA,XYZ-12,OTHER HOSPITAL,DALLAS");
  }

  @Test
  void medicareProviderIdIsAChoiceAndCastLongGivesNullForTheStrings(DynaContext ctx) {
    DynamicFrame in = medicare(ctx);
    assertThat(in.schema().field("provider id").orElseThrow().type())
        .isEqualTo(Types.choice(Types.LONG, Types.STRING));

    DynamicFrame out = in.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "cast:long")));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "`drg definition` STRING, `provider id` BIGINT, `provider name` STRING, `provider city` STRING",
                row(
                    "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC",
                    10001L,
                    "SOUTHEAST ALABAMA MEDICAL CENTER",
                    "DOTHAN"),
                row(
                    "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC",
                    10005L,
                    "MARSHALL MEDICAL CENTER SOUTH",
                    "BOAZ"),
                row(
                    "057 - DEGENERATIVE NERVOUS SYSTEM DISORDERS W/O MCC",
                    null,
                    "NEW HOSPITAL",
                    "AUSTIN"),
                row("069 - TRANSIENT ISCHEMIA", null, "OTHER HOSPITAL", "DALLAS")));
  }

  @Test
  void projectMakeColsAndMakeStruct(DynaContext ctx) {
    DynamicFrame in = medicare(ctx).apply(ApplyMapping.of(MappingSpec.of("provider id", "id")));

    FrameAssert.assertThat(in.apply(ResolveChoice.spec("id", "project:string")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id STRING",
                row((Object) null),
                row((Object) null),
                row("ABC"),
                row("XYZ-12")));
    FrameAssert.assertThat(in.apply(ResolveChoice.spec("id", "make_cols")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id_long BIGINT, id_string STRING",
                row(10001L, null),
                row(10005L, null),
                row(null, "ABC"),
                row(null, "XYZ-12")));
    FrameAssert.assertThat(in.apply(ResolveChoice.spec("id", "make_struct")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id STRUCT<long: BIGINT, string: STRING>",
                row(row(10001L, null)),
                row(row(10005L, null)),
                row(row(null, "ABC")),
                row(row(null, "XYZ-12"))));
  }

  @Test
  void membersTakenOutOfAChoiceAreNotFlaggedAsChoiceMembersInWrittenFiles(
      DynaContext ctx, @TempDir Path dir) {
    DynamicFrame out =
        Frames.json(ctx, "{\"id\": 1}", "{\"id\": \"a\"}")
            .apply(ResolveChoice.spec("id", "make_cols"));
    String path = dir.resolve("out").toString();
    ctx.writeDynamicFrameFromOptions(
        out, "s3", Options.of("path", path), "parquet", Options.empty(), "");

    DynamicFrame back =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(path)), "parquet", Options.empty(), "back");

    FrameAssert.assertThat(back)
        .isEqualTo(Frames.rows(ctx, "id_int INT, id_string STRING", row(1, null), row(null, "a")));
  }

  @Test
  void nestedAndArrayPaths(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"k\": 1, \"order\": {\"total\": 1, \"n\": 0}, \"items\": [{\"price\": 1}, {\"price\": \"x\"}]}",
            "{\"k\": 2, \"order\": {\"total\": \"2.5\", \"n\": 1}, \"items\": [{\"price\": \"7\"}]}",
            "{\"k\": 3}");

    DynamicFrame out =
        in.apply(
            ResolveChoice.spec("order.total", "cast:double").and("items[].price", "cast:long"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "k INT, order STRUCT<total: DOUBLE, n: INT>, items ARRAY<STRUCT<price: BIGINT>>",
                row(1, row(1.0, 0), List.of(row(1L), row((Object) null))),
                row(2, row(2.5, 1), List.of(row(7L))),
                row(3, null, null)));
  }

  @Test
  void makeColsInsideAStructPutsTheColumnsBesideTheOthers(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx, "{\"a\": {\"b\": 1, \"c\": true}}", "{\"a\": {\"b\": \"x\", \"c\": false}}");

    DynamicFrame out = in.apply(ResolveChoice.spec("a.b", "make_cols"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "a STRUCT<b_int: INT, b_string: STRING, c: BOOLEAN>",
                row(row(1, null, true)),
                row(row(null, "x", false))));
  }

  @Test
  void oneActionForEveryChoiceReachesIntoStructsAndArrays(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"v\": 1, \"s\": {\"w\": true}, \"l\": [1, \"two\"], \"plain\": 5}",
            "{\"v\": \"one\", \"s\": {\"w\": \"yes\"}, \"l\": [3], \"plain\": 6}");

    DynamicFrame out = in.apply(ResolveChoice.choice("cast:string"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "v STRING, s STRUCT<w: STRING>, l ARRAY<STRING>, plain INT",
                row("1", row("true"), List.of("1", "two"), 5),
                row("one", row("yes"), List.of("3"), 6)));
    assertThat(out.schema().containsChoice()).isFalse();

    assertThatThrownBy(() -> in.apply("all", ResolveChoice.choice("make_cols")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ResolveChoice in step 'all': make_cols cannot split the choice choice{int, string} at 'l[]': "
                + "it is an array element or a map value, not a field; use cast, project or make_struct for it");
  }

  @Test
  void matchCatalogCastsToTheTablesTypes(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(ctx, "{\"Id\": 1, \"price\": \"2.5\"}", "{\"Id\": \"7\", \"price\": 3}");
    TableSchemaLookup catalog =
        (db, t) ->
            Map.of(
                    "sales.orders",
                    Types.struct(Types.field("id", Types.INT), Types.field("price", Types.DOUBLE)))
                .entrySet()
                .stream()
                .filter(e -> e.getKey().equals(db + "." + t))
                .map(Map.Entry::getValue)
                .findFirst();

    DynamicFrame out = in.apply(ResolveChoice.matchCatalog("sales", "orders", catalog));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "Id INT, price DOUBLE", row(1, 2.5), row(7, 3.0)));
    assertThatThrownBy(
            () -> in.apply("mc", ResolveChoice.matchCatalog("sales", "missing", catalog)))
        .hasMessage(
            "ResolveChoice in step 'mc': match_catalog: the catalog has no table sales.missing");
    TableSchemaLookup noPrice =
        (db, t) ->
            Optional.of(
                Types.struct(Types.field("id", Types.INT), Types.field("prices", Types.DOUBLE)));
    assertThatThrownBy(() -> in.apply("mc", ResolveChoice.matchCatalog("sales", "orders", noPrice)))
        .hasMessage(
            "ResolveChoice in step 'mc': the catalog table sales.orders has no column 'price' to match the "
                + "choice choice{int, string} against; closest: prices");
  }

  @Test
  void aSpecOnAFieldThatIsNotAChoiceCastsIt(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"n\": 1, \"tags\": [1, 2]}");
    FrameAssert.assertThat(
            in.apply(
                ResolveChoice.spec("n", "cast:string")
                    .and("tags[]", "cast:double")
                    .and("n", "make_struct")))
        .isEqualTo(Frames.rows(ctx, "n STRING, tags ARRAY<DOUBLE>", row("1", List.of(1.0, 2.0))));
  }

  @Test
  void refusesBadSpecs(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(ctx, "{\"v\": 1, \"v_int\": 2, \"tags\": [1]}", "{\"v\": \"a\", \"v_int\": 3}");

    assertThatThrownBy(() -> in.apply("r", ResolveChoice.spec("v", "cats:long")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ResolveChoice in step 'r': unknown action 'cats:long'; expected one of cast:<type>, "
                + "project:<type>, make_cols, make_struct, match_catalog; closest: cast:");
    assertThatThrownBy(() -> in.apply("r", ResolveChoice.spec("v", "cast:lnog")))
        .hasMessage(
            "ResolveChoice in step 'r': unknown type 'lnog' in action 'cast:lnog'; closest: long");
    assertThatThrownBy(() -> in.apply("r", ResolveChoice.spec("vv", "cast:long")))
        .hasMessage("ResolveChoice in step 'r': no field 'vv' in the frame; closest: v");
    assertThatThrownBy(() -> in.apply("r", ResolveChoice.spec("v", "make_cols")))
        .hasMessage(
            "ResolveChoice in step 'r': the output would have two fields 'v_int'; rename the existing one first");
    assertThatThrownBy(() -> in.apply("r", ResolveChoice.spec("tags", "cast:long")))
        .hasMessage(
            "ResolveChoice in step 'r': cannot cast 'tags' from array<int> to long; write 'tags[]' to cast "
                + "its elements");
  }
}
