package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.RecordFunctions;
import io.dynaframe.types.StructType;
import java.util.LinkedHashMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A flat map over records: a Java function turns each record (a {@link Row} with the frame's
 * schema) into zero or more records in the output schema (the input's unless {@link
 * #withOutputSchema} says otherwise). A record the function throws on, or whose output does not fit
 * the schema, becomes one error record and the job goes on, as with {@link Map}.
 *
 * <p>Glue's own {@code FlatMap} applies a transform to every frame of a collection and merges the
 * results; that is {@link #apply(FrameCollection, Transform, String)}.
 *
 * <pre>{@code
 * frame.apply(FlatMap.of(r -> List.of(r, r).iterator()));
 * FrameCollection all = FlatMap.apply(collection, DropNullFields.create(), "dropnulls");
 * }</pre>
 */
public final class FlatMap extends RecordFunctionTransform<FlatMapFunction<Row, Row>, FlatMap> {
  private static final long serialVersionUID = 1L;

  private FlatMap(FlatMapFunction<Row, Row> function, StructType outputSchema, String info) {
    super(function, outputSchema, info);
  }

  /**
   * Applies this function to every record, seen as a {@link DynamicRecord}; it returns any number
   * of records, made or changed by path; no output schema is declared: it is learnt from the
   * records returned (see {@link DynamicRecordTransform}).
   */
  public static DynamicRecordTransform onRecords(DynamicRecord.FlatMapFunction function) {
    return DynamicRecordTransform.flatMap(function);
  }

  /** Applies this function to every record. */
  public static FlatMap of(FlatMapFunction<Row, Row> function) {
    return new FlatMap(function, null, "");
  }

  /**
   * Glue's {@code FlatMap.apply(dfc, BaseTransform, frame_name, transformation_ctx)}: applies
   * {@code transform} to every frame of the collection, as the step {@code transformationCtx + ":"
   * + key}, and gathers the results by frame name (a transform that gives a collection contributes
   * all its frames).
   */
  public static FrameCollection apply(
      FrameCollection frames, Transform<?> transform, String transformationCtx) {
    java.util.Map<String, DynamicFrame> out = new LinkedHashMap<>();
    DynamicFrame any = null;
    for (var e : frames.asMap().entrySet()) {
      any = e.getValue();
      Object result = e.getValue().apply(transformationCtx + ":" + e.getKey(), transform);
      if (result instanceof DynamicFrame f) {
        out.put(f.name(), f);
      } else if (result instanceof FrameCollection c) {
        c.asMap().values().forEach(f -> out.put(f.name(), f));
      } else {
        throw new IllegalArgumentException(
            "FlatMap over a collection needs a transform that gives a frame or a "
                + "collection; "
                + transform.kind()
                + " gave "
                + result);
      }
    }
    if (any == null) {
      return frames;
    }
    return FrameCollection.of(out, any.context());
  }

  @Override
  FlatMap copy(StructType outputSchema, String info) {
    return new FlatMap(function, outputSchema, info);
  }

  @Override
  Dataset<Row> run(Dataset<Row> in, org.apache.spark.sql.types.StructType out, String step) {
    return RecordFunctions.flatMap(in, out, function, step, info);
  }
}
