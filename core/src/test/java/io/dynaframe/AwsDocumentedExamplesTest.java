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
   * The DynamicFrame class's "Example: Use errorsAsDynamicFrame to view error records": AWS's four
   * JSON records, the second malformed. The frame's schema is the one AWS prints ({@code int}
   * numbers); there is one error, with Glue's {@code error} struct and its fields ({@code
   * callsite}, {@code msg}, {@code stackTrace}, {@code input}, {@code bytesread}, {@code source},
   * {@code dynamicRecord}; ours adds {@code line}), so {@code select("error.msg")} works; its
   * {@code dynamicRecord} holds the fields read before the failure, as AWS prints them ({@code
   * id=2, name='benjamin', surname='franklin'}, here as JSON text), and {@code bytesread} the bytes
   * of the file read when it failed: the whole of this small file (AWS prints 252 for its copy of
   * the file). Unlike AWS's output, the valid third record is kept (README, "Where dynaframe
   * differs from Glue"), and {@code input} and {@code source} name the line and the file where
   * AWS's print leaves them empty.
   * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html
   */
  @Test
  void errorsAsDynamicFrameOfAMalformedRecord(DynaContext ctx) throws IOException {
    Path p = dir.resolve("error_data.json");
    Files.writeString(
        p,
        """
        {"id": 1, "name": "george", "surname": "washington", "height": 178}
        {"id": 2, "name": "benjamin", "surname": "franklin",
        {"id": 3, "name": "alexander", "surname": "hamilton", "height": 171}
        {"id": 4, "name": "john", "surname": "jay", "height": 190}
        """);

    DynamicFrame errors =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(p.toString())), "json", Options.empty(), "");

    assertThat(errors.schemaString())
        .isEqualTo(
            """
            root
            |-- id: int
            |-- name: string
            |-- surname: string
            |-- height: int
            """);
    assertThat(errors.take(10))
        .containsExactly(
            "{\"id\":1,\"name\":\"george\",\"surname\":\"washington\",\"height\":178}",
            "{\"id\":3,\"name\":\"alexander\",\"surname\":\"hamilton\",\"height\":171}",
            "{\"id\":4,\"name\":\"john\",\"surname\":\"jay\",\"height\":190}");
    assertThat(errors.errorsCount()).isEqualTo(1);

    DynamicFrame errorFrame = errors.errorsAsDynamicFrame();
    assertThat(errorFrame.schemaString())
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
    Row errorFields = errorFrame.toDF().head().getStruct(0);
    assertThat(errorFields.schema().fieldNames())
        .containsExactly(
            "callsite",
            "msg",
            "stackTrace",
            "input",
            "bytesread",
            "source",
            "dynamicRecord",
            "line");
    assertThat(errorFields.<String>getAs("dynamicRecord"))
        .isEqualTo("{\"id\":2,\"name\":\"benjamin\",\"surname\":\"franklin\"}");
    assertThat(errorFields.<Long>getAs("bytesread")).isEqualTo(Files.size(p));
    assertThat(errorFields.<String>getAs("input"))
        .isEqualTo("{\"id\": 2, \"name\": \"benjamin\", \"surname\": \"franklin\",");
    assertThat(errorFields.<String>getAs("source")).endsWith("error_data.json");
    assertThat(errorFields.<Long>getAs("line")).isEqualTo(2L);
    assertThat(errorFrame.toDF().select("error.msg").head().getString(0))
        .startsWith("malformed JSON at column");
  }
}
