package io.dynaframe.bench;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * CSV as Glue reads it by default: the input of {@code csv-inference} ({@link CsvOrders}) read with
 * dynaframe's CSV source without options beyond the header, so every value is a string, versus
 * {@code spark.read().option("header", true).csv(...)} without inference (every column a string
 * too). dynaframe still makes its schema pass (the columns of every file, and error records for
 * ragged rows); Spark reads the header only. Each side then parses every row into a {@code noop}
 * write.
 */
public final class CsvReadBenchmark implements Benchmark {
  private Path input;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    input = CsvOrders.prepare(env);
  }

  private DynamicFrame read(BenchEnv env) {
    return env.context()
        .createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "csv",
            Options.of("withHeader", true),
            "orders");
  }

  private Dataset<Row> readBaseline(BenchEnv env) {
    return env.spark().read().option("header", true).csv(input.toString());
  }

  @Override
  public void dynaframe(BenchEnv env) {
    read(env).toDF().write().format("noop").mode("overwrite").save();
  }

  @Override
  public void baseline(BenchEnv env) {
    readBaseline(env).write().format("noop").mode("overwrite").save();
  }

  @Override
  public void verify(BenchEnv env) {
    DynamicFrame frame = read(env);
    long records = frame.count();
    long errors = frame.errorsCount();
    Dataset<Row> spark = readBaseline(env);
    long sparkRecords = spark.count();
    if (records != CsvOrders.RECORDS || sparkRecords != CsvOrders.RECORDS || errors != 0) {
      throw new IllegalStateException(
          "expected "
              + CsvOrders.RECORDS
              + " records on both sides and no errors; dynaframe read "
              + records
              + " with "
              + errors
              + " errors, Spark "
              + sparkRecords);
    }
    StructField[] ours = frame.toDF().schema().fields();
    StructField[] theirs = spark.schema().fields();
    boolean same = ours.length == theirs.length;
    for (int i = 0; same && i < ours.length; i++) {
      same =
          ours[i].name().equals(theirs[i].name())
              && ours[i].dataType().equals(DataTypes.StringType)
              && theirs[i].dataType().equals(DataTypes.StringType);
    }
    if (!same) {
      throw new IllegalStateException(
          "expected the same string columns on both sides: "
              + frame.toDF().schema()
              + " and "
              + spark.schema());
    }
  }
}
