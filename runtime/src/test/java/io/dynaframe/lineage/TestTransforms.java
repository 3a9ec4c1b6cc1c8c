package io.dynaframe.lineage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.when;

import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Transform;
import org.apache.spark.sql.Column;

/** Transforms for the lineage tests, written with plain Dataset operations. */
final class TestTransforms {
  private TestTransforms() {}

  /** Renames a column. */
  record Rename(String from, String to) implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      return input.withRows(input.toDF().withColumnRenamed(from, to));
    }
  }

  /** Casts a column. */
  record Cast(String column, String type) implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      return input.withRows(input.toDF().withColumn(column, col(column).cast(type)));
    }
  }

  /** Keeps records with {@code amount >= 0}; the others become error records of the step. */
  static final class RejectNegative implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      Column error =
          when(
              col("amount").lt(0),
              expr(ErrorRecords.sql("'" + step + "'", "NULL", "'negative amount'", "NULL", "NULL"))
                  .cast(ErrorRecords.SCHEMA));
      return input.withStagedRows(input.toDF().withColumn(ErrorRecords.COLUMN, error));
    }
  }
}
