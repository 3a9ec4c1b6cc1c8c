package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.EvaluateDataQualityTest.notMet;
import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The examples of AWS's DQDL reference page and of the rule type pages that {@link
 * AwsRuleExamplesTest} does not evaluate, each written as AWS writes it and evaluated on a small
 * frame built for it (one ruleset per frame, so one aggregate job and at most one grouping job
 * each), with the outcome AWS's text gives it: the syntax section's ruleset, the nested composite
 * rule, the where clauses of the rule type pages, the Expressions table (numbers, strings, dates,
 * {@code now()}, {@code with threshold}), Comments, Constants, the ColumnDataType, CustomSql,
 * IsPrimaryKey, ReferentialIntegrity, RowCountMatch, Sum and StandardDeviation examples (with the
 * values AWS prints for the last two's null behaviour), and the metric names of AWS's rule type
 * reference ({@code Dataset.*.ColumnNamesPatternMatchRatio}).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types.html">DQDL rule type
 *     reference</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-Sum.html">Sum</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-StandardDeviation.html">
 *     StandardDeviation</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-ColumnDataType.html">
 *     ColumnDataType</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-CustomSql.html">
 *     CustomSQL</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-IsPrimaryKey.html">
 *     IsPrimaryKey</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-ReferentialIntegrity.html">
 *     ReferentialIntegrity</a>
 */
@SparkTest
class AwsReferencePagesTest {

  static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  /** An expected rule outcome: metrics compared within 1e-9 (Spark's sums of squares). */
  record Expected(String rule, boolean passed, String reason, Map<String, Double> metrics) {}

  static Expected ok(String rule, Map<String, Double> metrics) {
    return new Expected(rule, true, null, metrics);
  }

  static Expected no(String rule, String reason, Map<String, Double> metrics) {
    return new Expected(rule, false, reason, metrics);
  }

  static String share(double percent) {
    return String.format(java.util.Locale.ROOT, "%.2f %% of rows passed the threshold", percent);
  }

  /** Every rule's outcome, in order, as expected. */
  static void assertOutcomes(DataQualityResult result, Expected... expected) {
    List<RuleOutcome> got = result.outcomes();
    assertThat(got.stream().map(RuleOutcome::rule).toList())
        .containsExactly(
            java.util.Arrays.stream(expected).map(Expected::rule).toArray(String[]::new));
    for (int i = 0; i < expected.length; i++) {
      RuleOutcome o = got.get(i);
      Expected e = expected[i];
      assertThat(o.passed()).as("outcome of %s", e.rule()).isEqualTo(e.passed());
      assertThat(o.failureReason()).as("failure reason of %s", e.rule()).isEqualTo(e.reason());
      assertThat(o.evaluatedMetrics().keySet())
          .as("metrics of %s", e.rule())
          .containsExactlyInAnyOrderElementsOf(e.metrics().keySet());
      for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
        assertThat(o.evaluatedMetrics().get(m.getKey()))
            .as("%s of %s", m.getKey(), e.rule())
            .isCloseTo(m.getValue(), within(1e-9));
      }
    }
  }

  private static DataQualityResult evaluate(DynamicFrame frame, String ruleset) {
    return EvaluateDataQuality.of(ruleset)
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evaluate(frame);
  }

  /**
   * The DQDL syntax section's ruleset ({@code IsComplete "order-id", IsUnique "order-id"}: a
   * hyphenated column), the nested composite rule of "Composite rules", {@code RowCount between 10
   * and 100}, the where clauses of the IsComplete, ColumnLength and ColumnNamesMatchPattern pages,
   * the Expressions table's and the ColumnValues page's {@code now()} rows, and {@code #} comments
   * (section "Comments"), in one ruleset on twelve customers.
   */
  @Test
  void syntaxCompositeWhereAndCommentExamples(DynaContext ctx) {
    int[] weights = {5, 8, 12, 45, 50, 9, 33, 7, 61, 3, 18, 90};
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      rows.add(
          row(
              "o-" + i,
              i,
              i * 10,
              i * 10 <= 50 ? "c" + i + "@example.com" : null,
              weights[i - 1],
              Timestamp.from(NOW.minusSeconds(3600L * i))));
    }
    DynamicFrame customers =
        Frames.rows(
            ctx,
            "`order-id` STRING, colA INT, Customer_ID INT, Email STRING, weightinkgs INT,"
                + " load_date TIMESTAMP",
            rows.toArray(Row[]::new));
    String ruleset =
        """
        # Comments: a line of its own
        Rules = [
            IsComplete "order-id", IsUnique "order-id",
            (RowCount > 0) or ((IsComplete "colA") and (IsUnique "colA")), # after a rule
            RowCount between 10 and 100,
            IsComplete "Email" where "Customer_ID between 1 and 50",
            ColumnLength "weightinkgs" = 2 where "weightinkgs > 10",
            ColumnValues "load_date" > (now() - 3 days),
            ColumnValues "Load_Date" > (now() - 3 days)
        ]
        """;
    assertOutcomes(
        evaluate(customers, ruleset),
        ok("IsComplete \"order-id\"", m("Column.order-id.Completeness", 1.0)),
        ok("IsUnique \"order-id\"", m("Column.order-id.Uniqueness", 1.0)),
        ok(
            "(RowCount > 0) or ((IsComplete \"colA\") and (IsUnique \"colA\"))",
            m(
                "Dataset.*.RowCount",
                12,
                "Column.colA.Completeness",
                1.0,
                "Column.colA.Uniqueness",
                1.0)),
        ok("RowCount between 10 and 100", m("Dataset.*.RowCount", 12)),
        ok(
            "IsComplete \"Email\" where \"Customer_ID between 1 and 50\"",
            m("Column.Email.Completeness", 1.0)),
        ok(
            "ColumnLength \"weightinkgs\" = 2 where \"weightinkgs > 10\"",
            m("Column.weightinkgs.ColumnLength.Compliance", 1.0)),
        ok(
            "ColumnValues \"load_date\" > (now() - 3 days)",
            m("Column.load_date.ColumnValues.Compliance", 1.0)),
        // the ColumnValues page writes the column Load_Date: names are found ignoring case
        ok(
            "ColumnValues \"Load_Date\" > (now() - 3 days)",
            m("Column.Load_Date.ColumnValues.Compliance", 1.0)));

    // the rules judged on all rows: Email is null beyond Customer_ID 50, lengths of 1 digit fail
    assertOutcomes(
        evaluate(
            customers,
            "Rules = [ IsComplete \"Email\", ColumnLength \"weightinkgs\" = 2,"
                + " ColumnNamesMatchPattern \"aws_.*\" where \"weightinkgs > 10\" ]"),
        no("IsComplete \"Email\"", notMet(5.0 / 12), m("Column.Email.Completeness", 5.0 / 12)),
        no(
            "ColumnLength \"weightinkgs\" = 2",
            share(7 * 100.0 / 12),
            m("Column.weightinkgs.ColumnLength.Compliance", 7.0 / 12)),
        // AWS: "checks whether all columns start with the prefix aws_"; the ratio of the names
        // that match is the metric AWS's rule type reference names
        no(
            "ColumnNamesMatchPattern \"aws_.*\" where \"weightinkgs > 10\"",
            "Columns that do not match the pattern: order-id, colA, Customer_ID, Email,"
                + " weightinkgs, load_date",
            m("Dataset.*.ColumnNamesPatternMatchRatio", 0.0)));
  }

  /**
   * The Expressions table's rows on numbers ({@code = "1.0"} with a quoted number, {@code >},
   * {@code >=}, {@code <}, {@code <=}, {@code between}, {@code in}, {@code not in}) and the
   * IsPrimaryKey page's examples with two and three columns (the first column bare in the last).
   */
  @Test
  void expressionsOnNumbersAndPrimaryKeysOfSeveralColumns(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "colA INT, colB STRING, colC STRING",
            row(10, "a", "x"),
            row(10, "a", "y"),
            row(20, "a", "x"),
            row(40, "b", "x"));
    String ruleset =
        """
        Rules = [
            Completeness "colA" = "1.0",
            ColumnValues "colA" > 10,
            ColumnValues "colA" >= 10,
            ColumnValues "colA" < 1000,
            ColumnValues "colA" <= 1000,
            Mean "colA" between 8 and 100,
            ColumnValues "colA" in [ 1, 2, 3 ],
            ColumnValues "colA" not in [ 1, 2, 3 ],
            IsPrimaryKey "colA" "colB",
            IsPrimaryKey "colA" "colB" "colC",
            IsPrimaryKey colA "colB" "colC"
        ]
        """;
    String values = "Column.colA.ColumnValues.Compliance";
    Map<String, Double> threeKeys =
        m(
            "Column.colA.Completeness",
            1.0,
            "Column.colB.Completeness",
            1.0,
            "Column.colC.Completeness",
            1.0,
            "Multicolumn.colA,colB,colC.Uniqueness",
            1.0);
    assertOutcomes(
        evaluate(f, ruleset),
        ok("Completeness \"colA\" = \"1.0\"", m("Column.colA.Completeness", 1.0)),
        no("ColumnValues \"colA\" > 10", notMet(10), m(values, 0.5)),
        ok("ColumnValues \"colA\" >= 10", m(values, 1.0)),
        ok("ColumnValues \"colA\" < 1000", m(values, 1.0)),
        ok("ColumnValues \"colA\" <= 1000", m(values, 1.0)),
        ok("Mean \"colA\" between 8 and 100", m("Column.colA.Mean", 20.0)),
        no("ColumnValues \"colA\" in [ 1, 2, 3 ]", notMet(10), m(values, 0.0)),
        ok("ColumnValues \"colA\" not in [ 1, 2, 3 ]", m(values, 1.0)),
        // (10, "a") twice: half the keys are unique
        no(
            "IsPrimaryKey \"colA\" \"colB\"",
            notMet(0.5),
            m(
                "Column.colA.Completeness",
                1.0,
                "Column.colB.Completeness",
                1.0,
                "Multicolumn.colA,colB.Uniqueness",
                0.5)),
        ok("IsPrimaryKey \"colA\" \"colB\" \"colC\"", threeKeys),
        ok("IsPrimaryKey colA \"colB\" \"colC\"", threeKeys));
  }

  /**
   * The Expressions table's rows on strings ({@code !=}, {@code in}, {@code not in}, {@code
   * matches}, {@code not matches}, and {@code in} / {@code matches} {@code with threshold}) and the
   * Constants section: {@code mySql = "select count(*) from primary"} used as {@code $mySql} (the
   * rule keeps its text), and a list constant used as {@code in $letters}.
   */
  @Test
  void expressionsOnStringsAndConstants(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "colA STRING", row("A"), row("B"), row("a"), row("1"));
    String ruleset =
        """
        mySql = "select count(*) from primary"
        letters = ["A", "B"]
        Rules = [
            ColumnValues "colA" != "a",
            ColumnValues "colA" in [ "a", "b", "c" ],
            ColumnValues "colA" not in [ "a", "b", "c" ],
            ColumnValues "colA" matches "[a-zA-Z]*",
            ColumnValues "colA" not matches "[a-zA-Z]*",
            ColumnValues "colA" in ["A", "B"] with threshold > 0.8,
            ColumnValues "colA" matches "[a-zA-Z]*" with threshold between 0.2 and 0.9,
            CustomSql $mySql between 0 and 100,
            ColumnValues "colA" in $letters
        ]
        """;
    String values = "Column.colA.ColumnValues.Compliance";
    assertOutcomes(
        evaluate(f, ruleset),
        no("ColumnValues \"colA\" != \"a\"", notMet("a"), m(values, 0.75)),
        // the smallest failing value is named: "1" sorts before "A"
        no("ColumnValues \"colA\" in [ \"a\", \"b\", \"c\" ]", notMet("1"), m(values, 0.25)),
        no("ColumnValues \"colA\" not in [ \"a\", \"b\", \"c\" ]", notMet("a"), m(values, 0.75)),
        no("ColumnValues \"colA\" matches \"[a-zA-Z]*\"", notMet("1"), m(values, 0.75)),
        no("ColumnValues \"colA\" not matches \"[a-zA-Z]*\"", notMet("A"), m(values, 0.25)),
        no(
            "ColumnValues \"colA\" in [\"A\", \"B\"] with threshold > 0.8",
            share(50),
            m(values, 0.5)),
        ok(
            "ColumnValues \"colA\" matches \"[a-zA-Z]*\" with threshold between 0.2 and 0.9",
            m(values, 0.75)),
        ok("CustomSql $mySql between 0 and 100", m("Dataset.*.CustomSQL", 4)),
        no("ColumnValues \"colA\" in $letters", notMet("1"), m(values, 0.5)));
  }

  /**
   * The Expressions table's rows on dates: a date column compared with quoted dates ({@code =},
   * {@code !=}, {@code <}, {@code between}, {@code not between}; both ends of {@code between}
   * included).
   */
  @Test
  void expressionsOnDates(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "colA DATE",
            row(Date.valueOf("2022-05-31")),
            row(Date.valueOf("2022-06-15")),
            row(Date.valueOf("2022-06-30")),
            row(Date.valueOf("2022-07-01")));
    String ruleset =
        """
        Rules = [
            ColumnValues "colA" = "2022-06-30",
            ColumnValues "colA" != "2022-06-30",
            ColumnValues "colA" < "2022-06-30",
            ColumnValues "colA" between "2022-05-31" and "2022-06-30",
            ColumnValues "colA" not between "2022-05-31" and "2022-06-30"
        ]
        """;
    String values = "Column.colA.ColumnValues.Compliance";
    assertOutcomes(
        evaluate(f, ruleset),
        no("ColumnValues \"colA\" = \"2022-06-30\"", notMet("2022-05-31"), m(values, 0.25)),
        no("ColumnValues \"colA\" != \"2022-06-30\"", notMet("2022-06-30"), m(values, 0.75)),
        no("ColumnValues \"colA\" < \"2022-06-30\"", notMet("2022-06-30"), m(values, 0.5)),
        no(
            "ColumnValues \"colA\" between \"2022-05-31\" and \"2022-06-30\"",
            notMet("2022-07-01"),
            m(values, 0.75)),
        no(
            "ColumnValues \"colA\" not between \"2022-05-31\" and \"2022-06-30\"",
            notMet("2022-05-31"),
            m(values, 0.25)));
  }

  /**
   * The ColumnDataType and CustomSql pages' examples exactly as AWS writes them (the row-level
   * statement with its two spaces, and {@code with threshold > 3}): ten of eleven strings cast as
   * integers (more than 90 %); three of eleven people are 18 or younger.
   */
  @Test
  void columnDataTypeAndCustomSqlExamples(DynaContext ctx) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      rows.add(row(i <= 10 ? String.valueOf(i) : "ten", "n" + i, 15 + i));
    }
    DynamicFrame f =
        Frames.rows(ctx, "colA STRING, Name STRING, Age INT", rows.toArray(Row[]::new));
    String ruleset =
        """
        Rules = [
            ColumnDataType "colA" = "INTEGER",
            ColumnDataType "colA" = "INTEGER" with threshold > 0.9,
            CustomSql "select count(*) from primary" between 10 and 20,
            CustomSql "select Name from primary where Age  > 18",
            CustomSql "select Name from primary where Age > 18" with threshold > 3
        ]
        """;
    String sql = "Dataset.*.CustomSQL.Compliance";
    assertOutcomes(
        evaluate(f, ruleset),
        no(
            "ColumnDataType \"colA\" = \"INTEGER\"",
            share(1000.0 / 11),
            m("Column.colA.ColumnDataType.Compliance", 10.0 / 11)),
        ok(
            "ColumnDataType \"colA\" = \"INTEGER\" with threshold > 0.9",
            m("Column.colA.ColumnDataType.Compliance", 10.0 / 11)),
        ok(
            "CustomSql \"select count(*) from primary\" between 10 and 20",
            m("Dataset.*.CustomSQL", 11)),
        no(
            "CustomSql \"select Name from primary where Age > 18\"",
            share(800.0 / 11),
            m(sql, 8.0 / 11)),
        // a threshold is a share of the rows, as in every other rule: > 3 never holds
        no(
            "CustomSql \"select Name from primary where Age > 18\" with threshold > 3",
            share(800.0 / 11),
            m(sql, 8.0 / 11)));
  }

  /**
   * The ReferentialIntegrity page's two examples (one column; two columns against differently named
   * reference columns in braces) and the RowCountMatch page's, against the reference dataset {@code
   * reference}: nine of ten zip codes are found.
   */
  @Test
  void referentialIntegrityAndRowCountMatchExamples(DynaContext ctx) {
    List<Row> primary = new ArrayList<>();
    List<Row> reference = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      boolean west = i % 2 == 0;
      primary.add(row("z" + i, west ? "Seattle" : "Portland", west ? "WA" : "OR"));
      reference.add(
          row(i == 10 ? "z99" : "z" + i, west ? "Seattle" : "Portland", west ? "WA" : "OR"));
    }
    DynamicFrame f =
        Frames.rows(ctx, "zipcode STRING, city STRING, state STRING", primary.toArray(Row[]::new));
    DynamicFrame ref =
        Frames.rows(
            ctx,
            "zipcode STRING, ref_city STRING, ref_state STRING",
            reference.toArray(Row[]::new));
    String ruleset =
        """
        Rules = [
            ReferentialIntegrity "zipcode" "reference.zipcode" >= 0.9,
            ReferentialIntegrity "city,state" "reference.{ref_city,ref_state}" = 1.0,
            RowCountMatch "reference" >= 0.9
        ]
        """;
    assertOutcomes(
        EvaluateDataQuality.of(ruleset).withReference("reference", ref).evaluate(f),
        ok(
            "ReferentialIntegrity \"zipcode\" \"reference.zipcode\" >= 0.9",
            m("Column.zipcode.ReferentialIntegrity", 0.9)),
        ok(
            "ReferentialIntegrity \"city,state\" \"reference.{ref_city,ref_state}\" = 1.0",
            m("Column.city,state.ReferentialIntegrity", 1.0)),
        ok("RowCountMatch \"reference\" >= 0.9", m("Dataset.reference.RowCountMatch", 1.0)));
  }

  /**
   * The Sum and StandardDeviation pages' examples, and their "Null behavior" tables with the values
   * AWS prints: nulls are ignored, the sum of {@code units} is 60, the standard deviation of {@code
   * units1} 16.33 and of {@code units2} 16.
   */
  @Test
  void sumAndStandardDeviationExamplesAndNullBehaviour(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "id INT, units INT, units1 INT, units2 INT, transaction_total DOUBLE, Salary DOUBLE,"
                + " Customer_ID INT, Star_Rating INT",
            row(100, 0, 0, 0, 100000.0, 18000.0, 1, 3),
            row(101, null, null, 0, 200000.0, 19000.0, 2, 4),
            row(102, 20, 20, 20, 150000.0, 18500.0, 3, 5),
            row(103, null, null, 0, 50000.0, 90000.0, 12, 4),
            row(104, 40, 40, 40, 60000.0, 95000.0, 15, 3));
    String ruleset =
        """
        Rules = [
            Sum "transaction_total" > 500000,
            Sum "Salary" < 55600 where "Customer_ID < 10",
            StandardDeviation "Star_Rating" < 1.5,
            StandardDeviation "Salary" < 3500 where "Customer_ID < 10",
            Sum "units" = 60,
            StandardDeviation "units1" between 16.32 and 16.34,
            StandardDeviation "units2" between 15.99 and 16.01
        ]
        """;
    DataQualityResult result = evaluate(f, ruleset);
    assertOutcomes(
        result,
        ok("Sum \"transaction_total\" > 500000", m("Column.transaction_total.Sum", 560000)),
        ok("Sum \"Salary\" < 55600 where \"Customer_ID < 10\"", m("Column.Salary.Sum", 55500)),
        ok(
            "StandardDeviation \"Star_Rating\" < 1.5",
            m("Column.Star_Rating.StandardDeviation", Math.sqrt(0.56))),
        ok(
            "StandardDeviation \"Salary\" < 3500 where \"Customer_ID < 10\"",
            m("Column.Salary.StandardDeviation", Math.sqrt(500000.0 / 3))),
        ok("Sum \"units\" = 60", m("Column.units.Sum", 60)),
        ok(
            "StandardDeviation \"units1\" between 16.32 and 16.34",
            m("Column.units1.StandardDeviation", Math.sqrt(800.0 / 3))),
        ok(
            "StandardDeviation \"units2\" between 15.99 and 16.01",
            m("Column.units2.StandardDeviation", 16)));
    // as AWS prints them, to two decimals
    assertThat(
            String.format(
                java.util.Locale.ROOT,
                "%.2f",
                result.outcomes().get(5).evaluatedMetrics().get("Column.units1.StandardDeviation")))
        .isEqualTo("16.33");
  }

  /**
   * The DataFreshness page: its rule on Amazon S3 objects' time ({@code file_ts} from Spark's
   * {@code _metadata.file_modification_time}, as AWS's code adds it), its null behaviour (one row
   * of five without a date: AWS prints "80.00 % of rows passed the threshold"), and the compound
   * rule AWS gives to allow nulls explicitly, which passes when judged row by row.
   */
  @Test
  void dataFreshnessExamples(
      DynaContext ctx, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Instant now = Instant.now();
    String path = dir.resolve("orders").toString();
    Frames.rows(
            ctx,
            "id INT, Order_Date TIMESTAMP",
            row(1, Timestamp.from(now.minusSeconds(3600))),
            row(2, Timestamp.from(now.minusSeconds(7200))),
            row(3, Timestamp.from(now.minusSeconds(36000))),
            row(4, Timestamp.from(now.minusSeconds(80000))),
            row(5, null))
        .toDF()
        .write()
        .parquet(path);
    DynamicFrame orders =
        DynamicFrame.fromDF(
            ctx.spark()
                .read()
                .parquet(path)
                .withColumn(
                    "file_ts",
                    org.apache.spark.sql.functions.col("_metadata.file_modification_time")),
            ctx,
            "orders");
    String ruleset =
        """
        Rules = [
            DataFreshness "file_ts" < 24 hours,
            DataFreshness "Order_Date" <= 24 hours,
            (DataFreshness "Order_Date" <= 24 hours) OR (ColumnValues "Order_Date" = NULL)
        ]
        """;
    assertOutcomes(
        EvaluateDataQuality.of(ruleset)
            .withAdditionalOptions(Map.of("compositeRuleEvaluation.method", "ROW"))
            .evaluate(orders),
        ok(
            "DataFreshness \"file_ts\" < 24 hours",
            m("Column.file_ts.DataFreshness.Compliance", 1.0)),
        no(
            "DataFreshness \"Order_Date\" <= 24 hours",
            "80.00 % of rows passed the threshold",
            m("Column.Order_Date.DataFreshness.Compliance", 0.8)),
        ok(
            "(DataFreshness \"Order_Date\" <= 24 hours) OR (ColumnValues \"Order_Date\" = NULL)",
            m(
                "Column.Order_Date.DataFreshness.Compliance",
                0.8,
                "Column.Order_Date.ColumnValues.Compliance",
                0.2)));
  }

  /**
   * The forms AWS gives for rules run in the Data Catalog: AggregateMatch reads a table of the
   * context's catalog named {@code "avg(database_name.tablename.ratings)"}; CustomSql on {@code
   * database.table} is refused when applied, naming the rule (its statement runs on the frame
   * {@code primary} only).
   */
  @Test
  void dataCatalogForms(
      DynaContext spark, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    DynaContext ctx = spark.withCatalog(io.dynaframe.catalog.Catalogs.load("memory", Map.of()));
    String path = dir.resolve("ratings").toUri().toString();
    Frames.rows(ctx, "ratings DOUBLE", row(5.0), row(5.0), row(4.0), row(2.0))
        .toDF()
        .write()
        .parquet(path);
    io.dynaframe.catalog.DatabaseName db = io.dynaframe.catalog.DatabaseName.of("database_name");
    if (!ctx.catalog().databaseExists(db)) {
      ctx.catalog().createDatabase(io.dynaframe.catalog.Database.of(db));
    }
    ctx.catalog()
        .createTable(
            io.dynaframe.catalog.TableDefinition.builder(
                    io.dynaframe.catalog.TableIdentifier.of("database_name", "tablename"))
                .column("ratings", "double")
                .format(io.dynaframe.catalog.StorageFormat.forClassification("parquet"))
                .classification("parquet")
                .location(path)
                .build());
    DynamicFrame f = Frames.rows(ctx, "ratings DOUBLE", row(4.0), row(5.0), row(3.0));
    String aggregate =
        "AggregateMatch \"avg(ratings)\" \"avg(database_name.tablename.ratings)\" >= 0.9";
    assertOutcomes(
        EvaluateDataQuality.of("Rules = [ " + aggregate + " ]").evaluate(f),
        ok(aggregate, m("Column.ratings.AggregateMatch", 1.0)));
    String sql = "CustomSql \"select count(*) from database.table\" between 10 and 20";
    assertThatThrownBy(() -> EvaluateDataQuality.of("Rules = [ " + sql + " ]").evaluate(f))
        .isInstanceOf(DataQualityException.class)
        .hasMessageStartingWith(
            "rule '"
                + sql
                + "' (line 1, column 11): the statement is not valid SQL on the frame 'primary':");
  }

  /**
   * The examples of AWS's FileFreshness, FileMatch, FileSize and FileUniqueness pages (sizes in B,
   * KB, MB, GB, TB; the tags {@code recentFiles}, {@code uriRegex}, {@code filterOrder}, {@code
   * matchFileName}, {@code hashAlgorithm}) and DetectAnomalies': each parses as written and is
   * refused when applied, naming the rule: they check objects on Amazon S3 or need AWS's anomaly
   * detection, not the rows of a frame.
   */
  @Test
  void fileRulesAndDetectAnomaliesAreRefusedNamingTheRule(DynaContext ctx) {
    String tickets = "\"s3://amzn-s3-demo-bucket/artifacts/file/tickets/\"";
    String checksum = "[\"3ee0d8617ac041793154713e5ef8f319\"]";
    List<String> fileRules =
        List.of(
            "FileFreshness \"s3://amzn-s3-demo-bucket/artifacts/file/tickets/tickets.parquet\" >"
                + " (now() - 24 hours)",
            "FileFreshness \"s3://bucket/\" >= (now() -1 days)",
            "FileFreshness " + tickets + " >= (now() - 24 hours)",
            "FileFreshness " + tickets + " < (now() - 10 days) with threshold > 0.1",
            "FileFreshness " + tickets + " > \"2020-01-01\"",
            "FileFreshness " + tickets + " between \"2023-01-01\" and \"2024-01-01\"",
            "FileFreshness " + tickets + " between now() and (now() - 45 minutes)",
            "FileFreshness " + tickets + " between \"9:30 AM\" and \"9:30 PM\"",
            "FileFreshness " + tickets + " > (now() - 10 minutes)",
            "FileFreshness " + tickets + " > now()",
            "FileMatch \"s3://amzn-s3-demo-bucket/file.json\" in "
                + checksum
                + " with hashAlgorithm = \"MD5\"",
            "FileMatch \"s3://amzn-s3-demo-bucket/file.json\" in "
                + checksum
                + " with hashAlgorithm = \"SHA-1\"",
            "FileMatch \"s3://amzn-s3-demo-bucket/file.json\" in " + checksum,
            "FileMatch \"s3://amzn-s3-demo-bucket /\" in [\"3ee0d8617ac041793154713e5ef8f319\","
                + " \"7e8617ac041793154713e5ef8f319\"] with hashAlgorithm = \"MD5\"",
            "FileMatch \"s3://original_bucket/\" \"s3://archive_bucket/\"",
            "FileSize \"s3://amzn-s3-demo-bucket/file.dat\" > 2 MB",
            "FileSize \"s3://bucket/\" > 5 B",
            "FileSize \"s3://bucket/\" < 2 GB",
            "FileSize \"s3://amzn-s3-demo-bucket/\" between 2 GB and 1 TB with threshold > 0.7",
            "FileSize < 10 MB with threshold > 0.7",
            "FileSize \"s3://amzn-s3-demo-bucket/\" > 5 B with recentFiles = 1",
            "FileSize \"s3://bucket/\" > 5 B with uriRegex = \"\\.dat$\"",
            "FileUniqueness \"s3://bucket/\" > 0.5",
            "FileUniqueness \"s3://bucket/folder/\" = 1",
            "FileUniqueness > 0.5",
            "FileUniqueness \"s3://bucket/\" > 0.5 with uriRegex = \"(?!.*\\.tmp$).*\"",
            "FileUniqueness \"s3://bucket/\" > 0.5 with recentFiles = 5 with uriRegex ="
                + " \"\\.csv$\" with filterOrder = [\"uriRegex\",\"recentFiles\"]",
            "FileUniqueness \"s3://amzn-s3-demo-bucket/\" > 0.5 with matchFileName = \"true\"");
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1));
    for (String rule : fileRules) {
      String ruleset = "Rules = [ " + rule + " ]";
      assertThat(Ruleset.parse(ruleset).rules()).as(rule).containsExactly(rule);
      assertThatThrownBy(() -> EvaluateDataQuality.of(ruleset).evaluate(f))
          .as(rule)
          .isInstanceOf(DataQualityException.class)
          .hasMessage(
              "rule '"
                  + rule
                  + "' (line 1, column 11) cannot be evaluated: it checks files on Amazon S3, not"
                  + " the rows of a frame");
    }
    for (String rule :
        List.of("DetectAnomalies \"RowCount\"", "DetectAnomalies \"ColumnLength\" \"id\"")) {
      assertThatThrownBy(() -> EvaluateDataQuality.of("Rules = [ " + rule + " ]").evaluate(f))
          .as(rule)
          .isInstanceOf(DataQualityException.class)
          .hasMessageStartingWith("rule '" + rule + "' (line 1, column 11) cannot be evaluated:");
    }
    // a File rule's tag on another rule is a parse error naming it
    DqdlParserTest.fails(
        "Rules = [ RowCount > 5 with recentFiles = 1 ]",
        1,
        29,
        "recentFiles",
        "recentFiles is a tag of the File rules, not of RowCount");
  }

  /**
   * Constants that cannot be used, each a parse error naming line, column and token: one that is
   * not defined, a list where one string goes, one defined twice; and AWS's StandardDeviation
   * sample dynamic rule {@code StandardDeviation "colA" > avg(last(10) + 0.1}, printed with a
   * parenthesis missing.
   */
  @Test
  void constantsThatCannotBeUsedAndAwsMisprintedDynamicRule() {
    assertThat(
            Ruleset.parse(
                    "mySql = \"select count(*) from primary\"\n"
                        + "Rules = [ CustomSql $mySql between 0 and 100 ]")
                .rules())
        .containsExactly("CustomSql $mySql between 0 and 100");
    DqdlParserTest.fails(
        "Rules = [ CustomSql $nope > 1 ]",
        1,
        21,
        "$nope",
        "the constant $nope is not defined; define it before the rules that use it, as in"
            + " nope = \"...\"");
    DqdlParserTest.fails(
        "letters = [\"A\", \"B\"]\nRules = [ CustomSql $letters > 1 ]",
        2,
        21,
        "$letters",
        "$letters is a list of 2 strings (line 1); a rule's parameter is one quoted string");
    DqdlParserTest.fails(
        "a = \"x\"\na = \"y\"\nRules = [ RowCount > 0 ]",
        2,
        1,
        "a",
        "the constant a is defined twice (first at line 1)");
    String misprinted = "Rules = [ StandardDeviation \"colA\" > avg(last(10) + 0.1 ]";
    DqdlParserTest.fails(misprinted, 1, misprinted.length(), "]", "expected ')' to close avg(");
  }
}
