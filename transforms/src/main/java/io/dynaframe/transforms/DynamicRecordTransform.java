package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.RecordFunctions;
import io.dynaframe.transforms.internal.RecordValues;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's Map or FlatMap over {@link DynamicRecord}s, made by {@link Map#onRecords} and {@link
 * FlatMap#onRecords}: the function changes records by path and declares no output schema. The
 * output's schema is learnt when the transform is applied, by one Spark job that runs the function
 * over every record and merges the types of the records it returns (Glue's rules: a field whose
 * values differ in type becomes a choice; fields in the order first seen); the frame's rows then
 * run the function again when an action reads them. The function must therefore give the same
 * records for the same input each time (no random values, no clock).
 *
 * <p>A record the function throws on or returns null for becomes an error record (the reason, the
 * record as JSON, the stack trace, Glue's {@code info} before the reason), as with {@link Map#of}.
 */
public final class DynamicRecordTransform implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final DynamicRecord.MapFunction map;
  private final DynamicRecord.FlatMapFunction flatMap;
  private final String info;

  private DynamicRecordTransform(
      DynamicRecord.MapFunction map, DynamicRecord.FlatMapFunction flatMap, String info) {
    this.map = map;
    this.flatMap = flatMap;
    this.info = info;
  }

  static DynamicRecordTransform map(DynamicRecord.MapFunction f) {
    return new DynamicRecordTransform(Objects.requireNonNull(f, "function"), null, "");
  }

  static DynamicRecordTransform flatMap(DynamicRecord.FlatMapFunction f) {
    return new DynamicRecordTransform(null, Objects.requireNonNull(f, "function"), "");
  }

  /** This transform with Glue's {@code info}, put before the reason of the step's error records. */
  public DynamicRecordTransform withInfo(String value) {
    return new DynamicRecordTransform(map, flatMap, Objects.requireNonNull(value, "info"));
  }

  @Override
  public String kind() {
    return map != null ? "Map" : "FlatMap";
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    Dataset<Row> in = input.toDF();
    StructType inType = SparkTypes.fromSpark(in.schema());
    Records records = new Records(map, flatMap, inType);
    DataType merged = Types.NULL;
    for (DataType t : in.javaRDD().mapPartitions(new Learn(records)).collect()) {
      merged = Types.merge(merged, t);
    }
    StructType out = merged instanceof StructType s ? s : Types.struct();
    org.apache.spark.sql.types.StructType outSpark = SparkTypes.toSpark(out);
    Dataset<Row> staged =
        map != null
            ? RecordFunctions.map(in, outSpark, new AsRows(records, out), step, info)
            : RecordFunctions.flatMap(in, outSpark, new AsRowLists(records, out), step, info);
    return Steps.finish(
        input.withStagedRows(withNestedChoices(staged, RecordFunctions.staged(outSpark))), step);
  }

  /**
   * The staged rows with their schema's nested choices flagged again: Spark's Row encoder keeps the
   * metadata of top-level fields only, and a choice inside a struct is known by its members'.
   */
  private static Dataset<Row> withNestedChoices(
      Dataset<Row> staged, org.apache.spark.sql.types.StructType schema) {
    org.apache.spark.sql.types.StructField[] fs = schema.fields();
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[fs.length];
    for (int i = 0; i < fs.length; i++) {
      org.apache.spark.sql.Column c = staged.col("`" + fs[i].name().replace("`", "``") + "`");
      cols[i] =
          (fs[i].dataType() instanceof org.apache.spark.sql.types.StructType
                      || fs[i].dataType() instanceof org.apache.spark.sql.types.ArrayType
                      || fs[i].dataType() instanceof org.apache.spark.sql.types.MapType
                  ? c.cast(fs[i].dataType())
                  : c)
              .as(fs[i].name(), fs[i].metadata());
    }
    return staged.select(cols);
  }

  @Override
  public String toString() {
    return kind() + "[records]";
  }

  /** The function over one row: the records it returns (null: it returned null). */
  private record Records(
      DynamicRecord.MapFunction map, DynamicRecord.FlatMapFunction flatMap, StructType inType)
      implements java.io.Serializable {
    List<DynamicRecord> of(Row row) throws Exception {
      DynamicRecord r = DynamicRecord.wrap(RecordValues.fromRow(row, inType));
      if (map != null) {
        DynamicRecord o = map.call(r);
        return o == null ? null : List.of(o);
      }
      Iterable<DynamicRecord> os = flatMap.call(r);
      if (os == null) {
        return null;
      }
      List<DynamicRecord> out = new ArrayList<>();
      os.forEach(out::add);
      return out;
    }
  }

  /** The merged type of the records one partition's rows become; failing rows are left out. */
  private record Learn(Records records)
      implements FlatMapFunction<Iterator<Row>, DataType>, java.io.Serializable {
    @Override
    public Iterator<DataType> call(Iterator<Row> rows) {
      DataType t = Types.NULL;
      while (rows.hasNext()) {
        List<DynamicRecord> out;
        try {
          out = records.of(rows.next());
        } catch (Exception e) {
          continue; // an error record when the rows are read
        }
        if (out != null) {
          for (DynamicRecord r : out) {
            if (r != null) {
              t = Types.merge(t, RecordValues.typeOf(r.fields()));
            }
          }
        }
      }
      return List.of(t).iterator();
    }
  }

  /** The record a row becomes, as a row of the learnt schema. */
  private record AsRows(Records records, StructType out)
      implements MapFunction<Row, Row>, java.io.Serializable {
    @Override
    public Row call(Row row) throws Exception {
      List<DynamicRecord> rs = records.of(row);
      return rs == null ? null : RecordValues.toRow(rs.get(0).fields(), out);
    }
  }

  /** The records a row becomes, as rows of the learnt schema. */
  private record AsRowLists(Records records, StructType out)
      implements FlatMapFunction<Row, Row>, java.io.Serializable {
    @Override
    public Iterator<Row> call(Row row) throws Exception {
      List<DynamicRecord> rs = records.of(row);
      if (rs == null) {
        return null;
      }
      List<Row> rows = new ArrayList<>(rs.size());
      for (DynamicRecord r : rs) {
        if (r == null) {
          throw new IllegalArgumentException("the flatMap function returned a null record");
        }
        rows.add(RecordValues.toRow(r.fields(), out));
      }
      return rows.iterator();
    }
  }
}
