package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Options;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.JsonTyping;
import io.dynaframe.transforms.internal.Rewriter;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Glue's Unbox: parses a string (or binary) field holding JSON or CSV into a struct in the same
 * place.
 *
 * <ul>
 *   <li>The struct's schema is the one given ({@link #withSchema}) or, without one, inferred from
 *       the field's values with Spark's JSON or CSV reader: one Spark job when the transform is
 *       applied. CSV fields are named {@code col0, col1, ...}, as Glue names CSV columns without a
 *       header, and inferred as strings.
 *   <li>A value that does not parse (or does not fit the schema) makes its record an error record
 *       with the text as its raw value; the job goes on. A null value gives a null struct.
 *   <li>Options: {@code separator}, {@code quoteChar}, {@code escaper} for CSV.
 * </ul>
 *
 * <pre>{@code
 * frame.apply(Unbox.of("payload", "json"));
 * Unbox.apply(frame, "line", "csv", Options.of("separator", "|"), "unbox1");
 * }</pre>
 */
public final class Unbox implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private static final String CORRUPT = "__dynaframe_corrupt";
  private static final String PARSED = "__dynaframe_parsed";
  private static final Set<String> OPTIONS = Set.of("separator", "quoteChar", "escaper");

  private final String path;
  private final String format;
  private final StructType schema;
  private final Options formatOptions;
  private final String info;

  private Unbox(String path, String format, StructType schema, Options formatOptions, String info) {
    this.path = Objects.requireNonNull(path, "path");
    this.format = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
    this.schema = schema;
    this.formatOptions = formatOptions;
    this.info = info;
  }

  /** Parses the field at {@code path} as {@code json} or {@code csv}. */
  public static Unbox of(String path, String format) {
    return new Unbox(path, format, null, Options.empty(), "");
  }

  /** Glue's {@code Unbox.apply(frame, path, format, transformation_ctx, **options)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, String path, String format, Options options, String transformationCtx) {
    return Steps.apply(frame, of(path, format).withOptions(options), transformationCtx);
  }

  /** The schema of the parsed struct; no inference job is run. */
  public Unbox withSchema(StructType value) {
    return new Unbox(path, format, Objects.requireNonNull(value, "schema"), formatOptions, info);
  }

  /** The schema of the parsed struct in Spark DDL, e.g. {@code "id BIGINT, tags ARRAY<STRING>"}. */
  public Unbox withSchema(String ddl) {
    return withSchema(SparkTypes.fromSpark(org.apache.spark.sql.types.StructType.fromDDL(ddl)));
  }

  /** Format options: {@code separator}, {@code quoteChar}, {@code escaper}. */
  public Unbox withOptions(Options value) {
    return new Unbox(path, format, schema, Objects.requireNonNull(value, "options"), info);
  }

  /** This transform with Glue's {@code info}, put before the reason of the step's error records. */
  public Unbox withInfo(String info) {
    return new Unbox(path, format, schema, formatOptions, Objects.requireNonNull(info, "info"));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
    if (!format.equals("json") && !format.equals("csv")) {
      throw ck.failNear(
          path, "Unbox reads json or csv, not '" + format + "'", format, List.of("json", "csv"));
    }
    for (String k : formatOptions.asMap().keySet()) {
      if (!OPTIONS.contains(k) || format.equals("json")) {
        throw ck.failNear(
            path,
            "Unbox "
                + format
                + " takes no option '"
                + k
                + "'"
                + (format.equals("csv") ? "; it takes " + OPTIONS : ""),
            k,
            List.copyOf(OPTIONS));
      }
    }
    Checker.Resolved r = ck.resolve(path, true, false);
    if (r.type() != Types.STRING && r.type() != Types.BINARY) {
      throw ck.failAt(
          path,
          "'" + path + "' is " + r.type() + "; Unbox parses a string or binary field",
          List.of());
    }
    String text =
        r.type() == Types.BINARY
            ? "CAST(" + Sql.path(r.names()) + " AS STRING)"
            : Sql.path(r.names());
    Dataset<Row> df = input.toDF();
    org.apache.spark.sql.types.StructType target =
        schema != null ? SparkTypes.toSpark(schema) : infer(df, text);
    DataType targetGlue = SparkTypes.fromSpark(target);

    List<StructField> withCorrupt = new ArrayList<>(List.of(target.fields()));
    withCorrupt.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    String ddl = DataTypes.createStructType(withCorrupt).toDDL();
    StringBuilder opts =
        new StringBuilder("map('mode', 'PERMISSIVE', 'columnNameOfCorruptRecord', ")
            .append(Sql.str(CORRUPT));
    for (Map.Entry<String, String> e : sparkOptions().entrySet()) {
      opts.append(", ").append(Sql.str(e.getKey())).append(", ").append(Sql.str(e.getValue()));
    }
    opts.append(')');
    String parse =
        (format.equals("json") ? "from_json(" : "from_csv(")
            + text
            + ", "
            + Sql.str(ddl)
            + ", "
            + opts
            + ")";
    Dataset<Row> parsed = df.withColumn(PARSED, expr(parse));

    List<Rewriter.Slot> slots = new ArrayList<>(Rewriter.columns(df.schema()));
    List<Rewriter.Slot> fields = new ArrayList<>();
    for (StructField f : target.fields()) {
      fields.add(new Rewriter.Slot(f.name(), Sql.field(Sql.ident(PARSED), f.name()), null));
    }
    String struct = Sql.nullSafe(text, Rewriter.namedStruct(fields));
    slots = Rewriter.replaceAt(slots, r.names(), (sql, t) -> struct);
    String reason =
        Steps.reason(
            info, "'" + path + "' is not valid " + format + " for the schema " + targetGlue);
    String error =
        "CASE WHEN "
            + Sql.field(Sql.ident(PARSED), CORRUPT)
            + " IS NOT NULL THEN "
            + ErrorRecords.sql(
                Sql.str(step),
                info == null || info.isEmpty() ? "NULL" : Sql.str(info),
                Sql.str(reason),
                Sql.field(Sql.ident(PARSED), CORRUPT),
                "NULL")
            + " END";
    List<Column> cols = new ArrayList<>();
    for (Rewriter.Slot s : slots) {
      cols.add(expr(s.sql()).as(s.name()));
    }
    cols.add(expr(error).cast(ErrorRecords.SCHEMA).as(ErrorRecords.COLUMN));
    Dataset<Row> staged = parsed.select(cols.toArray(new Column[0]));
    if (schema != null && schema.containsChoice()) {
      staged = restoreChoices(staged, r.names(), schema);
    }
    return Steps.finish(input.withStagedRows(staged), step);
  }

  /** Flags the choices of a given schema in the top-level column that holds the parsed struct. */
  private static Dataset<Row> restoreChoices(
      Dataset<Row> staged, List<String> names, StructType parsed) {
    StructType intended =
        (StructType) replace(SparkTypes.fromSpark(staged.schema()), names, parsed);
    List<Column> cols = new ArrayList<>();
    for (String c : staged.columns()) {
      Column col = staged.col(Sql.ident(c));
      if (c.equals(names.get(0))) {
        col = col.cast(SparkTypes.toSpark(intended.field(c).orElseThrow().type()));
      }
      cols.add(col.as(c));
    }
    return staged.select(cols.toArray(new Column[0]));
  }

  private static DataType replace(DataType t, List<String> names, DataType value) {
    if (names.isEmpty()) {
      return value;
    }
    StructType st = (StructType) t;
    List<io.dynaframe.types.Field> fs = new ArrayList<>();
    for (io.dynaframe.types.Field f : st.fields()) {
      fs.add(
          f.name().equals(names.get(0))
              ? Types.field(f.name(), replace(f.type(), names.subList(1, names.size()), value))
              : f);
    }
    return Types.struct(fs);
  }

  private org.apache.spark.sql.types.StructType infer(Dataset<Row> df, String text) {
    Dataset<String> values =
        df.select(expr(text)).where(expr(text + " IS NOT NULL")).as(Encoders.STRING());
    DataFrameReader reader = df.sparkSession().read();
    sparkOptions().forEach(reader::option);
    if (format.equals("json")) {
      // typed as the JSON source types records (Glue's types, the keys in their order); one job
      DataType merged = Types.NULL;
      for (DataType t :
          values
              .javaRDD()
              .mapPartitions(
                  (org.apache.spark.api.java.function.FlatMapFunction<
                          java.util.Iterator<String>, DataType>)
                      it -> List.of(JsonTyping.typeOfTexts(it)).iterator())
              .collect()) {
        merged = Types.merge(merged, t);
      }
      return merged instanceof StructType st
          ? SparkTypes.toSpark(withoutChoices(st))
          : DataTypes.createStructType(new StructField[0]);
    }
    org.apache.spark.sql.types.StructType s = reader.csv(values).schema();
    List<StructField> fs = new ArrayList<>();
    for (int i = 0; i < s.fields().length; i++) {
      fs.add(DataTypes.createStructField("col" + i, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fs);
  }

  /**
   * The struct with each choice made a string (the parser reads any JSON value of a string field as
   * its text).
   */
  private static StructType withoutChoices(StructType s) {
    List<io.dynaframe.types.Field> fs = new ArrayList<>();
    for (io.dynaframe.types.Field f : s.fields()) {
      fs.add(Types.field(f.name(), withoutChoices(f.type())));
    }
    return Types.struct(fs);
  }

  private static DataType withoutChoices(DataType t) {
    if (t.isChoice()) {
      return Types.STRING;
    }
    if (t instanceof StructType st) {
      return withoutChoices(st);
    }
    if (t instanceof io.dynaframe.types.ArrayType a) {
      return Types.array(withoutChoices(a.elementType()));
    }
    if (t instanceof io.dynaframe.types.MapType m) {
      return Types.map(withoutChoices(m.valueType()));
    }
    return t;
  }

  private Map<String, String> sparkOptions() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    formatOptions.get("separator").ifPresent(v -> out.put("sep", v.toString()));
    formatOptions.get("quoteChar").ifPresent(v -> out.put("quote", v.toString()));
    formatOptions.get("escaper").ifPresent(v -> out.put("escape", v.toString()));
    return out;
  }

  @Override
  public String toString() {
    return "Unbox[" + path + ", " + format + "]";
  }
}
