package io.dynaframe.internal.io;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.InputFile;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * XML files read with Spark's XML reader (Glue's format {@code xml}, which behaves as the XML data
 * source for Spark, AWS says): Spark 4 (Glue 6) reads XML itself, Spark 3.5 (Glue 5) through {@code
 * com.databricks:spark-xml_2.12}, an optional dependency whose absence fails naming it. Each
 * element {@code rowTag} names is a record; attributes are fields with {@code attributePrefix}
 * ({@code _}), an element's text beside attributes is {@code valueTag} ({@code _VALUE}). A row
 * element that is not well-formed XML is an error record with its file and raw text (the reader
 * gives no line).
 */
final class XmlSource {
  private XmlSource() {}

  /** Glue's format options of {@code xml}. */
  static final Set<String> OPTIONS =
      Set.of(
          "rowTag",
          "encoding",
          "excludeAttribute",
          "treatEmptyValuesAsNulls",
          "attributePrefix",
          "valueTag",
          "ignoreSurroundingSpaces",
          "withSchema");

  /** The artifact that reads XML on Spark 3.5. */
  static final String SPARK_XML = "com.databricks:spark-xml_2.12";

  /** The version of {@link #SPARK_XML} dynaframe is built and tested with (the pom's). */
  static final String SPARK_XML_VERSION = "0.18.0";

  /** spark-xml's data source, the class whose presence says the library is there. */
  static final String SPARK_XML_SOURCE = "com.databricks.spark.xml.DefaultSource";

  /** The column the reader puts a malformed row's text in (dynaframe's own name). */
  private static final String CORRUPT = "__dynaframe_corrupt_xml";

  /** What a source in format xml reads with: the data source, its options, a given schema. */
  record Plan(String source, Map<String, String> options, StructType schema) {}

  /** The plan for the format options, checked now. */
  static Plan plan(String sparkVersion, Options fo) {
    return new Plan(checkReader(sparkVersion), readerOptions(fo), schema(fo));
  }

  /** A column of the read schema that no element fills (see {@link #read}). */
  private static final String UNFILLED = "__dynaframe_unfilled";

  /**
   * The Spark data source to use: spark-xml's on Spark 3.x (whose presence the caller checked),
   * Spark's own on 4.
   */
  static String checkReader(String sparkVersion) {
    return sparkVersion.startsWith("3.") ? SPARK_XML_SOURCE : "xml";
  }

  /**
   * The reader's options for Glue's format options, checked now: {@code rowTag} is required, the
   * flags must be booleans, {@code withSchema} a schema.
   */
  static Map<String, String> readerOptions(Options fo) {
    String rowTag = fo.getString("rowTag", null);
    if (rowTag == null || rowTag.isBlank()) {
      throw new SourceException(
          "format xml needs the format option rowTag (the tag of the elements that are records)");
    }
    Map<String, String> o = new LinkedHashMap<>();
    o.put("rowTag", rowTag);
    String encoding = fo.getString("encoding", "UTF-8");
    try {
      java.nio.charset.Charset.forName(encoding);
    } catch (RuntimeException e) {
      throw new SourceException(
          "format option encoding: '" + encoding + "' is not a character set Java knows");
    }
    o.put("charset", encoding);
    o.put("encoding", encoding);
    // Glue's defaults, which Spark 4's own reader does not share (it trims values by default)
    for (String flag :
        new String[] {"excludeAttribute", "treatEmptyValuesAsNulls", "ignoreSurroundingSpaces"}) {
      o.put(flag, String.valueOf(fo.getBoolean(flag, false)));
    }
    if (fo.getBoolean("treatEmptyValuesAsNulls", false)) {
      // Spark 4's reader has no treatEmptyValuesAsNulls; its nullValue does the same
      o.put("nullValue", "");
    }
    o.put("attributePrefix", fo.getString("attributePrefix", "_"));
    o.put("valueTag", fo.getString("valueTag", "_VALUE"));
    o.put("mode", "PERMISSIVE");
    o.put("columnNameOfCorruptRecord", CORRUPT);
    return o;
  }

  /** {@code withSchema}: a Spark schema as JSON or DDL; null when not given. */
  static StructType schema(Options fo) {
    String s = fo.getString("withSchema", null);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      DataType t =
          s.strip().startsWith("{")
              ? (s.contains("\"dataType\"") ? fromGlueJson(s) : DataType.fromJson(s))
              : StructType.fromDDL(s);
      if (t instanceof StructType st) {
        return st.add(CORRUPT, org.apache.spark.sql.types.DataTypes.StringType, true);
      }
    } catch (RuntimeException e) {
      throw new SourceException(
          "format option withSchema is not a schema (Glue's JSON form, Spark's, or DDL such as"
              + " 'id INT, name STRING'): "
              + firstLine(e.getMessage()));
    }
    throw new SourceException("format option withSchema must be a struct");
  }

  /**
   * A schema in Glue's JSON form ({@code json.dumps(schema.jsonValue())} of {@code
   * awsglue.gluetypes}, as AWS's {@code withSchema} example builds it) as a Spark schema. A choice
   * cannot be read by Spark's XML reader and is refused.
   */
  static DataType fromGlueJson(String json) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    return glueType(root, "");
  }

  private static DataType glueType(com.fasterxml.jackson.databind.JsonNode n, String path) {
    String t = n.path("dataType").asText("");
    return switch (t) {
      case "boolean" -> DataTypes.BooleanType;
      case "byte" -> DataTypes.ByteType;
      case "short" -> DataTypes.ShortType;
      case "int", "integer" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "float" -> DataTypes.FloatType;
      case "double" -> DataTypes.DoubleType;
      case "string" -> DataTypes.StringType;
      case "binary" -> DataTypes.BinaryType;
      case "date" -> DataTypes.DateType;
      case "timestamp" -> DataTypes.TimestampType;
      case "null" -> DataTypes.NullType;
      case "decimal" ->
          DataTypes.createDecimalType(
              n.path("properties").path("precision").asInt(n.path("precision").asInt(10)),
              n.path("properties").path("scale").asInt(n.path("scale").asInt(2)));
      case "array" -> DataTypes.createArrayType(glueType(n.path("elementType"), path + "[]"), true);
      case "map" ->
          DataTypes.createMapType(
              DataTypes.StringType, glueType(n.path("valueType"), path + "{}"), true);
      case "struct" -> {
        List<StructField> fields = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode f : n.path("fields")) {
          String name = f.path("name").asText();
          fields.add(
              DataTypes.createStructField(
                  name,
                  glueType(f.path("container"), path.isEmpty() ? name : path + "." + name),
                  true));
        }
        yield DataTypes.createStructType(fields);
      }
      case "choice" ->
          throw new IllegalArgumentException(
              "field '"
                  + path
                  + "' is a choice, which Spark's XML reader cannot read; give it one type");
      default ->
          throw new IllegalArgumentException(
              "field '" + path + "' has the type '" + t + "', which Glue's types do not have");
    };
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * The frame of the files: Spark's XML reader over them (its schema inference is its one pass), a
   * malformed row element an error record of the step.
   */
  static DynamicFrame read(
      DynaContext ctx,
      String source,
      Map<String, String> options,
      StructType schema,
      List<InputFile> files,
      String name,
      String transformationContext,
      boolean failFast) {
    if (files.isEmpty()) {
      return DynamicFrame.empty(ctx)
          .withName(name)
          .withTransformationContext(transformationContext);
    }
    String[] paths = files.stream().map(InputFile::path).toArray(String[]::new);
    Dataset<Row> df;
    try {
      DataFrameReader reader = ctx.spark().read().format(source).options(options);
      if (failFast) {
        // isFailFast: the schema pass (or, with withSchema, the read) fails on a malformed element
        reader = reader.option("mode", "FAILFAST");
      }
      if (schema != null) {
        reader = reader.schema(schema);
      }
      df = load(reader, source, paths);
      if (failFast && !source.equals("xml")) {
        // spark-xml's schema pass passes over malformed elements even in FAILFAST mode (Spark 4's
        // fails there): a pass of its own finds them now, as isFailFast asks
        df.count();
      }
      if (Arrays.asList(df.columns()).contains(CORRUPT)) {
        // Spark refuses a scan of raw XML that needs the corrupt-record column alone (as counting
        // error records does): the schema (inferred above, not again) gets a column no element
        // fills, which the error column also reads
        df =
            load(
                reader.schema(
                    df.schema().add(UNFILLED, org.apache.spark.sql.types.DataTypes.StringType)),
                source,
                paths);
      }
    } catch (Exception e) { // Spark's SparkException is checked, and thrown unchecked
      if (failFast) {
        throw new SourceException(
            "isFailFast: malformed record in "
                + paths[0]
                + (paths.length > 1 ? " or one of " + (paths.length - 1) + " more files" : "")
                + ": "
                + firstLine(e.getMessage())
                + " (without isFailFast it would be an error record)",
            e);
      }
      throw new SourceException(
          "cannot read xml from "
              + paths[0]
              + (paths.length > 1 ? " and " + (paths.length - 1) + " more files" : "")
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
    String step =
        transformationContext == null || transformationContext.isEmpty()
            ? name
            : transformationContext;
    boolean hasCorrupt = Arrays.asList(df.columns()).contains(CORRUPT);
    List<Column> columns = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().equals(CORRUPT) && !f.name().equals(UNFILLED)) {
        columns.add(
            hasCorrupt
                ? functions
                    .when(functions.col(CORRUPT).isNull(), functions.col(quote(f.name())))
                    .alias(f.name())
                : functions.col(quote(f.name())));
      }
    }
    Column error =
        hasCorrupt
            ? functions
                .when(
                    functions.col(CORRUPT).isNotNull().and(functions.col(UNFILLED).isNull()),
                    functions.expr(
                        ErrorRecords.sql(
                            "'" + step.replace("'", "\\'") + "'",
                            "NULL",
                            "'malformed XML: the <"
                                + options.get("rowTag").replace("'", "\\'")
                                + "> element is not well-formed XML, or a value in it does not"
                                + " fit the type of its field'",
                            CORRUPT,
                            "NULL")))
                .otherwise(functions.lit(null).cast(ErrorRecords.SCHEMA))
            : functions.lit(null).cast(ErrorRecords.SCHEMA);
    if (hasCorrupt) {
      // the file: input_file_name works with both readers (spark-xml reads through a Hadoop RDD)
      error =
          functions
              .when(error.isNotNull(), error.withField("source", functions.input_file_name()))
              .otherwise(error);
    }
    columns.add(error.alias(ErrorRecords.COLUMN));
    Dataset<Row> staged = df.select(columns.toArray(new Column[0]));
    return DynamicFrame.fromStaged(staged, ctx, name, transformationContext);
  }

  private static Dataset<Row> load(DataFrameReader reader, String source, String[] paths) {
    // spark-xml takes one path argument: several paths are given comma-separated
    return source.equals("xml") ? reader.load(paths) : reader.load(String.join(",", paths));
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
