package io.dynaframe.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/**
 * Open table formats recognised by their folder layout, without their libraries: an Iceberg table
 * is a folder with {@code metadata/} holding {@code *.metadata.json} files, a Delta Lake table a
 * folder with {@code _delta_log/} holding commit files ({@code 00000000000000000000.json}). Their
 * schemas are read from that JSON: Iceberg's current schema from the newest metadata file, Delta's
 * from the newest {@code metaData} action of the log.
 */
public final class TableFormats {
  private TableFormats() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ICEBERG_METADATA =
      Pattern.compile("(?:v)?(\\d+)(?:-[^.]*)?\\.(?:gz\\.)?metadata\\.json(?:\\.gz)?");
  private static final Pattern DELTA_COMMIT = Pattern.compile("(\\d{20})\\.json");

  /** A table in an open table format found in a folder. */
  public record LakeTable(
      String format, String metadataLocation, StructType schema, List<String> partitionColumns) {}

  /**
   * The table format of a folder, from its listing: {@code iceberg}, {@code delta} or null.
   *
   * @param children the folder's entries
   * @throws IOException when a {@code metadata/} folder cannot be listed
   */
  public static String formatOf(FileSystem fs, FileStatus[] children) throws IOException {
    for (FileStatus c : children) {
      if (c.isDirectory() && c.getPath().getName().equals("_delta_log")) {
        return "delta";
      }
    }
    for (FileStatus c : children) {
      if (c.isDirectory() && c.getPath().getName().equals("metadata")) {
        for (FileStatus m : fs.listStatus(c.getPath())) {
          if (m.isFile() && ICEBERG_METADATA.matcher(m.getPath().getName()).matches()) {
            return "iceberg";
          }
        }
      }
    }
    return null;
  }

  /**
   * Reads the table of a folder whose layout says {@code format}; null when the folder does not
   * hold one after all (an empty {@code metadata/} or {@code _delta_log/}).
   *
   * @throws IOException naming the file that cannot be read
   */
  public static LakeTable read(FileSystem fs, Path folder, String format) throws IOException {
    return "delta".equals(format) ? delta(fs, folder) : iceberg(fs, folder);
  }

  // ---------------------------------------------------------------- Iceberg

  private static LakeTable iceberg(FileSystem fs, Path folder) throws IOException {
    Path dir = new Path(folder, "metadata");
    FileStatus newest = null;
    long newestVersion = -1;
    Long hinted = versionHint(fs, dir);
    for (FileStatus st : fs.listStatus(dir)) {
      Matcher m = ICEBERG_METADATA.matcher(st.getPath().getName());
      if (!st.isFile() || !m.matches()) {
        continue;
      }
      long v = Long.parseLong(m.group(1));
      if (hinted != null && v != hinted) {
        continue;
      }
      if (v > newestVersion
          || (v == newestVersion && st.getModificationTime() > newest.getModificationTime())) {
        newest = st;
        newestVersion = v;
      }
    }
    if (newest == null) {
      return null;
    }
    JsonNode root = readJson(fs, newest.getPath());
    JsonNode schema = null;
    if (root.has("schemas") && root.has("current-schema-id")) {
      int id = root.get("current-schema-id").asInt();
      for (JsonNode s : root.get("schemas")) {
        if (s.path("schema-id").asInt(-1) == id) {
          schema = s;
        }
      }
    }
    if (schema == null) {
      schema = root.get("schema"); // format version 1 without a schema list
    }
    if (schema == null) {
      throw new IOException("Iceberg metadata file " + newest.getPath() + " has no schema");
    }
    org.apache.spark.sql.types.StructType spark =
        (org.apache.spark.sql.types.StructType) icebergType(schema, newest.getPath());
    List<String> partitions = new ArrayList<>();
    return new LakeTable(
        "iceberg", newest.getPath().toString(), SparkTypes.fromSpark(spark), partitions);
  }

  /** The version {@code version-hint.text} names (tables of Iceberg's Hadoop catalog), or null. */
  private static Long versionHint(FileSystem fs, Path dir) {
    Path hint = new Path(dir, "version-hint.text");
    try (InputStream in = fs.open(hint)) {
      String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return Long.parseLong(v);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** An Iceberg type (its JSON form) as Spark's type, as Iceberg's Spark integration maps them. */
  private static DataType icebergType(JsonNode t, Path file) throws IOException {
    if (t.isTextual()) {
      String s = t.asText().toLowerCase(Locale.ROOT);
      switch (s) {
        case "boolean":
          return DataTypes.BooleanType;
        case "int":
          return DataTypes.IntegerType;
        case "long":
          return DataTypes.LongType;
        case "float":
          return DataTypes.FloatType;
        case "double":
          return DataTypes.DoubleType;
        case "date":
          return DataTypes.DateType;
        case "timestamptz":
        case "timestamptz_ns":
          return DataTypes.TimestampType;
        case "timestamp":
        case "timestamp_ns":
          return DataTypes.TimestampNTZType;
        case "string":
        case "uuid":
        case "time":
          return DataTypes.StringType;
        case "binary":
          return DataTypes.BinaryType;
        default:
          if (s.startsWith("fixed[")) {
            return DataTypes.BinaryType;
          }
          Matcher d = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)").matcher(s);
          if (d.matches()) {
            return DataTypes.createDecimalType(
                Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)));
          }
          throw new IOException("Iceberg metadata file " + file + ": unknown type '" + s + "'");
      }
    }
    String kind = t.path("type").asText();
    switch (kind) {
      case "struct":
        List<StructField> fields = new ArrayList<>();
        for (JsonNode f : t.path("fields")) {
          fields.add(
              new StructField(
                  f.get("name").asText(),
                  icebergType(f.get("type"), file),
                  !f.path("required").asBoolean(false),
                  Metadata.empty()));
        }
        return DataTypes.createStructType(fields);
      case "list":
        return new ArrayType(
            icebergType(t.get("element"), file), !t.path("element-required").asBoolean(false));
      case "map":
        return DataTypes.createMapType(
            icebergType(t.get("key"), file),
            icebergType(t.get("value"), file),
            !t.path("value-required").asBoolean(false));
      default:
        throw new IOException("Iceberg metadata file " + file + ": unknown type " + t);
    }
  }

  // ---------------------------------------------------------------- Delta Lake

  private static LakeTable delta(FileSystem fs, Path folder) throws IOException {
    Path log = new Path(folder, "_delta_log");
    List<FileStatus> commits = new ArrayList<>();
    for (FileStatus st : fs.listStatus(log)) {
      if (st.isFile() && DELTA_COMMIT.matcher(st.getPath().getName()).matches()) {
        commits.add(st);
      }
    }
    if (commits.isEmpty()) {
      return null;
    }
    commits.sort((a, b) -> b.getPath().getName().compareTo(a.getPath().getName()));
    for (FileStatus c : commits) {
      JsonNode meta = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(c.getPath()), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode action = JSON.readTree(line);
          if (action.has("metaData")) {
            meta = action.get("metaData");
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IOException(
            "Delta log file " + c.getPath() + " is not JSON lines: " + e.getOriginalMessage(), e);
      }
      if (meta != null) {
        String schemaString = meta.path("schemaString").asText("");
        DataType spark;
        try {
          spark = DataType.fromJson(schemaString);
        } catch (RuntimeException e) {
          throw new IOException(
              "Delta log file " + c.getPath() + ": the table's schemaString cannot be read", e);
        }
        List<String> partitions = new ArrayList<>();
        meta.path("partitionColumns").forEach(p -> partitions.add(p.asText()));
        return new LakeTable(
            "delta",
            null,
            SparkTypes.fromSpark((org.apache.spark.sql.types.StructType) spark),
            partitions);
      }
    }
    throw new IOException(
        "the Delta log "
            + log
            + " has no metaData action in its JSON commits (its schema is only in a checkpoint,"
            + " which the crawler does not read)");
  }

  private static JsonNode readJson(FileSystem fs, Path p) throws IOException {
    try (InputStream raw = fs.open(p);
        InputStream in = p.getName().contains(".gz") ? new GZIPInputStream(raw) : raw) {
      return JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(
          "Iceberg metadata file " + p + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
