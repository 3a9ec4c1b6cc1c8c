package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's documented examples of reading files into a DynamicFrame: AWS's input rebuilt, AWS's
 * printed schema and records asserted.
 */
@SparkTest
class AwsDocumentedExamplesTest {

  @TempDir Path dir;

  /**
   * The DynamicFrame class's {@code map} and {@code unbox} examples read AWS's Medicare CSV with
   * {@code from_options} and {@code withHeader} and print every column as a string.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void csvFromOptionsWithHeaderGivesStrings(DynaContext ctx) throws IOException {
    Path p = dir.resolve("Medicare_Hospital_Provider.csv");
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

    assertThat(medicare.schemaString())
        .isEqualTo(
            """
            root
            |-- DRG Definition: string
            |-- Provider Id: string
            |-- Provider Name: string
            |-- Provider Street Address: string
            |-- Provider City: string
            |-- Provider State: string
            |-- Provider Zip Code: string
            |-- Hospital Referral Region Description: string
            |-- Total Discharges: string
            |-- Average Covered Charges: string
            |-- Average Total Payments: string
            |-- Average Medicare Payments: string
            """);
    assertThat(medicare.take(1))
        .containsExactly(
            "{\"DRG Definition\":\"039 - EXTRACRANIAL PROCEDURES W/O CC/MCC\",\"Provider Id\":\"10001\","
                + "\"Provider Name\":\"SOUTHEAST ALABAMA MEDICAL CENTER\",\"Provider Street Address\":"
                + "\"1108 ROSS CLARK CIRCLE\",\"Provider City\":\"DOTHAN\",\"Provider State\":\"AL\","
                + "\"Provider Zip Code\":\"36301\",\"Hospital Referral Region Description\":\"AL - Dothan\","
                + "\"Total Discharges\":\"91\",\"Average Covered Charges\":\"$32963.07\","
                + "\"Average Total Payments\":\"$5777.24\",\"Average Medicare Payments\":\"$4763.73\"}");
  }

  /**
   * The DynamicFrame class's "Example: Use errorsAsDynamicFrame to view error records": a JSON file
   * with a malformed record. The error frame has one {@code error} struct with Glue's fields
   * ({@code callsite}, {@code msg}, {@code stackTrace}, {@code input}, {@code bytesread}, {@code
   * source}, {@code dynamicRecord}), so {@code select("error.msg")} works; the numbers are {@code
   * int}. Unlike the output AWS prints there, the valid line after the malformed one is kept
   * (README, "Where dynaframe differs from Glue").
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void errorsAsDynamicFrameHasGluesErrorStruct(DynaContext ctx) throws IOException {
    Path p = dir.resolve("customers.json");
    Files.writeString(
        p,
        """
        {"customer_id": 1, "name": "Ann"}
        {"customer_id": 2, "name": "Bob"
        {"customer_id": 3, "name": "Cid"}
        """);

    DynamicFrame customers =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(p.toString())), "json", Options.empty(), "read");

    assertThat(customers.schemaString())
        .isEqualTo(
            """
            root
            |-- customer_id: int
            |-- name: string
            """);
    assertThat(customers.take(5))
        .containsExactly(
            "{\"customer_id\":1,\"name\":\"Ann\"}", "{\"customer_id\":3,\"name\":\"Cid\"}");

    DynamicFrame errors = customers.errorsAsDynamicFrame();
    assertThat(errors.schemaString())
        .isEqualTo(
            """
            root
            |-- error: struct
            |    |-- callsite: struct
            |    |    |-- site: string
            |    |    |-- info: string
            |    |-- msg: string
            |    |-- stackTrace: string
            |    |-- input: string
            |    |-- bytesread: long
            |    |-- source: string
            |    |-- dynamicRecord: string
            |    |-- line: long
            """);
    List<Row> rows =
        errors
            .toDF()
            .select("error.msg", "error.input", "error.source", "error.line", "error.callsite.site")
            .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).startsWith("malformed JSON at column");
    assertThat(rows.get(0).getString(1)).isEqualTo("{\"customer_id\": 2, \"name\": \"Bob\"");
    assertThat(rows.get(0).getString(2)).endsWith("customers.json");
    assertThat(rows.get(0).getLong(3)).isEqualTo(2L);
    assertThat(rows.get(0).getString(4)).isEqualTo("read");
  }
}
