package io.dynaframe.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dynaframe.DynamicFrame;
import io.dynaframe.quality.DataQualityResult;
import io.dynaframe.quality.EvaluateDataQuality;
import io.dynaframe.quality.RuleOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The data quality benchmarks' input and work: 10,000,000 orders in 8 Parquet files, and a ruleset
 * of 15 common rules (aggregates, a uniqueness rule, a set membership rule, a length rule, a
 * CustomSql rule) that every row passes; the same checks as plain Spark aggregates.
 */
final class QualityWorkload {
  static final long ROWS = 10_000_000L;
  static final int FILES = 8;

  /** The ruleset dynaframe evaluates; Deequ's side checks the same constraints. */
  static final String RULES =
      String.join(
          "\n",
          "Rules = [",
          "  RowCount > 0,",
          "  IsComplete \"id\",",
          "  Completeness \"email\" > 0.95,",
          "  IsUnique \"id\",",
          "  ColumnValues \"amount\" between 0 and 1000,",
          "  ColumnValues \"status\" in [\"NEW\", \"PAID\", \"SHIPPED\", \"CANCELLED\"],",
          "  ColumnLength \"code\" = 8,",
          "  Mean \"amount\" between 400 and 600,",
          "  Sum \"qty\" > 0,",
          "  StandardDeviation \"amount\" < 400,",
          "  DistinctValuesCount \"customer\" > 1000,",
          "  ColumnValues \"qty\" > 0,",
          "  Uniqueness \"email\" > 0.9,",
          "  ColumnCorrelation \"amount\" \"qty\" < 0.5,",
          "  CustomSql \"select count(*) from primary where amount < 0\" = 0",
          "]");

  static final int RULE_COUNT = 15;

  private QualityWorkload() {}

  /** Writes the orders once under the benchmark's data folder; returns their folder. */
  static Path prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v1 quality rows=" + ROWS + " files=" + FILES,
            d ->
                spark
                    .range(0, ROWS, 1, FILES)
                    .select(
                        col("id"),
                        col("id").mod(50_000).alias("customer"),
                        col("id").multiply(7919).mod(100_000).divide(100.0).alias("amount"),
                        col("id").mod(5).plus(1).cast("int").alias("qty"),
                        element_at(
                                org.apache.spark.sql.functions.array(
                                    lit("NEW"), lit("PAID"), lit("SHIPPED"), lit("CANCELLED")),
                                col("id").mod(4).plus(1).cast("int"))
                            .alias("status"),
                        concat(lit("C"), lpad(col("id").mod(10_000_000).cast("string"), 7, "0"))
                            .alias("code"),
                        when(col("id").mod(50).equalTo(0), lit(null).cast("string"))
                            .otherwise(concat(lit("u"), col("id").cast("string"), lit("@x.io")))
                            .alias("email"))
                    .write()
                    .parquet(d.resolve("data").toString()));
    return dir.resolve("data");
  }

  static Dataset<Row> read(BenchEnv env, Path data) {
    return env.spark().read().parquet(data.toString());
  }

  /** dynaframe's side: the ruleset's rule outcomes (the row-level outcomes stay lazy). */
  static DataQualityResult dynaframe(BenchEnv env, Path data) {
    DynamicFrame orders = DynamicFrame.fromDF(read(env, data), env.context(), "orders");
    return EvaluateDataQuality.of(RULES).evaluate(orders);
  }

  /** The aggregate metrics of the ruleset in one plain aggregate pass, by metric name. */
  static Map<String, Double> oneAggregatePass(Dataset<Row> df) {
    Column[] aggs = {
      count(lit(1)).alias("rows"),
      count(col("id")).alias("id_nonnull"),
      count(col("email")).alias("email_nonnull"),
      sum(when(col("amount").between(0, 1000), 1L).otherwise(0L)).alias("amount_in_range"),
      sum(when(col("status").isin("NEW", "PAID", "SHIPPED", "CANCELLED"), 1L).otherwise(0L))
          .alias("status_in_set"),
      sum(when(length(col("code")).equalTo(8), 1L).otherwise(0L)).alias("code_length"),
      avg(col("amount")).alias("amount_mean"),
      sum(col("qty")).cast("double").alias("qty_sum"),
      stddev_pop(col("amount")).alias("amount_stddev"),
      sum(when(col("qty").gt(0), 1L).otherwise(0L)).alias("qty_positive"),
      corr(col("amount"), col("qty")).alias("correlation"),
      sum(when(col("amount").lt(0), 1L).otherwise(0L)).alias("negative_amounts")
    };
    Row r = df.agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length)).head();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < aggs.length; i++) {
      out.put(r.schema().fields()[i].name(), ((Number) r.get(i)).doubleValue());
    }
    return out;
  }

  /**
   * The same metrics as the ruleset, by plain Spark: the aggregate pass, then a group-by for each
   * frequency metric (uniqueness of id and email, distinct customers).
   */
  static Map<String, Double> sameMetrics(Dataset<Row> df) {
    Map<String, Double> out = oneAggregatePass(df);
    out.put("id_unique", (double) df.groupBy("id").count().where(col("count").equalTo(1)).count());
    out.put(
        "email_unique",
        (double)
            df.where(col("email").isNotNull())
                .groupBy("email")
                .count()
                .where(col("count").equalTo(1))
                .count());
    out.put("customer_distinct", (double) df.select("customer").distinct().count());
    return out;
  }

  /** Fails unless every rule passed and dynaframe's metrics are the plain ones. */
  static void verify(DataQualityResult result, Map<String, Double> plain) {
    if (result.outcomes().size() != RULE_COUNT) {
      throw new IllegalStateException("expected " + RULE_COUNT + " rule outcomes: " + result);
    }
    for (RuleOutcome o : result.outcomes()) {
      if (!o.passed()) {
        throw new IllegalStateException("rule failed: " + o);
      }
    }
    double rows = plain.get("rows");
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("Dataset.*.RowCount", rows);
    expected.put("Column.email.Completeness", plain.get("email_nonnull") / rows);
    expected.put("Column.amount.ColumnValues.Compliance", plain.get("amount_in_range") / rows);
    expected.put("Column.amount.Mean", plain.get("amount_mean"));
    expected.put("Column.qty.Sum", plain.get("qty_sum"));
    expected.put("Column.id.Uniqueness", plain.get("id_unique") / rows);
    expected.put("Column.email.Uniqueness", plain.get("email_unique") / rows);
    expected.put("Column.customer.DistinctValuesCount", plain.get("customer_distinct"));
    Map<String, Double> actual = new LinkedHashMap<>();
    result.outcomes().forEach(o -> actual.putAll(o.evaluatedMetrics()));
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      Double a = actual.get(e.getKey());
      if (a == null || Math.abs(a - e.getValue()) > 1e-9 * Math.max(1, Math.abs(e.getValue()))) {
        throw new IllegalStateException(
            e.getKey() + ": dynaframe " + a + ", plain Spark " + e.getValue());
      }
    }
    System.out.println(
        "verified: the "
            + RULE_COUNT
            + " rules pass; dynaframe's metrics are plain Spark's: "
            + expected);
  }
}
