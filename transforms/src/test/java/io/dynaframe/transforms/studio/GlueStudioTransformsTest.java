package io.dynaframe.transforms.studio;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.transforms.TransformException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Glue Studio's transforms on AWS's printed examples (Glue Studio's pages "Using the ...
 * transform"), whole frames compared, and their checks at apply time.
 */
@SparkTest
class GlueStudioTransformsTest {

  // ------------------------------------------------------------------ Flatten

  private static DynamicFrame phones(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "id BIGINT, phone_numbers STRUCT<home_phone: STRUCT<country_code: STRING, number: STRING>,"
            + " mobile: STRING>, tags ARRAY<STRING>",
        row(1L, row(row("47", "22334455"), "99887766"), List.of("a")),
        row(2L, null, null));
  }

  @Test
  void flattenNamesNestedFieldsByTheirDottedPathAsAwsDescribes(DynaContext ctx) {
    DynamicFrame out = phones(ctx).apply("Flatten_node1", Flatten.of());

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, `phone_numbers.home_phone.country_code` STRING,"
                    + " `phone_numbers.home_phone.number` STRING, `phone_numbers.mobile` STRING,"
                    + " tags ARRAY<STRING>",
                row(1L, "47", "22334455", "99887766", List.of("a")),
                row(2L, null, null, null, null)));
  }

  @Test
  void flattenStopsAtMaxLevelsAndJoinsWithTheSeparator(DynaContext ctx) {
    DynamicFrame out = Flatten.apply(phones(ctx), 1, "_", "Flatten_node2");

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id BIGINT, phone_numbers_home_phone STRUCT<country_code: STRING, number: STRING>,"
                    + " phone_numbers_mobile STRING, tags ARRAY<STRING>",
                row(1L, row("47", "22334455"), "99887766", List.of("a")),
                row(2L, null, null, null)));
    assertThat(out.transformationContext()).isEqualTo("Flatten_node2");
  }

  @Test
  void flattenRefusesTwoPathsGivingOneName(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "a_b STRING, a STRUCT<b: STRING>", row("x", row("y")));

    assertThatThrownBy(() -> in.apply("f", Flatten.of().withSeparator("_")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "Flatten in step 'f': flattening 'a.b' gives the column 'a_b', which 'a_b' also gives;"
                + " choose another separator or rename one of them");
  }

  // ------------------------------------------------------------------ Drop duplicates

  @Test
  void dropDuplicatesComparesEntireRowsOrTheKeyColumns(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "customer STRING, day STRING, amount INT",
            row("ann", "mon", 5),
            row("ann", "mon", 5),
            row("bob", "tue", 7),
            row("bob", "tue", 7),
            row("bob", "tue", 7),
            row("cid", "wed", 1));

    FrameAssert.assertThat(in.apply("dd", DropDuplicates.entireRows()))
        .isEqualTo(
            Frames.rows(
                ctx,
                "customer STRING, day STRING, amount INT",
                row("ann", "mon", 5),
                row("bob", "tue", 7),
                row("cid", "wed", 1)));

    DynamicFrame byDay =
        DropDuplicates.apply(
            Frames.rows(
                ctx,
                "customer STRING, day STRING",
                row("ann", "mon"),
                row("ann", "mon"),
                row("ann", "tue")),
            List.of("customer"),
            "dd2");
    FrameAssert.assertThat(byDay.apply("keys", io.dynaframe.transforms.SelectFields.of("customer")))
        .isEqualTo(Frames.rows(ctx, "customer STRING", row("ann")));
    assertThat(byDay.toDF().collectAsList())
        .hasSize(1)
        .first()
        .satisfies(r -> assertThat(r.getString(1)).isIn("mon", "tue"));

    assertThatThrownBy(() -> in.apply("dd", DropDuplicates.onColumns("custmer")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("DropDuplicates in step 'dd': no field 'custmer' in the frame")
        .hasMessageContaining("closest: customer");
  }

  // ------------------------------------------------------------------ Derived column

  @Test
  void derivedColumnAddsOrReplacesAColumnComputedBySql(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(ctx, "name STRING, price INT, qty INT", row("pen", 2, 3), row("ink", 5, null));

    DynamicFrame out =
        in.apply("DerivedColumn_node1", DerivedColumn.of("total", "price * qty"))
            .apply("upper", DerivedColumn.of("name", "upper(name)"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, price INT, qty INT, total INT",
                row("PEN", 2, 3, 6),
                row("INK", 5, null, null)));
  }

  @Test
  void derivedColumnNamesTheColumnItsExpressionLacks(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "price INT, qty INT", row(2, 3));

    assertThatThrownBy(() -> in.apply("d", DerivedColumn.of("total", "prize * qty")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "DerivedColumn in step 'd': the expression 'prize * qty' uses the column 'prize',"
                + " which the frame does not have")
        .hasMessageContaining("closest: price");
    assertThatThrownBy(() -> in.apply("d", DerivedColumn.of("total", "price *")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "DerivedColumn in step 'd': the expression 'price *' is not valid Spark SQL");
  }

  // ------------------------------------------------------------------ Concatenate columns

  @Test
  void concatenateColumnsGivesAwsDateExample(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "day STRING, month STRING, year STRING",
            row("01", "01", "2020"),
            row("02", "01", "2020"),
            row("03", "01", "2020"),
            row("04", "01", "2020"));

    DynamicFrame out =
        in.apply(
            "Concatenate_node1",
            ConcatenateColumns.of("date", "year", "month", "day").withSpacer("-"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "day STRING, month STRING, year STRING, date STRING",
                row("01", "01", "2020", "2020-01-01"),
                row("02", "01", "2020", "2020-01-02"),
                row("03", "01", "2020", "2020-01-03"),
                row("04", "01", "2020", "2020-01-04")));
  }

  @Test
  void concatenateColumnsWritesTheNullValueAndCastsNumbers(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(ctx, "a STRING, n INT", row("x", 7), row(null, 8), row("z", null));

    FrameAssert.assertThat(in.apply("c", ConcatenateColumns.of("ac", "a", "n").withSpacer("/")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "a STRING, n INT, ac STRING",
                row("x", 7, "x/7"),
                row(null, 8, "/8"),
                row("z", null, "z/")));
    FrameAssert.assertThat(ConcatenateColumns.apply(in, "ac", List.of("n", "a"), null, "NA", "c2"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "a STRING, n INT, ac STRING",
                row("x", 7, "7x"),
                row(null, 8, "8NA"),
                row("z", null, "NAz")));

    assertThatThrownBy(() -> in.apply("c", ConcatenateColumns.of("ac", "a", "nn")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("ConcatenateColumns in step 'c': no field 'nn' in the frame");
  }

  // ------------------------------------------------------------------ Split string

  private static DynamicFrame products(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "product_id INT, categories STRING",
        row(1, "sports,winter"),
        row(2, "garden,tools"),
        row(3, "videogames"),
        row(4, "game,boardgame,social"));
  }

  @Test
  void splitStringGivesAwsCategoriesExample(DynaContext ctx) {
    DynamicFrame out =
        products(ctx)
            .apply(
                "Split_node1", SplitString.of("categories", ",").withArrayColumn("categories_arr"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "product_id INT, categories STRING, categories_arr ARRAY<STRING>",
                row(1, "sports,winter", List.of("sports", "winter")),
                row(2, "garden,tools", List.of("garden", "tools")),
                row(3, "videogames", List.of("videogames")),
                row(4, "game,boardgame,social", List.of("game", "boardgame", "social"))));
  }

  @Test
  void splitStringInPlaceOnAnEscapedDotAndItsChecks(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "ip STRING, n INT", row("10.0.0.1", 1), row(null, 2));

    FrameAssert.assertThat(SplitString.apply(in, "ip", "\\.", null, "split"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "ip ARRAY<STRING>, n INT",
                row(List.of("10", "0", "0", "1"), 1),
                row(null, 2)));

    assertThatThrownBy(() -> in.apply("s", SplitString.of("ipp", ",")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("SplitString in step 's': no field 'ipp' in the frame")
        .hasMessageContaining("closest: ip");
    assertThatThrownBy(() -> in.apply("s", SplitString.of("n", ",")))
        .hasMessage("SplitString in step 's': 'n' is int; Split String splits a string");
    assertThatThrownBy(() -> in.apply("s", SplitString.of("ip", "[")))
        .hasMessageStartingWith(
            "SplitString in step 's': the pattern '[' is not a regular expression");
  }

  // ------------------------------------------------------------------ Array to columns

  @Test
  void arrayToColumnsGivesAwsSubnetExample(DynaContext ctx) {
    DynamicFrame subnets =
        Frames.rows(
            ctx,
            "subnet ARRAY<STRING>",
            row(List.of("54", "240", "197", "238")),
            row(List.of("192", "168", "0", "1")),
            row(List.of("192", "168")),
            row(List.of()));

    DynamicFrame out =
        subnets.apply(
            "ArrayToColumns_node1",
            ArrayToColumns.of("subnet", "first_octect", "fourth_octect").atPositions(1, 4));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "subnet ARRAY<STRING>, first_octect STRING, fourth_octect STRING",
                row(List.of("54", "240", "197", "238"), "54", "238"),
                row(List.of("192", "168", "0", "1"), "192", "1"),
                row(List.of("192", "168"), "192", null),
                row(List.of(), null, null)));
  }

  @Test
  void arrayToColumnsTakesTheFirstElementsInOrderAndChecksItsInput(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(ctx, "xs ARRAY<INT>, s STRING", row(List.of(1, 2, 3), "a"), row(null, "b"));

    FrameAssert.assertThat(ArrayToColumns.apply(in, "xs", List.of("a1", "a2"), List.of(), "atc"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "xs ARRAY<INT>, s STRING, a1 INT, a2 INT",
                row(List.of(1, 2, 3), "a", 1, 2),
                row(null, "b", null, null)));

    assertThatThrownBy(() -> in.apply("a", ArrayToColumns.of("x", "a1")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("ArrayToColumns in step 'a': no field 'x' in the frame")
        .hasMessageContaining("closest: xs");
    assertThatThrownBy(() -> in.apply("a", ArrayToColumns.of("s", "a1")))
        .hasMessage(
            "ArrayToColumns in step 'a': 's' is string; Array To Columns takes an array column");
    assertThatThrownBy(() -> in.apply("a", ArrayToColumns.of("xs", "a1", "a2").atPositions(1)))
        .hasMessage(
            "ArrayToColumns in step 'a': 2 output columns [a1, a2] but 1 positions [1];"
                + " give one position for each column");
  }

  // ------------------------------------------------------------------ Current timestamp

  @Test
  void addCurrentTimestampPutsOneTimeOnEveryRow(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "id INT", row(1), row(2), row(3));
    Instant before = Instant.now().minusSeconds(1);

    DynamicFrame out = in.apply("AddTimestamp_node1", AddCurrentTimestamp.of());
    List<Row> rows = out.toDF().collectAsList();
    Instant after = Instant.now().plusSeconds(1);

    FrameAssert.assertThat(out.apply("drop", io.dynaframe.transforms.DropFields.of("timestamp")))
        .isEqualTo(in);
    assertThat(out.schemaString()).isEqualTo("root\n|-- id: int\n|-- timestamp: timestamp\n");
    Set<Timestamp> times = new HashSet<>();
    rows.forEach(r -> times.add(r.getTimestamp(1)));
    assertThat(times).hasSize(1);
    assertThat(times.iterator().next().toInstant()).isBetween(before, after);

    DynamicFrame text =
        AddCurrentTimestamp.apply(in, "loaded", "%Y-%m-%dT%H:%M", "AddTimestamp_node2");
    List<Row> textRows = text.toDF().collectAsList();
    assertThat(textRows)
        .allSatisfy(r -> assertThat(r.getString(1)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}"));
    assertThatThrownBy(
            () -> in.apply("now", AddCurrentTimestamp.of().withColumn("t").withFormat("%Q")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "AddCurrentTimestamp in step 'now': the format '%Q': the date code '%Q' has no Spark"
                + " equivalent");
  }

  // ------------------------------------------------------------------ To / format timestamp

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void toTimestampReadsEachDocumentedType(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "s DOUBLE, ms BIGINT, us BIGINT, iso STRING",
            row(1667400059.915, 1667400059915L, 1667400059915000L, "2022-11-02T14:40:59.915Z"),
            row(null, null, null, "soon"));

    DynamicFrame out =
        in.apply("t1", ToTimestamp.of("s", "seconds"))
            .apply("t2", ToTimestamp.of("ms", "milliseconds"))
            .apply("t3", ToTimestamp.of("us", "microseconds"))
            .apply("t4", ToTimestamp.of("iso", "iso").withNewColumn("iso_ts"));

    Timestamp t = at("2022-11-02T14:40:59.915Z");
    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "s TIMESTAMP, ms TIMESTAMP, us TIMESTAMP, iso STRING, iso_ts TIMESTAMP",
                row(t, t, t, "2022-11-02T14:40:59.915Z", t),
                row(null, null, null, "soon", null)));
  }

  @Test
  void toTimestampAutodetectGuessesTheUnitOrReadsIso(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "v STRING",
            row("1667400059"),
            row("1667400059000"),
            row("1667400059000000"),
            row("2022-11-02T14:40:59Z"),
            row("not a time"));

    FrameAssert.assertThat(ToTimestamp.apply(in, "v", "autodetect", "ts", "ToTimestamp_node1"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "v STRING, ts TIMESTAMP",
                row("1667400059", at("2022-11-02T14:40:59Z")),
                row("1667400059000", at("2022-11-02T14:40:59Z")),
                row("1667400059000000", at("2022-11-02T14:40:59Z")),
                row("2022-11-02T14:40:59Z", at("2022-11-02T14:40:59Z")),
                row("not a time", null)));

    assertThatThrownBy(() -> in.apply("t", ToTimestamp.of("v", "secs")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ToTimestamp in step 't': 'secs' is not a To Timestamp type; the types are [seconds,"
                + " milliseconds, microseconds, iso, autodetect]");
    assertThatThrownBy(() -> in.apply("t", ToTimestamp.of("vv", "iso")))
        .hasMessageStartingWith("ToTimestamp in step 't': no field 'vv' in the frame");
  }

  @Test
  void formatTimestampWithSparkPatternsOrPythonCodes(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(ctx, "at STRING", row("2023-01-01 00:00:00"), row("2023-07-14 18:05:09"))
            .apply("ts", ToTimestamp.of("at", "iso"));

    DynamicFrame out =
        in.apply("f1", FormatTimestamp.of("at", "yyyy-MM-dd HH:mm").withNewColumn("spark"))
            .apply("f2", FormatTimestamp.of("at", "%Y-%m-%d %H:%M").withNewColumn("python"))
            .apply("f3", FormatTimestamp.of("at", "%d/%m/%y at %H:%M:%S"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "at STRING, spark STRING, python STRING",
                row("01/01/23 at 00:00:00", "2023-01-01 00:00", "2023-01-01 00:00"),
                row("14/07/23 at 18:05:09", "2023-07-14 18:05", "2023-07-14 18:05")));

    assertThatThrownBy(() -> in.apply("f", FormatTimestamp.of("att", "yyyy")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("FormatTimestamp in step 'f': no field 'att' in the frame");
    DynamicFrame text = Frames.rows(ctx, "at STRING", row("x"));
    assertThatThrownBy(() -> text.apply("f", FormatTimestamp.of("at", "yyyy")))
        .hasMessage(
            "FormatTimestamp in step 'f': 'at' is string; Format Timestamp formats a timestamp or a"
                + " date");
  }

  // ------------------------------------------------------------------ Identifier

  @Test
  void identifierGivesEveryRowItsOwnId(DynaContext ctx) {
    DynamicFrame in = Frames.rows(ctx, "name STRING", row("a"), row("b"), row("c"), row("d"));

    DynamicFrame out = in.apply("Identifier_node1", Identifier.of());
    assertThat(out.schemaString()).isEqualTo("root\n|-- name: string\n|-- id: long\n");
    FrameAssert.assertThat(out.apply("drop", io.dynaframe.transforms.DropFields.of("id")))
        .isEqualTo(in);
    List<Row> rows = out.toDF().collectAsList();
    assertThat(rows.stream().map(r -> r.getLong(1)).distinct()).hasSize(4);

    long before = System.currentTimeMillis();
    DynamicFrame unique = Identifier.apply(in, "row_id", true, "Identifier_node2");
    long after = System.currentTimeMillis();
    assertThat(unique.schemaString())
        .isEqualTo("root\n|-- name: string\n|-- row_id: decimal(38,0)\n");
    List<BigDecimal> ids =
        unique.toDF().collectAsList().stream().map(r -> r.getDecimal(1)).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    BigDecimal scale = new BigDecimal("10000000000000000000");
    assertThat(ids)
        .allSatisfy(
            id ->
                assertThat(id.divideToIntegralValue(scale).longValueExact())
                    .isBetween(before, after));
  }

  // ------------------------------------------------------------------ Explode

  private static DynamicFrame categories(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "product_id INT, category ARRAY<STRING>",
        row(1, List.of("sports", "winter")),
        row(2, List.of("garden", "tools")),
        row(3, List.of("videogames")),
        row(4, List.of("game", "boardgame", "social")),
        row(5, List.of()));
  }

  @Test
  void explodeGivesAwsCategoryExampleWithNullsIncluded(DynaContext ctx) {
    DynamicFrame out =
        categories(ctx).apply("Explode_node1", Explode.of("category").includingNulls());

    // AWS's page prints "tool" for the input's "tools": a typo in the page, not a transformation
    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "product_id INT, category STRING",
                row(1, "sports"),
                row(1, "winter"),
                row(2, "garden"),
                row(2, "tools"),
                row(3, "videogames"),
                row(4, "game"),
                row(4, "boardgame"),
                row(4, "social"),
                row(5, null)));
  }

  @Test
  void explodeWithoutNullsIntoANewColumnAndMaps(DynaContext ctx) {
    DynamicFrame out =
        Explode.apply(categories(ctx), "category", "cat", null, false, "Explode_node2");
    FrameAssert.assertThat(
            out.apply("sel", io.dynaframe.transforms.SelectFields.of("product_id", "cat")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "product_id INT, cat STRING",
                row(1, "sports"),
                row(1, "winter"),
                row(2, "garden"),
                row(2, "tools"),
                row(3, "videogames"),
                row(4, "game"),
                row(4, "boardgame"),
                row(4, "social")));
    assertThat(out.schemaString())
        .isEqualTo(
            "root\n|-- product_id: int\n|-- category: array\n|    |-- element: string\n"
                + "|-- cat: string\n");

    DynamicFrame prices =
        Frames.rows(
            ctx,
            "item STRING, prices MAP<STRING, INT>",
            row("pen", Map.of("eu", 2)),
            row("ink", null));
    FrameAssert.assertThat(
            prices.apply("m", Explode.of("prices").withKeyColumn("region").includingNulls()))
        .isEqualTo(
            Frames.rows(
                ctx,
                "item STRING, region STRING, value INT",
                row("pen", "eu", 2),
                row("ink", null, null)));

    assertThatThrownBy(() -> prices.apply("e", Explode.of("price")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("Explode in step 'e': no field 'price' in the frame")
        .hasMessageContaining("closest: prices");
    assertThatThrownBy(() -> prices.apply("e", Explode.of("item")))
        .hasMessage("Explode in step 'e': 'item' is string; Explode takes an array or a map");
  }

  // ------------------------------------------------------------------ Aggregate

  private static DynamicFrame sales(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "region STRING, customer STRING, amount INT",
        row("north", "ann", 10),
        row("north", "ann", 20),
        row("north", "bob", 30),
        row("south", "cid", 5),
        row("south", null, null));
  }

  @Test
  void aggregateGroupsAndNamesColumnsAsSparkDoes(DynaContext ctx) {
    DynamicFrame out =
        sales(ctx)
            .apply(
                "Aggregate_node1",
                Aggregate.by("region")
                    .with("amount", "sum")
                    .with("customer", "countDistinct")
                    .with("amount", "avg")
                    .with("customer", "count"));

    FrameAssert.assertThat(out)
        .isEqualTo(
            Frames.rows(
                ctx,
                "region STRING, `sum(amount)` BIGINT, `count(DISTINCT customer)` BIGINT,"
                    + " `avg(amount)` DOUBLE, `count(customer)` BIGINT",
                row("north", 60L, 2L, 20.0, 3L),
                row("south", 5L, 1L, 5.0, 1L)));

    FrameAssert.assertThat(
            Aggregate.apply(
                sales(ctx),
                List.of(),
                List.of(List.of("amount", "max"), List.of("amount", "sumDistinct")),
                "agg2"))
        .isEqualTo(
            Frames.rows(ctx, "`max(amount)` INT, `sum(DISTINCT amount)` BIGINT", row(30, 65L)));

    assertThatThrownBy(() -> sales(ctx).apply("a", Aggregate.by("regon").with("amount", "sum")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("Aggregate in step 'a': no field 'regon' in the frame")
        .hasMessageContaining("closest: region");
    assertThatThrownBy(() -> sales(ctx).apply("a", Aggregate.by("region").with("amount", "summ")))
        .hasMessageStartingWith(
            "Aggregate in step 'a': 'summ' is not an aggregation function of Glue Studio;");
  }

  // ------------------------------------------------------------------ Pivot / Unpivot

  @Test
  void pivotTurnsValuesIntoColumns(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "year INT, month STRING, sales INT",
            row(2023, "Jan", 10),
            row(2023, "Jan", 5),
            row(2023, "Feb", 7),
            row(2024, "Jan", 1));

    FrameAssert.assertThat(
            in.apply("Pivot_node1", Pivot.of("sales", "sum", "month").forValues("Jan", "Feb")))
        .isEqualTo(
            Frames.rows(
                ctx, "year INT, Jan BIGINT, Feb BIGINT", row(2023, 15L, 7L), row(2024, 1L, null)));
    FrameAssert.assertThat(Pivot.apply(in, "sales", "max", List.of("month"), "Pivot_node2"))
        .isEqualTo(
            Frames.rows(ctx, "year INT, Feb INT, Jan INT", row(2023, 7, 10), row(2024, null, 1)));

    assertThatThrownBy(() -> in.apply("p", Pivot.of("sales", "sum", "mnth")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("Pivot in step 'p': no field 'mnth' in the frame")
        .hasMessageContaining("closest: month");
  }

  @Test
  void unpivotTurnsColumnsIntoRows(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "id INT, jan INT, feb BIGINT, note STRING",
            row(1, 10, 20L, "a"),
            row(2, null, 40L, "b"));

    FrameAssert.assertThat(in.apply("Unpivot_node1", Unpivot.of("month", "sales", "jan", "feb")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, note STRING, month STRING, sales BIGINT",
                row(1, "a", "jan", 10L),
                row(1, "a", "feb", 20L),
                row(2, "b", "jan", null),
                row(2, "b", "feb", 40L)));

    assertThatThrownBy(() -> in.apply("u", Unpivot.of("month", "sales", "jan", "fev")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("Unpivot in step 'u': no field 'fev' in the frame")
        .hasMessageContaining("closest: feb");
    assertThatThrownBy(() -> in.apply("u", Unpivot.of("month", "sales", "jan", "note")))
        .hasMessage(
            "Unpivot in step 'u': 'note' is string and 'jan' is int; the unpivoted columns' values"
                + " go into one column, so they need one type");
  }

  // ------------------------------------------------------------------ Autobalance

  @Test
  void autobalanceSpreadsTheSameRowsOverTheAskedPartitions(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "k STRING, v INT",
            row("a", 1),
            row("b", 2),
            row("a", 3),
            row("c", 4),
            row("b", 5));

    DynamicFrame random =
        in.apply("Autobalance_node1", AutobalanceProcessing.of().withPartitions(3));
    assertThat(random.getNumPartitions()).isEqualTo(3);
    FrameAssert.assertThat(random).isEqualTo(in);

    DynamicFrame byKey = AutobalanceProcessing.apply(in, 0, List.of("k"), "Autobalance_node2");
    assertThat(byKey.getNumPartitions()).isEqualTo(ctx.spark().sparkContext().defaultParallelism());
    FrameAssert.assertThat(byKey).isEqualTo(in);
    assertThat(
            byKey
                .toDF()
                .selectExpr("k", "spark_partition_id() AS p")
                .groupBy("k")
                .agg(org.apache.spark.sql.functions.countDistinct("p").as("n"))
                .where("n > 1")
                .count())
        .isZero();

    assertThatThrownBy(() -> in.apply("ab", AutobalanceProcessing.of().withColumns("key")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith("AutobalanceProcessing in step 'ab': no field 'key' in the frame");
  }

  // ------------------------------------------------------------------ SQL query

  @Test
  void sqlQueryReadsTheFramesByTheirAliasesAndLeavesNoView(DynaContext ctx) {
    DynamicFrame orders =
        Frames.rows(ctx, "id INT, cid INT, total INT", row(1, 7, 30), row(2, 8, 5), row(3, 7, 1));
    DynamicFrame customers = Frames.rows(ctx, "id INT, name STRING", row(7, "ann"), row(8, "bob"));

    DynamicFrame out =
        orders.apply(
            "SQLQuery_node1",
            SqlQuery.of(
                    "SELECT c.name, sum(o.total) AS spent FROM orders o JOIN customers c"
                        + " ON o.cid = c.id GROUP BY c.name")
                .as("orders")
                .withFrame("customers", customers));

    FrameAssert.assertThat(out)
        .isEqualTo(Frames.rows(ctx, "name STRING, spent BIGINT", row("ann", 31L), row("bob", 5L)));
    assertThat(ctx.spark().catalog().tableExists("orders")).isFalse();
    assertThat(ctx.spark().catalog().tableExists("customers")).isFalse();

    java.util.Map<String, DynamicFrame> mapping = new java.util.LinkedHashMap<>();
    mapping.put("myDataSource", orders);
    FrameAssert.assertThat(
            SqlQuery.apply("select id from myDataSource where total > 10", mapping, "SQL_node2"))
        .isEqualTo(Frames.rows(ctx, "id INT", row(1)));

    assertThatThrownBy(() -> orders.apply("sql", SqlQuery.of("select totl from myDataSource")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "SqlQuery in step 'sql': the query uses the column 'totl', which the frame does not"
                + " have")
        .hasMessageContaining("closest: total");
    assertThatThrownBy(() -> orders.apply("sql", SqlQuery.of("select * from ordrs")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "SqlQuery in step 'sql': the query reads the table `ordrs`, which is not one of its"
                + " inputs [myDataSource]");
    assertThat(ctx.spark().catalog().tableExists("myDataSource")).isFalse();
  }

  // ------------------------------------------------------------------ Conditional router

  @Test
  void conditionalRouterSendsRowsToEveryGroupTheyMeetAndTheRestToTheDefault(DynaContext ctx) {
    DynamicFrame people =
        Frames.rows(
            ctx,
            "name STRING, age INT",
            row("kid", 9),
            row("adult", 40),
            row("senior", 70),
            row("unknown", null));

    io.dynaframe.FrameCollection routed =
        people.apply(
            "ConditionalRouter_node1",
            ConditionalRouter.of()
                .withGroup("adults", "age >= 18")
                .withGroup("seniors", "age >= 65"));

    assertThat(routed.keys()).containsExactly("adults", "seniors", "default_group");
    FrameAssert.assertThat(routed.get("adults"))
        .isEqualTo(Frames.rows(ctx, "name STRING, age INT", row("adult", 40), row("senior", 70)));
    FrameAssert.assertThat(routed.get("seniors"))
        .isEqualTo(Frames.rows(ctx, "name STRING, age INT", row("senior", 70)));
    FrameAssert.assertThat(
            io.dynaframe.transforms.SelectFromCollection.apply(
                routed, "default_group", "SelectFromCollection_node1"))
        .isEqualTo(Frames.rows(ctx, "name STRING, age INT", row("kid", 9), row("unknown", null)));

    assertThatThrownBy(
            () -> people.apply("r", ConditionalRouter.of().withGroup("old", "agee > 60")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "ConditionalRouter in step 'r': the condition 'agee > 60' of group 'old' uses the"
                + " column 'agee', which the frame does not have")
        .hasMessageContaining("closest: age");
  }

  // ------------------------------------------------------------------ laziness

  @Test
  void applyingTheTransformsRunsNoSparkJob(DynaContext ctx) throws Exception {
    DynamicFrame in = products(ctx);
    JobCounter jobs = new JobCounter();
    ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
    ctx.spark().sparkContext().addSparkListener(jobs);
    try {
      DynamicFrame out =
          in.apply("split", SplitString.of("categories", ",").withArrayColumn("arr"))
              .apply("cols", ArrayToColumns.of("arr", "first"))
              .apply("explode", Explode.of("arr"))
              .apply("concat", ConcatenateColumns.of("c", "first", "arr").withSpacer(":"))
              .apply("derived", DerivedColumn.of("n", "length(c)"))
              .apply("id", Identifier.of())
              .apply("now", AddCurrentTimestamp.of())
              .apply("fmt", FormatTimestamp.of("timestamp", "%Y"))
              .apply("dd", DropDuplicates.onColumns("product_id"))
              .apply("flat", Flatten.of());
      assertThat(out.schema().fieldNames())
          .containsExactly("product_id", "categories", "arr", "first", "c", "n", "id", "timestamp");
      DynamicFrame grouped =
          out.apply("agg", Aggregate.by("product_id").with("n", "sum"))
              .apply("unpivot", Unpivot.of("name", "value", "sum(n)"))
              .apply("pivot", Pivot.of("value", "max", "name").forValues("sum(n)"))
              .apply("balance", AutobalanceProcessing.of().withColumns("product_id"))
              .apply("sql", SqlQuery.of("select * from myDataSource"));
      io.dynaframe.FrameCollection routed =
          grouped.apply("route", ConditionalRouter.of().withGroup("one", "product_id = 1"));
      assertThat(routed.keys()).containsExactly("one", "default_group");
      ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
      assertThat(jobs.jobs.get()).isZero();
    } finally {
      ctx.spark().sparkContext().removeSparkListener(jobs);
    }
  }

  static final class JobCounter extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      jobs.incrementAndGet();
    }
  }
}
