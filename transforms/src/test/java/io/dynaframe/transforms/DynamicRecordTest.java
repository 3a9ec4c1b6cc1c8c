package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The record view of Map, FlatMap and Filter: Glue's {@code DynamicRecord} reads, sets and drops
 * fields by path ({@code getField}, {@code addField}/{@code setField}, {@code dropField}, which
 * gives the dropped value unless the path goes through an array), and the output's schema is learnt
 * from the records returned.
 */
@SparkTest
class DynamicRecordTest {

  @Test
  void fieldsAreReadSetAndDroppedByPath() {
    LinkedHashMap<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Oslo");
    address.put("zip.code", "0150");
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    values.put("id", 1);
    values.put("address", address);
    LinkedHashMap<String, Object> item = new LinkedHashMap<>();
    item.put("sku", "a");
    item.put("n", 2);
    values.put("items", List.of(item));
    DynamicRecord r = DynamicRecord.of(values);

    assertThat(r.getField("address.city")).contains("Oslo");
    assertThat(r.getField("address.`zip.code`")).contains("0150");
    assertThat(r.getField("address.street")).isEmpty();
    assertThat(r.getField("id.x")).isEmpty();

    r.setField("address.geo.lat", 59.9).addField("name", "n");
    assertThat(r.toJson())
        .isEqualTo(
            "{\"id\":1,\"address\":{\"city\":\"Oslo\",\"zip.code\":\"0150\",\"geo\":{\"lat\":59.9}},"
                + "\"items\":[{\"sku\":\"a\",\"n\":2}],\"name\":\"n\"}");
    assertThat(r.dropField("address.city")).contains("Oslo");
    assertThat(r.dropField("address.city")).isEmpty();
    // through an array: dropped from every element, nothing returned (Glue's dropField)
    assertThat(r.dropField("items.sku")).isEqualTo(Optional.empty());
    assertThat(r.getField("items")).contains(List.of(java.util.Map.of("n", 2)));
    assertThat(r.fieldNames()).containsExactly("id", "address", "items", "name");

    assertThatThrownBy(() -> r.setField("id.x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot set field 'id.x': 'id' holds a int, not a struct");
    assertThatThrownBy(() -> r.setField("when", new java.util.Date(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field 'when': a frame cannot hold a java.util.Date");
  }

  @Test
  void mapLearnsTheOutputSchemaWithChoicesAndKeepsFailuresAsErrorRecords(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "id INT, price STRING, tags ARRAY<STRING>",
            row(1, "10", List.of("a")),
            row(2, "x", List.of()),
            row(3, null, List.of("c")),
            row(4, "boom", List.of()));

    DynamicFrame out =
        in.apply(
            "priced",
            Map.onRecords(
                rec -> {
                  String price = (String) rec.getField("price").orElse(null);
                  if ("boom".equals(price)) {
                    throw new IllegalStateException("cannot price record 4");
                  }
                  rec.dropField("price");
                  // a number where the text is one, else the text: a choice
                  rec.setField(
                      "price.value",
                      price != null && price.chars().allMatch(Character::isDigit)
                          ? (Object) Long.valueOf(price)
                          : price);
                  rec.setField("tagCount", ((List<?>) rec.getField("tags").get()).size());
                  return rec;
                }));

    assertThat(out.schemaString())
        .isEqualTo(
            """
            root
            |-- id: int
            |-- tags: array
            |    |-- element: string
            |-- price: struct
            |    |-- value: choice
            |    |    |-- long
            |    |    |-- string
            |-- tagCount: int
            """);
    FrameAssert.assertThat(
            out.toDF()
                .selectExpr(
                    "id", "tags", "price.value.long AS n", "price.value.string AS s", "tagCount"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, tags ARRAY<STRING>, n BIGINT, s STRING, tagCount INT",
                row(1, List.of("a"), 10L, null, 1),
                row(2, List.of(), null, "x", 0),
                row(3, List.of("c"), null, null, 1)));
    Row error = out.errorsAsDynamicFrame().toDF().collectAsList().get(0);
    assertThat(out.errorsCount()).isEqualTo(1);
    assertThat(error.toString()).contains("cannot price record 4");
  }

  @Test
  void flatMapAndFilterOnRecords(DynaContext ctx) {
    DynamicFrame in =
        Frames.rows(
            ctx,
            "order STRING, lines ARRAY<STRUCT<sku: STRING, n: INT>>",
            row("o1", List.of(row("a", 1), row("b", 0))),
            row("o2", List.of(row("c", 3))));

    DynamicFrame lines =
        in.apply(
            "lines",
            FlatMap.onRecords(
                rec -> {
                  List<DynamicRecord> out = new java.util.ArrayList<>();
                  for (Object l : (List<?>) rec.getField("lines").get()) {
                    DynamicRecord line = DynamicRecord.empty();
                    line.setField("order", rec.getField("order").get());
                    line.setField("line", l);
                    out.add(line);
                  }
                  return out;
                }));
    DynamicFrame kept =
        lines.apply("kept", Filter.onRecords(rec -> ((Integer) rec.getField("line.n").get()) > 0));

    FrameAssert.assertThat(kept)
        .isEqualTo(
            Frames.rows(
                ctx,
                "order STRING, line STRUCT<sku: STRING, n: INT>",
                row("o1", row("a", 1)),
                row("o2", row("c", 3))));
  }
}
