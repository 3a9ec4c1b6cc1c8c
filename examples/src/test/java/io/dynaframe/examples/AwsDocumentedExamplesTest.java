package io.dynaframe.examples;

import static io.dynaframe.testing.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.DropFields;
import io.dynaframe.transforms.Join;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.RenameField;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's documented examples that read the Data Catalog: AWS's input rebuilt (a few records in the
 * shape the page describes), AWS's printed schemas and rows asserted.
 */
@SparkTest
class AwsDocumentedExamplesTest {

  @TempDir Path dir;

  /** The header of AWS's Medicare_Hospital_Provider.csv, as Spark prints its names. */
  private static final String MEDICARE_HEADER =
      "DRG Definition,Provider Id,Provider Name,Provider Street Address,Provider City,"
          + "Provider State,Provider Zip Code,Hospital Referral Region Description,"
          + " Total Discharges , Average Covered Charges , Average Total Payments ,"
          + "Average Medicare Payments";

  private static final String DRG = "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC";

  /**
   * Three good rows whose values AWS prints, and the two erroneous rows at the end of the file,
   * whose 'provider id' is text, with the values AWS prints for them (the provider names start with
   * a space: AWS's table prints them one character wider than the header).
   */
  private static final List<String> MEDICARE_ROWS =
      List.of(
          DRG
              + ",10001,SOUTHEAST ALABAMA MEDICAL CENTER,1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,"
              + "AL - Dothan,91,$32963.07,$5777.24,$4763.73",
          DRG
              + ",10005,MARSHALL MEDICAL CENTER SOUTH,2505 U S HIGHWAY 431 NORTH,BOAZ,AL,35957,"
              + "AL - Birmingham,14,$15131.85,$5787.57,$4976.71",
          DRG
              + ",10006,ELIZA COFFEE MEMORIAL HOSPITAL,205 MARENGO STREET,FLORENCE,AL,35631,"
              + "AL - Birmingham,24,$37560.37,$5434.95,$4453.79",
          "948 - SIGNS & SYMPTOMS W/O MCC,MILE BLUFF MEDICAL CENTER, INC,1050 DIVISION ST,MAUSTON,"
              + "WI,53948,WI - Madison,12,$11961.41,$4619.00,$3775.33",
          "948 - SIGNS & SYMPTOMS W/O MCC,AURORA SINAI MEDICAL CENTER, INC- ST JOSEPH,"
              + "5000 W CHAMBERS ST,MILWAUKEE,WI,53210,WI - Milwaukee,14,$10514.28,$5562.50,"
              + "$4522.78");

  /**
   * The {@code payments.medicare} table as AWS's crawler made it: lower-case names with spaces,
   * {@code provider id bigint} (the crawler read a prefix of the file, without the text values).
   */
  private Catalog medicareTable(DynaContext ctx) throws IOException {
    Path data = dir.resolve("medicare");
    Files.createDirectories(data);
    Files.writeString(
        data.resolve("Medicare_Hospital_Provider.csv"),
        MEDICARE_HEADER + "\n" + String.join("\n", MEDICARE_ROWS) + "\n");
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    if (!catalog.databaseExists(DatabaseName.of("payments"))) {
      catalog.createDatabase(Database.of("payments"));
    }
    TableIdentifier id = TableIdentifier.of("payments", "medicare");
    if (catalog.tableExists(id)) {
      catalog.dropTable(id);
    }
    catalog.createTable(
        TableDefinition.builder(id)
            .column("drg definition", "string")
            .column("provider id", "bigint")
            .column("provider name", "string")
            .column("provider street address", "string")
            .column("provider city", "string")
            .column("provider state", "string")
            .column("provider zip code", "bigint")
            .column("hospital referral region description", "string")
            .column("total discharges", "bigint")
            .column("average covered charges", "string")
            .column("average total payments", "string")
            .column("average medicare payments", "string")
            .location(data.toUri().toString())
            .format(StorageFormat.csv(","))
            .classification("csv")
            .parameter("skip.header.line.count", "1")
            .build());
    return catalog;
  }

  /**
   * "Code example: Data preparation using ResolveChoice, Lambda, and ApplyMapping", steps 3 and 4:
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-medicaid.html
   *
   * <p>The page's filter {@code where("'provider id' is NULL")} compares a string literal; the rows
   * it prints are those whose {@code provider id} is null, which is what the test selects.
   */
  @Test
  void medicareDataCleaningFromTheCatalog(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withCatalog(medicareTable(shared));

    DynamicFrame medicare =
        ctx.createDynamicFrameFromCatalog("payments", "medicare", "", "", Options.empty());

    assertThat(medicare.schemaString())
        .isEqualTo(
            """
            root
            |-- drg definition: string
            |-- provider id: choice
            |    |-- long
            |    |-- string
            |-- provider name: string
            |-- provider street address: string
            |-- provider city: string
            |-- provider state: string
            |-- provider zip code: long
            |-- hospital referral region description: string
            |-- total discharges: long
            |-- average covered charges: string
            |-- average total payments: string
            |-- average medicare payments: string
            """);
    // the DataFrame schema AWS prints for the same file
    assertThat(
            ctx.spark()
                .read()
                .option("header", "true")
                .option("inferSchema", "true")
                .csv(dir.resolve("medicare").toString())
                .schema()
                .treeString())
        .isEqualTo(
            """
            root
             |-- DRG Definition: string (nullable = true)
             |-- Provider Id: string (nullable = true)
             |-- Provider Name: string (nullable = true)
             |-- Provider Street Address: string (nullable = true)
             |-- Provider City: string (nullable = true)
             |-- Provider State: string (nullable = true)
             |-- Provider Zip Code: integer (nullable = true)
             |-- Hospital Referral Region Description: string (nullable = true)
             |--  Total Discharges : integer (nullable = true)
             |--  Average Covered Charges : string (nullable = true)
             |--  Average Total Payments : string (nullable = true)
             |-- Average Medicare Payments: string (nullable = true)
            """);

    DynamicFrame medicareRes =
        medicare.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "cast:long")));
    assertThat(medicareRes.schemaString())
        .isEqualTo(
            """
            root
            |-- drg definition: string
            |-- provider id: long
            |-- provider name: string
            |-- provider street address: string
            |-- provider city: string
            |-- provider state: string
            |-- provider zip code: long
            |-- hospital referral region description: string
            |-- total discharges: long
            |-- average covered charges: string
            |-- average total payments: string
            |-- average medicare payments: string
            """);
    Dataset<Row> anomalous = medicareRes.toDF().where("`provider id` is NULL");
    // Spark 3 and later print a null as NULL where the Spark of AWS's page printed null
    assertThat(shown(anomalous).replace("|       NULL|", "|       null|"))
        .isEqualTo(
"""
+--------------------+-----------+---------------+-----------------------+-------------+--------------+-----------------+------------------------------------+----------------+-----------------------+----------------------+-------------------------+
|      drg definition|provider id|  provider name|provider street address|provider city|provider state|provider zip code|hospital referral region description|total discharges|average covered charges|average total payments|average medicare payments|
+--------------------+-----------+---------------+-----------------------+-------------+--------------+-----------------+------------------------------------+----------------+-----------------------+----------------------+-------------------------+
|948 - SIGNS & SYM...|       null|            INC|       1050 DIVISION ST|      MAUSTON|            WI|            53948|                        WI - Madison|              12|              $11961.41|              $4619.00|                 $3775.33|
|948 - SIGNS & SYM...|       null| INC- ST JOSEPH|     5000 W CHAMBERS ST|    MILWAUKEE|            WI|            53210|                      WI - Milwaukee|              14|              $10514.28|              $5562.50|                 $4522.78|
+--------------------+-----------+---------------+-----------------------+-------------+--------------+-----------------+------------------------------------+----------------+-----------------------+----------------------+-------------------------+""");

    // step 4: the payments as numbers, then nested with apply_mapping
    Dataset<Row> medicareDataframe =
        medicareRes
            .toDF()
            .where("`provider id` is NOT NULL")
            .withColumn("ACC", expr("substring(`average covered charges`, 2)"))
            .withColumn("ATP", expr("substring(`average total payments`, 2)"))
            .withColumn("AMP", expr("substring(`average medicare payments`, 2)"));
    assertThat(
            medicareDataframe.select(col("ACC"), col("ATP"), col("AMP")).collectAsList().stream()
                .map(Row::toString)
                .toList())
        .containsExactly(
            "[32963.07,5777.24,4763.73]",
            "[15131.85,5787.57,4976.71]",
            "[37560.37,5434.95,4453.79]");
    DynamicFrame medicareNest =
        DynamicFrame.fromDF(medicareDataframe, ctx, "nested")
            .apply(
                ApplyMapping.of(
                    MappingSpec.of("drg definition", "string", "drg", "string"),
                    MappingSpec.of("provider id", "long", "provider.id", "long"),
                    MappingSpec.of("provider name", "string", "provider.name", "string"),
                    MappingSpec.of("provider city", "string", "provider.city", "string"),
                    MappingSpec.of("provider state", "string", "provider.state", "string"),
                    MappingSpec.of("provider zip code", "long", "provider.zip", "long"),
                    MappingSpec.of(
                        "hospital referral region description", "string", "rr", "string"),
                    MappingSpec.of("ACC", "string", "charges.covered", "double"),
                    MappingSpec.of("ATP", "string", "charges.total_pay", "double"),
                    MappingSpec.of("AMP", "string", "charges.medicare_pay", "double")));
    assertThat(medicareNest.schemaString())
        .isEqualTo(
            """
            root
            |-- drg: string
            |-- provider: struct
            |    |-- id: long
            |    |-- name: string
            |    |-- city: string
            |    |-- state: string
            |    |-- zip: long
            |-- rr: string
            |-- charges: struct
            |    |-- covered: double
            |    |-- total_pay: double
            |    |-- medicare_pay: double
            """);
    FrameAssert.assertThat(medicareNest.apply(DropFields.of("provider.state", "provider.zip")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "drg STRING, provider STRUCT<id: BIGINT, name: STRING, city: STRING>, rr STRING, "
                    + "charges STRUCT<covered: DOUBLE, total_pay: DOUBLE, medicare_pay: DOUBLE>",
                row(
                    DRG,
                    row(10001L, "SOUTHEAST ALABAMA MEDICAL CENTER", "DOTHAN"),
                    "AL - Dothan",
                    row(32963.07, 5777.24, 4763.73)),
                row(
                    DRG,
                    row(10005L, "MARSHALL MEDICAL CENTER SOUTH", "BOAZ"),
                    "AL - Birmingham",
                    row(15131.85, 5787.57, 4976.71)),
                row(
                    DRG,
                    row(10006L, "ELIZA COFFEE MEMORIAL HOSPITAL", "FLORENCE"),
                    "AL - Birmingham",
                    row(37560.37, 5434.95, 4453.79))));
  }

  /** What {@code df.show()} prints. */
  private static String shown(Dataset<Row> df) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    scala.Console.withOut(
        out,
        new scala.runtime.AbstractFunction0<Object>() {
          @Override
          public Object apply() {
            df.show(20, 20);
            return null;
          }
        });
    return out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
  }

  /**
   * "Code example: Joining and relationalizing data", steps 3 to 5 (the shape of the tables and of
   * the history AWS prints):
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-legislators.html
   *
   * <p>The organizations and the persons both have {@code links} and {@code image}; AWS prints one
   * of each in the joined history.
   */
  @Test
  void legislatorsOrganizationsAndTheJoinedHistory(DynaContext shared) throws IOException {
    Path orgsDir = dir.resolve("organizations");
    Files.createDirectories(orgsDir);
    Files.writeString(
        orgsDir.resolve("organizations.json"),
        """
        {"classification": "party", "links": [{"note": "website", "url": "http://democrats.org"}], "image": "https://upload.wikimedia.org/d.png", "identifiers": [{"scheme": "wikidata", "identifier": "Q29552"}], "other_names": [{"lang": "en", "note": "multilingual", "name": "Democratic"}], "id": "party/democrat", "name": "Democrat"}
        {"classification": "legislature", "identifiers": [], "other_names": [], "id": "d56acebe-8fdc-47bd-8b53-2c3f0d4f2a6f", "name": "House of Representatives", "seats": 435, "type": "lower house"}
        {"classification": "legislature", "identifiers": [], "other_names": [], "id": "8fa6c3d2-71dc-4781-b4a5-1f6e1b7c6f4e", "name": "Senate", "seats": 100, "type": "upper house"}
        """);
    Catalog catalog = EmbeddedCatalog.of(shared.spark());
    if (!catalog.databaseExists(DatabaseName.of("legislators"))) {
      catalog.createDatabase(Database.of("legislators"));
    }
    TableIdentifier id = TableIdentifier.of("legislators", "organizations_json");
    if (catalog.tableExists(id)) {
      catalog.dropTable(id);
    }
    // the crawler's table: the JSON's own types win on read (AWS prints the records' 'int')
    catalog.createTable(
        TableDefinition.builder(id)
            .column("classification", "string")
            .column("links", "array<struct<note:string,url:string>>")
            .column("image", "string")
            .column("identifiers", "array<struct<scheme:string,identifier:string>>")
            .column("other_names", "array<struct<lang:string,note:string,name:string>>")
            .column("id", "string")
            .column("name", "string")
            .column("seats", "int")
            .column("type", "string")
            .location(orgsDir.toUri().toString())
            .format(StorageFormat.forClassification("json"))
            .classification("json")
            .build());
    DynaContext ctx = shared.withCatalog(catalog);

    DynamicFrame orgs =
        ctx.createDynamicFrameFromCatalog(
            "legislators", "organizations_json", "", "", Options.empty());
    assertThat(orgs.count()).isEqualTo(3);
    assertThat(orgs.schemaString())
        .isEqualTo(
            """
            root
            |-- classification: string
            |-- links: array
            |    |-- element: struct
            |    |    |-- note: string
            |    |    |-- url: string
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
            |-- id: string
            |-- name: string
            |-- seats: int
            |-- type: string
            """);

    DynamicFrame persons =
        Frames.json(
                ctx,
                "{\"family_name\": \"Ross\", \"name\": \"Mike Ross\", \"links\": [{\"note\": \"Wikipedia (en)\", "
                    + "\"url\": \"https://en.wikipedia.org/wiki/Mike_Ross\"}], \"image\": \"https://theunitedstates.io/r.jpg\", "
                    + "\"id\": \"f4fc30ee-7b42-4321-a0b3-2b3c4d5e6f70\"}")
            .withName("persons");
    DynamicFrame memberships =
        Frames.json(
                ctx,
                "{\"person_id\": \"f4fc30ee-7b42-4321-a0b3-2b3c4d5e6f70\", "
                    + "\"organization_id\": \"d56acebe-8fdc-47bd-8b53-2c3f0d4f2a6f\", \"role\": \"member\"}")
            .withName("memberships");
    DynamicFrame orgsKept =
        orgs.apply(DropFields.of("other_names", "identifiers"))
            .apply(RenameField.of("id", "org_id"))
            .apply(RenameField.of("name", "org_name"));
    DynamicFrame history =
        Join.apply(
                orgsKept,
                Join.apply(persons, memberships, "id", "person_id"),
                "org_id",
                "organization_id")
            .apply(DropFields.of("person_id", "org_id"));

    assertThat(history.schema().fieldNames())
        .containsExactlyInAnyOrder(
            "classification",
            "links",
            "image",
            "org_name",
            "seats",
            "type",
            "family_name",
            "name",
            "id",
            "organization_id",
            "role");
    // frame2's value where it has one (the person's links and image), the organization's seats
    FrameAssert.assertThat(
            history.apply(io.dynaframe.transforms.SelectFields.of("links", "image", "seats")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "links ARRAY<STRUCT<note: STRING, url: STRING>>, image STRING, seats INT",
                row(
                    List.of(row("Wikipedia (en)", "https://en.wikipedia.org/wiki/Mike_Ross")),
                    "https://theunitedstates.io/r.jpg",
                    435)));
  }

  /** The schema of the Medicare table's frame with {@code provider id} given as its lines. */
  private static String medicareSchema(String providerId, String extraAtEnd) {
    return "root\n"
        + "|-- drg definition: string\n"
        + providerId
        + "|-- provider name: string\n"
        + "|-- provider street address: string\n"
        + "|-- provider city: string\n"
        + "|-- provider state: string\n"
        + "|-- provider zip code: long\n"
        + "|-- hospital referral region description: string\n"
        + "|-- total discharges: long\n"
        + "|-- average covered charges: string\n"
        + "|-- average total payments: string\n"
        + "|-- average medicare payments: string\n"
        + extraAtEnd;
  }

  /** The lines of a printed schema, sorted: its fields and types whatever their order. */
  private static List<String> fieldLines(String printed) {
    return printed.lines().sorted().toList();
  }

  /** The values of the given columns, row by row, in the file's order. */
  private static List<String> values(DynamicFrame frame, String... columns) {
    return frame.toDF().selectExpr(columns).collectAsList().stream().map(Row::toString).toList();
  }

  /**
   * The DynamicFrame class's "Example: Use resolveChoice to handle a column that contains multiple
   * types": the crawled Medicare table's {@code provider id} is a choice of long and string; {@code
   * toDF()} shows it as a struct of both ({@code [10001,]}), {@code cast:long} keeps the numbers
   * (the text ones become null), {@code choice="make_cols"} makes {@code provider id_long} and
   * {@code provider id_string}. AWS prints the first 20 of its 163,065 records; these are the
   * records of {@link #MEDICARE_ROWS}.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void resolveChoiceOnTheProviderId(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withCatalog(medicareTable(shared));
    DynamicFrame medicare =
        ctx.createDynamicFrameFromCatalog("payments", "medicare", "", "", Options.empty());

    assertThat(values(medicare, "`provider id`"))
        .containsExactly(
            "[[10001,null]]",
            "[[10005,null]]",
            "[[10006,null]]",
            "[[null,MILE BLUFF MEDICAL CENTER]]",
            "[[null,AURORA SINAI MEDICAL CENTER]]");

    DynamicFrame resolvedLong =
        medicare.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "cast:long")));
    assertThat(resolvedLong.schemaString())
        .isEqualTo(medicareSchema("|-- provider id: long\n", ""));
    assertThat(values(resolvedLong, "`provider id`"))
        .containsExactly("[10001]", "[10005]", "[10006]", "[null]", "[null]");

    DynamicFrame resolvedCols = medicare.apply(ResolveChoice.choice("make_cols"));
    // AWS prints the two columns in the choice's place, string first; this sample's other AWS
    // page prints them elsewhere (see resolveChoiceSampleWithEachAction): the fields are AWS's,
    // in the choice's place, in the order of the choice's members (README, "Where dynaframe
    // differs from Glue")
    String aws = medicareSchema("|-- provider id_string: string\n|-- provider id_long: long\n", "");
    assertThat(fieldLines(resolvedCols.schemaString())).isEqualTo(fieldLines(aws));
    assertThat(resolvedCols.schemaString())
        .isEqualTo(
            medicareSchema("|-- provider id_long: long\n|-- provider id_string: string\n", ""));
    assertThat(values(resolvedCols, "`provider id_long`", "`provider id_string`"))
        .containsExactly(
            "[10001,null]",
            "[10005,null]",
            "[10006,null]",
            "[null,MILE BLUFF MEDICAL CENTER]",
            "[null,AURORA SINAI MEDICAL CENTER]");
  }

  /**
   * AWS's resolve-choice sample (aws-glue-samples, examples/resolve_choice.md): the four actions on
   * the Medicare table's {@code provider id} choice, {@code cast:long}, {@code project:long},
   * {@code make_cols} and {@code make_struct}, each with the schema the sample prints.
   * https://github.com/aws-samples/aws-glue-samples/blob/master/examples/resolve_choice.md
   */
  @Test
  void resolveChoiceSampleWithEachAction(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withCatalog(medicareTable(shared));
    DynamicFrame medicareDyf =
        ctx.createDynamicFrameFromCatalog("payments", "medicare", "", "", Options.empty());
    assertThat(medicareDyf.schemaString())
        .isEqualTo(medicareSchema("|-- provider id: choice\n|    |-- long\n|    |-- string\n", ""));

    DynamicFrame cast =
        medicareDyf.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "cast:long")));
    assertThat(cast.schemaString()).isEqualTo(medicareSchema("|-- provider id: long\n", ""));
    assertThat(values(cast, "`provider id`"))
        .containsExactly("[10001]", "[10005]", "[10006]", "[null]", "[null]");

    DynamicFrame project =
        medicareDyf.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "project:long")));
    assertThat(project.schemaString()).isEqualTo(medicareSchema("|-- provider id: long\n", ""));
    assertThat(values(project, "`provider id`"))
        .containsExactly("[10001]", "[10005]", "[10006]", "[null]", "[null]");

    DynamicFrame makeCols =
        medicareDyf.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "make_cols")));
    String aws = medicareSchema("|-- provider id_long: long\n", "|-- provider id_string: string\n");
    assertThat(fieldLines(makeCols.schemaString())).isEqualTo(fieldLines(aws));
    assertThat(makeCols.schemaString())
        .isEqualTo(
            medicareSchema("|-- provider id_long: long\n|-- provider id_string: string\n", ""));
    assertThat(values(makeCols, "`provider id_long`", "`provider id_string`"))
        .containsExactly(
            "[10001,null]",
            "[10005,null]",
            "[10006,null]",
            "[null,MILE BLUFF MEDICAL CENTER]",
            "[null,AURORA SINAI MEDICAL CENTER]");

    DynamicFrame makeStruct =
        medicareDyf.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "make_struct")));
    assertThat(makeStruct.schemaString())
        .isEqualTo(
            medicareSchema(
                "|-- provider id: struct\n|    |-- long: long\n|    |-- string: string\n", ""));
    assertThat(values(makeStruct, "`provider id`"))
        .containsExactly(
            "[[10001,null]]",
            "[[10005,null]]",
            "[[10006,null]]",
            "[[null,MILE BLUFF MEDICAL CENTER]]",
            "[[null,AURORA SINAI MEDICAL CENTER]]");
  }
}
