package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.ResolveOption;
import io.dynaframe.SourceException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class JsonSourceTest {

  @TempDir Path dir;

  private DynamicFrame read(DynaContext ctx, Options connection, Options format) {
    return ctx.createDynamicFrameFromOptions("s3", connection, "json", format, "in");
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void mixedTypesBecomeChoicesAndNestedValuesMergeFieldByField(DynaContext ctx) throws IOException {
    write(
        "a.json",
        """
        {"id": 1, "name": "a", "address": {"city": "Oslo"}, "tags": ["x"]}
        {"id": "two", "address": {"zip": 150}, "tags": [1, 2]}
        """);
    write(
        "b.json",
        """
        {"id": 3.5, "address": {"city": 7}, "tags": [], "extra": null}
        """);

    DynamicFrame f = read(ctx, Options.of("paths", List.of(dir.toString())), Options.empty());

    assertThat(f.schemaString())
        .isEqualTo(
            """
        root
        |-- id: choice
        |    |-- double
        |    |-- int
        |    |-- string
        |-- name: string
        |-- address: struct
        |    |-- city: choice
        |    |    |-- int
        |    |    |-- string
        |    |-- zip: int
        |-- tags: array
        |    |-- element: choice
        |    |    |-- int
        |    |    |-- string
        |-- extra: null
        """);
    assertThat(f.take(10))
        .containsExactlyInAnyOrder(
            "{\"id\":1,\"name\":\"a\",\"address\":{\"city\":\"Oslo\"},\"tags\":[\"x\"]}",
            "{\"id\":\"two\",\"address\":{\"zip\":150},\"tags\":[1,2]}",
            "{\"id\":3.5,\"address\":{\"city\":7},\"tags\":[]}");
    assertThat(f.errorsCount()).isZero();
  }

  @Test
  void sparkWouldSayStringWhereGlueSaysChoice(DynaContext ctx) throws IOException {
    Path p = write("ids.json", "{\"id\": 1}\n{\"id\": 2}\n{\"id\": \"x-3\"}\n");

    DynamicFrame f = read(ctx, Options.of("paths", List.of(p.toString())), Options.empty());

    assertThat(ctx.spark().read().json(p.toString()).schema().simpleString())
        .isEqualTo("struct<id:string>");
    assertThat(f.schema().fields().get(0).type()).isEqualTo(Types.choice(Types.INT, Types.STRING));
    // resolving the choice by projection keeps the numbers and nulls the rest
    List<Row> ids = f.toDF(ResolveOption.project("id", Types.INT)).orderBy("id").collectAsList();
    assertThat(ids).extracting(r -> r.isNullAt(0) ? null : r.getInt(0)).containsExactly(null, 1, 2);
    List<Row> cast = f.toDF(ResolveOption.cast("id", Types.STRING)).orderBy("id").collectAsList();
    assertThat(cast).extracting(r -> r.getString(0)).containsExactly("1", "2", "x-3");
  }

  @Test
  void malformedLinesBecomeErrorRecordsWithFileLineAndText(DynaContext ctx) throws IOException {
    Path p =
        write(
            "bad.json",
            """
        {"id": 1}

        {"id": 2,
        [1, 2]
        {"id": 3} trailing
        {"id": 4}
        """);

    DynamicFrame f = read(ctx, Options.of("paths", List.of(p.toString())), Options.empty());

    assertThat(f.count()).isEqualTo(2);
    assertThat(f.errorsCount()).isEqualTo(3);
    assertThat(f.stageErrorsCount()).isEqualTo(3);
    List<Row> errors =
        f.errorsAsDynamicFrame()
            .toDF()
            .selectExpr("error.*", "error.callsite.site AS site")
            .orderBy("line")
            .collectAsList();
    assertThat(errors).extracting(r -> r.getAs("line")).containsExactly(3L, 4L, 5L);
    assertThat(errors)
        .extracting(r -> r.<String>getAs("input"))
        .containsExactly("{\"id\": 2,", "[1, 2]", "{\"id\": 3} trailing");
    assertThat(errors.get(0).<String>getAs("source")).endsWith("bad.json");
    assertThat(errors.get(0).<String>getAs("msg")).startsWith("malformed JSON at column");
    assertThat(errors.get(1).<String>getAs("msg"))
        .isEqualTo("a JSON record must be an object, found array");
    assertThat(errors.get(2).<String>getAs("msg")).contains("Unrecognized token 'trailing'");
    assertThat(errors).extracting(r -> r.<String>getAs("site")).containsOnly("in");
  }

  @Test
  void multiLineDocumentsAndJsonPathPickRecords(DynaContext ctx) throws IOException {
    Path doc =
        write(
            "doc.json",
            """
        {
          "meta": {"count": 2},
          "records": [
            {"id": 1,
             "v": "a"},
            {"id": 2, "v": "b"}
          ]
        }
        """);

    DynamicFrame f =
        read(
            ctx,
            Options.of("paths", List.of(doc.toString())),
            Options.of("multiLine", true, "jsonPath", "$.records[*]"));

    FrameAssert.assertThat(f)
        .isEqualTo(Frames.json(ctx, "{\"id\": 1, \"v\": \"a\"}", "{\"id\": 2, \"v\": \"b\"}"));
    Path array = write("array.json", "[\n  {\"id\": 1},\n  {\"id\": 2}\n]\n");
    DynamicFrame g =
        read(ctx, Options.of("paths", List.of(array.toString())), Options.of("multiLine", "true"));
    assertThat(g.take(5)).containsExactly("{\"id\":1}", "{\"id\":2}");
    // Glue Studio's generated scripts write the option in lower case; Glue and Spark accept it
    DynamicFrame h =
        read(ctx, Options.of("paths", List.of(array.toString())), Options.of("multiline", false));
    assertThat(h.errorsCount()).isPositive(); // read as JSON Lines: the bracket lines fail
    DynamicFrame i =
        read(ctx, Options.of("paths", List.of(array.toString())), Options.of("MULTILINE", true));
    assertThat(i.take(5)).containsExactly("{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void recurseExclusionsCompressionAndHiddenFiles(DynaContext ctx) throws IOException {
    write("top.json", "{\"f\": \"top\"}\n");
    write("sub/deep.json", "{\"f\": \"deep\"}\n");
    write("sub/skip.pdf", "not json");
    write("_SUCCESS", "");
    write(".hidden.json", "{\"f\": \"hidden\"}\n");
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("sub/zipped.json.gz")))) {
      out.write("{\"f\": \"gz\"}\n".getBytes(StandardCharsets.UTF_8));
    }

    DynamicFrame flat = read(ctx, Options.of("paths", List.of(dir.toString())), Options.empty());
    DynamicFrame deep =
        read(
            ctx,
            Options.of(
                "paths", List.of(dir.toString()), "recurse", true, "exclusions", "[\"**.pdf\"]"),
            Options.empty());

    assertThat(flat.take(10)).containsExactly("{\"f\":\"top\"}");
    assertThat(deep.take(10))
        .containsExactlyInAnyOrder("{\"f\":\"top\"}", "{\"f\":\"deep\"}", "{\"f\":\"gz\"}");
    assertThat(deep.errorsCount()).isZero();
  }

  @Test
  void badOptionsAndPathsFailWhenTheSourceIsBuiltOrRead(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3", Options.empty(), "", "json", Options.of("withheader", true)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("format option 'withheader' is not known for json");
    assertThatThrownBy(
            () -> ctx.getSourceWithFormat("dynamodb", Options.empty(), "", "json", Options.empty()))
        .hasMessageContaining("connection type 'dynamodb' is not supported");
    assertThatThrownBy(
            () -> ctx.getSourceWithFormat("s3", Options.empty(), "", "excel", Options.empty()))
        .hasMessageContaining("format 'excel' is not supported");
    String missing = dir.resolve("nope").toString();
    assertThatThrownBy(() -> read(ctx, Options.of("paths", List.of(missing)), Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage("the source path does not exist: " + missing);
  }
}
