package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class CsvSourceTest {

  @TempDir Path dir;

  private DynamicFrame read(DynaContext ctx, Path p, Options format) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(p.toString())), "csv", format, "csv_in");
  }

  private static final String MEDICARE =
      """
      DRG Definition,Provider Id,Provider Name,Provider City,Total Discharges,Average Covered Charges
      039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10001,SOUTHEAST ALABAMA MEDICAL CENTER,DOTHAN,91,$32963.07
      039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10005,MARSHALL MEDICAL CENTER SOUTH,BOAZ,14,$15131.85
      039 - EXTRACRANIAL PROCEDURES W/O CC/MCC,10006,"ELIZA COFFEE MEMORIAL HOSPITAL, INC",FLORENCE,24,$37560.37
      057 - DEGENERATIVE NERVOUS SYSTEM DISORDERS W/O MCC,ABC10007,CRESTWOOD MEDICAL CENTER,HUNTSVILLE,11,$17210.00
      """;

  @Test
  void everyValueIsAStringAsGlueReadsCsvWithFromOptions(DynaContext ctx) throws IOException {
    // AWS's DynamicFrame map and unbox examples read the Medicare CSV with withHeader and print
    // every column as a string
    Path p = dir.resolve("medicare.csv");
    Files.writeString(p, MEDICARE);

    DynamicFrame f = read(ctx, p, Options.of("withHeader", true));

    assertThat(f.schemaString())
        .isEqualTo(
            """
        root
        |-- DRG Definition: string
        |-- Provider Id: string
        |-- Provider Name: string
        |-- Provider City: string
        |-- Total Discharges: string
        |-- Average Covered Charges: string
        """);
    assertThat(f.count()).isEqualTo(4);
    assertThat(f.take(4))
        .contains(
            "{\"DRG Definition\":\"039 - EXTRACRANIAL PROCEDURES W/O CC/MCC\",\"Provider Id\":\"10006\","
                + "\"Provider Name\":\"ELIZA COFFEE MEMORIAL HOSPITAL, INC\",\"Provider City\":\"FLORENCE\","
                + "\"Total Discharges\":\"24\",\"Average Covered Charges\":\"$37560.37\"}");
  }

  @Test
  void typedValuesTypesEachValueSoProviderIdIsAChoiceOfLongAndString(DynaContext ctx)
      throws IOException {
    // dynaframe's own format option typedValues: 'Provider Id' is a number in all but one row
    Path p = dir.resolve("medicare.csv");
    Files.writeString(p, MEDICARE);

    DynamicFrame f = read(ctx, p, Options.of("withHeader", true, "typedValues", true));

    assertThat(f.schemaString())
        .isEqualTo(
            """
        root
        |-- DRG Definition: string
        |-- Provider Id: choice
        |    |-- long
        |    |-- string
        |-- Provider Name: string
        |-- Provider City: string
        |-- Total Discharges: long
        |-- Average Covered Charges: string
        """);
    assertThat(
            ctx.spark()
                .read()
                .option("header", true)
                .option("inferSchema", true)
                .csv(p.toString())
                .schema()
                .apply("Provider Id")
                .dataType()
                .typeName())
        .isEqualTo("string");
    assertThat(f.count()).isEqualTo(4);
    assertThat(f.take(4))
        .contains(
            "{\"DRG Definition\":\"039 - EXTRACRANIAL PROCEDURES W/O CC/MCC\",\"Provider Id\":10006,"
                + "\"Provider Name\":\"ELIZA COFFEE MEMORIAL HOSPITAL, INC\",\"Provider City\":\"FLORENCE\","
                + "\"Total Discharges\":24,\"Average Covered Charges\":\"$37560.37\"}");
  }

  @Test
  void optionsSeparatorQuoteSkipFirstAndPositionalNames(DynaContext ctx) throws IOException {
    Path p = dir.resolve("pipes.txt");
    Files.writeString(p, "# exported 2026-11-25\n1|'a|b'|2.5\n2|'it''s'|007\n");

    DynamicFrame f =
        read(ctx, p, Options.of("separator", "|", "quoteChar", "'", "skipFirst", true));

    assertThat(f.schemaString())
        .isEqualTo(
            """
        root
        |-- col0: string
        |-- col1: string
        |-- col2: string
        """);
    assertThat(f.take(5))
        .containsExactly(
            "{\"col0\":\"1\",\"col1\":\"a|b\",\"col2\":\"2.5\"}",
            "{\"col0\":\"2\",\"col1\":\"it's\",\"col2\":\"007\"}");
    assertThat(
            read(
                    ctx,
                    p,
                    Options.of(
                        "separator", "|", "quoteChar", "'", "skipFirst", true, "typedValues", true))
                .take(5))
        .containsExactly(
            "{\"col0\":1,\"col1\":\"a|b\",\"col2\":2.5}",
            "{\"col0\":2,\"col1\":\"it's\",\"col2\":\"007\"}");
  }

  @Test
  void rowsWithTheWrongNumberOfFieldsAreErrorRecordsWithTheirLine(DynaContext ctx)
      throws IOException {
    Path p = dir.resolve("ragged.csv");
    Files.writeString(p, "id,name\n1,a\n2,b,extra\n3,\"multi\nline\"\n4\n");

    DynamicFrame f = read(ctx, p, Options.of("withHeader", "true"));

    assertThat(f.take(5))
        .containsExactly(
            "{\"id\":\"1\",\"name\":\"a\"}", "{\"id\":\"3\",\"name\":\"multi\\nline\"}");
    List<Row> errors =
        f.errorsAsDynamicFrame()
            .toDF()
            .selectExpr("error.*", "error.callsite.site AS site")
            .orderBy("line")
            .collectAsList();
    assertThat(errors).extracting(r -> r.<Long>getAs("line")).containsExactly(3L, 6L);
    assertThat(errors)
        .extracting(r -> r.<String>getAs("msg"))
        .containsExactly(
            "expected 2 fields (from the header), found 3",
            "expected 2 fields (from the header), found 1");
    assertThat(errors).extracting(r -> r.<String>getAs("input")).containsExactly("2,b,extra", "4");
  }

  @Test
  void emptyUnquotedFieldsAreNullQuotedEmptyFieldsAreEmptyStrings(DynaContext ctx)
      throws IOException {
    Path p = dir.resolve("empty.csv");
    Files.writeString(p, "a,b\n,\"\"\n1,x\n");

    DynamicFrame f = read(ctx, p, Options.of("withHeader", true));

    FrameAssert.assertThat(f)
        .isEqualTo(
            io.dynaframe.testing.Frames.json(
                ctx, "{\"a\": null, \"b\": \"\"}", "{\"a\": \"1\", \"b\": \"x\"}"));
  }

  /**
   * The schema pass of a string-valued CSV stops reading a file once every column has shown a
   * value; a column that shows one only in the last row, or never, must still get the type a full
   * read gives it, and a second file's own columns must still be found.
   */
  @Test
  void aColumnWithAValueOnlyInTheLastRowIsAStringAndOneWithoutAnyIsNull(DynaContext ctx)
      throws IOException {
    StringBuilder first = new StringBuilder("id,late,never\n");
    for (int i = 0; i < 2000; i++) {
      first.append(i).append(",,\n");
    }
    first.append("2000,here,\n");
    Path folder = Files.createDirectories(dir.resolve("sparse"));
    Files.writeString(folder.resolve("a.csv"), first);
    Files.writeString(folder.resolve("b.csv"), "id,extra\n1,x\n2,y\n");

    DynamicFrame f = read(ctx, folder, Options.of("withHeader", true));

    assertThat(f.schemaString())
        .isEqualTo(
            """
        root
        |-- id: string
        |-- late: string
        |-- never: null
        |-- extra: string
        """);
    assertThat(f.count()).isEqualTo(2003);
    assertThat(f.toDF().where("late is not null").collectAsList())
        .extracting(r -> r.<String>getAs("id") + "/" + r.<String>getAs("late"))
        .containsExactly("2000/here");
  }
}
