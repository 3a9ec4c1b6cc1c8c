package io.dynaframe.internal.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
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
  record Text(BufferedReader reader, Utf8Reader decoder) {}

  static Text open(String file, Configuration conf, String compressionType) throws IOException {
    Path path = new Path(file);
    InputStream in = path.getFileSystem(conf).open(path);
    CompressionCodec codec = codec(path, conf, compressionType);
    if (codec != null) {
      in = codec.createInputStream(in);
    }
    Utf8Reader decoder = new Utf8Reader(in);
    BufferedReader r = new BufferedReader(decoder, 1 << 16);
    try {
      r.mark(1);
      int first = r.read();
      if (first != '\uFEFF' && first != -1) {
        r.reset();
      }
    } catch (IOException | RuntimeException e) {
      r.close();
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
