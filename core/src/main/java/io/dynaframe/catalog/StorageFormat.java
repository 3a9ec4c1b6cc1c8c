package io.dynaframe.catalog;

import com.google.common.collect.ImmutableMap;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a table's files are stored, in the Hive metastore's terms (Glue's {@code StorageDescriptor}
 * without columns and location): the Hadoop input and output format classes, the SerDe class and
 * its parameters ({@code field.delim}, ...).
 *
 * <p>{@link #forClassification} gives the classes AWS Glue's crawlers set for each classification;
 * {@link #classification()} recognises them again.
 */
public final class StorageFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
  static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
  static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
  static final String PARQUET_INPUT =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  static final String PARQUET_OUTPUT =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
  static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
  static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
  static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
  static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
  static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
  static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";

  private final String inputFormat;
  private final String outputFormat;
  private final String serializationLibrary;
  private final ImmutableMap<String, String> serdeParameters;

  private StorageFormat(
      String inputFormat,
      String outputFormat,
      String serializationLibrary,
      Map<String, String> serdeParameters) {
    this.inputFormat = inputFormat;
    this.outputFormat = outputFormat;
    this.serializationLibrary = serializationLibrary;
    this.serdeParameters = ImmutableMap.copyOf(serdeParameters);
  }

  /** A format of these classes (any may be null) and SerDe parameters. */
  public static StorageFormat of(
      String inputFormat,
      String outputFormat,
      String serializationLibrary,
      Map<String, String> serdeParameters) {
    return new StorageFormat(inputFormat, outputFormat, serializationLibrary, serdeParameters);
  }

  /** No classes and no parameters. */
  public static StorageFormat none() {
    return new StorageFormat(null, null, null, Map.of());
  }

  /**
   * The classes AWS Glue sets for a classification: {@code parquet}, {@code orc}, {@code avro},
   * {@code json} (the OpenX JSON SerDe) and {@code csv} (the lazy simple SerDe with {@code
   * field.delim} ","; see {@link #csv(String)} for another separator).
   *
   * @throws IllegalArgumentException for another classification
   */
  public static StorageFormat forClassification(String classification) {
    String c = classification.toLowerCase(Locale.ROOT);
    return switch (c) {
      case "parquet" ->
          of(PARQUET_INPUT, PARQUET_OUTPUT, PARQUET_SERDE, Map.of("serialization.format", "1"));
      case "orc" -> of(ORC_INPUT, ORC_OUTPUT, ORC_SERDE, Map.of());
      case "avro" -> of(AVRO_INPUT, AVRO_OUTPUT, AVRO_SERDE, Map.of());
      case "json" -> of(TEXT_INPUT, TEXT_OUTPUT, JSON_SERDE, Map.of("paths", ""));
      case "csv" -> csv(",");
      default ->
          throw new IllegalArgumentException(
              "no storage format is known for classification '"
                  + classification
                  + "'; known are parquet, orc, avro, json, csv");
    };
  }

  /** CSV text with this field separator, as Glue's crawler registers it. */
  public static StorageFormat csv(String separator) {
    return of(TEXT_INPUT, TEXT_OUTPUT, LAZY_SIMPLE, Map.of("field.delim", separator));
  }

  /** This format with one more SerDe parameter, or one replaced. */
  public StorageFormat withSerdeParameter(String key, String value) {
    Map<String, String> m = new java.util.LinkedHashMap<>(serdeParameters);
    m.put(key, value);
    return new StorageFormat(inputFormat, outputFormat, serializationLibrary, m);
  }

  /** The Hadoop input format class name, if set. */
  public Optional<String> inputFormat() {
    return Optional.ofNullable(inputFormat);
  }

  /** The Hadoop output format class name, if set. */
  public Optional<String> outputFormat() {
    return Optional.ofNullable(outputFormat);
  }

  /** The SerDe class name ({@code SerdeInfo.SerializationLibrary}), if set. */
  public Optional<String> serializationLibrary() {
    return Optional.ofNullable(serializationLibrary);
  }

  /** The SerDe parameters ({@code SerdeInfo.Parameters}). */
  public Map<String, String> serdeParameters() {
    return serdeParameters;
  }

  /**
   * The classification these classes stand for ({@code parquet}, {@code orc}, {@code avro}, {@code
   * json}, {@code csv}), recognised from the SerDe or the input format; empty when they say nothing
   * known.
   */
  public Optional<String> classification() {
    String serde =
        serializationLibrary == null ? "" : serializationLibrary.toLowerCase(Locale.ROOT);
    String in = inputFormat == null ? "" : inputFormat.toLowerCase(Locale.ROOT);
    if (serde.contains("parquet") || in.contains("parquet")) {
      return Optional.of("parquet");
    }
    if (serde.contains("orc") || in.contains(".orc.")) {
      return Optional.of("orc");
    }
    if (serde.contains("avro") || in.contains("avro")) {
      return Optional.of("avro");
    }
    if (serde.contains("json")) {
      return Optional.of("json");
    }
    if (serde.equals(LAZY_SIMPLE.toLowerCase(Locale.ROOT)) || serde.contains("csv")) {
      return Optional.of("csv");
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageFormat f
        && Objects.equals(f.inputFormat, inputFormat)
        && Objects.equals(f.outputFormat, outputFormat)
        && Objects.equals(f.serializationLibrary, serializationLibrary)
        && f.serdeParameters.equals(serdeParameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputFormat, outputFormat, serializationLibrary, serdeParameters);
  }

  @Override
  public String toString() {
    return "StorageFormat[" + serializationLibrary + ", " + serdeParameters + "]";
  }
}
