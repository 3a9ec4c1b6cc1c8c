package io.dynaframe.quality;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Rule outcomes as AWS prints them ({@code Rule, Outcome, FailureReason, EvaluatedMetrics}), with
 * the examples and documented outcomes of AWS's pages.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-EvaluateDataQuality.html">EvaluateDataQuality
 *     class</a>
 */
@SparkTest
class EvaluateDataQualityTest {

  static final String OUTCOMES =
      "Rule STRING, Outcome STRING, FailureReason STRING, EvaluatedMetrics MAP<STRING, DOUBLE>";

  static Row passed(String rule, Map<String, Double> metrics) {
    return row(rule, "Passed", null, metrics);
  }

  static Row failed(String rule, String reason, Map<String, Double> metrics) {
    return row(rule, "Failed", reason, metrics);
  }

  static Map<String, Double> m(Object... kv) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return out;
  }

  static String notMet(Object value) {
    return "Value: " + value + " does not meet the constraint requirement!";
  }

  static DynamicFrame outcomes(DynamicFrame frame, String ruleset) {
    return EvaluateDataQuality.apply(frame, ruleset, Map.of());
  }

  /**
   * AWS's EvaluateDataQuality example: {@code Rules = [ColumnExists "id", IsComplete "id"]} on the
   * legislators' areas; AWS prints both Passed, with {@code {}} and {@code {Column.id.Completeness
   * -> 1.0}}.
   */
  @Test
  void awsEvaluateDataQualityExample(DynaContext ctx) {
    DynamicFrame areas =
        Frames.rows(
            ctx,
            "id STRING, name STRING",
            row("ocd-division/country:us/state:ak", "Alaska"),
            row("ocd-division/country:us/state:al", "Alabama"));
    DynamicFrame dq =
        EvaluateDataQuality.apply(
            areas,
            "Rules = [ColumnExists \"id\", IsComplete \"id\"]",
            Map.of(
                "dataQualityEvaluationContext",
                "legislatorsAreas",
                "enableDataQualityCloudWatchMetrics",
                true,
                "enableDataQualityResultsPublishing",
                true,
                "resultsS3Prefix",
                "amzn-s3-demo-bucket1"));

    FrameAssert.assertThat(dq)
        // dqResults.printSchema() as AWS prints it
        .hasSchema(
            """
            root
            |-- Rule: string
            |-- Outcome: string
            |-- FailureReason: string
            |-- EvaluatedMetrics: map
            |    |-- keyType: string
            |    |-- valueType: double
            """)
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed("ColumnExists \"id\"", m()),
                passed("IsComplete \"id\"", m("Column.id.Completeness", 1.0))));
  }

  private static DynamicFrame orders(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "id BIGINT, name STRING, qty INT, price DOUBLE, country STRING",
        row(1L, "Ann", 10, 2.0, "US"),
        row(2L, "Bob", 20, 4.0, "CA"),
        row(3L, null, 30, 6.0, "US"),
        row(4L, "Dee", null, 8.0, ""),
        row(4L, "Eve", 40, 10.0, null));
  }

  @Test
  void aggregateAndFrequencyRules(DynaContext ctx) {
    String rules =
        """
        Rules = [
          RowCount = 5,
          ColumnCount = 5,
          Completeness "name" >= 0.8,
          IsComplete "qty",
          Uniqueness "id" > 0.5,
          IsUnique "id",
          IsPrimaryKey "id",
          DistinctValuesCount "country" = 3,
          UniqueValueRatio "country" between 0.6 and 0.7,
          Entropy "country" > 1,
          Mean "price" = 6,
          Sum "qty" = 100,
          StandardDeviation "price" between 2.8 and 2.9,
          ColumnCorrelation "qty" "price" > 0.9,
          RowCount between 1 and 2 where "id > 2",
          Uniqueness "id" "name" = 1.0
        ]
        """;
    // country: US twice, CA and "" once, one null: entropy over the 4 values
    double entropy = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    // qty/price where both are set: (10,2) (20,4) (30,6) (40,10)
    double corr = 130 / Math.sqrt(500 * 35);
    FrameAssert.assertThat(outcomes(orders(ctx), rules))
        .inOrder()
        .withTolerance(1e-12)
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed("RowCount = 5", m("Dataset.*.RowCount", 5)),
                passed("ColumnCount = 5", m("Dataset.*.ColumnCount", 5)),
                passed("Completeness \"name\" >= 0.8", m("Column.name.Completeness", 0.8)),
                failed("IsComplete \"qty\"", notMet(0.8), m("Column.qty.Completeness", 0.8)),
                passed("Uniqueness \"id\" > 0.5", m("Column.id.Uniqueness", 0.6)),
                failed("IsUnique \"id\"", notMet(0.6), m("Column.id.Uniqueness", 0.6)),
                failed(
                    "IsPrimaryKey \"id\"",
                    notMet(0.6),
                    m("Column.id.Completeness", 1.0, "Column.id.Uniqueness", 0.6)),
                passed(
                    "DistinctValuesCount \"country\" = 3",
                    m("Column.country.DistinctValuesCount", 3)),
                passed(
                    "UniqueValueRatio \"country\" between 0.6 and 0.7",
                    m("Column.country.UniqueValueRatio", 2.0 / 3)),
                passed("Entropy \"country\" > 1", m("Column.country.Entropy", entropy)),
                passed("Mean \"price\" = 6", m("Column.price.Mean", 6)),
                passed("Sum \"qty\" = 100", m("Column.qty.Sum", 100)),
                passed(
                    "StandardDeviation \"price\" between 2.8 and 2.9",
                    m("Column.price.StandardDeviation", Math.sqrt(8))),
                passed(
                    "ColumnCorrelation \"qty\" \"price\" > 0.9",
                    m("Multicolumn.qty,price.ColumnCorrelation", corr)),
                failed(
                    "RowCount between 1 and 2 where \"id > 2\"",
                    notMet(3.0),
                    m("Dataset.*.RowCount", 3)),
                passed(
                    "Uniqueness \"id\" \"name\" = 1.0", m("Multicolumn.id,name.Uniqueness", 1.0))));
  }

  /** AWS's UniqueValueRatio page: the set [a, a, b] has a unique value ratio of 0.5. */
  @Test
  void uniqueValueRatioOfAwsExample(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "v STRING", row("a"), row("a"), row("b"));
    FrameAssert.assertThat(outcomes(f, "Rules = [ UniqueValueRatio \"v\" = 0.5 ]"))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed("UniqueValueRatio \"v\" = 0.5", m("Column.v.UniqueValueRatio", 0.5))));
  }

  /**
   * AWS's ColumnCorrelation page: rows 101 and 103 (null units) are ignored and the correlation is
   * 1.0.
   */
  @Test
  void columnCorrelationIgnoresNullRows(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "id INT, units INT",
            row(100, 0),
            row(101, null),
            row(102, 20),
            row(103, null),
            row(104, 40));
    FrameAssert.assertThat(outcomes(f, "Rules = [ ColumnCorrelation \"id\" \"units\" > 0.99 ]"))
        .withTolerance(1e-12)
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(
                    "ColumnCorrelation \"id\" \"units\" > 0.99",
                    m("Multicolumn.id,units.ColumnCorrelation", 1.0))));
  }

  /** AWS's Mean page: rows with NULL are ignored; the mean of units is (0 + 20 + 40) / 3 = 20. */
  @Test
  void meanIgnoresNullRows(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "id INT, units INT",
            row(100, 0),
            row(101, null),
            row(102, 20),
            row(103, null),
            row(104, 40));
    FrameAssert.assertThat(outcomes(f, "Rules = [ Mean \"units\" = 20 ]"))
        .isEqualTo(
            Frames.rows(ctx, OUTCOMES, passed("Mean \"units\" = 20", m("Column.units.Mean", 20))));
  }

  /**
   * AWS's ColumnLength page: a NULL row counts as length 0, so {@code > 4} fails and {@code < 6}
   * succeeds; the compound rule fails NULL explicitly.
   */
  @Test
  void columnLengthTreatsNullAsLengthZero(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "Postal_Code STRING", row((Object) null));
    FrameAssert.assertThat(
            outcomes(
                f,
                """
                Rules = [
                  ColumnLength "Postal_Code" > 4,
                  ColumnLength "Postal_Code" < 6,
                  (ColumnLength "Postal_Code" > 4) AND (ColumnValues "Postal_Code" != NULL)
                ]"""))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    "ColumnLength \"Postal_Code\" > 4",
                    "0.00 % of rows passed the threshold",
                    m("Column.Postal_Code.ColumnLength.Compliance", 0)),
                passed(
                    "ColumnLength \"Postal_Code\" < 6",
                    m("Column.Postal_Code.ColumnLength.Compliance", 1)),
                failed(
                    "(ColumnLength \"Postal_Code\" > 4) AND (ColumnValues \"Postal_Code\" != NULL)",
                    "0.00 % of rows passed the threshold; " + notMet("NULL"),
                    m(
                        "Column.Postal_Code.ColumnLength.Compliance",
                        0,
                        "Column.Postal_Code.ColumnValues.Compliance",
                        0))));
  }

  /**
   * AWS's ColumnValues page: NULL fails every ColumnValues rule but {@code !=} and {@code not in};
   * {@code = NULL} and {@code not in [..., NULL]} allow or fail NULL explicitly; the failure reason
   * for a NULL is {@code Value: NULL does not meet the constraint requirement!}.
   */
  @Test
  void columnValuesNullBehaviour(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "Age INT", row(30), row((Object) null));
    FrameAssert.assertThat(
            outcomes(
                f,
                """
                Rules = [
                  ColumnValues "Age" > 21,
                  (ColumnValues "Age" > 21) OR (ColumnValues "Age" = NULL),
                  ColumnValues "Age" != 21,
                  ColumnValues "Age" not in [21, 22, 23],
                  (ColumnValues "Age" != 21) AND (ColumnValues "Age" != NULL),
                  ColumnValues "Age" not in [21, 22, 23, NULL]
                ]"""))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    "ColumnValues \"Age\" > 21",
                    notMet("NULL"),
                    m("Column.Age.ColumnValues.Compliance", 0.5)),
                // evaluated on the whole column, as AWS's default: each side fails on one row
                failed(
                    "(ColumnValues \"Age\" > 21) OR (ColumnValues \"Age\" = NULL)",
                    notMet("NULL") + "; " + notMet(30),
                    m("Column.Age.ColumnValues.Compliance", 0.5)),
                passed("ColumnValues \"Age\" != 21", m("Column.Age.ColumnValues.Compliance", 1)),
                passed(
                    "ColumnValues \"Age\" not in [21, 22, 23]",
                    m("Column.Age.ColumnValues.Compliance", 1)),
                failed(
                    "(ColumnValues \"Age\" != 21) AND (ColumnValues \"Age\" != NULL)",
                    notMet("NULL"),
                    m("Column.Age.ColumnValues.Compliance", 0.5)),
                failed(
                    "ColumnValues \"Age\" not in [21, 22, 23, NULL]",
                    notMet("NULL"),
                    m("Column.Age.ColumnValues.Compliance", 0.5))));
  }

  /**
   * AWS's ColumnValues examples: a set with NULL, EMPTY and WHITESPACES_ONLY; a pattern; a range.
   */
  @Test
  void columnValuesSetsPatternsAndRanges(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "Country STRING, First_Name STRING, Customer_ID INT",
            row("US", "Ann", 1),
            row("", "Bob", 2000),
            row("  ", "Cid", 7),
            row(null, "Dee", 0),
            row("FR", "Eve2", 2001));
    FrameAssert.assertThat(
            outcomes(
                f,
                """
                Rules = [
                  ColumnValues "Country" in [ "US", "CA", "UK", NULL, EMPTY, WHITESPACES_ONLY ],
                  ColumnValues "First_Name" matches "[a-zA-Z]*",
                  ColumnValues "Customer_ID" between 1 and 2000,
                  ColumnValues "Customer_ID" between 1 and 2000 with threshold >= 0.6
                ]"""))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    "ColumnValues \"Country\" in [ \"US\", \"CA\", \"UK\", NULL, EMPTY,"
                        + " WHITESPACES_ONLY ]",
                    notMet("FR"),
                    m("Column.Country.ColumnValues.Compliance", 0.8)),
                failed(
                    "ColumnValues \"First_Name\" matches \"[a-zA-Z]*\"",
                    notMet("Eve2"),
                    m("Column.First_Name.ColumnValues.Compliance", 0.8)),
                failed(
                    "ColumnValues \"Customer_ID\" between 1 and 2000",
                    notMet(0),
                    m("Column.Customer_ID.ColumnValues.Compliance", 0.6)),
                passed(
                    "ColumnValues \"Customer_ID\" between 1 and 2000 with threshold >= 0.6",
                    m("Column.Customer_ID.ColumnValues.Compliance", 0.6))));
  }

  /**
   * AWS's DataFreshness page ({@code <= 24 hours}, {@code between 2 days and 5 days}; NULL rows
   * fail and the reason reads {@code 80.00 % of rows passed the threshold}) and ColumnValues' date
   * example {@code > (now() - 3 days)}, at a fixed clock.
   */
  @Test
  void dataFreshnessAndDates(DynaContext ctx) {
    Instant now = Instant.parse("2024-01-10T00:00:00Z");
    DynamicFrame f =
        Frames.rows(
            ctx,
            "Order_Date TIMESTAMP",
            row(Timestamp.from(Instant.parse("2024-01-09T12:00:00Z"))), // 12 hours
            row(Timestamp.from(Instant.parse("2024-01-09T06:00:00Z"))), // 18 hours
            row(Timestamp.from(Instant.parse("2024-01-09T01:00:00Z"))), // 23 hours
            row(Timestamp.from(Instant.parse("2024-01-07T00:00:00Z"))), // 3 days
            row((Object) null));
    DynamicFrame dq =
        f.apply(
            EvaluateDataQuality.of(
                    """
                    Rules = [
                      DataFreshness "Order_Date" <= 24 hours,
                      DataFreshness "Order_Date" between 2 days and 5 days,
                      ColumnValues "Order_Date" > (now() - 3 days),
                      (DataFreshness "Order_Date" <= 24 hours) OR (ColumnValues "Order_Date" = NULL)
                    ]""")
                .withClock(Clock.fixed(now, ZoneOffset.UTC)));
    // Spark prints timestamps in the session's time zone, the JVM's by default
    String threeDays =
        new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss")
            .format(Timestamp.from(Instant.parse("2024-01-07T00:00:00Z")));
    FrameAssert.assertThat(dq)
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    "DataFreshness \"Order_Date\" <= 24 hours",
                    "60.00 % of rows passed the threshold",
                    m("Column.Order_Date.DataFreshness.Compliance", 0.6)),
                failed(
                    "DataFreshness \"Order_Date\" between 2 days and 5 days",
                    "20.00 % of rows passed the threshold",
                    m("Column.Order_Date.DataFreshness.Compliance", 0.2)),
                failed(
                    "ColumnValues \"Order_Date\" > (now() - 3 days)",
                    notMet(threeDays),
                    m("Column.Order_Date.ColumnValues.Compliance", 0.6)),
                failed(
                    "(DataFreshness \"Order_Date\" <= 24 hours) OR (ColumnValues \"Order_Date\" ="
                        + " NULL)",
                    "60.00 % of rows passed the threshold; " + notMet(threeDays),
                    m(
                        "Column.Order_Date.DataFreshness.Compliance",
                        0.6,
                        "Column.Order_Date.ColumnValues.Compliance",
                        0.2))));
  }

  /**
   * AWS's ColumnDataType, ColumnExists and ColumnNamesMatchPattern examples, and CustomSql in both
   * forms (a value checked against an expression; row-level, the rows the statement returns pass).
   */
  @Test
  void schemaTypeAndSqlRules(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "aws_colA STRING, aws_Age INT, Name STRING",
            row("1", 30, "Ann"),
            row("2", 10, "Bob"),
            row("x", 20, "Cid"),
            row(null, 40, "Dee"));
    FrameAssert.assertThat(
            outcomes(
                f,
                """
                Rules = [
                  ColumnDataType "aws_colA" = "INTEGER",
                  ColumnDataType "aws_colA" = "INTEGER" with threshold > 0.7,
                  ColumnExists "Middle_Name",
                  ColumnExists "Name",
                  ColumnNamesMatchPattern "aws_.*",
                  CustomSql "select count(*) from primary" between 3 and 5,
                  CustomSql "select Name from primary where aws_Age > 18",
                  CustomSql "select Name from primary where aws_Age > 18" with threshold > 0.7,
                  IsComplete "nope"
                ]"""))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    "ColumnDataType \"aws_colA\" = \"INTEGER\"",
                    "75.00 % of rows passed the threshold",
                    m("Column.aws_colA.ColumnDataType.Compliance", 0.75)),
                passed(
                    "ColumnDataType \"aws_colA\" = \"INTEGER\" with threshold > 0.7",
                    m("Column.aws_colA.ColumnDataType.Compliance", 0.75)),
                failed("ColumnExists \"Middle_Name\"", "Column Middle_Name does not exist", m()),
                passed("ColumnExists \"Name\"", m()),
                failed(
                    "ColumnNamesMatchPattern \"aws_.*\"",
                    "Columns that do not match the pattern: Name",
                    m("Dataset.*.ColumnNamesPatternMatchRatio", 2.0 / 3)),
                passed(
                    "CustomSql \"select count(*) from primary\" between 3 and 5",
                    m("Dataset.*.CustomSQL", 4)),
                failed(
                    "CustomSql \"select Name from primary where aws_Age > 18\"",
                    "75.00 % of rows passed the threshold",
                    m("Dataset.*.CustomSQL.Compliance", 0.75)),
                passed(
                    "CustomSql \"select Name from primary where aws_Age > 18\" with threshold >"
                        + " 0.7",
                    m("Dataset.*.CustomSQL.Compliance", 0.75)),
                failed("IsComplete \"nope\"", "Column nope does not exist in the data", m())));
  }

  /**
   * Every aggregate of every rule runs in one Spark query, every frequency rule (over several
   * column lists, with and without a where clause) in one more.
   */
  @Test
  void aggregateRulesShareOneQueryAndFrequencyRulesOneMore(DynaContext ctx) throws Exception {
    String aggregates =
        "RowCount > 0, Completeness \"name\" > 0.5, IsComplete \"id\", Mean \"price\" > 1,"
            + " Sum \"qty\" > 1, StandardDeviation \"price\" > 0,"
            + " ColumnCorrelation \"qty\" \"price\" > 0, ColumnValues \"country\" in [\"US\", \"CA\"],"
            + " ColumnLength \"name\" <= 3, ColumnValues \"qty\" between 1 and 50 where \"price > 3\","
            + " RowCount > 1 where \"id > 1\","
            + " CustomSql \"SELECT COUNT(*) FROM primary WHERE price < 0\" = 0";
    String frequencies =
        "IsUnique \"id\", Uniqueness \"id\" \"name\" = 1.0, DistinctValuesCount \"country\" > 1,"
            + " Entropy \"country\" > 0, UniqueValueRatio \"name\" > 0 where \"qty > 10\"";
    assertThat(queries(ctx, "Rules = [ " + aggregates + " ]")).containsExactly("head");
    assertThat(queries(ctx, "Rules = [ " + frequencies + " ]"))
        .containsExactly("head", "collectAsList");
    assertThat(queries(ctx, "Rules = [ " + aggregates + ", " + frequencies + " ]"))
        .containsExactly("head", "collectAsList");
  }

  @Test
  void aCountingCustomSqlIsPartOfTheAggregatePassWithTheValueOfItsOwnQuery(DynaContext ctx)
      throws Exception {
    String folded = "CustomSql \"select count(*) from primary where qty > 10 or name is null\"";
    // LIMIT keeps the statement from being folded: it runs as its own query, same value
    String own =
        "CustomSql \"select count(*) from primary where qty > 10 or name is null limit 1\"";
    DataQualityResult a =
        EvaluateDataQuality.of("Rules = [ " + folded + " >= 0 ]").evaluate(orders(ctx));
    DataQualityResult b =
        EvaluateDataQuality.of("Rules = [ " + own + " >= 0 ]").evaluate(orders(ctx));
    assertThat(a.outcomes().get(0).evaluatedMetrics())
        .isEqualTo(b.outcomes().get(0).evaluatedMetrics())
        .containsOnlyKeys("Dataset.*.CustomSQL");
    assertThat(a.outcomes().get(0).evaluatedMetrics().get("Dataset.*.CustomSQL")).isPositive();
    assertThat(queries(ctx, "Rules = [ RowCount > 0, " + folded + " > 100 ]"))
        .containsExactly("head");
    assertThat(queries(ctx, "Rules = [ RowCount > 0, " + own + " > 100 ]"))
        .containsExactly("head", "collectAsList");
    assertThat(
            EvaluateDataQuality.of("Rules = [ " + folded + " > 100 ]")
                .evaluate(orders(ctx))
                .outcomes()
                .get(0)
                .passed())
        .isFalse();
  }

  /**
   * The Spark actions (not commands such as creating a temporary view) evaluating a ruleset runs.
   */
  private static List<String> queries(DynaContext ctx, String ruleset) throws Exception {
    List<String> n = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    org.apache.spark.sql.util.QueryExecutionListener l =
        new org.apache.spark.sql.util.QueryExecutionListener() {
          @Override
          public void onSuccess(
              String funcName, org.apache.spark.sql.execution.QueryExecution qe, long durationNs) {
            if (!(qe.logical() instanceof org.apache.spark.sql.catalyst.plans.logical.Command)) {
              n.add(funcName);
            }
          }

          @Override
          public void onFailure(
              String funcName, org.apache.spark.sql.execution.QueryExecution qe, Exception e) {
            n.add(funcName + " (failed)");
          }
        };
    DynamicFrame input = orders(ctx);
    ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
    ctx.spark().listenerManager().register(l);
    try {
      EvaluateDataQuality.of(ruleset).evaluate(input);
      ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      ctx.spark().listenerManager().unregister(l);
    }
    return List.copyOf(n);
  }

  @Test
  void analyzersGiveMetricsAndNoOutcomes(DynaContext ctx) {
    DataQualityResult r =
        EvaluateDataQuality.of(
                "Rules = [ RowCount > 0 ] Analyzers = [ RowCount, Completeness \"name\" ]")
            .evaluate(orders(ctx));
    assertThat(r.outcomes()).extracting(RuleOutcome::rule).containsExactly("RowCount > 0");
    assertThat(r.analyzerMetrics())
        .containsExactly(
            Map.entry("RowCount", Map.of("Dataset.*.RowCount", 5.0)),
            Map.entry("Completeness \"name\"", Map.of("Column.name.Completeness", 0.8)));
    assertThat(r.passed()).isTrue();
  }
}
