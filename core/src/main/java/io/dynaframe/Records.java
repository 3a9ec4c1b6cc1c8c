package io.dynaframe;

import io.dynaframe.internal.RowJson;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Renders single records as JSON the way {@link DynamicFrame#show()} prints them: a choice as the
 * value it holds.
 */
public final class Records {
  private Records() {}

  /** One record of a frame with this Spark schema, as a JSON object. */
  public static String toJson(Row row, StructType schema) {
    return RowJson.toJson(row, schema);
  }
}
