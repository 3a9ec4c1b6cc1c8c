package io.dynaframe.catalog.internal;

import io.dynaframe.types.StructType;

/**
 * What the crawler learned from one file: its classification ({@code parquet}, {@code orc}, {@code
 * avro}, {@code json}, {@code csv}, or {@code UNKNOWN}), its schema, and for CSV the separator and
 * whether the first line is a header.
 */
public record FileSchema(
    String path, String classification, StructType schema, String delimiter, boolean header) {

  /** The classification of files no classifier recognised. */
  public static final String UNKNOWN = "UNKNOWN";

  /** A file of no known format. */
  public static FileSchema unknown(String path) {
    return new FileSchema(path, UNKNOWN, io.dynaframe.types.Types.struct(), null, false);
  }

  /** True unless {@link #UNKNOWN}. */
  public boolean known() {
    return !classification.equals(UNKNOWN);
  }
}
