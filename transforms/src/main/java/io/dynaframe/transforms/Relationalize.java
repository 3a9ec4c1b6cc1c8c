package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Conform;
import io.dynaframe.transforms.internal.Flatten;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's Relationalize: flattens a frame of nested records into tables a relational database can
 * hold, returned as a collection keyed by table name.
 *
 * <ul>
 *   <li>The root table ({@code rootTableName}) has the top-level fields, nested structs flattened
 *       into dotted names ({@code address.city}).
 *   <li>Each array becomes a table of its own named {@code <root>_<column>}, as in AWS's
 *       legislators example ({@code hist_root_contact_details}), with columns {@code id} (the key
 *       the parent row holds in the array's column), {@code index} (the element's position) and
 *       {@code <column>.val} for an element of an atomic type, or {@code <column>.val.<field>} for
 *       the fields of a struct element.
 *   <li>Arrays inside array elements become tables in turn, named after their column in the child
 *       table ({@code <root>_<column>.val.<field>}), recursively.
 *   <li>Choices and maps stay as they are; an empty array leaves a key with no rows behind it, a
 *       null array a null key.
 * </ul>
 *
 * <p>Keys must be the same however often a table is computed, so the records are numbered once and
 * pinned before any table is made: written as Parquet under the staging path when one is given
 * ({@code <staging>/<uuid>/...}, left there as Glue leaves its staging data), else kept in Spark's
 * executors ({@code localCheckpoint}). This runs one Spark job when the transform is applied (one
 * more per level of arrays inside arrays); a frame without arrays needs none.
 *
 * <pre>{@code
 * FrameCollection tables = Relationalize.apply(history, "s3://bucket/temp/staging", "hist_root", "relationalize1");
 * DynamicFrame contacts = tables.select("hist_root_contact_details");
 * }</pre>
 */
public final class Relationalize implements Transform<FrameCollection> {
  private static final long serialVersionUID = 1L;

  private static final String RID = "__dynaframe_rid";

  private final String rootTableName;
  private final String stagingPath;

  private Relationalize(String rootTableName, String stagingPath) {
    this.rootTableName = Objects.requireNonNull(rootTableName, "rootTableName");
    this.stagingPath = stagingPath;
  }

  /** Relationalizes with this root table name, pinning keys in the executors. */
  public static Relationalize of(String rootTableName) {
    return new Relationalize(rootTableName, null);
  }

  /** Relationalizes with Glue's default root table name {@code roottable}. */
  public static Relationalize create() {
    return of("roottable");
  }

  /** Glue's {@code Relationalize.apply(frame, staging_path, name, transformation_ctx)}. */
  public static FrameCollection apply(
      DynamicFrame frame, String stagingPath, String rootTableName, String transformationCtx) {
    return Steps.apply(frame, of(rootTableName).withStagingPath(stagingPath), transformationCtx);
  }

  /** Pins the numbered records as Parquet under this folder (null: in the executors). */
  public Relationalize withStagingPath(String path) {
    return new Relationalize(rootTableName, path);
  }

  @Override
  public FrameCollection expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private FrameCollection build(DynamicFrame input, String step) {
    StructType schema = input.schema();
    if (schema.field(RID).isPresent()) {
      throw new TransformException(
          kind(),
          step,
          RID,
          "the frame has a field named " + RID + ", which Relationalize uses itself",
          List.of());
    }
    Run run =
        new Run(
            input,
            step,
            stagingPath == null
                ? null
                : stagingPath.replaceAll("/+$", "") + "/" + UUID.randomUUID());
    Dataset<Row> rows = input.toDF();
    String key = null;
    if (Flatten.hasArrays(schema)) {
      rows = run.pin(withSequentialIds(rows));
      key = Sql.ident(RID);
    }
    List<Flatten.Col> cols = new ArrayList<>();
    for (Field f : schema.fields()) {
      cols.add(new Flatten.Col(f.name(), Sql.ident(f.name()), f.type()));
    }
    run.table(rootTableName, rows, key, cols);
    Map<String, DynamicFrame> out = new LinkedHashMap<>();
    run.tables.forEach(
        (name, df) -> out.put(name, Steps.finish(input.withRows(df).withName(name), step)));
    return FrameCollection.of(out, input.context());
  }

  /**
   * The rows with a join key column: 1, 2, 3, ... in the order of the records (of the partitions,
   * then within each), as AWS's examples show Glue's keys; one Spark job counts the partitions.
   */
  private static Dataset<Row> withSequentialIds(Dataset<Row> rows) {
    org.apache.spark.sql.types.StructType schema =
        rows.schema().add(RID, org.apache.spark.sql.types.DataTypes.LongType, false);
    org.apache.spark.api.java.JavaRDD<Row> numbered =
        rows.javaRDD()
            .zipWithIndex()
            .map(
                t -> {
                  Row r = t._1();
                  Object[] values = new Object[r.size() + 1];
                  for (int i = 0; i < r.size(); i++) {
                    values[i] = r.get(i);
                  }
                  values[r.size()] = t._2() + 1;
                  return org.apache.spark.sql.RowFactory.create(values);
                });
    return rows.sparkSession().createDataFrame(numbered, schema);
  }

  /** One application: the tables made so far and where records are pinned. */
  private final class Run {
    final DynamicFrame input;
    final String step;
    final String staging;
    final Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    int pins;

    Run(DynamicFrame input, String step, String staging) {
      this.input = input;
      this.step = step;
      this.staging = staging;
    }

    void table(String name, Dataset<Row> rows, String keySql, List<Flatten.Col> fields) {
      List<Flatten.Col> cols = new ArrayList<>();
      List<Flatten.ArrayRef> arrays = new ArrayList<>();
      for (Flatten.Col c : fields) {
        Flatten.flatten(c.name(), c.sql(), c.type(), cols, arrays, keySql);
      }
      String clash = Flatten.clash(cols);
      if (clash != null) {
        throw new TransformException(
            kind(),
            step,
            clash,
            "table "
                + name
                + " would have two columns named '"
                + clash
                + "' (a nested field and a field with dots in its name); rename one first",
            List.of());
      }
      if (tables.containsKey(name)) {
        throw new TransformException(
            kind(), step, name, "two tables would be named '" + name + "'", List.of());
      }
      Column[] select =
          cols.stream()
              .map(c -> Conform.typed(expr(c.sql()), c.type()).as(c.name()))
              .toArray(Column[]::new);
      tables.put(name, rows.select(select));
      for (Flatten.ArrayRef a : arrays) {
        child(rootTableName + "_" + a.name(), rows, keySql, a);
      }
    }

    void child(String name, Dataset<Row> parent, String parentKey, Flatten.ArrayRef a) {
      Dataset<Row> exploded =
          parent.selectExpr(
              parentKey + " AS `id`", "posexplode(" + a.sql() + ") AS (`index`, `val`)");
      String key = null;
      if (Flatten.hasArrays(a.elementType())) {
        exploded = pin(withSequentialIds(exploded));
        key = Sql.ident(RID);
      }
      List<Flatten.Col> cols =
          List.of(
              new Flatten.Col("id", "`id`", Types.LONG),
              new Flatten.Col("index", "`index`", Types.INT),
              new Flatten.Col(a.name() + ".val", "`val`", a.elementType()));
      table(name, exploded, key, cols);
    }

    /** The rows computed once and kept, so ids stay what they were. */
    Dataset<Row> pin(Dataset<Row> rows) {
      if (staging == null) {
        return rows.localCheckpoint(true);
      }
      StructType glue = SparkTypes.fromSpark(rows.schema());
      StructType storable = storable(glue);
      String path = staging + "/" + (pins++);
      Conform.rows(rows, glue, storable).write().parquet(path);
      Dataset<Row> back = input.context().spark().read().parquet(path);
      return Conform.rows(back, SparkTypes.fromSpark(back.schema()), glue);
    }
  }

  /** The type with null-typed fields as strings, which Parquet can store. */
  private static StructType storable(StructType t) {
    return (StructType) storable((DataType) t);
  }

  private static DataType storable(DataType t) {
    if (t == Types.NULL) {
      return Types.STRING;
    }
    if (t instanceof StructType st) {
      List<Field> fs = new ArrayList<>();
      st.fields().forEach(f -> fs.add(Types.field(f.name(), storable(f.type()))));
      return Types.struct(fs);
    }
    if (t instanceof io.dynaframe.types.ArrayType a) {
      return Types.array(storable(a.elementType()));
    }
    if (t instanceof io.dynaframe.types.MapType m) {
      return Types.map(storable(m.valueType()));
    }
    if (t instanceof io.dynaframe.types.ChoiceType c) {
      return Types.choice(c.types().stream().map(Relationalize::storable).toArray(DataType[]::new));
    }
    return t;
  }

  @Override
  public String toString() {
    return "Relationalize[" + rootTableName + "]";
  }
}
