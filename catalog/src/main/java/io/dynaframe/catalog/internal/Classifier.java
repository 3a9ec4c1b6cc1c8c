package io.dynaframe.catalog.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.catalog.HiveTypes;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Classifies one file and reads its schema without a Spark job, as Glue's built-in classifiers do,
 * in their order: Avro (container header), ORC and Parquet (their footers, read with the ORC and
 * Parquet libraries), then JSON and CSV from a sample of the file's first bytes. JSON and CSV files
 * may be compressed (gzip, bzip2, ... by file extension).
 */
public final class Classifier {
  private Classifier() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] DELIMITERS = {',', '|', '\t', ';', '\u0001'};

  /** Classifies a file; reads at most {@code sampleBytes} of a text file. */
  public static FileSchema classify(
      FileSystem fs, FileStatus file, Configuration conf, int sampleBytes) throws IOException {
    Path path = file.getPath();
    String p = path.toString();
    byte[] head = new byte[4];
    int n;
    try (FSDataInputStream in = fs.open(path)) {
      n = in.read(head);
    }
    if (n == 4 && head[0] == 'O' && head[1] == 'b' && head[2] == 'j' && head[3] == 1) {
      return new FileSchema(p, "avro", avroSchema(fs, path), null, false);
    }
    if (n >= 3 && head[0] == 'O' && head[1] == 'R' && head[2] == 'C') {
      Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(conf).filesystem(fs));
      DataType t = HiveTypes.parse(reader.getSchema().toString());
      return new FileSchema(p, "orc", t instanceof StructType s ? s : Types.struct(), null, false);
    }
    if (n == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
      try (ParquetFileReader reader =
          // options from our configuration: open(file) alone builds a new Hadoop Configuration
          // for every file on Parquet 1.16 (Glue 6), parsing its XML resources each time
          ParquetFileReader.open(
              HadoopInputFile.fromStatus(file, conf),
              org.apache.parquet.HadoopReadOptions.builder(conf, path).build())) {
        return new FileSchema(
            p,
            "parquet",
            ParquetSchemas.toStruct(reader.getFooter().getFileMetaData().getSchema()),
            null,
            false);
      }
    }
    String sample = sample(fs, path, conf, sampleBytes);
    if (sample.isBlank()) {
      return FileSchema.unknown(p);
    }
    StructType json = jsonSchema(sample, file.getLen() > sample.length());
    if (json != null) {
      return new FileSchema(p, "json", json, null, false);
    }
    FileSchema csv = csvSchema(p, sample, file.getLen() > sample.length());
    return csv != null ? csv : FileSchema.unknown(p);
  }

  private static String sample(FileSystem fs, Path path, Configuration conf, int sampleBytes)
      throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    try (InputStream raw = fs.open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      byte[] buf = in.readNBytes(sampleBytes);
      return new String(buf, StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------- avro

  private static StructType avroSchema(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path);
        DataFileStream<GenericRecord> stream =
            new DataFileStream<>(in, new GenericDatumReader<>())) {
      DataType t = AvroSchemas.toType(stream.getSchema());
      return t instanceof StructType s ? s : Types.struct(Types.field("value", t));
    }
  }

  // ---------------------------------------------------------------- json

  /** The merged type of the JSON records in the sample, or null when it is not JSON. */
  static StructType jsonSchema(String sample, boolean truncated) {
    String trimmed = sample.stripLeading();
    if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
      return null;
    }
    DataType merged = Types.NULL;
    int records = 0;
    try (MappingIterator<JsonNode> it =
        JSON.readerFor(JsonNode.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.ALLOW_COMMENTS)
            .readValues(trimmed)) {
      while (true) {
        JsonNode node;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          node = it.nextValue();
        } catch (IOException | RuntimeException e) {
          if (truncated && records > 0) {
            break; // the sample cut the last record
          }
          return jsonLinesSchema(trimmed, truncated);
        }
        if (node.isArray()) {
          for (JsonNode element : node) {
            merged = Types.merge(merged, jsonType(element));
            records++;
          }
        } else {
          merged = Types.merge(merged, jsonType(node));
          records++;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return records > 0 && merged instanceof StructType s ? s : null;
  }

  /**
   * JSON Lines with some malformed lines (a truncated write, a stray log line): still JSON when at
   * least nine lines in ten of the sample are JSON objects, as real feeds are; the bad lines become
   * error records when the table is read.
   */
  private static StructType jsonLinesSchema(String sample, boolean truncated) {
    DataType merged = Types.NULL;
    int good = 0;
    int bad = 0;
    String[] lines = sample.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || (truncated && i == lines.length - 1)) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node != null && node.isObject()) {
          merged = Types.merge(merged, jsonType(node));
          good++;
        } else {
          bad++;
        }
      } catch (IOException | RuntimeException e) {
        bad++;
      }
    }
    return good > 0 && bad * 10 <= good + bad && merged instanceof StructType s ? s : null;
  }

  private static DataType jsonType(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return Types.NULL;
    }
    if (n.isObject()) {
      List<Field> fields = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.add(Types.field(e.getKey(), jsonType(e.getValue())));
      }
      return Types.struct(fields);
    }
    if (n.isArray()) {
      DataType element = Types.NULL;
      for (JsonNode e : n) {
        element = Types.merge(element, jsonType(e));
      }
      return Types.array(element);
    }
    if (n.isBoolean()) {
      return Types.BOOLEAN;
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? Types.LONG : Types.decimal(38, 0);
    }
    if (n.isNumber()) {
      return Types.DOUBLE;
    }
    return Types.STRING;
  }

  // ---------------------------------------------------------------- csv

  /**
   * The CSV schema of the sample: the delimiter that splits every line into the same number (two or
   * more) of fields, Glue's header rule (every header field a string and distinct, and some other
   * row with a non-string field), column types bigint, double, boolean or string; null when no
   * delimiter fits.
   */
  static FileSchema csvSchema(String path, String sample, boolean truncated) {
    List<String> lines = new ArrayList<>(sample.lines().filter(l -> !l.isBlank()).toList());
    if (truncated && lines.size() > 1) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      return null;
    }
    char best = 0;
    int bestFields = 1;
    for (char d : DELIMITERS) {
      int fields = split(lines.get(0), d).size();
      if (fields < 2) {
        continue;
      }
      boolean consistent = true;
      for (String l : lines) {
        if (split(l, d).size() != fields) {
          consistent = false;
          break;
        }
      }
      if (consistent && fields > bestFields) {
        best = d;
        bestFields = fields;
      }
    }
    if (best == 0) {
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    for (String l : lines) {
      rows.add(split(l, best));
    }
    List<String> first = rows.get(0);
    List<DataType> firstTypes = first.stream().map(Classifier::csvType).toList();
    List<DataType> restTypes = new ArrayList<>();
    for (int c = 0; c < bestFields; c++) {
      DataType t = Types.NULL;
      for (int r = 1; r < rows.size(); r++) {
        t = widen(t, csvType(rows.get(r).get(c)));
      }
      restTypes.add(t);
    }
    Set<String> distinct = new HashSet<>(first);
    boolean header =
        rows.size() > 1
            && distinct.size() == first.size()
            && first.stream().noneMatch(String::isBlank)
            && firstTypes.stream().allMatch(t -> t.equals(Types.STRING))
            && restTypes.stream().anyMatch(t -> !t.equals(Types.STRING) && !t.equals(Types.NULL));
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < bestFields; c++) {
      DataType t = header ? restTypes.get(c) : widen(firstTypes.get(c), restTypes.get(c));
      String name = header ? first.get(c).strip() : "col" + c;
      fields.add(Types.field(name, t.equals(Types.NULL) ? Types.STRING : t));
    }
    return new FileSchema(path, "csv", Types.struct(fields), String.valueOf(best), header);
  }

  private static DataType csvType(String v) {
    String s = v.strip();
    if (s.isEmpty()) {
      return Types.NULL;
    }
    if (s.matches("[+-]?\\d{1,18}")) {
      return Types.LONG;
    }
    if (s.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
      return Types.DOUBLE;
    }
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Types.BOOLEAN;
    }
    return Types.STRING;
  }

  private static DataType widen(DataType a, DataType b) {
    if (a.equals(Types.NULL)) {
      return b;
    }
    if (b.equals(Types.NULL) || a.equals(b)) {
      return a;
    }
    Set<DataType> both = Set.of(a, b);
    if (both.equals(Set.of(Types.LONG, Types.DOUBLE))) {
      return Types.DOUBLE;
    }
    return Types.STRING;
  }

  /** Splits a line at the delimiter, honouring double quotes. */
  static List<String> split(String line, char d) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == d && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /**
   * The type as a catalog column can hold it: a choice becomes its widest numeric member when all
   * members are numbers, else string; a field whose values were all null is a string.
   */
  public static DataType forCatalog(DataType t) {
    if (t.equals(Types.NULL)) {
      return Types.STRING;
    }
    if (t instanceof io.dynaframe.types.ChoiceType c) {
      List<String> names = c.types().stream().map(DataType::typeName).toList();
      Set<String> numeric =
          new HashSet<>(
              Arrays.asList("byte", "short", "int", "long", "float", "double", "decimal"));
      if (numeric.containsAll(names)) {
        if (names.contains("double") || names.contains("float")) {
          return Types.DOUBLE;
        }
        if (names.contains("decimal")) {
          return c.member("decimal").orElseThrow();
        }
        return Types.LONG;
      }
      return Types.STRING;
    }
    if (t instanceof StructType s) {
      Map<String, Field> fields = new LinkedHashMap<>();
      for (Field f : s.fields()) {
        fields.put(f.name(), Types.field(f.name(), forCatalog(f.type())));
      }
      return Types.struct(new ArrayList<>(fields.values()));
    }
    if (t instanceof io.dynaframe.types.ArrayType a) {
      return Types.array(forCatalog(a.elementType()));
    }
    if (t instanceof io.dynaframe.types.MapType m) {
      return Types.map(forCatalog(m.valueType()));
    }
    return t;
  }
}
