package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.transforms.internal.RecordFunctions;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.StructType;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's Map: applies a Java function to every record. The function gets the record as a {@link
 * Row} with the frame's schema (fields by name with {@code row.getAs("name")}; a choice is a Row of
 * its members) and returns a Row in the output schema, positionally: by default the input's schema,
 * or the one given with {@link #withOutputSchema}.
 *
 * <p>A record the function throws on, returns null for, or answers with a Row that does not fit the
 * output schema becomes an error record (the reason, the record as JSON, the stack trace, Glue's
 * {@code info} before the reason) and the job goes on; thresholds set on the output ({@link
 * DynamicFrame#withThresholds}) make the job fail past a number of such records. Records go through
 * Spark's Row encoder, not through an RDD.
 *
 * <p>The class is named as Glue's transform; where {@code java.util.Map} is also used, write {@code
 * io.dynaframe.transforms.Map.of(...)} or import only one of the two.
 *
 * <pre>{@code
 * StructType out = Types.struct(Types.field("name", Types.STRING), Types.field("len", Types.INT));
 * frame.apply(io.dynaframe.transforms.Map.of(r -> RowFactory.create(r.getAs("name"),
 *     r.<String>getAs("name").length())).withOutputSchema(out));
 * }</pre>
 */
public final class Map extends RecordFunctionTransform<MapFunction<Row, Row>, Map> {
  private static final long serialVersionUID = 1L;

  private Map(MapFunction<Row, Row> function, StructType outputSchema, String info) {
    super(function, outputSchema, info);
  }

  /**
   * Applies this function to every record; the output has the input's schema unless told otherwise.
   */
  public static Map of(MapFunction<Row, Row> function) {
    return new Map(function, null, "");
  }

  /**
   * Applies this function to every record, seen as a {@link DynamicRecord} whose fields it reads,
   * sets and drops by path, as a Glue Python or Scala map function does; no output schema is
   * declared: it is learnt from the records returned (see {@link DynamicRecordTransform}).
   */
  public static DynamicRecordTransform onRecords(DynamicRecord.MapFunction function) {
    return DynamicRecordTransform.map(function);
  }

  /** Glue's {@code Map.apply(frame, f, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, MapFunction<Row, Row> f, String transformationCtx) {
    return Steps.apply(frame, of(f), transformationCtx);
  }

  @Override
  Map copy(StructType outputSchema, String info) {
    return new Map(function, outputSchema, info);
  }

  @Override
  Dataset<Row> run(Dataset<Row> in, org.apache.spark.sql.types.StructType out, String step) {
    return RecordFunctions.map(in, out, function, step, info);
  }
}
