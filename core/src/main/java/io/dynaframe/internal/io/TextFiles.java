package io.dynaframe.internal.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Opens a text file for reading: decompressed by its extension or the {@code compressionType}
 * option, UTF-8, without a byte-order mark.
 */
final class TextFiles {
  private TextFiles() {}

  /** An open file: its text, and the decoder that knows which of its lines were not UTF-8. */
  record Text(BufferedReader reader, Utf8Reader decoder) {
    /** Closes the file, also where the reader's own {@code close} leaves it open. */
    void close() throws IOException {
      decoder.close();
    }
  }

  static Text open(String file, Configuration conf, String compressionType) throws IOException {
    Path path = new Path(file);
    InputStream in = path.getFileSystem(conf).open(path);
    CompressionCodec codec;
    try {
      codec = codec(path, conf, compressionType);
      if (codec != null) {
        in = codec.createInputStream(in);
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return text(new Utf8Reader(in), true, false);
  }

  /** Opens a file's bytes, decompressed as {@link #open(String, Configuration, String)} does. */
  static InputStream openBytes(String file, Configuration conf, String compressionType)
      throws IOException {
    Path path = new Path(file);
    InputStream in = path.getFileSystem(conf).open(path);
    try {
      CompressionCodec codec = codec(path, conf, compressionType);
      return codec == null ? in : codec.createInputStream(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Opens the part of an uncompressed file that one task reads: the lines that start in the byte
   * range {@code [start, end)} as {@link LinePart} cuts it; the text's first line is line {@code
   * firstLine} of the file.
   */
  static Text open(String file, Configuration conf, long start, long end, long firstLine)
      throws IOException {
    Path path = new Path(file);
    FSDataInputStream in = path.getFileSystem(conf).open(path);
    LinePart part;
    try {
      if (start > 0) {
        in.seek(start);
      }
      part = new LinePart(in, start, end);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    // the reader stays open when the format closes it (a CSV parser at the end of its input), so
    // that the rest of the part can still be read to count its lines; Text.close closes the file
    return text(new Utf8Reader(part, firstLine, part.offset()), start == 0, true);
  }

  /** True when the file is read through a decompressor (it then cannot be read in parts). */
  static boolean compressed(String file, Configuration conf, String compressionType) {
    return codec(new Path(file), conf, compressionType) != null;
  }

  private static Text text(Utf8Reader decoder, boolean fileStart, boolean keepOpen)
      throws IOException {
    BufferedReader r =
        keepOpen
            ? new BufferedReader(decoder, 1 << 16) {
              @Override
              public void close() {
                // Text.close closes the file
              }
            }
            : new BufferedReader(decoder, 1 << 16);
    if (!fileStart) {
      return new Text(r, decoder);
    }
    try {
      r.mark(1);
      int first = r.read();
      if (first != '\uFEFF' && first != -1) {
        r.reset();
      }
    } catch (IOException | RuntimeException e) {
      decoder.close();
      throw e;
    }
    return new Text(r, decoder);
  }

  private static CompressionCodec codec(Path path, Configuration conf, String compressionType) {
    if (compressionType != null && !compressionType.isBlank()) {
      switch (compressionType.toLowerCase(Locale.ROOT)) {
        case "gzip":
        case "gz":
          return ReflectionUtils.newInstance(GzipCodec.class, conf);
        case "bzip":
        case "bzip2":
        case "bz2":
          return ReflectionUtils.newInstance(BZip2Codec.class, conf);
        case "none":
          return null;
        default:
          throw new IllegalArgumentException(
              "compressionType must be gzip, bzip2 or none, was '" + compressionType + "'");
      }
    }
    return new CompressionCodecFactory(conf).getCodec(path);
  }
}
