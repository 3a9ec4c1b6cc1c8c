package io.dynaframe.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes UTF-8 and remembers the lines where the bytes were not UTF-8. Each bad sequence is read
 * as U+FFFD, so that the parsers go on with the rest of the file, and its line is noted, so that
 * the record that holds it becomes an error record instead of carrying the replacement character
 * silently. Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link
 * java.io.BufferedReader#readLine} counts them.
 */
final class Utf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private final CharBuffer chars = CharBuffer.allocate(1 << 16);
  private final TreeSet<Long> malformed = new TreeSet<>();
  private boolean eof;
  private boolean done;
  private long line = 1;
  private boolean lastWasCr;
  private long bytesRead;
  private boolean closed;

  Utf8Reader(InputStream in) {
    this(in, 1, 0);
  }

  /**
   * A reader of text that starts at line {@code firstLine} and byte {@code firstByte} of its file
   * (a part of a file that one task reads).
   */
  Utf8Reader(InputStream in, long firstLine, long firstByte) {
    this.in = in;
    this.line = firstLine;
    this.bytesRead = firstByte;
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (done) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  /** Decodes the next characters into {@code chars}; sets {@code done} at the end of the input. */
  private void fill() throws IOException {
    chars.clear();
    while (true) {
      int from = chars.position();
      CoderResult r = decoder.decode(bytes, chars, eof);
      count(from);
      if (r.isError()) {
        if (!chars.hasRemaining()) {
          break; // reported again on the next fill, with room for the replacement
        }
        malformed.add(line);
        chars.put('\uFFFD');
        lastWasCr = false;
        bytes.position(bytes.position() + r.length());
        continue;
      }
      if (r.isOverflow()) {
        break;
      }
      if (eof) {
        int f = chars.position();
        CoderResult fr = decoder.flush(chars);
        count(f);
        if (!fr.isOverflow()) {
          done = true;
        }
        break;
      }
      if (chars.position() > 0) {
        break; // hand out what there is before blocking on more input
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytesRead += n;
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    chars.flip();
  }

  private void count(int from) {
    char[] a = chars.array();
    int end = chars.position();
    for (int i = from; i < end; i++) {
      char c = a[i];
      if (c == '\n') {
        if (!lastWasCr) {
          line++;
        }
        lastWasCr = false;
      } else if (c == '\r') {
        line++;
        lastWasCr = true;
      } else {
        lastWasCr = false;
      }
    }
  }

  /**
   * The lines (1-based) from {@code first} to {@code last} that held bytes that are not UTF-8, so
   * far.
   */
  Set<Long> malformedLines(long first, long last) {
    // called for every record: no view to build in the usual case of a file that is all UTF-8
    return last < first || malformed.isEmpty()
        ? Set.of()
        : malformed.subSet(first, true, last, true);
  }

  /**
   * The bytes read from the file so far (after decompression), read-ahead buffer included: what
   * Glue's error records call {@code bytesread}; for a file smaller than the buffer, its size.
   */
  long bytesRead() {
    return bytesRead;
  }

  /**
   * The line the text decoded so far ends in: after the whole text, its first line plus the number
   * of line breaks in it ({@code \n}, {@code \r\n} or a lone {@code \r}).
   */
  long line() {
    return line;
  }

  /** Every line (1-based) that held bytes that are not UTF-8, so far. */
  Set<Long> malformedLines() {
    return malformed;
  }

  /** Closes the input once, however often it is called. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
