package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.notMet;
import static io.dynaframe.quality.RowLevelOutcomesTest.ROW_OUTCOME_COLUMNS;
import static io.dynaframe.testing.Frames.row;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The Example blocks of AWS's DQDL reference and rule type pages, evaluated as written (in one
 * ruleset on one small frame, so one aggregate job and one grouping job) with the outcome AWS's
 * text gives them on data built for it; and the where clause's row-level table of the DQDL
 * reference, with and without {@code rowLevelConfiguration.filteredRowLabel = SKIPPED}.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types.html">DQDL rule type
 *     reference</a>
 */
@SparkTest
class AwsRuleExamplesTest {

  private static final String OUTCOME = "Rule STRING, Outcome STRING, FailureReason STRING";

  /**
   * AWS's "Filtering with Where Clause": {@code IsComplete "att2" where "att1 = 'a'"} on its six
   * rows; rows 2 and 5 are filtered out (PASSED by default, SKIPPED with the option), row 3 fails.
   */
  @Test
  void awsWhereClauseTable(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "id INT, att1 STRING, att2 STRING",
            row(1, "a", "f"),
            row(2, "b", "d"),
            row(3, "a", null),
            row(4, "a", "f"),
            row(5, "b", null),
            row(6, "a", "f"));
    String rule = "IsComplete \"att2\" where \"att1 = 'a'\"";
    String ruleset = "Rules = [ " + rule + " ]";
    List<String> r = List.of(rule);
    List<String> none = List.of();
    String cols = "id INT, att1 STRING, att2 STRING" + ROW_OUTCOME_COLUMNS;
    FrameAssert.assertThat(
            EvaluateDataQuality.processRows(f, ruleset, Map.of(), Map.of()).get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                cols,
                row(1, "a", "f", r, none, none, "Passed"),
                row(2, "b", "d", r, none, none, "Passed"),
                row(3, "a", null, none, r, none, "Failed"),
                row(4, "a", "f", r, none, none, "Passed"),
                row(5, "b", null, r, none, none, "Passed"),
                row(6, "a", "f", r, none, none, "Passed")));
    FrameCollection skipped =
        EvaluateDataQuality.processRows(
            f, ruleset, Map.of(), Map.of("rowLevelConfiguration.filteredRowLabel", "SKIPPED"));
    FrameAssert.assertThat(skipped.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                cols,
                row(1, "a", "f", r, none, none, "Passed"),
                row(2, "b", "d", none, none, r, "Passed"),
                row(3, "a", null, none, r, none, "Failed"),
                row(4, "a", "f", r, none, none, "Passed"),
                row(5, "b", null, none, none, r, "Passed"),
                row(6, "a", "f", r, none, none, "Passed")));
  }

  /**
   * AWS's examples (composite rules section and the rule type pages: RowCount, ColumnCount,
   * Completeness, IsComplete, Uniqueness, UniqueValueRatio, ColumnValues, ColumnLength, Entropy,
   * ColumnCorrelation, Mean, IsPrimaryKey, IsUnique, DistinctValuesCount), written as AWS writes
   * them, on five customers: each holds as AWS describes it, but the two examples AWS writes to
   * catch a column that is unique ({@code Uniqueness "Customer_ID" != 1.0}, {@code UniqueValueRatio
   * "Customer_ID" between 0 and 0.9}), which fail on a unique column.
   */
  @Test
  void awsRuleTypeExamples(DynaContext ctx) {
    DynamicFrame customers =
        Frames.rows(
            ctx,
            "Customer_ID INT, First_Name STRING, email STRING, Star_Rating INT, Salary DOUBLE,"
                + " weightinkgs INT, gender STRING, Postal_Code STRING, State STRING,"
                + " test_score INT, height DOUBLE, weight DOUBLE, vendorid INT,"
                + " tpep_pickup_datetime STRING, passenger_count INT, payment_type INT,"
                + " Order_Total DOUBLE, Order_Id STRING, id INT",
            row(
                1, "Ann", "a@x", 5, 6000.0, 5, "F", "12345", "WA", 1, 1.0, 2.0, 1, "t1", 1, 1,
                600.0, "o1", 1),
            row(
                2, "Bob", "b@x", 4, 6100.0, 8, "M", "23456", "OR", 1, 2.0, 4.1, 1, "t2", 2, 1,
                700.0, "o2", 2),
            row(
                3, "Cid", "c@x", 4, 6200.0, 12, "M", "34567", "CA", 2, 3.0, 5.9, 2, "t1", 1, 0,
                800.0, "o3", 3),
            row(
                4, "Dee", "d@x", 3, 5000.0, 45, "F", "45678", "NY", 2, 4.0, 8.2, 2, "t2", 3, 2,
                900.0, "o4", 4),
            row(
                5, "Eve", "e@x", 2, 7000.0, 50, "F", "56789", "TX", 3, 5.0, 9.9, 3, "t1", 2, 1,
                1000.0, "o5", 5));
    List<String> holding =
        List.of(
            "(IsComplete \"id\") and (IsUnique \"id\")",
            "(RowCount \"id\" > 100) or (IsPrimaryKey \"id\")",
            "(Mean \"Star_Rating\" > 3) and (Mean \"Order_Total\" > 500) and (IsComplete"
                + " \"Order_Id\")",
            "(Mean \"Star_Rating\" > 3) and ((Mean \"Order_Total\" > 500) or (IsComplete"
                + " \"Order_Id\"))",
            "RowCount between 1 and 50 where \"Customer_ID < 10\"",
            "ColumnCount between 10 and 20",
            "Completeness \"First_Name\" > 0.95",
            "Completeness \"First_Name\" > 0.95 where \"weightinkgs > 10\"",
            "IsComplete \"email\"",
            "IsComplete \"Customer_ID\"  where \"Customer_ID < 16 and Customer_ID != 12\"",
            "IsComplete \"passenger_count\" where \"payment_type<>0\"",
            "Uniqueness \"email\" = 1.0",
            "Uniqueness \"vendorid\" \"tpep_pickup_datetime\" = 1",
            "UniqueValueRatio \"test_score\" between 0 and 0.5",
            "ColumnValues \"gender\" in [\"F\", \"M\"] where \"weightinkgs < 10\"",
            "ColumnLength \"Postal_Code\" = 5",
            "Entropy \"Star_Rating\" > 1",
            "Entropy \"First_Name\" > 1  where \"Customer_ID < 10\"",
            "ColumnCorrelation \"height\" \"weight\" > 0.8",
            "ColumnCorrelation \"weightinkgs\" \"Salary\" > 0.8 where \"weightinkgs > 40\"",
            "Mean \"Star_Rating\" > 3",
            "Mean \"Salary\" < 6200 where \"Customer_ID < 10\"",
            "IsPrimaryKey \"Customer_ID\"",
            "IsPrimaryKey \"Customer_ID\" where \"Customer_ID < 10\"",
            "IsUnique \"email\"",
            "IsUnique \"Customer_ID\" where \"Customer_ID < 10\"",
            "IsUnique \"vendorid\" \"tpep_pickup_datetime\"",
            "DistinctValuesCount \"State\" > 3",
            "DistinctValuesCount \"Customer_ID\" < 6  where \"Customer_ID < 10\"");
    String notUnique = "Uniqueness \"Customer_ID\" != 1.0 where \"Customer_ID < 10\"";
    String lowRatio =
        "UniqueValueRatio \"Customer_ID\" between 0 and 0.9 where \"Customer_ID < 10\"";
    List<String> all = new ArrayList<>(holding);
    all.add(notUnique);
    all.add(lowRatio);
    List<Row> expected = new ArrayList<>();
    for (String rule : holding) {
      expected.add(row(rule.replaceAll("\\s+", " "), "Passed", null));
    }
    expected.add(row(notUnique, "Failed", notMet(1.0)));
    expected.add(row(lowRatio, "Failed", notMet(1.0)));

    DynamicFrame outcomes =
        EvaluateDataQuality.apply(
            customers, "Rules = [\n  " + String.join(",\n  ", all) + "\n]", Map.of());
    FrameAssert.assertThat(outcomes.toDF().select("Rule", "Outcome", "FailureReason"))
        .inOrder()
        .isEqualTo(Frames.rows(ctx, OUTCOME, expected.toArray(Row[]::new)).toDF());
  }
}
