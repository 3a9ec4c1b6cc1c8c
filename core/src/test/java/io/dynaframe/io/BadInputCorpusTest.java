package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad input, generated here: each item gives error records (naming file, line and
 * reason) or one clear exception naming the file; never a bare stack trace, a hang or a silent
 * loss. Where records can be counted, records in = records out + error records.
 *
 * <p>The kinds, by test: truncated gzip (JSON, CSV) and a zero-byte {@code .gz}; a {@code .gz} that
 * is not gzip; invalid UTF-8 (JSON, CSV rows and header); overlong and surrogate UTF-8; a UTF-16
 * file; a byte-order mark (JSON lines, JSON document, CSV with and without header); zero-byte and
 * blank files (JSON, CSV, Parquet beside a real one); bytes that are not Parquet; a 100 MB line;
 * JSON nested 1,000, 10,000 and 100,000 deep; CSV quotes over lines and doubled; rows with too many
 * fields; an unclosed quote (small, and before 200,000 lines); more than 100,000 CSV fields;
 * Parquet files whose types conflict; names with dots, spaces, backticks and non-ASCII letters in
 * every format; names equal but for case at a sink (top level and nested); CRLF and lone-CR line
 * endings; NUL bytes (JSON, a file of NULs, CSV); keys repeated in a JSON object; whole numbers
 * beyond a long; numbers beyond a double; NaN and Infinity; JSON lines that are not objects, and a
 * last line without a line break. More in {@code JsonSourceTest} (malformed JSON lines) and {@code
 * CsvSourceTest} (ragged rows); paths in the path-sweep test.
 */
@SparkTest
class BadInputCorpusTest {

  @TempDir Path dir;

  private static DynamicFrame read(
      DynaContext ctx, Path path, String format, Options formatOptions) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path.toString())), format, formatOptions, "corpus");
  }

  private static List<Row> errors(DynamicFrame f) {
    return f.errorsAsDynamicFrame()
        .toDF()
        .selectExpr("error.*", "error.callsite.site AS site")
        .orderBy("source", "line")
        .collectAsList();
  }

  private Path bytes(String name, byte[]... parts) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      b.write(part);
    }
    Files.write(p, b.toByteArray());
    return p;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] raw(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheCutAndNamesFileAndLineOfTheCut(DynaContext ctx)
      throws IOException {
    int lines = 50_000;
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      for (int i = 1; i <= lines; i++) {
        out.write(
            utf8("{\"id\": " + i + ", \"pad\": \"" + Integer.toHexString(i * 7919) + "\"}\n"));
      }
    }
    byte[] all = zipped.toByteArray();
    Path cut = bytes("cut/orders.json.gz", Arrays.copyOf(all, all.length / 2));
    Path empty = bytes("empty/nothing.json.gz"); // zero bytes: not even a gzip header

    DynamicFrame f = read(ctx, cut, "json", Options.empty());

    long out = f.count();
    assertThat(out).isBetween(1L, lines - 1L);
    List<Row> errs = errors(f);
    assertThat(errs).hasSize(1);
    // the records that came out are exactly the first ones, with nothing torn at the cut
    Row range =
        f.toDF().selectExpr("bigint(min(id))", "bigint(max(id))", "count(distinct id)").first();
    assertThat(List.of(range.getLong(0), range.getLong(1), range.getLong(2)))
        .containsExactly(1L, out, out);
    Row e = errs.get(0);
    assertThat(e.<String>getAs("source")).endsWith("cut/orders.json.gz");
    assertThat(e.<Long>getAs("line")).isEqualTo(out + 1);
    assertThat(e.<String>getAs("msg"))
        .isEqualTo(
            "cannot read the rest of the file from line "
                + (out + 1)
                + ": the file ends too early, as a truncated or partly written file does: Unexpected end of input stream "
                + "(EOFException)");
    assertThat(e.<String>getAs("stackTrace")).isNull();

    DynamicFrame g = read(ctx, empty, "json", Options.empty());
    assertThat(g.count()).isZero();
    List<Row> gErrs = errors(g);
    assertThat(gErrs).hasSize(1);
    assertThat(gErrs.get(0).<String>getAs("source")).endsWith("empty/nothing.json.gz");
    assertThat(gErrs.get(0).<String>getAs("msg")).contains("the file ends too early");

    // CSV reads through another parser; the cut is an error record all the same
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(csv)) {
      o.write(utf8("id,pad\n"));
      for (int i = 1; i <= lines; i++) {
        o.write(utf8(i + "," + Integer.toHexString(i * 7919) + "\n"));
      }
    }
    byte[] csvAll = csv.toByteArray();
    Path csvCut = bytes("csvcut/orders.csv.gz", Arrays.copyOf(csvAll, csvAll.length / 2));
    DynamicFrame c = read(ctx, csvCut, "csv", Options.of("withHeader", true));
    long cOut = c.count();
    assertThat(cOut).isBetween(1L, lines - 1L);
    List<Row> cErrs = errors(c);
    assertThat(cErrs).hasSize(1);
    assertThat(cErrs.get(0).<String>getAs("source")).endsWith("csvcut/orders.csv.gz");
    assertThat(cErrs.get(0).<String>getAs("msg"))
        .startsWith("cannot read the rest of the file from line ")
        .contains("Unexpected end of input stream");
  }

  @Test
  void invalidUtf8IsAnErrorRecordPerLineAndTheRestOfTheFileIsRead(DynaContext ctx)
      throws IOException {
    Path json =
        bytes(
            "utf8/bad.json",
            utf8("{\"id\": 1, \"name\": \"plain\"}\n"),
            utf8("{\"id\": 2, \"name\": \"bad "),
            raw(0xC3, 0x28),
            utf8("\"}\n"), // 0xC3 must be followed by a continuation byte
            utf8("{\"id\": 3, \"name\": \"Zoë 名\"}\n"),
            utf8("{\"id\": 4, \"name\": \""),
            raw(0xFF),
            utf8("\"}\n"), // 0xFF is never UTF-8
            utf8("{\"id\": 5, \"name\": \"last\"}\n"));

    DynamicFrame f = read(ctx, json, "json", Options.empty());

    assertThat(f.count()).isEqualTo(3);
    assertThat(f.toDF().orderBy("id").collectAsList())
        .extracting(r -> r.<String>getAs("name"))
        .containsExactly("plain", "Zoë 名", "last");
    List<Row> errs = errors(f);
    assertThat(errs).extracting(r -> r.<Long>getAs("line")).containsExactly(2L, 4L);
    assertThat(errs)
        .extracting(r -> r.<String>getAs("msg"))
        .containsExactly(
            "line 2 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read",
            "line 4 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read");
    assertThat(errs.get(0).<String>getAs("source")).endsWith("utf8/bad.json");
    assertThat(errs.get(0).<String>getAs("input"))
        .isEqualTo("{\"id\": 2, \"name\": \"bad \uFFFD(\"}");

    // CSV: a bad row is one error record; a bad header is one more (it holds no record, but is
    // never silent)
    Path csv =
        bytes(
            "utf8csv/bad.csv",
            utf8("id,na"),
            raw(0xE2, 0x82),
            utf8("me\n"), // a cut three-byte sequence in the header
            utf8("1,a\n"),
            utf8("2,b"),
            raw(0xFE),
            utf8("\n"),
            utf8("3,c\n"));
    DynamicFrame c = read(ctx, csv, "csv", Options.of("withHeader", true));
    assertThat(c.count()).isEqualTo(2);
    List<Row> cErrs = errors(c);
    assertThat(cErrs).extracting(r -> r.<Long>getAs("line")).containsExactly(1L, 3L);
    assertThat(cErrs.get(0).<String>getAs("msg"))
        .isEqualTo(
            "line 1 is not valid UTF-8 text (bytes that no UTF-8 character has), and it holds no record "
                + "(a header or a skipped line)");
    assertThat(cErrs.get(1).<String>getAs("input")).isEqualTo("2,b\uFFFD");

    // no false alarm: two-byte characters across the decoder's 64 KiB buffer boundaries are fine
    Path wide = bytes("utf8wide/ok.json", utf8("{\"s\": \"x" + "é".repeat(100_000) + "\"}\n"));
    DynamicFrame w = read(ctx, wide, "json", Options.empty());
    assertThat(w.errorsCount()).isZero();
    assertThat(w.toDF().selectExpr("length(s)").first().getInt(0)).isEqualTo(100_001);
  }

  @Test
  void byteOrderMarkIsSkippedInJsonAndCsv(DynaContext ctx) throws IOException {
    byte[] bom = raw(0xEF, 0xBB, 0xBF);
    Path json = bytes("bom/a.json", bom, utf8("{\"id\": 1}\n{\"id\": 2}\n"));
    Path csv = bytes("bomcsv/a.csv", bom, utf8("id,name\n1,a\n2,b\n"));

    DynamicFrame j = read(ctx, json, "json", Options.empty());
    DynamicFrame c = read(ctx, csv, "csv", Options.of("withHeader", true));

    assertThat(j.schema().fieldNames()).containsExactly("id");
    assertThat(j.count()).isEqualTo(2);
    assertThat(j.errorsCount()).isZero();
    assertThat(c.schema().fieldNames()).containsExactly("id", "name");
    assertThat(c.take(5))
        .containsExactly("{\"id\":\"1\",\"name\":\"a\"}", "{\"id\":\"2\",\"name\":\"b\"}");
    assertThat(c.errorsCount()).isZero();
  }

  @Test
  void emptyAndZeroByteFilesGiveNoRecordsAndNoErrors(DynaContext ctx) throws IOException {
    bytes("jsons/zero.json");
    bytes("jsons/blank.json", utf8("\n  \n\t\n"));
    bytes("jsons/one.json", utf8("{\"id\": 1}\n"));
    bytes("csvs/zero.csv");
    bytes("onlyzero/zero.json");

    DynamicFrame j = read(ctx, dir.resolve("jsons"), "json", Options.empty());
    DynamicFrame c = read(ctx, dir.resolve("csvs"), "csv", Options.of("withHeader", true));
    DynamicFrame z = read(ctx, dir.resolve("onlyzero"), "json", Options.empty());

    assertThat(j.take(5)).containsExactly("{\"id\":1}");
    assertThat(j.errorsCount()).isZero();
    assertThat(c.count()).isZero();
    assertThat(c.errorsCount()).isZero();
    assertThat(z.count()).isZero();
    assertThat(z.schema().fields()).isEmpty();

    // Parquet: a zero-byte file beside a real one holds no records (Spark would fail on it: "not a
    // Parquet file")
    ctx.spark().range(3).toDF("id").coalesce(1).write().parquet(dir.resolve("pq-src").toString());
    Path realPart = onlyPart(dir.resolve("pq-src"));
    Files.createDirectories(dir.resolve("pq"));
    Files.copy(realPart, dir.resolve("pq/real.parquet"));
    bytes("pq/zero.parquet");
    DynamicFrame p = read(ctx, dir.resolve("pq"), "parquet", Options.empty());
    assertThat(p.count()).isEqualTo(3);
    assertThat(p.errorsCount()).isZero();

    // a file that has bytes but is no Parquet file is one exception naming it
    bytes("pqbad/notes.parquet", utf8("these are not Parquet bytes\n"));
    assertThatThrownBy(() -> read(ctx, dir.resolve("pqbad"), "parquet", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "file "
                + dir.resolve("pqbad/notes.parquet")
                    .toUri()
                    .toString()
                    .replace("file:///", "file:/"))
        .hasMessageContaining("is not a readable Parquet file");
  }

  @Test
  @Timeout(120)
  void aHundredMegabyteLineIsReadWithoutHangingOrRunningOutOfMemory(DynaContext ctx)
      throws IOException {
    int size = 100 * 1024 * 1024;
    Path big = dir.resolve("big/one-line.json");
    Files.createDirectories(big.getParent());
    try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      w.write("{\"id\": 1, \"blob\": \"");
      char[] chunk = new char[1 << 20];
      Arrays.fill(chunk, 'a');
      for (int i = 0; i < size / chunk.length; i++) {
        w.write(chunk);
      }
      w.write("\"}\n{\"id\": 2, \"blob\": \"b\"}\n{\"id\": 3, \"blob\": \n");
    }
    try {
      DynamicFrame f = read(ctx, big, "json", Options.empty());

      assertThat(f.count()).isEqualTo(2);
      List<Row> lengths = f.toDF().selectExpr("id", "length(blob)").orderBy("id").collectAsList();
      assertThat(lengths)
          .extracting(r -> r.getInt(0) + ":" + r.getInt(1))
          .containsExactly("1:" + size, "2:1");
      List<Row> errs = errors(f);
      assertThat(errs).hasSize(1);
      assertThat(errs.get(0).<Long>getAs("line")).isEqualTo(3L);
      assertThat(errs.get(0).<String>getAs("source")).endsWith("big/one-line.json");
    } finally {
      Files.deleteIfExists(big);
    }
  }

  @Test
  void jsonNestedAThousandLevelsDeepIsAnErrorRecordNotAStackOverflow(DynaContext ctx)
      throws IOException {
    String deep = "{\"a\": ".repeat(1000) + "1" + "}".repeat(1000);
    String deepArray = "{\"id\": 3, \"v\": " + "[".repeat(1000) + "]".repeat(1000) + "}";
    Path lines =
        bytes(
            "deep/lines.json", utf8("{\"id\": 1}\n" + deep + "\n" + deepArray + "\n{\"id\": 4}\n"));
    Path doc = bytes("deepdoc/doc.json", utf8("[\n{\"id\": 1},\n" + deep + "\n]\n"));

    DynamicFrame f = read(ctx, lines, "json", Options.empty());
    DynamicFrame d = read(ctx, doc, "json", Options.of("multiLine", true));

    assertThat(f.take(5)).containsExactly("{\"id\":1}", "{\"id\":4}");
    List<Row> errs = errors(f);
    assertThat(errs).extracting(r -> r.<Long>getAs("line")).containsExactly(2L, 3L);
    assertThat(errs)
        .extracting(r -> r.<String>getAs("msg"))
        .containsOnly(
            "JSON nested deeper than 100 levels; a record may nest objects and arrays at most 100 levels deep");
    assertThat(errs.get(0).<String>getAs("source")).endsWith("deep/lines.json");

    assertThat(d.take(5)).containsExactly("{\"id\":1}");
    List<Row> dErrs = errors(d);
    assertThat(dErrs).hasSize(1);
    assertThat(dErrs.get(0).<Long>getAs("line")).isEqualTo(3L);
    assertThat(dErrs.get(0).<String>getAs("msg"))
        .startsWith("JSON nested deeper than 100 levels")
        .endsWith("; the rest of the file after this point was not read");
  }

  @Test
  void csvWithEmbeddedNewlinesAndQuotesKeepsValuesAndLineNumbers(DynaContext ctx)
      throws IOException {
    Path p =
        bytes(
            "quotes/q.csv",
            utf8(
                String.join(
                        "\n",
                        "id,text,n", // 1
                        "1,\"two", // 2
                        "lines\",10", // 3
                        "2,\"she said \"\"hi\"\"\",20", // 4
                        "3,\"a, b\",30", // 5
                        "4,\"x", // 6  a record of four fields over two lines
                        "y\",40,extra", // 7
                        "5,plain,50", // 8
                        "6,\"never closed,60", // 9  the quote swallows the rest of the file
                        "7,after,70")
                    + "\n")); // 10

    DynamicFrame f = read(ctx, p, "csv", Options.of("withHeader", true));

    List<Row> rows = f.toDF().orderBy("id").collectAsList();
    assertThat(rows)
        .extracting(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2))
        .containsExactly("1|two\nlines|10", "2|she said \"hi\"|20", "3|a, b|30", "5|plain|50");
    List<Row> errs = errors(f);
    // 6 records after the header: 4 out + 2 error records (record 6 holds line 10, and says so)
    assertThat(errs).extracting(r -> r.<Long>getAs("line")).containsExactly(6L, 9L);
    assertThat(errs.get(0).<String>getAs("msg"))
        .isEqualTo("expected 3 fields (from the header), found 4");
    assertThat(errs.get(0).<String>getAs("input")).isEqualTo("4,\"x\ny\",40,extra");
    assertThat(errs.get(1).<String>getAs("msg"))
        .startsWith("a quoted field opened in line 9 is not closed");
    assertThat(errs.get(1).<String>getAs("input")).contains("7,after,70");
    assertThat(errs)
        .extracting(r -> r.<String>getAs("source"))
        .allSatisfy(s -> assertThat(s).endsWith("quotes/q.csv"));
  }

  @Test
  void parquetFilesWhoseColumnTypesConflictFailWithOneExceptionNamingColumnAndFiles(DynaContext ctx)
      throws IOException {
    ctx.spark()
        .sql("select cast(1 as bigint) as id, 'a' as name")
        .coalesce(1)
        .write()
        .parquet(dir.resolve("w1").toString());
    ctx.spark()
        .sql("select 'two' as ID, 'b' as name")
        .coalesce(1)
        .write()
        .parquet(dir.resolve("w2").toString());
    ctx.spark()
        .sql("select cast(3 as bigint) as id, 2.5d as extra")
        .coalesce(1)
        .write()
        .parquet(dir.resolve("w3").toString());
    Files.createDirectories(dir.resolve("mixed"));
    Files.copy(onlyPart(dir.resolve("w1")), dir.resolve("mixed/a.parquet"));
    Files.copy(onlyPart(dir.resolve("w2")), dir.resolve("mixed/b.parquet"));
    Files.createDirectories(dir.resolve("evolved"));
    Files.copy(onlyPart(dir.resolve("w1")), dir.resolve("evolved/a.parquet"));
    Files.copy(onlyPart(dir.resolve("w3")), dir.resolve("evolved/c.parquet"));

    assertThatThrownBy(() -> read(ctx, dir.resolve("mixed"), "parquet", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "the Parquet files of the source disagree on the type of column 'id': it is int64 in ")
        .hasMessageContaining("mixed/a.parquet but binary (STRING) in ")
        .hasMessageContaining("mixed/b.parquet;");

    // files whose columns differ but agree where they meet are read with all their columns
    DynamicFrame e = read(ctx, dir.resolve("evolved"), "parquet", Options.empty());
    assertThat(e.schema().fieldNames()).containsExactlyInAnyOrder("id", "name", "extra");
    assertThat(e.count()).isEqualTo(2);
    assertThat(e.toDF().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id") + "/" + r.getAs("name") + "/" + r.getAs("extra"))
        .containsExactly("1/a/null", "3/null/2.5");
  }

  @Test
  void columnNamesWithDotsSpacesBackticksAndUnicodeSurviveEveryFormat(DynaContext ctx)
      throws IOException {
    Path p =
        bytes(
            "names/n.json",
            utf8(
                "{\"a.b\": 1, \"c d\": \"x\", \"e`f\": true, \"ñame\": \"ü\", \"名前\": \"n\", \"nested\": {\"g.h\": 2}}\n"));
    DynamicFrame f = read(ctx, p, "json", Options.empty());
    assertThat(f.schema().fieldNames())
        .containsExactly("a.b", "c d", "e`f", "ñame", "名前", "nested");
    String expected =
        "{\"a.b\":1,\"c d\":\"x\",\"e`f\":true,\"ñame\":\"ü\",\"名前\":\"n\",\"nested\":{\"g.h\":2}}";
    assertThat(f.take(1)).containsExactly(expected);

    for (String format : List.of("avro", "orc", "parquet", "json")) {
      Path out = dir.resolve("names-" + format);
      if (format.equals("avro") || format.equals("orc")) {
        // Avro allows only [A-Za-z_][A-Za-z0-9_]* names, ORC no backtick: one exception naming
        // field and path,
        // never a name silently cut short
        assertThatThrownBy(
                () ->
                    ctx.writeDynamicFrameFromOptions(
                        f, "s3", Options.of("path", out.toString()), format, Options.empty(), ""))
            .isInstanceOf(SinkException.class)
            .hasMessageStartingWith(
                format.equals("orc")
                    ? "frame 'corpus' has the field 'e`f', and ORC cannot store a name with a backtick"
                    : "frame 'corpus' cannot be written as avro to "
                        + out
                        + ": [INVALID_COLUMN_NAME_AS_PATH]");
        assertThat(Files.exists(out) ? listAll(out) : List.of()).as(format).isEmpty();
        continue;
      }
      ctx.writeDynamicFrameFromOptions(
          f, "s3", Options.of("path", out.toString()), format, Options.empty(), "");
      DynamicFrame back = read(ctx, out, format, Options.empty());
      assertThat(back.schema().fieldNames())
          .as(format)
          .containsExactly("a.b", "c d", "e`f", "ñame", "名前", "nested");
      assertThat(back.take(1)).as(format).containsExactly(expected);
    }
    Path csvOut = dir.resolve("names-csv");
    DynamicFrame flat = f.withRows(f.toDF().drop("nested"));
    ctx.writeDynamicFrameFromOptions(
        flat, "s3", Options.of("path", csvOut.toString()), "csv", Options.empty(), "");
    assertThat(read(ctx, csvOut, "csv", Options.of("withHeader", true)).take(1))
        .containsExactly(
            "{\"a.b\":\"1\",\"c d\":\"x\",\"e`f\":\"true\",\"ñame\":\"ü\",\"名前\":\"n\"}");
  }

  @Test
  void namesEqualButForCaseAreRejectedAtTheSinkBeforeAnythingIsWritten(DynaContext ctx)
      throws IOException {
    Path p = bytes("case/c.json", utf8("{\"Id\": 1, \"id\": 2, \"n\": {\"X\": 1, \"x\": 2}}\n"));
    DynamicFrame f = read(ctx, p, "json", Options.empty());
    assertThat(f.schema().fieldNames()).containsExactly("Id", "id", "n");
    Path out = dir.resolve("case-out");

    for (String format : List.of("parquet", "json", "csv")) {
      assertThatThrownBy(
              () ->
                  ctx.writeDynamicFrameFromOptions(
                      f, "s3", Options.of("path", out.toString()), format, Options.empty(), ""))
          .isInstanceOf(SinkException.class)
          .hasMessage(
              "frame 'corpus' has the fields 'Id' and 'id', whose names differ only in case; Spark, Hive and the "
                  + "Glue catalog take them for one column, so nothing was written to "
                  + out
                  + ": rename or drop one of "
                  + "them first");
    }
    DynamicFrame nested = f.withRows(f.toDF().drop("Id"));
    assertThatThrownBy(
            () ->
                ctx.writeDynamicFrameFromOptions(
                    nested,
                    "s3",
                    Options.of("path", out.toString()),
                    "parquet",
                    Options.empty(),
                    ""))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("the fields 'n.X' and 'n.x'");
    assertThat(Files.exists(out) ? listAll(out) : List.of()).isEmpty();
  }

  /** The error records as {@code line|message|input}, in order of file and line. */
  private static List<String> errorLines(DynamicFrame f) {
    return errors(f).stream()
        .map(r -> r.<Long>getAs("line") + "|" + r.<String>getAs("msg") + "|" + r.getAs("input"))
        .toList();
  }

  /** The files the error records name, once each. */
  private static List<String> errorFiles(DynamicFrame f) {
    return errors(f).stream()
        .map(r -> r.<String>getAs("source"))
        .map(s -> s.substring(s.lastIndexOf('/', s.lastIndexOf('/') - 1) + 1))
        .distinct()
        .toList();
  }

  @Test
  void crlfAndLoneCrLineEndingsKeepLineNumbersAndLeaveNoCarriageReturnInValues(DynaContext ctx)
      throws IOException {
    Path json =
        bytes(
            "crlf/a.json",
            utf8("{\"id\": 1, \"s\": \"a\"}\r\n{\"id\": 2,\r\n{\"id\": 3, \"s\": \"c\"}\r\n"));
    Path cr = bytes("cr/a.json", utf8("{\"id\": 1}\r{\"id\": \r{\"id\": 3}\r"));
    Path csv =
        bytes("crlfcsv/a.csv", utf8("id,name\r\n1,a\r\n2,\"multi\r\nline\"\r\n3,c\r\n4\r\n"));
    Path crCsv = bytes("crcsv/a.csv", utf8("id,name\r1,a\r2,b\r"));

    DynamicFrame j = read(ctx, json, "json", Options.empty());
    DynamicFrame r = read(ctx, cr, "json", Options.empty());
    DynamicFrame c = read(ctx, csv, "csv", Options.of("withHeader", true));
    DynamicFrame rc = read(ctx, crCsv, "csv", Options.of("withHeader", true));

    assertThat(j.take(5)).containsExactly("{\"id\":1,\"s\":\"a\"}", "{\"id\":3,\"s\":\"c\"}");
    assertThat(errorLines(j))
        .hasSize(1)
        .allMatch(e -> e.startsWith("2|malformed JSON") && e.endsWith("|{\"id\": 2,"));
    assertThat(errorFiles(j)).containsExactly("crlf/a.json");
    assertThat(r.take(5)).containsExactly("{\"id\":1}", "{\"id\":3}");
    assertThat(errorLines(r))
        .hasSize(1)
        .allMatch(e -> e.startsWith("2|malformed JSON") && e.endsWith("|{\"id\": "));
    assertThat(c.schema().fieldNames()).containsExactly("id", "name");
    assertThat(c.take(5))
        .containsExactly(
            "{\"id\":\"1\",\"name\":\"a\"}",
            "{\"id\":\"2\",\"name\":\"multi\\nline\"}",
            "{\"id\":\"3\",\"name\":\"c\"}");
    assertThat(errorLines(c)).containsExactly("6|expected 2 fields (from the header), found 1|4");
    assertThat(rc.take(5))
        .containsExactly("{\"id\":\"1\",\"name\":\"a\"}", "{\"id\":\"2\",\"name\":\"b\"}");
    assertThat(rc.errorsCount()).isZero();
  }

  @Test
  void nulBytesInJsonAreErrorRecordsAndInCsvAreKeptAsData(DynaContext ctx) throws IOException {
    Path json =
        bytes(
            "nul/a.json",
            utf8("{\"id\": 1}\n{\"id\": 2, \"s\": \"a"),
            raw(0),
            utf8("b\"}\n"),
            raw(0),
            utf8("{\"id\": 3}\n{\"id\": 4, \"s\": \"a\\u0000b\"}\n"));
    Path zeros =
        bytes("nulfile/crashed.json", new byte[4096]); // a preallocated file, never written
    Path csv = bytes("nulcsv/a.csv", utf8("id,s\n1,a"), raw(0), utf8("b\n"), raw(0), utf8("2,c\n"));

    DynamicFrame j = read(ctx, json, "json", Options.empty());
    DynamicFrame z = read(ctx, zeros, "json", Options.empty());
    DynamicFrame c = read(ctx, csv, "csv", Options.of("withHeader", true));

    // an escaped NUL (\u0000) is a character of a string; a raw one is not JSON
    assertThat(j.take(5)).containsExactly("{\"id\":1}", "{\"id\":4,\"s\":\"a\\u0000b\"}");
    List<String> errs = errorLines(j);
    assertThat(errs).hasSize(2);
    assertThat(errs.get(0))
        .startsWith("2|malformed JSON at column ")
        .contains("Illegal unquoted character ((CTRL-CHAR, code 0))");
    assertThat(errs.get(1))
        .startsWith("3|malformed JSON at column ")
        .contains("Illegal character ((CTRL-CHAR, code 0))");
    assertThat(z.count()).isZero();
    assertThat(errorLines(z))
        .hasSize(1)
        .allMatch(
            e ->
                e.startsWith("1|malformed JSON at column ")
                    && e.contains("Illegal character ((CTRL-CHAR, code 0))"));
    assertThat(errorFiles(z)).containsExactly("nulfile/crashed.json");
    // CSV has no rule against NUL: the character is data, even at the start of a line
    assertThat(c.take(5))
        .containsExactly("{\"id\":\"1\",\"s\":\"a\\u0000b\"}", "{\"id\":\"\\u00002\",\"s\":\"c\"}");
    assertThat(c.errorsCount()).isZero();
  }

  @Test
  @Timeout(60)
  void jsonNestedTenThousandLevelsDeepIsAnErrorRecordNotAStackOverflow(DynaContext ctx)
      throws IOException {
    String deep = "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000);
    String deepArray = "{\"id\": 3, \"v\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    Path lines =
        bytes(
            "deep10k/lines.json",
            utf8("{\"id\": 1}\n" + deep + "\n" + deepArray + "\n{\"id\": 4}\n"));
    Path doc =
        bytes("deep10kdoc/doc.json", utf8("[\n{\"id\": 1},\n" + deepArray + "\n,{\"id\": 5}]\n"));

    DynamicFrame f = read(ctx, lines, "json", Options.empty());
    DynamicFrame d = read(ctx, doc, "json", Options.of("multiLine", true));

    // Jackson names the column where the limit was crossed in some versions only
    String tooDeep =
        "JSON nested deeper than 100 levels( \\(at column \\d+\\))?; a record may nest objects and"
            + " arrays at most 100 levels deep";
    assertThat(f.take(5)).containsExactly("{\"id\":1}", "{\"id\":4}");
    List<String> errs = errorLines(f);
    assertThat(errs).hasSize(2);
    assertThat(errs.get(0)).matches("2\\|" + tooDeep + "\\|\\{\"a\": \\{.*");
    assertThat(errs.get(1)).matches("3\\|" + tooDeep + "\\|\\{\"id\": 3, .*");
    assertThat(errorFiles(f)).containsExactly("deep10k/lines.json");
    assertThat(d.take(5)).containsExactly("{\"id\":1}");
    assertThat(errorLines(d))
        .hasSize(1)
        .allMatch(
            e ->
                e.matches(
                    "3\\|"
                        + tooDeep
                        + "; the rest of the file after this point was not read\\|null"));
  }

  /**
   * Glue's documentation does not say; Spark's JSON reader keeps the last value of a key that an
   * object repeats, without an error (RFC 8259 leaves it to the reader), and so does dynaframe: the
   * field keeps the place where the key first appears.
   */
  @Test
  void aKeyRepeatedInAJsonObjectKeepsItsLastValueAsSparkDoes(DynaContext ctx) throws IOException {
    Path p =
        bytes(
            "dupkeys/a.json",
            utf8(
                "{\"id\": 1, \"v\": \"first\", \"n\": 0, \"v\": \"last\"}\n"
                    + "{\"id\": 2, \"o\": {\"x\": 1, \"x\": {\"y\": 2}}}\n"
                    + "{\"id\": 3, \"v\": 7, \"v\": null}\n"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    assertThat(f.schema().fieldNames()).containsExactly("id", "v", "n", "o");
    assertThat(f.take(5))
        .containsExactly(
            "{\"id\":1,\"v\":\"last\",\"n\":0}",
            "{\"id\":2,\"o\":{\"x\":{\"y\":2}}}",
            "{\"id\":3}");
    assertThat(f.errorsCount()).isZero();
  }

  /**
   * A whole number beyond a long is a decimal of its digits (as Spark infers it), never a double
   * that drops digits; beyond a decimal's 38 digits it is an error record.
   */
  @Test
  void wholeNumbersBeyondALongAreDecimalsAndBeyond38DigitsErrorRecords(DynaContext ctx)
      throws IOException {
    String big = "123456789012345678901234567890";
    String huge = "1" + "0".repeat(40);
    Path p =
        bytes(
            "bignum/a.json",
            utf8(
                "{\"id\": 1, \"n\": 9223372036854775807}\n"
                    + "{\"id\": 2, \"n\": 9223372036854775808}\n"
                    + "{\"id\": 3, \"n\": -"
                    + big
                    + "}\n"
                    + "{\"id\": 4, \"n\": "
                    + huge
                    + "}\n"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    assertThat(f.schema().field("n").orElseThrow().type())
        .isEqualTo(
            io.dynaframe.types.Types.merge(
                io.dynaframe.types.Types.LONG, io.dynaframe.types.Types.decimal(30, 0)));
    List<Row> rows =
        f.toDF(io.dynaframe.ResolveOption.cast("n", io.dynaframe.types.Types.STRING))
            .orderBy("id")
            .collectAsList();
    assertThat(rows)
        .extracting(r -> r.getAs("id") + "=" + r.getAs("n"))
        .containsExactly("1=9223372036854775807", "2=9223372036854775808", "3=-" + big);
    assertThat(errorLines(f))
        .containsExactly(
            "4|the whole number "
                + huge
                + " has 41 digits, more than the 38 of a decimal; it is not read as a rounded double|{\"id\": 4, \"n\": "
                + huge
                + "}");
  }

  @Test
  void numbersBeyondTheRangeOfADoubleAreErrorRecordsNotInfinity(DynaContext ctx)
      throws IOException {
    Path p =
        bytes(
            "bigdouble/a.json",
            utf8(
                "{\"id\": 1, \"x\": 1.7976931348623157e308}\n"
                    + "{\"id\": 2, \"x\": 1e400}\n"
                    + "{\"id\": 3, \"x\": -2.5e999}\n"
                    + "{\"id\": 4, \"x\": 1e-400}\n"));
    Path csv = bytes("bigdoublecsv/a.csv", utf8("id,x\n1,1e400\n2,2.5\n"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());
    DynamicFrame c = read(ctx, csv, "csv", Options.of("withHeader", true, "typedValues", true));

    assertThat(f.take(5))
        .containsExactly("{\"id\":1,\"x\":1.7976931348623157E308}", "{\"id\":4,\"x\":0.0}");
    assertThat(errorLines(f))
        .containsExactly(
            "2|the number 1e400 is beyond the range of a double|{\"id\": 2, \"x\": 1e400}",
            "3|the number -2.5e999 is beyond the range of a double|{\"id\": 3, \"x\": -2.5e999}");
    // typed CSV: a value too large for a double stays the text it is
    assertThat(c.take(5)).containsExactly("{\"id\":1,\"x\":\"1e400\"}", "{\"id\":2,\"x\":2.5}");
  }

  /**
   * {@code NaN}, {@code Infinity} and {@code -Infinity} are not JSON, but Python's {@code json}
   * module writes them for float values, and Spark's JSON reader accepts them
   * (allowNonNumericNumbers): they are read as those doubles.
   */
  @Test
  void nanAndInfinityLiteralsAreReadAsDoublesAsPythonWritesThem(DynaContext ctx)
      throws IOException {
    Path p =
        bytes(
            "nan/a.json",
            utf8(
                "{\"id\": 1, \"x\": NaN}\n{\"id\": 2, \"x\": Infinity}\n{\"id\": 3, \"x\": -Infinity}\n"
                    + "{\"id\": 4, \"x\": 1.5}\n{\"id\": 5, \"x\": nan}\n"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    assertThat(f.schema().field("x").orElseThrow().type())
        .isEqualTo(io.dynaframe.types.Types.DOUBLE);
    List<Row> rows = f.toDF().orderBy("id").collectAsList();
    assertThat(rows)
        .extracting(r -> r.getAs("id") + "=" + r.getAs("x"))
        .containsExactly("1=NaN", "2=Infinity", "3=-Infinity", "4=1.5");
    assertThat(errorLines(f))
        .hasSize(1)
        .allMatch(
            e ->
                e.startsWith("5|malformed JSON at column ")
                    && e.contains("Unrecognized token 'nan'"));
  }

  @Test
  @Timeout(30)
  void anUnclosedQuoteAtTheStartOfALargeCsvEndsInOneErrorRecordAndTerminates(DynaContext ctx)
      throws IOException {
    Path p = dir.resolve("openquote/big.csv");
    Files.createDirectories(p.getParent());
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("id,text\n1,ok\n2,\"opened and never closed\n");
      for (int i = 3; i <= 200_000; i++) {
        w.write(i + ",row " + i + "\n");
      }
    }

    DynamicFrame f = read(ctx, p, "csv", Options.of("withHeader", true));

    assertThat(f.take(5)).containsExactly("{\"id\":\"1\",\"text\":\"ok\"}");
    List<Row> errs = errors(f);
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0).<Long>getAs("line")).isEqualTo(3L);
    assertThat(errs.get(0).<String>getAs("msg"))
        .isEqualTo(
            "a quoted field opened in line 3 is not closed: the quote runs to the end of the file, so the lines after it were read as part of this record");
    assertThat(errs.get(0).<String>getAs("source")).endsWith("openquote/big.csv");
  }

  @Test
  void aUtf16FileIsErrorRecordsSayingItIsNotUtf8(DynaContext ctx) throws IOException {
    Path p = bytes("utf16/a.json", "{\"id\": 1}\n{\"id\": 2}\n".getBytes(StandardCharsets.UTF_16));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    assertThat(f.count()).isZero();
    assertThat(errors(f))
        .extracting(r -> r.<Long>getAs("line") + "|" + r.getAs("msg"))
        .containsExactly(
            "1|line 1 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read",
            "2|malformed JSON at column 2: Illegal character ((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed between tokens");
    assertThat(errorFiles(f)).containsExactly("utf16/a.json");
  }

  @Test
  void overlongAndSurrogateUtf8SequencesAreErrorRecordsNotCharacters(DynaContext ctx)
      throws IOException {
    Path p =
        bytes(
            "overlong/a.json",
            utf8("{\"id\": 1, \"s\": \""),
            raw(0xC0, 0xAF), // an overlong '/'
            utf8("\"}\n{\"id\": 2, \"s\": \""),
            raw(0xED, 0xA0, 0x80), // a UTF-16 surrogate written as UTF-8
            utf8("\"}\n{\"id\": 3, \"s\": \""),
            raw(0xF4, 0x90, 0x80, 0x80), // beyond U+10FFFF
            utf8("\"}\n{\"id\": 4, \"s\": \"\uD83D\uDE00\"}\n"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    assertThat(f.take(5)).containsExactly("{\"id\":4,\"s\":\"\uD83D\uDE00\"}");
    assertThat(errors(f))
        .extracting(r -> r.<Long>getAs("line") + "|" + r.getAs("msg"))
        .containsExactly(
            "1|line 1 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read",
            "2|line 2 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read",
            "3|line 3 is not valid UTF-8 text (bytes that no UTF-8 character has); the record is not read");
  }

  @Test
  void aGzFileThatIsNotGzipIsOneErrorRecordNamingTheFile(DynaContext ctx) throws IOException {
    bytes("notgz/plain.json.gz", utf8("{\"id\": 1}\n"));
    bytes("notgz/real.json", utf8("{\"id\": 2}\n"));

    DynamicFrame f = read(ctx, dir.resolve("notgz"), "json", Options.empty());

    assertThat(f.take(5)).containsExactly("{\"id\":2}");
    List<Row> errs = errors(f);
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0).<String>getAs("source")).endsWith("notgz/plain.json.gz");
    assertThat(errs.get(0).<String>getAs("msg"))
        .isEqualTo("cannot read the file: not a gzip file (IOException)");
  }

  @Test
  void aCsvRowOfMoreFieldsThanTheParserTakesIsAnErrorRecord(DynaContext ctx) throws IOException {
    Path p = bytes("widecsv/a.csv", utf8("a,b\n1,2\n" + ",".repeat(100_001) + "\n3,4\n"));

    DynamicFrame f = read(ctx, p, "csv", Options.of("withHeader", true));

    assertThat(f.take(5)).containsExactly("{\"a\":\"1\",\"b\":\"2\"}");
    List<Row> errs = errors(f);
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0).<Long>getAs("line")).isEqualTo(3L);
    assertThat(errs.get(0).<String>getAs("msg")).startsWith("malformed CSV: ");
  }

  @Test
  void jsonLinesThatAreNotObjectsAreErrorRecordsNamingWhatTheyAre(DynaContext ctx)
      throws IOException {
    Path p = bytes("notobj/a.json", utf8("{\"id\": 1}\nnull\n42\n\"text\"\ntrue\n{\"id\": 2}"));

    DynamicFrame f = read(ctx, p, "json", Options.empty());

    // the last line has no line break, and is read all the same
    assertThat(f.take(5)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(errorLines(f))
        .containsExactly(
            "2|a JSON record must be an object, found null|null",
            "3|a JSON record must be an object, found number|42",
            "4|a JSON record must be an object, found string|\"text\"",
            "5|a JSON record must be an object, found boolean|true");
  }

  @Test
  void aByteOrderMarkNeverReachesTheFirstValueOrName(DynaContext ctx) throws IOException {
    byte[] bom = raw(0xEF, 0xBB, 0xBF);
    Path csv = bytes("bomnohead/a.csv", bom, utf8("x,y\n1,2\n"));
    Path doc = bytes("bomdoc/a.json", bom, utf8("[{\"id\": 1}, {\"id\": 2}]\n"));

    DynamicFrame c = read(ctx, csv, "csv", Options.empty());
    DynamicFrame d = read(ctx, doc, "json", Options.of("multiLine", true));

    assertThat(c.take(5))
        .containsExactly("{\"col0\":\"x\",\"col1\":\"y\"}", "{\"col0\":\"1\",\"col1\":\"2\"}");
    assertThat(d.take(5)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(c.errorsCount() + d.errorsCount()).isZero();
  }

  private static Path onlyPart(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> parts = s.filter(x -> x.getFileName().toString().endsWith(".parquet")).toList();
      assertThat(parts).hasSize(1);
      return parts.get(0);
    }
  }

  private static List<Path> listAll(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
