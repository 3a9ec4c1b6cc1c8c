package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link Map} and {@link FlatMap} share: a Java function over records, the schema of the rows
 * it returns (the input's unless given), and Glue's {@code info}, put before the reason of the
 * error records of the records it fails on.
 *
 * @param <F> the function's type
 * @param <T> the transform's own type
 */
abstract class RecordFunctionTransform<F, T extends RecordFunctionTransform<F, T>>
    implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  final F function;
  final StructType outputSchema;
  final String info;

  RecordFunctionTransform(F function, StructType outputSchema, String info) {
    this.function = Objects.requireNonNull(function, "function");
    this.outputSchema = outputSchema;
    this.info = Objects.requireNonNull(info, "info");
  }

  /** A transform of this kind with these settings. */
  abstract T copy(StructType outputSchema, String info);

  /** The rows of {@code in} run through the function, staged with their error records. */
  abstract Dataset<Row> run(
      Dataset<Row> in, org.apache.spark.sql.types.StructType out, String step);

  /** The schema of the rows the function returns. */
  public T withOutputSchema(StructType schema) {
    return copy(Objects.requireNonNull(schema, "schema"), info);
  }

  /** The schema of the rows the function returns, in Spark DDL: {@code "name STRING, len INT"}. */
  public T withOutputSchema(String ddl) {
    return withOutputSchema(
        SparkTypes.fromSpark(org.apache.spark.sql.types.StructType.fromDDL(ddl)));
  }

  /** This transform with Glue's {@code info}, put before the reason of the step's error records. */
  public T withInfo(String value) {
    return copy(outputSchema, Objects.requireNonNull(value, "info"));
  }

  @Override
  public final DynamicFrame expand(DynamicFrame input, String step) {
    org.apache.spark.sql.types.StructType out =
        outputSchema == null ? input.toDF().schema() : SparkTypes.toSpark(outputSchema);
    return Steps.finish(input.withStagedRows(run(input.toDF(), out, step)), step);
  }

  @Override
  public String toString() {
    return kind() + (outputSchema != null ? "[" + outputSchema + "]" : "");
  }
}
