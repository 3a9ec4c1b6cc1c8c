package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large JSON Lines and CSV files are read by several tasks, in parts cut at line breaks, as Spark
 * splits them ({@code spark.sql.files.maxPartitionBytes}); a small split size here cuts small files
 * into many parts. The frame read in parts equals the frame read by one task (schema, rows in
 * order, error records), and every error record names its exact file and line, also for bad lines
 * at, across and right after the boundaries of parts.
 */
@SparkTest
class SplitFilesTest {

  /** The split size of the tests: small files are cut into many parts. */
  private static final long SPLIT = 200;

  @TempDir Path dir;

  /** A file written line by line, knowing each line's number and byte offset. */
  private static final class Text {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Long> badLines = new ArrayList<>();
    long lines;

    void line(String text, String eol) {
      write(text.getBytes(StandardCharsets.UTF_8));
      write(eol.getBytes(StandardCharsets.UTF_8));
      lines++;
    }

    void bad(String text, String eol) {
      badLines.add(lines + 1);
      line(text, eol);
    }

    void write(byte[] b) {
      bytes.write(b, 0, b.length);
    }

    long offset() {
      return bytes.size();
    }

    /** The first byte at or after the current offset that is a multiple of the split size. */
    long nextBoundary() {
      return (offset() / SPLIT + 1) * SPLIT;
    }

    /** A good line of 50 bytes or more: it crosses the next boundary when that is nearer. */
    void cross(int id, String eol) {
      line("{\"id\":" + id + ",\"pad\":\"" + pad(40) + "\"}", eol);
    }
  }

  private static String pad(int n) {
    return "x".repeat(Math.max(0, n));
  }

  /**
   * A JSON Lines file: a byte-order mark, LF and CRLF line ends, blank lines, multi-byte characters
   * across boundaries, and bad lines across a boundary, starting at one, ending right before one,
   * and ending on one.
   */
  private Path jsonFile(String name) throws IOException {
    Text t = new Text();
    t.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    t.line("{\"id\":0,\"name\":\"Åsa ✓\"}", "\n");
    int id = 1;
    for (int round = 0; round < 8; round++) {
      String eol = round % 2 == 0 ? "\n" : "\r\n";
      // a good line that carries a 4-byte character over the next boundary
      String head = "{\"id\":" + id++ + ",\"name\":\"";
      long b = t.nextBoundary();
      int room = (int) (b - t.offset() - head.length() - 2);
      if (room < 0) {
        t.cross(id++, eol);
        b = t.nextBoundary();
        room = (int) (b - t.offset() - head.length() - 2);
      }
      t.line(head + pad(room) + "😀é\"}", eol);
      // a bad line across the next boundary
      long next = t.nextBoundary();
      t.line("{\"id\":" + id++ + ",\"pad\":\"" + pad((int) (next - t.offset()) - 40) + "\"}", eol);
      t.bad("{\"id\":" + id++ + ",\"name\":\"across a boundary\"", eol);
      t.line("", eol);
      // a bad line that starts right at a boundary
      String pre = "{\"id\":" + id++ + ",\"pad\":\"";
      if (t.nextBoundary() - t.offset() < pre.length() + 2 + eol.length()) {
        t.cross(id++, eol);
      }
      next = t.nextBoundary();
      t.line(pre + pad((int) (next - t.offset() - pre.length() - 2 - eol.length())) + "\"}", eol);
      assertThat(t.offset() % SPLIT).isZero();
      t.bad("[\"starts at byte " + t.offset() + "\"]", eol);
      // a bad line whose line feed is the last byte before a boundary, then one on the boundary
      next = t.nextBoundary();
      String tail = "{\"id\":" + id++ + ",\"bad\":";
      t.line("{\"id\":" + id++ + "}", eol);
      next = t.nextBoundary();
      int before = (int) (next - t.offset() - tail.length() - eol.length());
      if (before >= 0) {
        t.bad(tail + pad(before), eol);
      } else {
        t.line("{\"id\":" + id++ + "}", eol);
      }
      t.bad("not json " + round, eol);
      for (int i = 0; i < 3; i++) {
        t.line("{\"id\":" + id++ + ",\"n\":" + (i % 2 == 0 ? "1.5" : "\"s\"") + "}", eol);
      }
    }
    // a line that is not UTF-8, and a last line without a line break
    t.bad("{\"id\":" + id++ + ",\"name\":\"" + new String(new char[] {'a'}) + "\"}", "");
    byte[] bytes = t.bytes.toByteArray();
    ByteArrayOutputStream withBadByte = new ByteArrayOutputStream();
    int at = indexOfLast(bytes, "\"name\":\"a\"");
    withBadByte.write(bytes, 0, at + 8);
    withBadByte.write(0xFF);
    withBadByte.write(bytes, at + 8, bytes.length - at - 8);
    withBadByte.write("\n{\"id\":9999}".getBytes(StandardCharsets.UTF_8));
    Path p = dir.resolve(name);
    Files.write(p, withBadByte.toByteArray());
    expectedBad = t.badLines;
    assertThat(Files.size(p)).isGreaterThan(10 * SPLIT);
    return p;
  }

  private List<Long> expectedBad;

  private static int indexOfLast(byte[] hay, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = hay.length - n.length; i >= 0; i--) {
      for (int j = 0; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException(needle);
  }

  private static DynamicFrame read(DynaContext ctx, Path path, String format, Options fo) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path.toString())), format, fo, "big");
  }

  /** Reads with the split size of the tests. */
  private static <T> T split(DynaContext ctx, long bytes, Supplier<T> read) {
    ctx.spark().conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(bytes));
    try {
      return read.get();
    } finally {
      ctx.spark().conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  /** A frame as read: its schema, its rows in order, its error records in order. */
  private record Read(String schema, List<Row> rows, List<Row> errors, int tasks) {}

  private static Read collect(DynamicFrame f) {
    List<Row> errors =
        f.errorsAsDynamicFrame()
            .toDF()
            .selectExpr("error.source", "error.line", "error.msg", "error.input")
            .collectAsList();
    return new Read(
        f.schemaString(), f.toDF().collectAsList(), errors, f.toDF().rdd().getNumPartitions());
  }

  private static List<Long> lines(Read r) {
    return r.errors().stream().map(e -> e.getLong(1)).toList();
  }

  @Test
  void aJsonLinesFileReadInPartsEqualsItReadWholeWithExactLinesForItsBadLines(DynaContext ctx)
      throws IOException {
    Path file = jsonFile("big.json");
    Read whole = collect(read(ctx, file, "json", Options.empty()));
    Read parts = split(ctx, SPLIT, () -> collect(read(ctx, file, "json", Options.empty())));

    assertThat(whole.tasks()).isEqualTo(1);
    assertThat(parts.tasks()).isGreaterThan(10);
    assertThat(parts.schema()).isEqualTo(whole.schema());
    assertThat(parts.rows()).isEqualTo(whole.rows());
    assertThat(parts.errors()).isEqualTo(whole.errors());
    // every bad line by its number, in order (the last one is the line that is not UTF-8)
    assertThat(lines(parts)).isEqualTo(expectedBad);
    assertThat(parts.errors()).allSatisfy(e -> assertThat(e.getString(0)).endsWith("big.json"));
    assertThat(parts.errors().get(parts.errors().size() - 1).getString(2))
        .contains("not valid UTF-8");
    assertThat(parts.rows()).hasSizeGreaterThan(40);
    // other split sizes cut the lines elsewhere; the frame stays the same
    for (long size : new long[] {61, 97, 333}) {
      Read other = split(ctx, size, () -> collect(read(ctx, file, "json", Options.empty())));
      assertThat(other.rows()).as("split size %d", size).isEqualTo(whole.rows());
      assertThat(other.errors()).as("split size %d", size).isEqualTo(whole.errors());
    }
  }

  @Test
  void aGzipFileIsOneTaskAndReadsTheSame(DynaContext ctx) throws IOException {
    Path plain = jsonFile("plain.json");
    Path gz = dir.resolve("zipped.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    Read whole = collect(read(ctx, plain, "json", Options.empty()));
    Read zipped = split(ctx, SPLIT, () -> collect(read(ctx, gz, "json", Options.empty())));

    assertThat(zipped.tasks()).isEqualTo(1);
    assertThat(zipped.schema()).isEqualTo(whole.schema());
    assertThat(zipped.rows()).isEqualTo(whole.rows());
    assertThat(lines(zipped)).isEqualTo(lines(whole));
  }

  @Test
  void multiLineJsonIsOneTask(DynaContext ctx) throws IOException {
    Path file = dir.resolve("doc.json");
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < 100; i++) {
      sb.append(i == 0 ? "" : ",\n").append("{\"id\": ").append(i).append("}");
    }
    Files.writeString(file, sb.append("\n]\n"));
    Read r =
        split(ctx, SPLIT, () -> collect(read(ctx, file, "json", Options.of("multiLine", true))));
    assertThat(r.tasks()).isEqualTo(1);
    assertThat(r.rows()).hasSize(100);
  }

  /**
   * A CSV file (with a header, or without): a byte-order mark, quoted separators, multi-byte
   * characters, ragged rows across, at and right after boundaries, and rows typed per value. The
   * parser reads a file with the line separator it finds at its start (here {@code eol}).
   */
  private Path csvFile(String name, boolean header, String eol) throws IOException {
    Text t = new Text();
    t.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    if (header) {
      t.line("id,name,amount", eol);
    }
    int id = 0;
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < 3; i++) {
        t.line(id++ + ",\"a, b ✓\"," + (i == 1 ? "x" : i + ".5"), eol);
      }
      // a ragged row across a boundary
      long next = t.nextBoundary();
      String row = id++ + ",Åsa,";
      int room = (int) (next - t.offset() - row.length() - 4);
      t.line(row + (room > 0 ? pad(room) : "1"), eol);
      t.bad(id++ + ",one,two,three,four", eol);
      // a ragged row that starts right at a boundary
      next = t.nextBoundary();
      row = id++ + ",filler,";
      int fill = (int) (next - t.offset() - row.length() - eol.length());
      if (fill < 1) {
        t.line(id++ + ",n," + pad(30), eol);
        next = t.nextBoundary();
        fill = (int) (next - t.offset() - row.length() - eol.length());
      }
      t.line(row + pad(fill), eol);
      t.bad(id++ + ",short", eol);
      t.line("", eol);
    }
    Path p = dir.resolve(name);
    Files.write(p, t.bytes.toByteArray());
    expectedBad = t.badLines;
    return p;
  }

  @Test
  void aCsvFileReadInPartsTakesTheHeadersColumnsInEveryPart(DynaContext ctx) throws IOException {
    Path file = csvFile("big.csv", true, "\r\n");
    Options fo = Options.of("withHeader", true, "typedValues", true);
    Read whole = collect(read(ctx, file, "csv", fo));
    Read parts = split(ctx, SPLIT, () -> collect(read(ctx, file, "csv", fo)));

    assertThat(whole.tasks()).isEqualTo(1);
    assertThat(parts.tasks()).isGreaterThan(8);
    assertThat(parts.schema()).isEqualTo(whole.schema()).contains("amount: choice");
    assertThat(parts.rows()).isEqualTo(whole.rows());
    assertThat(parts.errors()).isEqualTo(whole.errors());
    assertThat(lines(parts)).isEqualTo(expectedBad);
    assertThat(parts.errors())
        .allSatisfy(e -> assertThat(e.getString(2)).contains("(from the header)"));
  }

  @Test
  void aCsvFileWithoutHeaderTakesTheFirstRowsWidthInEveryPart(DynaContext ctx) throws IOException {
    Path file = csvFile("noheader.csv", false, "\n");
    Read whole = collect(read(ctx, file, "csv", Options.empty()));
    Read parts = split(ctx, SPLIT, () -> collect(read(ctx, file, "csv", Options.empty())));

    assertThat(parts.tasks()).isGreaterThan(8);
    assertThat(parts.schema()).isEqualTo(whole.schema());
    assertThat(parts.rows()).isEqualTo(whole.rows());
    assertThat(parts.errors()).isEqualTo(whole.errors());
    assertThat(lines(parts)).isEqualTo(expectedBad);
  }

  /**
   * As in Glue and Spark without {@code multiLine}: a quoted value that spans lines is read whole
   * within a part, but not across the boundary of two parts; both halves are then error records
   * (the first names the option to set). With {@code multiLine} the file is one task.
   */
  @Test
  void aQuotedValueAcrossABoundaryNeedsMultiLine(DynaContext ctx) throws IOException {
    Text t = new Text();
    t.line("id,note,flag", "\n");
    int id = 0;
    while (t.nextBoundary() - t.offset() > 30) {
      t.line(id++ + ",fine,y", "\n");
    }
    long first = t.lines + 1;
    t.line(id++ + ",\"opens here " + pad((int) (t.nextBoundary() - t.offset())), "\n");
    t.line("and closes here\",y", "\n");
    for (int i = 0; i < 20; i++) {
      t.line(id++ + ",\"two\nlines\",y", "\n");
      t.lines++;
    }
    Path file = dir.resolve("quoted.csv");
    Files.write(file, t.bytes.toByteArray());
    Options fo = Options.of("withHeader", true);

    Read parts = split(ctx, SPLIT, () -> collect(read(ctx, file, "csv", fo)));
    assertThat(lines(parts)).startsWith(first, first + 1);
    assertThat(parts.errors().get(0).getString(2)).contains("set the format option multiLine");

    Read multi =
        split(ctx, SPLIT, () -> collect(read(ctx, file, "csv", fo.with("multiLine", true))));
    assertThat(multi.tasks()).isEqualTo(1);
    assertThat(multi.errors()).isEmpty();
    assertThat(multi.rows()).hasSize(id);
    assertThat(multi.rows().get((int) (first - 2)).getString(1))
        .startsWith("opens here ")
        .endsWith("\nand closes here");
  }
}
