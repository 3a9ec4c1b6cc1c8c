package io.dynaframe.internal;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Evaluates a Spark SQL condition over partition values (Glue's {@code push_down_predicate} and
 * {@code partitionPredicate}) on a small local table of the values, typed as the partition keys; no
 * data file is touched.
 */
public final class PartitionPredicates {
  private PartitionPredicates() {}

  private static final String INDEX = "__dynaframe_partition_index";

  /**
   * The indexes (ascending) of the partitions whose values pass the predicate. A value that is null
   * is SQL NULL.
   *
   * @param keys the partition keys' names
   * @param types the partition keys' Spark types (the values are strings cast to them)
   * @param values one list of string values per partition, in key order
   * @throws IllegalArgumentException when Spark cannot read the predicate or it names something
   *     other than the keys; the message is Spark's first line
   * @throws IllegalStateException when Spark fails otherwise with a checked exception
   */
  public static List<Integer> select(
      SparkSession spark,
      List<String> keys,
      List<DataType> types,
      List<List<String>> values,
      String predicate) {
    List<StructField> fields = new ArrayList<>();
    for (String k : keys) {
      fields.add(DataTypes.createStructField(k, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(INDEX, DataTypes.IntegerType, false));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Object[] row = new Object[keys.size() + 1];
      for (int k = 0; k < keys.size(); k++) {
        row[k] = values.get(i).get(k);
      }
      row[row.length - 1] = i;
      rows.add(RowFactory.create(row));
    }
    Dataset<Row> table = spark.createDataFrame(rows, DataTypes.createStructType(fields));
    List<org.apache.spark.sql.Column> typed = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      typed.add(col(Paths.quote(keys.get(k))).cast(types.get(k)).alias(keys.get(k)));
    }
    typed.add(col(INDEX));
    List<Row> kept;
    try {
      kept =
          table
              .select(typed.toArray(new org.apache.spark.sql.Column[0]))
              .where(predicate)
              .select(INDEX)
              .collectAsList();
    } catch (Exception e) { // AnalysisException is a checked exception in Scala's eyes
      if (e.getClass().getName().endsWith("AnalysisException")
          || e.getClass().getName().contains("ParseException")) {
        throw new IllegalArgumentException(
            String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
    List<Integer> out = new ArrayList<>(kept.size());
    for (Row r : kept) {
      out.add(r.getInt(0));
    }
    out.sort(null);
    return out;
  }
}
