package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.ion.IonWriter;
import com.amazon.ion.Timestamp;
import com.amazon.ion.system.IonBinaryWriterBuilder;
import io.dynaframe.Bookmarks;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.InputFile;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formats xml, ion and grokLog of s3 sources, each with error records and bookmarks. */
@io.dynaframe.testing.SparkTest
class XmlIonGrokSourceTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static DynamicFrame read(DynaContext ctx, Path path, String format, Options fo) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path.toString())), format, fo, "in");
  }

  private static List<Row> errors(DynamicFrame f) {
    return f.errorsAsDynamicFrame()
        .toDF()
        .selectExpr("error.*", "error.callsite.site AS site")
        .orderBy("line")
        .collectAsList();
  }

  /** Bookmarks that remember the files earlier runs read, as a job's do between runs. */
  private static final class SeenFiles implements Bookmarks {
    final Set<String> seen = new HashSet<>();

    @Override
    public List<InputFile> select(String transformationContext, List<InputFile> listed) {
      List<InputFile> out = new ArrayList<>();
      for (InputFile f : listed) {
        if (seen.add(f.path())) {
          out.add(f);
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ grokLog

  private static final String ACCESS_LOG =
      "%{IPORHOST:clientip} %{USER:ident} %{USER:auth} \\[%{HTTPDATE:timestamp}\\]"
          + " \"%{WORD:verb} %{NOTSPACE:request} HTTP/%{NUMBER:httpversion}\""
          + " %{NUMBER:response:int} (?:%{NUMBER:bytes:long}|-)";

  @Test
  void grokLogReadsNamedCapturesWithTheirTypesAndUnmatchedLinesAreErrors(DynaContext ctx)
      throws IOException {
    Path p =
        write(
            "access.log",
            """
            127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
            10.0.0.2 - - [10/Oct/2000:13:56:01 -0700] "POST /login HTTP/1.1" 302 -
            this is not an access log line
            """);

    DynamicFrame f = read(ctx, p, "grokLog", Options.of("logFormat", ACCESS_LOG));

    assertThat(f.schemaString())
        .isEqualTo(
            """
            root
            |-- clientip: string
            |-- ident: null
            |-- auth: string
            |-- timestamp: string
            |-- verb: string
            |-- request: string
            |-- httpversion: string
            |-- response: int
            |-- bytes: long
            """);
    assertThat(f.take(10))
        .containsExactlyInAnyOrder(
            "{\"clientip\":\"127.0.0.1\",\"auth\":\"frank\",\"timestamp\":\"10/Oct/2000:13:55:36"
                + " -0700\",\"verb\":\"GET\",\"request\":\"/apache_pb.gif\",\"httpversion\":\"1.0\","
                + "\"response\":200,\"bytes\":2326}",
            "{\"clientip\":\"10.0.0.2\",\"timestamp\":\"10/Oct/2000:13:56:01 -0700\",\"verb\":"
                + "\"POST\",\"request\":\"/login\",\"httpversion\":\"1.1\",\"response\":302}");
    List<Row> errors = errors(f);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).<Long>getAs("line")).isEqualTo(3L);
    assertThat(errors.get(0).<String>getAs("input")).isEqualTo("this is not an access log line");
    assertThat(errors.get(0).<String>getAs("source")).endsWith("access.log");
    assertThat(errors.get(0).<String>getAs("msg"))
        .isEqualTo("the line does not match the grok pattern of logFormat '" + ACCESS_LOG + "'");
    assertThat(errors.get(0).<String>getAs("site")).isEqualTo("in");
  }

  @Test
  void grokLogCustomPatternsMissingAndStrictMode(DynaContext ctx) throws IOException {
    Path p =
        write(
            "app.log",
            """
            2024-05-01 INFO 17 started
            2024-05-01 WARN x9 ?
            2024-05-02 ERROR 3 disk full
            """);
    Options fo =
        Options.of(
            "logFormat",
            "%{DAY_:day} %{LEVEL:level} %{WORD:code:int} %{GREEDYDATA:message}",
            "customPatterns",
            "LEVEL (?:INFO|WARN|ERROR)\nDAY_ %{YEAR}-%{MONTHNUM}-%{MONTHDAY}",
            "MISSING",
            "?");

    DynamicFrame f = read(ctx, p, "grokLog", fo);

    // a value that does not convert stays a string: the field is a choice
    assertThat(f.schemaString())
        .isEqualTo(
            """
            root
            |-- day: string
            |-- level: string
            |-- code: choice
            |    |-- int
            |    |-- string
            |-- message: string
            """);
    assertThat(f.take(10))
        .containsExactlyInAnyOrder(
            "{\"day\":\"2024-05-01\",\"level\":\"INFO\",\"code\":17,\"message\":\"started\"}",
            "{\"day\":\"2024-05-01\",\"level\":\"WARN\",\"code\":\"x9\"}",
            "{\"day\":\"2024-05-02\",\"level\":\"ERROR\",\"code\":3,\"message\":\"disk full\"}");

    DynamicFrame strict = read(ctx, p, "grokLog", fo.with("StrictMode", true));
    assertThat(strict.schemaString()).contains("|-- code: string");
    assertThat(strict.take(10))
        .contains(
            "{\"day\":\"2024-05-01\",\"level\":\"INFO\",\"code\":\"17\",\"message\":\"started\"}");
  }

  @Test
  void grokLogOptionsAreCheckedWhenTheSourceIsMade(DynaContext ctx) throws IOException {
    Path p = write("x.log", "a\n");
    assertThatThrownBy(() -> read(ctx, p, "grokLog", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("format grokLog needs the format option logFormat");
    assertThatThrownBy(
            () -> read(ctx, p, "grokLog", Options.of("logFormat", "%{NOPE:x} %{WORD:y}")))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "format option logFormat '%{NOPE:x} %{WORD:y}' uses the grok pattern %{NOPE}, which"
                + " is neither a standard pattern nor defined in customPatterns");
    assertThatThrownBy(() -> read(ctx, p, "grokLog", Options.of("logFormat", "%{WORD:y:date}")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("names the type 'date'");
    assertThatThrownBy(
            () -> read(ctx, p, "grokLog", Options.of("logFormat", "%{WORD:y}", "LineCount", 2)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("single-line records only");
    assertThatThrownBy(
            () -> read(ctx, p, "grokLog", Options.of("logFormat", "%{WORD:y}", "StrictMod", true)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("did you mean 'StrictMode'?");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    Options.of("path", dir.resolve("out").toString()),
                    "out",
                    "grokLog",
                    Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith("format 'groklog' can be read but not written");
  }

  // ------------------------------------------------------------------ ion

  @Test
  void ionTextRecordsKeepIonTypesAndBadValuesAreErrorsWithTheirLines(DynaContext ctx)
      throws IOException {
    Path p =
        write(
            "items.ion",
            """
            { id: 1, name: "Ann", tags: [a, "b"], price: 12.50 }
            { id: 2, name: 'Bob', big: 12345678901, ok: true, score: 2.5e0 }
            [not, a, struct]
            { id: 3, name: "Cy",
            """);

    DynamicFrame f = read(ctx, p, "ion", Options.empty());

    assertThat(f.schemaString())
        .isEqualTo(
            """
            root
            |-- id: int
            |-- name: string
            |-- tags: array
            |    |-- element: string
            |-- price: decimal(4,2)
            |-- big: long
            |-- ok: boolean
            |-- score: double
            """);
    assertThat(f.take(10))
        .containsExactlyInAnyOrder(
            "{\"id\":1,\"name\":\"Ann\",\"tags\":[\"a\",\"b\"],\"price\":12.50}",
            "{\"id\":2,\"name\":\"Bob\",\"big\":12345678901,\"ok\":true,\"score\":2.5}");
    List<Row> errors = errors(f);
    assertThat(errors).extracting(r -> r.<Long>getAs("line")).containsExactly(3L, 4L);
    assertThat(errors.get(0).<String>getAs("msg"))
        .isEqualTo("an Ion record must be a struct, found list");
    assertThat(errors.get(0).<String>getAs("input")).isEqualTo("[not,a,struct]");
    assertThat(errors.get(1).<String>getAs("msg"))
        .startsWith("malformed Ion: ")
        .endsWith("; the rest of the file after this point was not read");
    assertThat(errors.get(1).<String>getAs("source")).endsWith("items.ion");
  }

  @Test
  void binaryIonAndTimestampsReadAsTextIonDoes(DynaContext ctx) throws IOException {
    Path p = dir.resolve("bin/events.10n");
    Files.createDirectories(p.getParent());
    try (OutputStream out = Files.newOutputStream(p);
        IonWriter w = IonBinaryWriterBuilder.standard().build(out)) {
      w.stepIn(com.amazon.ion.IonType.STRUCT);
      w.setFieldName("id");
      w.writeInt(7);
      w.setFieldName("at");
      w.writeTimestamp(Timestamp.forMillis(1_700_000_000_000L, 0));
      w.setFieldName("amount");
      w.writeDecimal(new BigDecimal("3.125"));
      w.stepOut();
    }

    DynamicFrame f = read(ctx, p, "ion", Options.empty());

    assertThat(f.schemaString())
        .isEqualTo(
            """
            root
            |-- id: int
            |-- at: timestamp
            |-- amount: decimal(4,3)
            """);
    Row r = f.toDF().collectAsList().get(0);
    assertThat(r.getInt(0)).isEqualTo(7);
    assertThat(r.getTimestamp(1).getTime()).isEqualTo(1_700_000_000_000L);
    assertThat(r.getDecimal(2)).isEqualByComparingTo("3.125");
  }

  @Test
  void ionSourcesKeepBookmarksAndTakeNoFormatOptions(DynaContext ctx) throws IOException {
    DynaContext run = ctx.withBookmarks(new SeenFiles());
    Path folder = dir.resolve("ion");
    write("ion/1.ion", "{a: 1}");
    assertThat(read(run, folder, "ion", Options.empty()).take(10)).containsExactly("{\"a\":1}");
    write("ion/2.ion", "{a: 2}");
    assertThat(read(run, folder, "ion", Options.empty()).take(10)).containsExactly("{\"a\":2}");
    assertThatThrownBy(() -> read(ctx, folder, "ion", Options.of("multiLine", true)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("format option 'multiLine' is not known for ion");
  }

  // ------------------------------------------------------------------ xml

  /** A schema of string fields in Glue's JSON form ({@code json.dumps(schema.jsonValue())}). */
  private static String glueSchema(String... names) {
    StringBuilder b = new StringBuilder("{\"dataType\": \"struct\", \"fields\": [");
    for (int i = 0; i < names.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append("{\"name\": \"")
          .append(names[i])
          .append("\", \"container\": {\"dataType\": \"string\", \"properties\": {}},")
          .append(" \"properties\": {}}");
    }
    return b.append("], \"properties\": {}}").toString();
  }

  @Test
  void xmlRowTagElementsAreRecordsAndMalformedOnesAreErrors(DynaContext ctx) throws IOException {
    Path p =
        write(
            "books.xml",
            """
            <catalog>
              <book id="bk101"><author>Gambardella</author><title>XML Guide</title>\
            <price>44.95</price></book>
              <book id="bk102"><author>Ralls</author><title>Midnight Rain</title>\
            <price>5.95</price><tags><tag>fantasy</tag><tag>new</tag></tags></book>
              <book id="bk103"><author>Corets<title>Broken</book>
            </catalog>
            """);

    DynamicFrame f = read(ctx, p, "xml", Options.of("rowTag", "book"));

    assertThat(f.schemaString())
        .isEqualTo(
            """
            root
            |-- _id: string
            |-- author: string
            |-- price: double
            |-- tags: struct
            |    |-- tag: array
            |    |    |-- element: string
            |-- title: string
            """);
    assertThat(f.take(10))
        .containsExactlyInAnyOrder(
            "{\"_id\":\"bk101\",\"author\":\"Gambardella\",\"price\":44.95,\"title\":\"XML Guide\"}",
            "{\"_id\":\"bk102\",\"author\":\"Ralls\",\"price\":5.95,\"tags\":{\"tag\":[\"fantasy\","
                + "\"new\"]},\"title\":\"Midnight Rain\"}");
    List<Row> errors = errors(f);
    assertThat(errors).hasSize(1);
    Row e = errors.get(0);
    assertThat(e.<String>getAs("msg")).startsWith("malformed XML: the <book> element");
    assertThat(e.<String>getAs("input")).contains("bk103").contains("Corets");
    assertThat(e.<String>getAs("source")).endsWith("books.xml");
    assertThat(e.<String>getAs("site")).isEqualTo("in");

    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(p.toString()), "isFailFast", true),
                    "xml",
                    Options.of("rowTag", "book"),
                    "in"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("isFailFast: malformed record in ")
        .hasMessageContaining("books.xml");
  }

  @Test
  void xmlFormatOptionsAsGlueDefinesThem(DynaContext ctx) throws IOException {
    Path p =
        write(
            "people.xml",
            """
            <people><person kind="a"><name>  Ann  </name><note></note></person></people>
            """);

    DynamicFrame glueDefaults = read(ctx, p, "xml", Options.of("rowTag", "person"));
    assertThat(glueDefaults.take(10))
        .containsExactly("{\"_kind\":\"a\",\"name\":\"  Ann  \",\"note\":\"\"}");

    DynamicFrame options =
        read(
            ctx,
            p,
            "xml",
            Options.of(
                "rowTag",
                "person",
                "attributePrefix",
                "@",
                "ignoreSurroundingSpaces",
                true,
                "treatEmptyValuesAsNulls",
                true,
                "withSchema",
                glueSchema("@kind", "name", "note")));
    assertThat(options.schemaString())
        .isEqualTo("root\n|-- @kind: string\n|-- name: string\n|-- note: string\n");
    assertThat(options.take(10)).containsExactly("{\"@kind\":\"a\",\"name\":\"Ann\"}");

    assertThat(
            read(ctx, p, "xml", Options.of("rowTag", "person", "withSchema", "name STRING"))
                .schemaString())
        .isEqualTo("root\n|-- name: string\n");
    // AWS's withSchema example has a choice, which Spark's XML reader cannot read
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    p,
                    "xml",
                    Options.of(
                        "rowTag",
                        "person",
                        "withSchema",
                        "{\"dataType\": \"struct\", \"fields\": [{\"name\": \"z\", \"container\":"
                            + " {\"dataType\": \"choice\", \"choices\": [{\"dataType\": \"int\"},"
                            + " {\"dataType\": \"string\"}]}}]}")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("field 'z' is a choice, which Spark's XML reader cannot read");
    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(p.toString()), "compressionType", "gzip"),
                    "xml",
                    Options.of("rowTag", "person"),
                    "in"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection option compressionType is not supported for format xml");
    assertThatThrownBy(() -> read(ctx, p, "xml", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("format xml needs the format option rowTag");
    assertThatThrownBy(() -> read(ctx, p, "xml", Options.of("rowTag", "a", "rowtag", "b")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("'rowTag' is given twice, as 'rowTag' and as 'rowtag'; give it once");
    assertThatThrownBy(() -> read(ctx, p, "xml", Options.of("rowTg", "a")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("format option 'rowTg' is not known for xml; did you mean 'rowTag'?");
  }

  @Test
  void xmlSourcesKeepBookmarks(DynaContext ctx) throws IOException {
    DynaContext run = ctx.withBookmarks(new SeenFiles());
    Path folder = dir.resolve("xml");
    write("xml/1.xml", "<r><i a=\"x\"><v>1</v></i></r>");
    Options fo = Options.of("rowTag", "i", "excludeAttribute", true);
    assertThat(read(run, folder, "xml", fo).take(10)).containsExactly("{\"v\":1}");
    write("xml/2.xml", "<r><i><v>2</v></i><i><v>3</v></i></r>");
    assertThat(read(run, folder, "xml", fo).take(10))
        .containsExactlyInAnyOrder("{\"v\":2}", "{\"v\":3}");
    DynamicFrame none = read(run, folder, "xml", fo);
    assertThat(none.count()).isZero();
  }
}
