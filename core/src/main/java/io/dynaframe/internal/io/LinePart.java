package io.dynaframe.internal.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one part of a file cut at line breaks, as Hadoop's line reader cuts a split: a part
 * of the byte range {@code [start, end)} begins after the first {@code \n} at or after {@code
 * start} (the first part at the file's start) and runs through the {@code \n} of the line that
 * holds byte {@code end} (or to the end of the file). Every line of the file so falls in exactly
 * one part: the one whose {@code (start, end]} holds the line's first byte ({@code [0, end]} for
 * the first part). As {@code \n} is never part of a multi-byte UTF-8 character and ends a {@code
 * \r\n}, a part starts and ends on whole characters and whole line breaks.
 */
final class LinePart extends InputStream {
  private final InputStream in;
  private final long end;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long offset; // the file offset of buf[pos]
  private boolean done;

  /** {@code in} is positioned at {@code start}. */
  LinePart(InputStream in, long start, long end) throws IOException {
    this.in = in;
    this.end = end;
    this.offset = start;
    if (start > 0) {
      // the line that holds byte start - 1 belongs to the part before
      while (true) {
        if (pos == lim && !fill()) {
          done = true;
          break;
        }
        byte b = buf[pos++];
        offset++;
        if (b == '\n') {
          break;
        }
      }
      if (offset > end) {
        done = true; // no line starts in this part's range
      }
    }
  }

  /** The file offset of the next byte: after the constructor, of the part's first byte. */
  long offset() {
    return offset;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      // read(...) returns 0 only for an empty buffer; treat it as the end
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done) {
      return -1;
    }
    if (pos == lim && !fill()) {
      done = true;
      return -1;
    }
    int n = Math.min(len, lim - pos);
    // from byte end on, the part stops after the first \n
    long fromEnd = end - offset;
    if (fromEnd < n) {
      for (int i = (int) Math.max(0, fromEnd); i < n; i++) {
        if (buf[pos + i] == '\n') {
          n = i + 1;
          done = true;
          break;
        }
      }
    }
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    offset += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
