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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

  // ---- Python DynamicFrame class page, "Example" sections -------------------------------------

  private static final String DF_PAGE =
      "https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html";

  /**
   * The legislators' {@code persons_json} as AWS's crawler reads it, in the field order AWS prints;
   * the people are the first ones AWS's {@code select_fields} and {@code spigot} examples print.
   */
  private static DynamicFrame persons(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"family_name\": \"Collins\", \"name\": \"Michael Collins\", \"links\": [{\"note\": \"Wikipedia (en)\", "
                + "\"url\": \"https://en.wikipedia.org/wiki/Michael_Collins\"}], \"gender\": \"male\", "
                + "\"image\": \"https://theunitedstates.io/c.jpg\", \"identifiers\": [{\"scheme\": \"bioguide\", "
                + "\"identifier\": \"C000640\"}], \"other_names\": [{\"lang\": \"en\", \"note\": \"alternate\", "
                + "\"name\": \"Mike Collins\"}], \"sort_name\": \"Collins, Michael\", \"images\": [{\"url\": "
                + "\"https://theunitedstates.io/c.jpg\"}], \"given_name\": \"Michael\", \"birth_date\": \"1944-10-15\", "
                + "\"id\": \"p1\", \"contact_details\": [{\"type\": \"phone\", \"value\": \"202-225-1314\"}], "
                + "\"death_date\": \"2016-01-01\"}",
            "{\"family_name\": \"Huizenga\", \"name\": \"Bill Huizenga\", \"gender\": \"male\", "
                + "\"sort_name\": \"Huizenga, Bill\", \"given_name\": \"Bill\", \"birth_date\": \"1969-01-31\", \"id\": \"p2\"}",
            "{\"family_name\": \"Clawson\", \"name\": \"Curtis Clawson\", \"gender\": \"male\", "
                + "\"sort_name\": \"Clawson, Curtis\", \"given_name\": \"Curtis\", \"birth_date\": \"1959-09-28\", \"id\": \"p3\"}",
            "{\"family_name\": \"Solomon\", \"name\": \"Gerald Solomon\", \"gender\": \"male\", "
                + "\"sort_name\": \"Solomon, Gerald\", \"given_name\": \"Gerald\", \"birth_date\": \"1930-08-14\", \"id\": \"p4\"}")
        .withName("persons");
  }

  /** The {@code persons} schema AWS prints (the examples of apply_mapping, join, select_fields). */
  private static final String PERSONS_SCHEMA =
      """
      root
      |-- family_name: string
      |-- name: string
      |-- links: array
      |    |-- element: struct
      |    |    |-- note: string
      |    |    |-- url: string
      |-- gender: string
      |-- image: string
      |-- identifiers: array
      |    |-- element: struct
      |    |    |-- scheme: string
      |    |    |-- identifier: string
      |-- other_names: array
      |    |-- element: struct
      |    |    |-- lang: string
      |    |    |-- note: string
      |    |    |-- name: string
      |-- sort_name: string
      |-- images: array
      |    |-- element: struct
      |    |    |-- url: string
      |-- given_name: string
      |-- birth_date: string
      |-- id: string
      |-- contact_details: array
      |    |-- element: struct
      |    |    |-- type: string
      |    |    |-- value: string
      |-- death_date: string
      """;

  /**
   * "Example: Use apply_mapping to rename fields and change field types": only the mapped fields
   * stay, renamed, {@code birth_date} becomes a {@code date}; the page's type names are capitalised
   * ({@code "String"}, {@code "Date"}).
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void applyMappingRenamesAndRetypesThePersons(DynaContext ctx) {
    DynamicFrame persons = persons(ctx);
    assertThat(persons.schemaString()).isEqualTo(PERSONS_SCHEMA);

    DynamicFrame mapped =
        persons.apply(
            ApplyMapping.of(
                MappingSpec.of("family_name", "String", "last_name", "String"),
                MappingSpec.of("name", "String", "first_name", "String"),
                MappingSpec.of("birth_date", "String", "date_of_birth", "Date")));

    assertThat(mapped.schemaString())
        .isEqualTo(
            """
            root
            |-- last_name: string
            |-- first_name: string
            |-- date_of_birth: date
            """);
    FrameAssert.assertThat(mapped)
        .isEqualTo(
            Frames.rows(
                ctx,
                "last_name STRING, first_name STRING, date_of_birth DATE",
                row("Collins", "Michael Collins", java.sql.Date.valueOf("1944-10-15")),
                row("Huizenga", "Bill Huizenga", java.sql.Date.valueOf("1969-01-31")),
                row("Clawson", "Curtis Clawson", java.sql.Date.valueOf("1959-09-28")),
                row("Solomon", "Gerald Solomon", java.sql.Date.valueOf("1930-08-14"))));
  }

  /**
   * "Example: Use drop_fields to remove fields from a DynamicFrame": AWS's five friends records,
   * {@code age}, {@code location.county} and {@code friends.age} (inside the array) dropped.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void dropFieldsRemovesTopLevelNestedAndArrayFields(DynaContext ctx) {
    DynamicFrame friends =
        Frames.json(
            ctx,
            "{\"name\": \"Sally\", \"age\": 23, \"location\": {\"state\": \"WY\", \"county\": \"Fremont\"}, \"friends\": []}",
            "{\"name\": \"Varun\", \"age\": 34, \"location\": {\"state\": \"NE\", \"county\": \"Douglas\"}, \"friends\": [{\"name\": \"Arjun\", \"age\": 3}]}",
            "{\"name\": \"George\", \"age\": 52, \"location\": {\"state\": \"NY\"}, \"friends\": [{\"name\": \"Fred\"}, {\"name\": \"Amy\", \"age\": 15}]}",
            "{\"name\": \"Haruki\", \"age\": 21, \"location\": {\"state\": \"AK\", \"county\": \"Denali\"}}",
            "{\"name\": \"Sheila\", \"age\": 63, \"friends\": [{\"name\": \"Nancy\", \"age\": 22}]}");
    assertThat(friends.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- age: int
            |-- location: struct
            |    |-- state: string
            |    |-- county: string
            |-- friends: array
            |    |-- element: struct
            |    |    |-- name: string
            |    |    |-- age: int
            """);

    DynamicFrame dropped = friends.apply(DropFields.of("age", "location.county", "friends.age"));

    assertThat(dropped.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- location: struct
            |    |-- state: string
            |-- friends: array
            |    |-- element: struct
            |    |    |-- name: string
            """);
    FrameAssert.assertThat(dropped)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, location STRUCT<state: STRING>, friends ARRAY<STRUCT<name: STRING>>",
                row("Sally", row("WY"), List.of()),
                row("Varun", row("NE"), List.of(row("Arjun"))),
                row("George", row("NY"), List.of(row("Fred"), row("Amy"))),
                row("Haruki", row("AK"), null),
                row("Sheila", null, List.of(row("Nancy")))));
  }

  /**
   * "Example: Use filter to get a filtered selection of fields": the Medicare CSV read with {@code
   * from_options} and {@code withHeader}, filtered on {@code Provider State} in (CA, AL) and {@code
   * Provider City} in (SACRAMENTO, MONTGOMERY). AWS prints only the counts of its 163,065-record
   * file (163065 and 564); the input here is a few records of that file's shape, the output the
   * records the predicate keeps.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void filterKeepsTheRecordsThePredicateAccepts(DynaContext ctx) throws IOException {
    String header =
        "DRG Definition,Provider Id,Provider Name,Provider Street Address,Provider City,"
            + "Provider State,Provider Zip Code,Hospital Referral Region Description,"
            + "Total Discharges,Average Covered Charges,Average Total Payments,"
            + "Average Medicare Payments";
    String dothan =
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10001,SOUTHEAST ALABAMA MEDICAL CENTER,"
            + "1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,AL - Dothan,91,$32963.07,$5777.24,$4763.73";
    String montgomery =
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10023,BAPTIST MEDICAL CENTER SOUTH,"
            + "2105 EAST SOUTH BOULEVARD,MONTGOMERY,AL,36116,AL - Montgomery,67,$16920.79,$6653.80,$5374.14";
    String sacramento =
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,50108,SUTTER GENERAL HOSPITAL,2801 L STREET,"
            + "SACRAMENTO,CA,95816,CA - Sacramento,25,$80410.36,$16010.32,$14846.64";
    String montgomeryTx =
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,450000,MONTGOMERY HOSPITAL,1 MAIN ST,"
            + "MONTGOMERY,TX,77356,TX - Houston,11,$20000.00,$6000.00,$5000.00";
    Path p = dir.resolve("Medicare_Hospital_Provider.csv");
    Files.writeString(
        p, String.join("\n", header, dothan, montgomery, sacramento, montgomeryTx) + "\n");
    DynamicFrame medicare =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(p.toString())),
            "csv",
            Options.of("withHeader", true),
            "");

    DynamicFrame sacOrMon =
        medicare.apply(
            Filter.of(
                r ->
                    List.of("CA", "AL").contains(r.<String>getAs("Provider State"))
                        && List.of("SACRAMENTO", "MONTGOMERY")
                            .contains(r.<String>getAs("Provider City"))));

    assertThat(medicare.count()).isEqualTo(4);
    assertThat(sacOrMon.count()).isEqualTo(2);
    FrameAssert.assertThat(sacOrMon)
        .isEqualTo(Frames.csv(ctx, true, header, montgomery, sacramento));
  }

  /** The legislators' {@code memberships_json}, in the field order AWS prints. */
  private static DynamicFrame memberships(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"area_id\": \"ocd-division/country:us/state:ny/cd:27\", \"on_behalf_of_id\": \"party/republican\", "
                + "\"organization_id\": \"org1\", \"role\": \"member\", \"person_id\": \"p1\", "
                + "\"legislative_period_id\": \"term/113\", \"start_date\": \"2013-01-03\", \"end_date\": \"2015-01-03\"}")
        .withName("memberships");
  }

  /** The legislators' {@code organizations_json}, in the field order AWS prints. */
  private static DynamicFrame orgs(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"identifiers\": [{\"scheme\": \"wikidata\", \"identifier\": \"Q11701\"}], \"other_names\": "
                + "[{\"lang\": \"en\", \"note\": \"multilingual\", \"name\": \"House\"}], \"id\": \"org1\", "
                + "\"classification\": \"legislature\", \"name\": \"House of Representatives\", \"links\": "
                + "[{\"note\": \"website\", \"url\": \"http://house.gov\"}], \"image\": \"https://house.gov/h.png\", "
                + "\"seats\": 435, \"type\": \"lower house\"}")
        .withName("orgs");
  }

  /** Each top-level field of a printed schema with the type its line prints. */
  private static java.util.Map<String, String> topLevel(String printed) {
    java.util.Map<String, String> fields = new java.util.TreeMap<>();
    for (String line : printed.split("\n")) {
      if (line.startsWith("|-- ")) {
        int colon = line.lastIndexOf(": ");
        fields.put(line.substring(4, colon), line.substring(colon + 2));
      }
    }
    return fields;
  }

  /**
   * "Example: Use join to combine DynamicFrames": persons joined with memberships, the orgs (their
   * {@code other_names} and {@code identifiers} dropped, {@code id} and {@code name} renamed)
   * joined with that, the keys dropped. AWS prints the 25 fields of {@code legislators_combined} in
   * an order of its own (not the frames' order); the fields and their types are AWS's, one {@code
   * links} and one {@code image}.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void joinCombinesThreeFrames(DynaContext ctx) {
    DynamicFrame persons = persons(ctx);
    DynamicFrame memberships = memberships(ctx);
    DynamicFrame orgs = orgs(ctx);
    assertThat(memberships.schemaString())
        .isEqualTo(
            """
            root
            |-- area_id: string
            |-- on_behalf_of_id: string
            |-- organization_id: string
            |-- role: string
            |-- person_id: string
            |-- legislative_period_id: string
            |-- start_date: string
            |-- end_date: string
            """);
    assertThat(orgs.schemaString()).isEqualTo(ORGS_SCHEMA);

    DynamicFrame personsMemberships = Join.apply(persons, memberships, "id", "person_id");
    DynamicFrame orgsKept =
        orgs.apply(DropFields.of("other_names", "identifiers"))
            .apply(RenameField.of("id", "org_id"))
            .apply(RenameField.of("name", "org_name"));
    DynamicFrame combined =
        Join.apply(orgsKept, personsMemberships, "org_id", "organization_id")
            .apply(DropFields.of("person_id", "org_id"));

    assertThat(topLevel(combined.schemaString()))
        .isEqualTo(
            topLevel(
                """
                root
                |-- role: string
                |-- seats: int
                |-- org_name: string
                |-- links: array
                |-- type: string
                |-- sort_name: string
                |-- area_id: string
                |-- images: array
                |-- on_behalf_of_id: string
                |-- other_names: array
                |-- contact_details: array
                |-- name: string
                |-- birth_date: string
                |-- organization_id: string
                |-- gender: string
                |-- classification: string
                |-- legislative_period_id: string
                |-- identifiers: array
                |-- image: string
                |-- given_name: string
                |-- start_date: string
                |-- family_name: string
                |-- id: string
                |-- death_date: string
                |-- end_date: string
                """));
    FrameAssert.assertThat(
            combined.toDF().select("family_name", "org_name", "seats", "role", "image"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "family_name STRING, org_name STRING, seats INT, role STRING, image STRING",
                row(
                    "Collins",
                    "House of Representatives",
                    435,
                    "member",
                    "https://theunitedstates.io/c.jpg")));
  }

  /** The {@code organizations_json} schema AWS prints. */
  private static final String ORGS_SCHEMA =
      """
      root
      |-- identifiers: array
      |    |-- element: struct
      |    |    |-- scheme: string
      |    |    |-- identifier: string
      |-- other_names: array
      |    |-- element: struct
      |    |    |-- lang: string
      |    |    |-- note: string
      |    |    |-- name: string
      |-- id: string
      |-- classification: string
      |-- name: string
      |-- links: array
      |    |-- element: struct
      |    |    |-- note: string
      |    |    |-- url: string
      |-- image: string
      |-- seats: int
      |-- type: string
      """;

  /**
   * "Example: Use rename_field to rename fields in a DynamicFrame": {@code id} and {@code name}
   * renamed by chaining. AWS prints the renamed fields after {@code classification}; here a renamed
   * field keeps its place (README, "Where dynaframe differs from Glue"), the fields and types are
   * AWS's.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void renameFieldRenamesByChaining(DynaContext ctx) {
    DynamicFrame orgs = orgs(ctx);
    assertThat(orgs.schemaString()).isEqualTo(ORGS_SCHEMA);

    DynamicFrame renamed =
        orgs.apply(RenameField.of("id", "org_id")).apply(RenameField.of("name", "org_name"));

    String aws =
        """
        root
        |-- identifiers: array
        |    |-- element: struct
        |    |    |-- scheme: string
        |    |    |-- identifier: string
        |-- other_names: array
        |    |-- element: struct
        |    |    |-- lang: string
        |    |    |-- note: string
        |    |    |-- name: string
        |-- classification: string
        |-- org_id: string
        |-- org_name: string
        |-- links: array
        |    |-- element: struct
        |    |    |-- note: string
        |    |    |-- url: string
        |-- image: string
        |-- seats: int
        |-- type: string
        """;
    assertThat(topLevel(renamed.schemaString())).isEqualTo(topLevel(aws));
    assertThat(renamed.schemaString())
        .isEqualTo(
            aws.replace(
                "|-- classification: string\n|-- org_id: string\n",
                "|-- org_id: string\n|-- classification: string\n"));
    assertThat(renamed.toDF().select("org_id", "org_name").collectAsList().toString())
        .isEqualTo("[[org1,House of Representatives]]");
  }

  /**
   * "Example: Use select_fields to create a new DynamicFrame with chosen fields": the names AWS
   * prints first.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void selectFieldsKeepsTheChosenFields(DynaContext ctx) {
    DynamicFrame names = persons(ctx).apply(SelectFields.of("family_name", "given_name"));

    assertThat(names.schemaString())
        .isEqualTo(
            """
            root
            |-- family_name: string
            |-- given_name: string
            """);
    FrameAssert.assertThat(names)
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                "family_name STRING, given_name STRING",
                row("Collins", "Michael"),
                row("Huizenga", "Bill"),
                row("Clawson", "Curtis"),
                row("Solomon", "Gerald")));
  }

  /** The schema of {@code l_root_contact_details}, as AWS prints it. */
  private static final String CONTACT_DETAILS_DDL =
      "id BIGINT, index INT, `contact_details.val.type` STRING, `contact_details.val.value` STRING";

  /** Rows of {@code l_root_contact_details} (id, index, type, value). */
  private static Row[] contacts(Object... values) {
    Row[] rows = new Row[values.length / 4];
    for (int i = 0; i < rows.length; i++) {
      rows[i] =
          row(
              ((Number) values[4 * i]).longValue(),
              values[4 * i + 1],
              values[4 * i + 2],
              values[4 * i + 3]);
    }
    return rows;
  }

  /** The {@code l_root_contact_details} rows AWS's split_rows example prints, ids 1 to 8. */
  private static final Object[] CONTACTS_LOW = {
    1, 0, "phone", "202-225-5265",
    1, 1, "twitter", "kathyhochul",
    2, 0, "phone", "202-225-3252",
    2, 1, "twitter", "repjackyrosen",
    3, 0, "fax", "202-225-1314",
    3, 1, "phone", "202-225-3772",
    3, 2, "twitter", "MikeRossUpdates",
    4, 0, "fax", "202-225-1314",
    4, 1, "phone", "202-225-3772",
    4, 2, "twitter", "MikeRossUpdates",
    5, 0, "fax", "202-225-1314",
    5, 1, "phone", "202-225-3772",
    5, 2, "twitter", "MikeRossUpdates",
    6, 0, "fax", "202-225-1314",
    6, 1, "phone", "202-225-3772",
    6, 2, "twitter", "MikeRossUpdates",
    7, 0, "fax", "202-225-1314",
    7, 1, "phone", "202-225-3772",
    7, 2, "twitter", "MikeRossUpdates",
    8, 0, "fax", "202-225-1314"
  };

  /** The rows with ids above 10 that AWS's split_rows example prints. */
  private static final Object[] CONTACTS_HIGH = {
    11, 0, "phone", "202-225-5476",
    11, 1, "twitter", "RepDavidYoung",
    12, 0, "phone", "202-225-4035",
    12, 1, "twitter", "RepStephMurphy",
    13, 0, "fax", "202-226-0774",
    13, 1, "phone", "202-225-6335",
    14, 0, "fax", "202-226-0774",
    14, 1, "phone", "202-225-6335",
    15, 0, "fax", "202-226-0774",
    15, 1, "phone", "202-225-6335",
    16, 0, "fax", "202-226-0774",
    16, 1, "phone", "202-225-6335",
    17, 0, "fax", "202-226-0774",
    17, 1, "phone", "202-225-6335",
    18, 0, "fax", "202-226-0774",
    18, 1, "phone", "202-225-6335",
    19, 0, "fax", "202-226-0774",
    19, 1, "phone", "202-225-6335",
    20, 0, "fax", "202-226-0774",
    20, 1, "phone", "202-225-6335"
  };

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * "Example: Use split_fields to split selected fields into a separate DynamicFrame": {@code id}
   * and {@code index} split off into {@code left}, the rest in {@code right}.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void splitFieldsSplitsOffIdAndIndex(DynaContext ctx) {
    DynamicFrame frameToSplit = Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(CONTACTS_LOW));
    assertThat(frameToSplit.schemaString())
        .isEqualTo(
            """
            root
            |-- id: long
            |-- index: int
            |-- contact_details.val.type: string
            |-- contact_details.val.value: string
            """);

    FrameCollection split =
        frameToSplit.apply(SplitFields.of("id", "index").withNames("left", "right"));

    assertThat(split.keys()).containsExactly("left", "right");
    assertThat(split.select("left").schemaString())
        .isEqualTo(
            """
            root
            |-- id: long
            |-- index: int
            """);
    assertThat(split.select("right").schemaString())
        .isEqualTo(
            """
            root
            |-- contact_details.val.type: string
            |-- contact_details.val.value: string
            """);
    FrameAssert.assertThat(split.select("left"))
        .isEqualTo(frameToSplit.toDF().select("id", "index"));
    FrameAssert.assertThat(split.select("right"))
        .isEqualTo(
            frameToSplit
                .toDF()
                .select("`contact_details.val.type`", "`contact_details.val.value`"));
  }

  /**
   * "Example: Use split_rows to split rows in a DynamicFrame": {@code {"id": {">": 10}}} into
   * {@code high} and {@code low}; the rows are the ones AWS prints for each.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void splitRowsSplitsOnTheId(DynaContext ctx) {
    DynamicFrame frameToSplit =
        Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(concat(CONTACTS_LOW, CONTACTS_HIGH)));

    FrameCollection split =
        frameToSplit.apply(
            SplitRows.of(java.util.Map.of("id", java.util.Map.of(">", 10)))
                .withNames("high", "low"));

    assertThat(split.keys()).containsExactly("high", "low");
    FrameAssert.assertThat(split.select("low"))
        .isEqualTo(Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(CONTACTS_LOW)));
    FrameAssert.assertThat(split.select("high"))
        .isEqualTo(Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(CONTACTS_HIGH)));
  }

  /**
   * "Example: Use mergeDynamicFrame to merge two DynamicFrames based on a primary key": {@code
   * high} merged with the staging frame {@code low} on {@code id}; AWS prints the merged rows of
   * ids 1 (a staging record no source record matches: it is in the result) and 20.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void mergeDynamicFrameMergesOnThePrimaryKey(DynaContext ctx) {
    Object[] low = {
      1, 0, "fax", "202-225-3307",
      1, 1, "phone", "202-225-5731",
      2, 0, "fax", "202-225-3307",
      2, 1, "phone", "202-225-5731",
      10, 0, "fax", "202-225-6328",
      10, 1, "phone", "202-225-4576"
    };
    Object[] high = {
      11, 0, "fax", "202-225-6328",
      11, 1, "phone", "202-225-4576",
      11, 2, "twitter", "RepTrentFranks",
      20, 0, "fax", "202-225-5604",
      20, 1, "phone", "202-225-6536",
      20, 2, "twitter", "USRepLong"
    };
    DynamicFrame frameLow = Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(low));
    DynamicFrame frameHigh = Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(high));

    DynamicFrame merged = frameHigh.apply(MergeDynamicFrames.with(frameLow, "id"));

    FrameAssert.assertThat(merged.toDF().where("id = 1 or id= 20").orderBy("id", "index"))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                    ctx,
                    CONTACT_DETAILS_DDL,
                    contacts(
                        1,
                        0,
                        "fax",
                        "202-225-3307",
                        1,
                        1,
                        "phone",
                        "202-225-5731",
                        20,
                        0,
                        "fax",
                        "202-225-5604",
                        20,
                        1,
                        "phone",
                        "202-225-6536",
                        20,
                        2,
                        "twitter",
                        "USRepLong"))
                .toDF());
    FrameAssert.assertThat(merged)
        .isEqualTo(Frames.rows(ctx, CONTACT_DETAILS_DDL, contacts(concat(low, high))));
  }

  /**
   * "Example: Use relationalize to flatten a nested schema in a DynamicFrame": {@code
   * legislators_combined} relationalized into {@code l_root} and one table per array, named with an
   * underscore; {@code l_root_contact_details} links back with {@code id} and {@code index}. AWS
   * lists the keys in an order of its own; the keys are AWS's.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void relationalizeLegislatorsCombined(DynaContext ctx) {
    DynamicFrame combined =
        Frames.json(
            ctx,
            "{\"role\": \"member\", \"links\": [{\"note\": \"website\", \"url\": \"http://a.gov\"}], "
                + "\"images\": [{\"url\": \"http://a.gov/a.jpg\"}], \"other_names\": [{\"note\": \"n\", \"name\": \"A\", \"lang\": \"en\"}], "
                + "\"contact_details\": [{\"type\": \"fax\", \"value\": \"202-225-4160\"}, {\"type\": \"phone\", \"value\": \"202-225-3436\"}], "
                + "\"identifiers\": [{\"scheme\": \"bioguide\", \"identifier\": \"A1\"}], \"id\": \"p1\"}",
            "{\"role\": \"member\", \"links\": [], \"images\": [], \"other_names\": [], "
                + "\"contact_details\": [{\"type\": \"fax\", \"value\": \"202-225-6791\"}, {\"type\": \"phone\", \"value\": \"202-225-2861\"}, "
                + "{\"type\": \"twitter\", \"value\": \"RepSamFarr\"}], \"identifiers\": [], \"id\": \"p2\"}");

    FrameCollection relationalized =
        Relationalize.apply(combined, dir.resolve("tmpDir").toString(), "l_root", "");

    assertThat(relationalized.keys())
        .containsExactlyInAnyOrder(
            "l_root",
            "l_root_images",
            "l_root_links",
            "l_root_other_names",
            "l_root_contact_details",
            "l_root_identifiers");
    assertThat(combined.apply(SelectFields.of("contact_details")).schemaString())
        .isEqualTo(
            """
            root
            |-- contact_details: array
            |    |-- element: struct
            |    |    |-- type: string
            |    |    |-- value: string
            """);
    FrameAssert.assertThat(
            relationalized.select("l_root_contact_details").toDF().orderBy("id", "index"))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                    ctx,
                    CONTACT_DETAILS_DDL,
                    contacts(
                        1,
                        0,
                        "fax",
                        "202-225-4160",
                        1,
                        1,
                        "phone",
                        "202-225-3436",
                        2,
                        0,
                        "fax",
                        "202-225-6791",
                        2,
                        1,
                        "phone",
                        "202-225-2861",
                        2,
                        2,
                        "twitter",
                        "RepSamFarr"))
                .toDF());
  }

  /** The fields of {@code mapped_medicare} as AWS's map example prints them. */
  private static final String MAPPED_MEDICARE_DDL =
      "`Average Total Payments` STRING, `Average Covered Charges` STRING, `DRG Definition` STRING, "
          + "`Average Medicare Payments` STRING, `Hospital Referral Region Description` STRING, "
          + "Address STRUCT<`Zip.Code`: STRING, City: STRING, `Array`: ARRAY<STRING>, State: STRING, "
          + "Street: STRING>, `Provider Id` STRING, `Total Discharges` STRING, `Provider Name` STRING";

  /**
   * "Example: Use map to apply a function to every record in a DynamicFrame": {@code MergeAddress}
   * merges the four address fields into one {@code Address} struct (with {@code Zip.Code}, a name
   * with a dot, and an {@code Array}). A Java map function names its output schema; given in the
   * order AWS prints, the frame prints AWS's schema.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void mapMergesTheAddressFields(DynaContext ctx) throws IOException {
    Path p = dir.resolve("medicare.csv");
    Files.writeString(
        p,
        "DRG Definition,Provider Id,Provider Name,Provider Street Address,Provider City,"
            + "Provider State,Provider Zip Code,Hospital Referral Region Description,"
            + "Total Discharges,Average Covered Charges,Average Total Payments,"
            + "Average Medicare Payments\n"
            + "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10001,SOUTHEAST ALABAMA MEDICAL CENTER,"
            + "1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,AL - Dothan,91,$32963.07,$5777.24,$4763.73\n");
    DynamicFrame medicare =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(p.toString())),
            "csv",
            Options.of("withHeader", true),
            "");
    org.apache.spark.sql.types.StructType out =
        org.apache.spark.sql.types.StructType.fromDDL(MAPPED_MEDICARE_DDL);

    DynamicFrame mapped =
        medicare.apply(
            io.dynaframe.transforms.Map.of(
                    rec -> {
                      String street = rec.getAs("Provider Street Address");
                      String city = rec.getAs("Provider City");
                      String state = rec.getAs("Provider State");
                      String zip = rec.getAs("Provider Zip Code");
                      return RowFactory.create(
                          rec.getAs("Average Total Payments"),
                          rec.getAs("Average Covered Charges"),
                          rec.getAs("DRG Definition"),
                          rec.getAs("Average Medicare Payments"),
                          rec.getAs("Hospital Referral Region Description"),
                          RowFactory.create(
                              zip, city, new String[] {street, city, state, zip}, state, street),
                          rec.getAs("Provider Id"),
                          rec.getAs("Total Discharges"),
                          rec.getAs("Provider Name"));
                    })
                .withOutputSchema(io.dynaframe.types.SparkTypes.fromSpark(out)));

    assertThat(mapped.schemaString())
        .isEqualTo(
            """
            root
            |-- Average Total Payments: string
            |-- Average Covered Charges: string
            |-- DRG Definition: string
            |-- Average Medicare Payments: string
            |-- Hospital Referral Region Description: string
            |-- Address: struct
            |    |-- Zip.Code: string
            |    |-- City: string
            |    |-- Array: array
            |    |    |-- element: string
            |    |-- State: string
            |    |-- Street: string
            |-- Provider Id: string
            |-- Total Discharges: string
            |-- Provider Name: string
            """);
    FrameAssert.assertThat(mapped)
        .isEqualTo(
            Frames.rows(
                ctx,
                MAPPED_MEDICARE_DDL,
                row(
                    "$5777.24",
                    "$32963.07",
                    "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC",
                    "$4763.73",
                    "AL - Dothan",
                    row(
                        "36301",
                        "DOTHAN",
                        List.of("1108 ROSS CLARK CIRCLE", "DOTHAN", "AL", "36301"),
                        "AL",
                        "1108 ROSS CLARK CIRCLE"),
                    "10001",
                    "91",
                    "SOUTHEAST ALABAMA MEDICAL CENTER")));
  }

  /**
   * The same example with AWS's {@code MergeAddress} ported line by line onto {@link
   * DynamicRecord}: fields set and dropped by path, no output schema declared. The frame holds
   * AWS's printed fields and types and AWS's record; the fields come in the order the function made
   * them (README, "Where dynaframe differs from Glue": Glue prints them in an order of its own).
   */
  @Test
  void mapMergesTheAddressFieldsOnRecordViews(DynaContext ctx) throws IOException {
    Path p = dir.resolve("medicare-view.csv");
    Files.writeString(
        p,
        "DRG Definition,Provider Id,Provider Name,Provider Street Address,Provider City,"
            + "Provider State,Provider Zip Code,Hospital Referral Region Description,"
            + "Total Discharges,Average Covered Charges,Average Total Payments,"
            + "Average Medicare Payments\n"
            + "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10001,SOUTHEAST ALABAMA MEDICAL CENTER,"
            + "1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,AL - Dothan,91,$32963.07,$5777.24,$4763.73\n");
    DynamicFrame medicare =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(p.toString())),
            "csv",
            Options.of("withHeader", true),
            "");

    DynamicFrame mapped =
        medicare.apply(
            "mapped_medicare",
            io.dynaframe.transforms.Map.onRecords(
                rec -> {
                  rec.setField("Address", java.util.Map.of());
                  rec.setField("Address.Street", field(rec, "Provider Street Address"));
                  rec.setField("Address.City", field(rec, "Provider City"));
                  rec.setField("Address.State", field(rec, "Provider State"));
                  rec.setField("Address.`Zip.Code`", field(rec, "Provider Zip Code"));
                  rec.setField(
                      "Address.Array",
                      List.of(
                          field(rec, "Provider Street Address"),
                          field(rec, "Provider City"),
                          field(rec, "Provider State"),
                          field(rec, "Provider Zip Code")));
                  rec.dropField("Provider Street Address");
                  rec.dropField("Provider City");
                  rec.dropField("Provider State");
                  rec.dropField("Provider Zip Code");
                  return rec;
                }));

    // AWS's printSchema() of mapped_medicare, field by field (in AWS's order)
    assertThat(leaves(mapped.schema(), ""))
        .containsExactlyInAnyOrder(
            "Average Total Payments: string",
            "Average Covered Charges: string",
            "DRG Definition: string",
            "Average Medicare Payments: string",
            "Hospital Referral Region Description: string",
            "Address: struct",
            "Address.Zip.Code: string",
            "Address.City: string",
            "Address.Array: array<string>",
            "Address.State: string",
            "Address.Street: string",
            "Provider Id: string",
            "Total Discharges: string",
            "Provider Name: string");
    FrameAssert.assertThat(mapped)
        .isEqualTo(
            Frames.rows(
                ctx,
                "`DRG Definition` STRING, `Provider Id` STRING, `Provider Name` STRING, "
                    + "`Hospital Referral Region Description` STRING, `Total Discharges` STRING, "
                    + "`Average Covered Charges` STRING, `Average Total Payments` STRING, "
                    + "`Average Medicare Payments` STRING, Address STRUCT<Street: STRING, "
                    + "City: STRING, State: STRING, `Zip.Code`: STRING, `Array`: ARRAY<STRING>>",
                row(
                    "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC",
                    "10001",
                    "SOUTHEAST ALABAMA MEDICAL CENTER",
                    "AL - Dothan",
                    "91",
                    "$32963.07",
                    "$5777.24",
                    "$4763.73",
                    row(
                        "1108 ROSS CLARK CIRCLE",
                        "DOTHAN",
                        "AL",
                        "36301",
                        List.of("1108 ROSS CLARK CIRCLE", "DOTHAN", "AL", "36301")))));
    assertThat(mapped.errorsCount()).isZero();
  }

  private static Object field(DynamicRecord rec, String name) {
    return rec.getField("`" + name + "`").orElse(null);
  }

  /** Every field of a schema as {@code path: type}, nested struct fields under their struct. */
  private static List<String> leaves(io.dynaframe.types.StructType s, String prefix) {
    List<String> out = new java.util.ArrayList<>();
    for (io.dynaframe.types.Field f : s.fields()) {
      if (f.type() instanceof io.dynaframe.types.StructType inner) {
        out.add(prefix + f.name() + ": struct");
        out.addAll(leaves(inner, prefix + f.name() + "."));
      } else if (f.type() instanceof io.dynaframe.types.ArrayType a) {
        out.add(prefix + f.name() + ": array<" + a.elementType().typeName() + ">");
      } else {
        out.add(prefix + f.name() + ": " + f.type().typeName());
      }
    }
    return out;
  }

  /** The first record of {@code mapped_medicare}. */
  private static Row mappedMedicareRow(String street, String city, String zip) {
    return row(
        "$5777.24",
        "$32963.07",
        "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC",
        "$4763.73",
        "AL - Dothan",
        row(zip, city, List.of(street, city, "AL", zip), "AL", street),
        "10001",
        "91",
        "SOUTHEAST ALABAMA MEDICAL CENTER");
  }

  /**
   * "Example: Use unnest to turn nested fields into top-level fields": {@code Address}'s fields
   * become {@code Address.Zip.Code}, {@code Address.City}, ... at the top level.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void unnestTurnsTheAddressIntoTopLevelFields(DynaContext ctx) {
    DynamicFrame mappedMedicare =
        Frames.rows(
            ctx,
            MAPPED_MEDICARE_DDL,
            mappedMedicareRow("1108 ROSS CLARK CIRCLE", "DOTHAN", "36301"));

    DynamicFrame unnested = Unnest.apply(mappedMedicare, "");

    assertThat(unnested.schemaString())
        .isEqualTo(
            """
            root
            |-- Average Total Payments: string
            |-- Average Covered Charges: string
            |-- DRG Definition: string
            |-- Average Medicare Payments: string
            |-- Hospital Referral Region Description: string
            |-- Address.Zip.Code: string
            |-- Address.City: string
            |-- Address.Array: array
            |    |-- element: string
            |-- Address.State: string
            |-- Address.Street: string
            |-- Provider Id: string
            |-- Total Discharges: string
            |-- Provider Name: string
            """);
    assertThat(
            unnested
                .toDF()
                .select(
                    "`Address.Zip.Code`",
                    "`Address.City`",
                    "`Address.Array`",
                    "`Address.State`",
                    "`Address.Street`",
                    "`Provider Id`")
                .collectAsList()
                .toString())
        .isEqualTo(
            "[[36301,DOTHAN,"
                + (scala.util.Properties.versionNumberString().startsWith("2.12")
                    ? "WrappedArray"
                    : "ArraySeq")
                + "(1108 ROSS CLARK CIRCLE, DOTHAN, AL, 36301),AL,1108 ROSS CLARK CIRCLE,10001]]");
  }

  /**
   * "Example: Use unbox to unbox a string field into a struct": {@code AddressString}, a JSON
   * string, becomes a struct whose fields keep the JSON's key order ({@code Street}, {@code City},
   * {@code State}, {@code Zip.Code}, {@code Array}); the other fields stay as they are.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void unboxTheAddressString(DynaContext ctx) {
    String ddl =
        MAPPED_MEDICARE_DDL.replace(
            "`Average Total Payments` STRING, ",
            "`Average Total Payments` STRING, AddressString STRING, ");
    Row mapped = mappedMedicareRow("1108 ROSS CLARK CIRCLE", "DOTHAN", "36301");
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < mapped.length(); i++) {
      values.add(mapped.get(i));
    }
    values.add(
        1,
        "{\"Street\": \"1108 ROSS CLARK CIRCLE\", \"City\": \"DOTHAN\", \"State\": \"AL\", "
            + "\"Zip.Code\": \"36301\", \"Array\": [\"1108 ROSS CLARK CIRCLE\", \"DOTHAN\", \"AL\", \"36301\"]}");
    DynamicFrame mappedWithString = Frames.rows(ctx, ddl, row(values.toArray()));

    DynamicFrame unboxed = mappedWithString.apply(Unbox.of("AddressString", "json"));

    assertThat(unboxed.schemaString())
        .isEqualTo(
            """
            root
            |-- Average Total Payments: string
            |-- AddressString: struct
            |    |-- Street: string
            |    |-- City: string
            |    |-- State: string
            |    |-- Zip.Code: string
            |    |-- Array: array
            |    |    |-- element: string
            |-- Average Covered Charges: string
            |-- DRG Definition: string
            |-- Average Medicare Payments: string
            |-- Hospital Referral Region Description: string
            |-- Address: struct
            |    |-- Zip.Code: string
            |    |-- City: string
            |    |-- Array: array
            |    |    |-- element: string
            |    |-- State: string
            |    |-- Street: string
            |-- Provider Id: string
            |-- Total Discharges: string
            |-- Provider Name: string
            """);
    values.set(
        1,
        row(
            "1108 ROSS CLARK CIRCLE",
            "DOTHAN",
            "AL",
            "36301",
            List.of("1108 ROSS CLARK CIRCLE", "DOTHAN", "AL", "36301")));
    FrameAssert.assertThat(unboxed)
        .isEqualTo(
            Frames.rows(
                ctx,
                ddl.replace(
                    "AddressString STRING",
                    "AddressString STRUCT<Street: STRING, City: STRING, State: STRING, "
                        + "`Zip.Code`: STRING, `Array`: ARRAY<STRING>>"),
                row(values.toArray())));
  }

  // ---- Scala DynamicFrame class page
  // -------------------------------------------------------------

  /**
   * Scala DynamicFrame class, {@code applyMapping}: {@code address.state} and {@code address.zip}
   * unnested to top-level fields, and the inverse call nesting them again under {@code address}.
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaApplyMappingUnnestsAndNestsAgain(DynaContext ctx) {
    DynamicFrame df =
        Frames.rows(
            ctx,
            "name STRING, age INT, address STRUCT<state: STRING, zip: INT>",
            row("Sally", 36, row("NE", 68102)));

    DynamicFrame flat =
        df.apply(
            ApplyMapping.of(
                MappingSpec.of("name", "string", "name", "string"),
                MappingSpec.of("age", "int", "age", "int"),
                MappingSpec.of("address.state", "string", "state", "string"),
                MappingSpec.of("address.zip", "int", "zip", "int")));
    assertThat(flat.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- age: int
            |-- state: string
            |-- zip: int
            """);
    FrameAssert.assertThat(flat)
        .isEqualTo(
            Frames.rows(
                ctx, "name STRING, age INT, state STRING, zip INT", row("Sally", 36, "NE", 68102)));

    DynamicFrame nested =
        flat.apply(
            ApplyMapping.of(
                MappingSpec.of("name", "string", "name", "string"),
                MappingSpec.of("age", "int", "age", "int"),
                MappingSpec.of("state", "string", "address.state", "string"),
                MappingSpec.of("zip", "int", "address.zip", "int")));
    FrameAssert.assertThat(nested).isEqualTo(df);
    assertThat(nested.schemaString()).isEqualTo(df.schemaString());
  }

  /**
   * Scala DynamicFrame class, {@code unnest}: {@code address} becomes {@code address.state} and
   * {@code address.city}.
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaUnnestFlattensTheAddress(DynaContext ctx) {
    DynamicFrame df =
        Frames.rows(
            ctx,
            "name STRING, age INT, address STRUCT<state: STRING, city: STRING>",
            row("Sally", 36, row("NE", "Omaha")));

    DynamicFrame unnested = Unnest.apply(df, "");

    assertThat(unnested.schemaString())
        .isEqualTo(
            """
            root
            |-- name: string
            |-- age: int
            |-- address.state: string
            |-- address.city: string
            """);
    FrameAssert.assertThat(unnested)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, age INT, `address.state` STRING, `address.city` STRING",
                row("Sally", 36, "NE", "Omaha")));
  }

  /**
   * Scala DynamicFrame class, {@code splitRows}: people of 65 and over from the USA in the first
   * frame, all other records in the second (AWS prints no output; the page says what each holds).
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaSplitRowsOnAgeAndCountry(DynaContext ctx) {
    String ddl = "name STRING, age INT, address STRUCT<country: STRING>";
    DynamicFrame df =
        Frames.rows(
            ctx,
            ddl,
            row("Ann", 70, row("USA")),
            row("Bob", 65, row("USA")),
            row("Cid", 64, row("USA")),
            row("Dee", 80, row("CAN")),
            row("Eve", null, row("USA")));

    FrameCollection split =
        df.apply(
            SplitRows.of(
                List.of("age", "address.country"), List.of(65, "USA"), List.of(">=", "=")));

    List<String> names = new ArrayList<>(split.keys());
    assertThat(names).hasSize(2);
    FrameAssert.assertThat(split.select(names.get(0)))
        .isEqualTo(Frames.rows(ctx, ddl, row("Ann", 70, row("USA")), row("Bob", 65, row("USA"))));
    FrameAssert.assertThat(split.select(names.get(1)))
        .isEqualTo(
            Frames.rows(
                ctx,
                ddl,
                row("Cid", 64, row("USA")),
                row("Dee", 80, row("CAN")),
                row("Eve", null, row("USA"))));
  }

  /**
   * Scala DynamicFrame class, {@code mergeDynamicFrames} on two keys ({@code Seq("id1", "id2")}): a
   * source record whose keys the staging frame has is replaced by the staging record, the others
   * stay, staging records no source record matches are added (AWS prints no output; the Python
   * page's example prints such a record in the result).
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaMergeDynamicFramesOnTwoKeys(DynaContext ctx) {
    String ddl = "id1 INT, id2 STRING, v STRING";
    DynamicFrame srcFrame =
        Frames.rows(ctx, ddl, row(1, "a", "old"), row(1, "b", "kept"), row(2, "a", "old"));
    DynamicFrame stageFrame =
        Frames.rows(ctx, ddl, row(1, "a", "new"), row(2, "a", "new"), row(3, "c", "added"));

    DynamicFrame mergedFrame = srcFrame.apply(MergeDynamicFrames.with(stageFrame, "id1", "id2"));

    FrameAssert.assertThat(mergedFrame)
        .isEqualTo(
            Frames.rows(
                ctx,
                ddl,
                row(1, "a", "new"),
                row(1, "b", "kept"),
                row(2, "a", "new"),
                row(3, "c", "added")));
  }

  /**
   * Scala DynamicFrame class, {@code resolveChoice(specs = Seq(("user.id", "cast:int"), ("address",
   * "project:struct")))}: {@code user.id} cast to int, {@code address} keeps only its structs (AWS
   * prints no output; the page says what each action does).
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaResolveChoiceCastsAndProjects(DynaContext ctx) {
    DynamicFrame df =
        Frames.json(
            ctx,
            "{\"user\": {\"id\": 1}, \"address\": {\"city\": \"Omaha\"}}",
            "{\"user\": {\"id\": \"2\"}, \"address\": \"1 Main St\"}",
            "{\"user\": {\"id\": \"x\"}, \"address\": {\"city\": \"Lima\"}}");
    assertThat(df.schemaString())
        .isEqualTo(
            """
            root
            |-- user: struct
            |    |-- id: choice
            |    |    |-- int
            |    |    |-- string
            |-- address: choice
            |    |-- string
            |    |-- struct
            |    |    |-- city: string
            """);

    DynamicFrame resolved =
        df.apply(
            ResolveChoice.specs(
                ResolveSpec.of("user.id", "cast:int"),
                ResolveSpec.of("address", "project:struct")));

    FrameAssert.assertThat(resolved)
        .isEqualTo(
            Frames.rows(
                ctx,
                "user STRUCT<id: INT>, address STRUCT<city: STRING>",
                row(row(1), row("Omaha")),
                row(row(2), null),
                row(row((Object) null), row("Lima"))));
  }

  /**
   * Scala DynamicFrame class, {@code renameField("address.state", "address.state_code")}: a nested
   * field renamed in its struct (AWS prints no output).
   * https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html
   */
  @Test
  void scalaRenameFieldRenamesANestedField(DynaContext ctx) {
    DynamicFrame df =
        Frames.rows(
            ctx,
            "name STRING, address STRUCT<state: STRING, city: STRING>",
            row("Sally", row("NE", "Omaha")));

    FrameAssert.assertThat(df.apply(RenameField.of("address.state", "address.state_code")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, address STRUCT<state_code: STRING, city: STRING>",
                row("Sally", row("NE", "Omaha"))));
  }
}
