package io.dynaframe.bench;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CSV with typed values: 1,000,000 rows with a header in 8 files ({@link CsvOrders}), read with
 * dynaframe's CSV source with the per-value typing option {@code typedValues} ({@code zip} and
 * {@code amount} become choices) versus {@code spark.read().option("header",
 * true).option("inferSchema", true).csv(...)}. Both sides type the columns in one pass and parse
 * every row into a {@code noop} write in a second. Glue's default all-string read is {@code
 * csv-read}.
 */
public final class CsvInferenceBenchmark implements Benchmark {
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
            Options.of("withHeader", true, "typedValues", true),
            "orders");
  }

  private Dataset<Row> readBaseline(BenchEnv env) {
    return env.spark()
        .read()
        .option("header", true)
        .option("inferSchema", true)
        .csv(input.toString());
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
    String schema = frame.schemaString();
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
    for (String member : List.of("zip", "amount")) {
      if (!schema.contains(member + ": choice")) {
        throw new IllegalStateException("expected field " + member + " to be a choice:\n" + schema);
      }
    }
    if (!schema.contains("qty: long")
        || !spark.schema().apply("qty").dataType().typeName().equals("integer")) {
      throw new IllegalStateException(
          "expected qty typed as a number on both sides:\n" + schema + "\n" + spark.schema());
    }
  }
}
