package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's documented examples of the DynamicFrame class and the transforms: AWS's input rebuilt,
 * AWS's printed schema and records asserted.
 */
@SparkTest
class AwsDocumentedExamplesTest {

  @TempDir Path dir;

  /**
   * Scala DynamicFrame class, {@code relationalize}: the people and their friends; the join keys
   * start at 1, in the order of the records.
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void relationalizePeopleAndFriends(DynaContext ctx) {
    DynamicFrame people =
        Frames.json(
            ctx,
            "{\"name\": \"Nancy\", \"age\": 47, \"friends\": [\"Fred\", \"Lakshmi\"]}",
            "{\"name\": \"Stephanie\", \"age\": 28, \"friends\": [\"Yao\", \"Phil\", \"Alvin\"]}",
            "{\"name\": \"Nathan\", \"age\": 54, \"friends\": [\"Nicolai\", \"Karen\"]}");

    FrameCollection tables =
        Relationalize.apply(people, dir.resolve("staging").toString(), "people", "");

    assertThat(tables.keys()).containsExactly("people", "people_friends");
    assertThat(tables.get("people").toDF().orderBy("friends").toJSON().collectAsList())
        .containsExactly(
            "{\"name\":\"Nancy\",\"age\":47,\"friends\":1}",
            "{\"name\":\"Stephanie\",\"age\":28,\"friends\":2}",
            "{\"name\":\"Nathan\",\"age\":54,\"friends\":3}");
    assertThat(
            tables
                .get("people_friends")
                .toDF()
                .orderBy("id", "index")
                .withColumnRenamed("friends.val", "val")
                .toJSON()
                .collectAsList())
        .containsExactly(
            "{\"id\":1,\"index\":0,\"val\":\"Fred\"}",
            "{\"id\":1,\"index\":1,\"val\":\"Lakshmi\"}",
            "{\"id\":2,\"index\":0,\"val\":\"Yao\"}",
            "{\"id\":2,\"index\":1,\"val\":\"Phil\"}",
            "{\"id\":2,\"index\":2,\"val\":\"Alvin\"}",
            "{\"id\":3,\"index\":0,\"val\":\"Nicolai\"}",
            "{\"id\":3,\"index\":1,\"val\":\"Karen\"}");
  }

  /**
   * Scala DynamicFrame class, {@code unbox}: an embedded JSON column becomes a struct whose fields
   * keep the JSON's key order ({@code state}, then {@code city}).
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void unboxAnEmbeddedJsonAddress(DynaContext ctx) {
    DynamicFrame df =
        Frames.rows(
            ctx,
            "name STRING, age INT, address STRING",
            row("Sally", 36, "{\"state\": \"NE\", \"city\": \"Omaha\"}"));
    assertThat(df.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- age: int
            |-- address: string
            """);

    DynamicFrame unboxed = df.apply(Unbox.of("address", "json"));

    assertThat(unboxed.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- age: int
            |-- address: struct
            |    |-- state: string
            |    |-- city: string
            """);
    FrameAssert.assertThat(unboxed)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, age INT, address STRUCT<state: STRING, city: STRING>",
                row("Sally", 36, row("NE", "Omaha"))));
  }

  /**
   * Python Unbox class, "Example for Unbox": the warehouse inventories. AWS's script quotes the
   * numbers ({@code "220"}) but prints them as {@code int}; the printed schema and rows are what
   * numbers give, so the input here holds numbers (quoted numbers stay strings here, as JSON
   * strings do in Glue's JSON reader). Key order as in the JSON; {@code pears} only ever null is
   * {@code null}.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-Unbox.html
   */
  @Test
  void unboxWarehouseInventories(DynaContext ctx) {
    DynamicFrame warehouse =
        Frames.rows(
            ctx,
            "warehouse_loc STRING, data STRING",
            row(
                "TX_WAREHOUSE",
                "{ \"strawberry\":220, \"pineapple\":560, \"mango\":350, \"pears\":null}"),
            row(
                "CA_WAREHOUSE",
                "{ \"strawberry\":34, \"pineapple\":123, \"mango\":42, \"pears\":null} "),
            row(
                "CO_WAREHOUSE",
                "{ \"strawberry\":340, \"pineapple\":180, \"mango\":2, \"pears\":null}"));

    DynamicFrame unboxed = Unbox.apply(warehouse, "data", "json", Options.empty(), "");

    assertThat(unboxed.schemaString())
        .isEqualTo(
            """
            root
            |-- warehouse_loc: string
            |-- data: struct
            |    |-- strawberry: int
            |    |-- pineapple: int
            |    |-- mango: int
            |    |-- pears: null
            """);
    assertThat(unboxed.toDF().toJSON().collectAsList())
        .containsExactly(
            "{\"warehouse_loc\":\"TX_WAREHOUSE\",\"data\":{\"strawberry\":220,\"pineapple\":560,\"mango\":350}}",
            "{\"warehouse_loc\":\"CA_WAREHOUSE\",\"data\":{\"strawberry\":34,\"pineapple\":123,\"mango\":42}}",
            "{\"warehouse_loc\":\"CO_WAREHOUSE\",\"data\":{\"strawberry\":340,\"pineapple\":180,\"mango\":2}}");
  }

  /**
   * Python Spigot class, "Example for Spigot", and the Scala class's {@code spigot}: the script
   * ends at the Spigot call and the sample is written; {@code topk} is the total number of records
   * written, the first ones of the frame.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-spigot.html
   */
  @Test
  void spigotWritesTheFirstTopkRecordsWithoutAnythingConsumingTheFrame(DynaContext ctx)
      throws IOException {
    DynamicFrame input =
        DynamicFrame.fromDF(ctx.spark().range(0, 30, 1, 3).toDF("n"), ctx, "dyf_input");
    String path = dir.resolve("Spigot").toString();

    DynamicFrame result = Spigot.apply(input, path, Options.of("topk", 10), "");

    // nothing consumed the result; the sample is there, the first 10 records of the frame
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(path))) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    assertThat(lines)
        .containsExactly(
            "{\"n\":0}",
            "{\"n\":1}",
            "{\"n\":2}",
            "{\"n\":3}",
            "{\"n\":4}",
            "{\"n\":5}",
            "{\"n\":6}",
            "{\"n\":7}",
            "{\"n\":8}",
            "{\"n\":9}");
    FrameAssert.assertThat(result).isEqualTo(input);
  }

  /**
   * Python DynamicFrame class, {@code unnest_ddb_json}: the export's {@code Item} wrapper goes, the
   * type descriptors go, the number {@code ColC} stays the exported text ({@code string}) and the
   * list {@code ColD} of nothing prints {@code array} of {@code null}. AWS prints the schemas only;
   * the rows are those of the input record.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void unnestDdbJsonOfAnExport(DynaContext ctx) {
    DynamicFrame export =
        Frames.json(
            ctx,
            "{\"Item\": {\"ColA\": {\"S\": \"a\"}, \"ColB\": {\"S\": \"b\"}, \"ColC\": {\"N\": \"12.50\"}, "
                + "\"ColD\": {\"L\": []}}}");
    assertThat(export.schemaString())
        .isEqualTo(
            """
            root
            |-- Item: struct
            |    |-- ColA: struct
            |    |    |-- S: string
            |    |-- ColB: struct
            |    |    |-- S: string
            |    |-- ColC: struct
            |    |    |-- N: string
            |    |-- ColD: struct
            |    |    |-- L: array
            |    |    |    |-- element: null
            """);

    DynamicFrame unnested = UnnestDDBJson.apply(export, "");

    assertThat(unnested.schemaString())
        .isEqualTo(
            """
            root
            |-- ColA: string
            |-- ColB: string
            |-- ColC: string
            |-- ColD: array
            |    |-- element: null
            """);
    assertThat(unnested.toDF().toJSON().collectAsList())
        .containsExactly("{\"ColA\":\"a\",\"ColB\":\"b\",\"ColC\":\"12.50\",\"ColD\":[]}");
  }

  /**
   * Python DynamicFrame class, {@code simplify_ddb_json}: the export's {@code Item} wrapper goes;
   * maps become structs at any depth, the number {@code updatedAt} and the sets of numbers and of
   * binaries stay strings, {@code NULL} is {@code null}. AWS prints the schemas only; the rows are
   * those of the input record.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void simplifyDdbJsonOfAnExport(DynaContext ctx) {
    DynamicFrame export =
        Frames.json(
            ctx,
            "{\"Item\": {\"parentMap\": {\"M\": {\"childMap\": {\"M\": {\"appName\": {\"S\": \"app\"}, "
                + "\"packageName\": {\"S\": \"com.example.app\"}, \"updatedAt\": {\"N\": \"1700000000\"}}}}}, "
                + "\"strings\": {\"SS\": [\"a\", \"b\"]}, \"numbers\": {\"NS\": [\"1\", \"2.5\"]}, "
                + "\"binaries\": {\"BS\": [\"aGk=\"]}, \"isDDBJson\": {\"BOOL\": true}, "
                + "\"nullValue\": {\"NULL\": true}}}");
    assertThat(export.schemaString())
        .isEqualTo(
            """
            root
            |-- Item: struct
            |    |-- parentMap: struct
            |    |    |-- M: struct
            |    |    |    |-- childMap: struct
            |    |    |    |    |-- M: struct
            |    |    |    |    |    |-- appName: struct
            |    |    |    |    |    |    |-- S: string
            |    |    |    |    |    |-- packageName: struct
            |    |    |    |    |    |    |-- S: string
            |    |    |    |    |    |-- updatedAt: struct
            |    |    |    |    |    |    |-- N: string
            |    |-- strings: struct
            |    |    |-- SS: array
            |    |    |    |-- element: string
            |    |-- numbers: struct
            |    |    |-- NS: array
            |    |    |    |-- element: string
            |    |-- binaries: struct
            |    |    |-- BS: array
            |    |    |    |-- element: string
            |    |-- isDDBJson: struct
            |    |    |-- BOOL: boolean
            |    |-- nullValue: struct
            |    |    |-- NULL: boolean
            """);

    DynamicFrame simplified = SimplifyDDBJson.apply(export);

    assertThat(simplified.schemaString())
        .isEqualTo(
            """
            root
            |-- parentMap: struct
            |    |-- childMap: struct
            |    |    |-- appName: string
            |    |    |-- packageName: string
            |    |    |-- updatedAt: string
            |-- strings: array
            |    |-- element: string
            |-- numbers: array
            |    |-- element: string
            |-- binaries: array
            |    |-- element: string
            |-- isDDBJson: boolean
            |-- nullValue: null
            """);
    assertThat(simplified.toDF().toJSON().collectAsList())
        .containsExactly(
            "{\"parentMap\":{\"childMap\":{\"appName\":\"app\",\"packageName\":\"com.example.app\","
                + "\"updatedAt\":\"1700000000\"}},\"strings\":[\"a\",\"b\"],\"numbers\":[\"1\",\"2.5\"],"
                + "\"binaries\":[\"aGk=\"],\"isDDBJson\":true}");
  }
}
