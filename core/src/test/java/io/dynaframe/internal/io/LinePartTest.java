package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Parts of a file cut at line breaks: every byte in exactly one part, lines counted exactly. */
class LinePartTest {

  private static byte[] part(byte[] file, long start, long end) throws IOException {
    InputStream in = new ByteArrayInputStream(file);
    in.skipNBytes(start);
    try (LinePart p = new LinePart(in, start, end)) {
      return p.readAllBytes();
    }
  }

  /** Random text of lines ending in \n, \r\n or \r, with multi-byte characters. */
  private static byte[] text(SplittableRandom r, int lines) {
    String[] pieces = {"a", "bc", "é", "✓", "😀", " ", "{\"x\":1}", "\"q\""};
    String[] ends = {"\n", "\n", "\n", "\r\n", "\r", ""};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int n = r.nextInt(12);
      for (int j = 0; j < n; j++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      sb.append(i == lines - 1 ? ends[r.nextInt(ends.length)] : ends[r.nextInt(ends.length - 1)]);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void thePartsOfAFileAreItsBytesInOrderCutAfterLineFeedsAndTheirLinesAddUp() throws IOException {
    SplittableRandom r = new SplittableRandom(25);
    for (int round = 0; round < 300; round++) {
      byte[] file = text(r, 1 + r.nextInt(60));
      long split = 1 + r.nextInt(Math.max(1, file.length));
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      long lineBreaks = 0;
      List<String> lines = new ArrayList<>();
      for (long start = 0; start < file.length; start += split) {
        byte[] p = part(file, start, Math.min(file.length, start + split));
        // a part holds whole lines: it ends after a \n, or at the end of the file
        boolean toEnd = joined.size() + p.length == file.length;
        boolean endsWithLf = p.length > 0 && p[p.length - 1] == '\n';
        assertThat(toEnd || endsWithLf || p.length == 0)
            .as("round %d, part at %d", round, start)
            .isTrue();
        joined.write(p);
        Utf8Reader decoder = new Utf8Reader(new ByteArrayInputStream(p), 1, 0);
        int before = lines.size();
        try (java.io.BufferedReader b = new java.io.BufferedReader(decoder)) {
          for (String l = b.readLine(); l != null; l = b.readLine()) {
            lines.add(l);
          }
        }
        if (endsWithLf) {
          // the line breaks the decoder counts are the lines the part holds
          assertThat(decoder.line() - 1).isEqualTo(lines.size() - before);
          lineBreaks += decoder.line() - 1;
        }
        assertThat(decoder.malformedLines()).isEmpty();
      }
      assertThat(joined.toByteArray()).as("round %d, split %d", round, split).isEqualTo(file);
      assertThat(lines).as("round %d", round).isEqualTo(JsonFormatFuzzTest.lines(file));
      assertThat(lineBreaks).isLessThanOrEqualTo(lines.size());
    }
  }

  @Test
  void aLineThatStartsAtARangesStartBelongsToThePartBefore() throws IOException {
    byte[] file = "abc\ndef\nghi\n".getBytes(StandardCharsets.US_ASCII);
    // ranges [0,4) [4,8) [8,12): "def" starts at 4, so the first part reads it
    assertThat(new String(part(file, 0, 4), StandardCharsets.US_ASCII)).isEqualTo("abc\ndef\n");
    assertThat(new String(part(file, 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ghi\n");
    assertThat(part(file, 8, 12)).isEmpty();
    // a line longer than a range: the parts it covers read nothing
    byte[] longLine = "a\nbbbbbbbbbb\nc\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(new String(part(longLine, 0, 3), StandardCharsets.US_ASCII))
        .isEqualTo("a\nbbbbbbbbbb\n");
    assertThat(part(longLine, 3, 6)).isEmpty();
    assertThat(part(longLine, 6, 9)).isEmpty();
    assertThat(new String(part(longLine, 9, 15), StandardCharsets.US_ASCII)).isEqualTo("c\n");
  }

  @Test
  void linesThatCannotAllBeCountedMakeTheFileOneTaskAgain() {
    FilePart a0 = new FilePart("/a", 0, 10, 0, 3, 1);
    FilePart a1 = new FilePart("/a", 10, 20, 1, 3, 0);
    FilePart a2 = new FilePart("/a", 20, 25, 2, 3, 0);
    FilePart b0 = new FilePart("/b", 0, 10, 0, 2, 1);
    FilePart b1 = new FilePart("/b", 10, 12, 1, 2, 0);
    FilePart c = FilePart.whole("/c", 7);
    List<List<FilePart>> groups = List.of(List.of(a0), List.of(a1, a2, b0), List.of(b1, c));

    assertThat(TextSource.numberLines(groups, Map.of(a0, 4L, a1, 3L, a2, 2L, b0, 5L, b1, 1L)))
        .containsExactly(
            List.of(a0),
            List.of(a1.withFirstLine(5), a2.withFirstLine(8), b0),
            List.of(b1.withFirstLine(6), c));
    // a part of /a failed to read: /a is read whole in the group of its first part
    assertThat(TextSource.numberLines(groups, Map.of(a0, 4L, a1, -1L, a2, 2L, b0, 5L, b1, 1L)))
        .containsExactly(
            List.of(FilePart.whole("/a", 0)), List.of(b0), List.of(b1.withFirstLine(6), c));
  }
}
