package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.OUTCOMES;
import static io.dynaframe.quality.EvaluateDataQualityTest.failed;
import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.EvaluateDataQualityTest.notMet;
import static io.dynaframe.quality.EvaluateDataQualityTest.passed;
import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * process_rows: the input's rows with {@code DataQualityRulesPass}, {@code DataQualityRulesFail},
 * {@code DataQualityRulesSkip} and {@code DataQualityEvaluationResult}; reference datasets; errors
 * at apply time.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference (composite
 *     rules, how composite rules work)</a>
 */
@SparkTest
class RowLevelOutcomesTest {

  static final String ROW_OUTCOME_COLUMNS =
      ", DataQualityRulesPass ARRAY<STRING>, DataQualityRulesFail ARRAY<STRING>,"
          + " DataQualityRulesSkip ARRAY<STRING>, DataQualityEvaluationResult STRING";

  /**
   * AWS's "How composite rules work": on myCol1 = (2, 0), myCol2 = (1, 3), {@code (ColumnValues
   * "myCol1" > 1) OR (ColumnValues "myCol2" > 2)} fails as a whole: by default each side is
   * evaluated on the whole column first and the results are combined, so every row carries the
   * combined outcome (only {@code compositeRuleEvaluation.method = ROW} judges each row, see
   * DatasetMatchAndRowCompositeTest).
   */
  @Test
  void compositeRuleOfAwsExample(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "myCol1 INT, myCol2 INT", row(2, 1), row(0, 3));
    String rule = "(ColumnValues \"myCol1\" > 1) OR (ColumnValues \"myCol2\" > 2)";
    FrameCollection dq =
        EvaluateDataQuality.processRows(f, "Rules = [ " + rule + " ]", Map.of(), Map.of());

    assertThat(dq.keys()).containsExactly("ruleOutcomes", "rowLevelOutcomes");
    FrameAssert.assertThat(dq.get("ruleOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    rule,
                    notMet(0) + "; " + notMet(1),
                    m(
                        "Column.myCol1.ColumnValues.Compliance",
                        0.5,
                        "Column.myCol2.ColumnValues.Compliance",
                        0.5))));
    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "myCol1 INT, myCol2 INT" + ROW_OUTCOME_COLUMNS,
                row(2, 1, List.of(), List.of(rule), List.of(), "Failed"),
                row(0, 3, List.of(), List.of(rule), List.of(), "Failed")));
  }

  @Test
  void rowLevelAndDatasetLevelRulesWhereClausesAndCompositeRules(DynaContext ctx) {
    DynamicFrame people =
        Frames.rows(
            ctx,
            "name STRING, age INT, zip STRING",
            row("Ann", 25, "12345"),
            row("Bob", 17, "1234"),
            row("Cid", null, null),
            row("Dee", 40, "54321"));
    String values = "ColumnValues \"age\" > 18";
    String length = "ColumnLength \"zip\" = 5";
    String count = "RowCount > 2";
    String complete = "IsComplete \"name\" where \"age > 30\"";
    String either = "(ColumnValues \"age\" > 21) OR (ColumnValues \"age\" = NULL)";
    String unique = "IsUnique \"zip\"";
    FrameCollection dq =
        people.apply(
            "check_people",
            EvaluateDataQuality.of(
                    "Rules = [ "
                        + String.join(", ", values, length, count, complete, either, unique)
                        + " ]")
                .rowLevel());

    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, age INT, zip STRING" + ROW_OUTCOME_COLUMNS,
                row(
                    "Ann",
                    25,
                    "12345",
                    // AWS: the rows a where clause filters out are labelled Passed by default
                    List.of(values, length, count, complete, unique),
                    // a composite rule is judged on the whole dataset by default: it failed
                    List.of(either),
                    List.of(),
                    "Failed"),
                row(
                    "Bob",
                    17,
                    "1234",
                    List.of(count, complete, unique),
                    List.of(values, length, either),
                    List.of(),
                    "Failed"),
                row(
                    "Cid",
                    null,
                    null,
                    List.of(count, complete),
                    List.of(values, length, either, unique),
                    List.of(),
                    "Failed"),
                row(
                    "Dee",
                    40,
                    "54321",
                    List.of(values, length, count, complete, unique),
                    List.of(either),
                    List.of(),
                    "Failed")));
    FrameAssert.assertThat(dq.get("ruleOutcomes"))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(values, notMet(17), m("Column.age.ColumnValues.Compliance", 0.5)),
                failed(
                    length,
                    "50.00 % of rows passed the threshold",
                    m("Column.zip.ColumnLength.Compliance", 0.5)),
                passed(count, m("Dataset.*.RowCount", 4)),
                passed(complete, m("Column.name.Completeness", 1)),
                failed(
                    either,
                    notMet(17) + "; " + notMet(17),
                    m("Column.age.ColumnValues.Compliance", 0.25)),
                failed(unique, notMet(0.75), m("Column.zip.Uniqueness", 0.75))));
    assertThat(dq.get("rowLevelOutcomes").transformationContext()).isEqualTo("check_people");
  }

  @Test
  void aFailingDatasetRuleFailsEveryRow(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1), row(2));
    FrameCollection dq =
        EvaluateDataQuality.processRows(f, "Rules = [ RowCount > 5 ]", Map.of(), Map.of());
    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT" + ROW_OUTCOME_COLUMNS,
                row(1, List.of(), List.of("RowCount > 5"), List.of(), "Failed"),
                row(2, List.of(), List.of("RowCount > 5"), List.of(), "Failed")));
  }

  @Test
  void referenceDatasets(DynaContext ctx) {
    DynamicFrame orders =
        Frames.rows(ctx, "id INT, customer INT", row(1, 10), row(2, 11), row(3, 99), row(4, 10));
    DynamicFrame customers = Frames.rows(ctx, "cid INT", row(10), row(11), row(12));
    String integrity = "ReferentialIntegrity \"customer\" \"reference.{cid}\" = 1.0";
    String counts = "RowCountMatch \"reference\" >= 0.9";
    String schema = "SchemaMatch \"reference\" = 1.0";
    EvaluateDataQuality t =
        EvaluateDataQuality.of("Rules = [ " + integrity + ", " + counts + ", " + schema + " ]")
            .withReference("reference", customers);
    DataQualityResult r = t.evaluate(orders);
    FrameAssert.assertThat(r.ruleOutcomes())
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(integrity, notMet(0.75), m("Column.customer.ReferentialIntegrity", 0.75)),
                passed(counts, m("Dataset.reference.RowCountMatch", 4.0 / 3)),
                // columns id INT, customer INT against cid INT: none of the three in common
                failed(schema, notMet(0.0), m("Dataset.reference.SchemaMatch", 0))));
    FrameAssert.assertThat(r.rowLevelOutcomes())
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, customer INT" + ROW_OUTCOME_COLUMNS,
                row(1, 10, List.of(integrity, counts), List.of(schema), List.of(), "Failed"),
                row(2, 11, List.of(integrity, counts), List.of(schema), List.of(), "Failed"),
                row(3, 99, List.of(counts), List.of(integrity, schema), List.of(), "Failed"),
                row(4, 10, List.of(integrity, counts), List.of(schema), List.of(), "Failed")));

    assertThatThrownBy(() -> EvaluateDataQuality.of("Rules = [ " + counts + " ]").evaluate(orders))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule 'RowCountMatch \"reference\" >= 0.9' (line 1, column 11): it compares with the"
                + " dataset 'reference', which was not given; add it with"
                + " withReference(\"reference\", frame) (given: [])");
  }

  @Test
  void aRulesetThatDoesNotParseFailsWhenApplied(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1));
    EvaluateDataQuality t =
        EvaluateDataQuality.of("Rules = [\n  IsComplete \"id\",\n  RowCount >> 1\n]");
    assertThatThrownBy(() -> f.apply(t))
        .isInstanceOf(DqdlParseException.class)
        .hasMessage("DQDL ruleset, line 3, column 13, at '>': expected a value");
  }

  @Test
  void rulesNeedingAwsHistoryOrBadSqlAreRefusedNamingTheRule(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1));
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.apply(
                    f, "Rules = [ RowCount > avg(last(10)) * 0.8 ]", Map.of()))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule 'RowCount > avg(last(10)) * 0.8' (line 1, column 11) cannot be evaluated:"
                + " 'avg(last(10))' (line 1, column 22) is a dynamic rule: it compares with the"
                + " metrics of earlier runs, which dynaframe reads from the job's results table"
                + " (dynaframe_quality.<job>) in job runs only; evaluate it in a Job");
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.apply(f, "Rules = [ DetectAnomalies \"RowCount\" ]", Map.of()))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("rule 'DetectAnomalies \"RowCount\"' (line 1, column 11) cannot be")
        .hasMessageContaining("statistics of earlier runs");
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.apply(
                    f, "Rules = [ RowCount > 0 where \"nope > 1\" ]", Map.of()))
        .isInstanceOf(DataQualityException.class)
        .hasMessageStartingWith(
            "rule 'RowCount > 0 where \"nope > 1\"' (line 1, column 11): the where clause"
                + " \"nope > 1\" is not valid SQL on this frame:");
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.apply(
                    f, "Rules = [ RowCount > 0 ]", Map.of("resultsS3prefix", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "publishing option 'resultsS3prefix' is not known; known: [dataQualityEvaluationContext,"
                + " enableDataQualityCloudWatchMetrics, enableDataQualityResultsPublishing,"
                + " resultsS3Prefix]");
  }

  @Test
  void failOnFailureStopsTheJobNamingTheStepAndRules(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1), row(1));
    assertThatThrownBy(
            () ->
                f.apply(
                    "check_ids",
                    EvaluateDataQuality.of("Rules = [ RowCount > 0, IsUnique \"id\" ]")
                        .failOnFailure()))
        .isInstanceOfSatisfying(
            DataQualityFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "The job failed due to failing DQ rules for node: check_ids: IsUnique \"id\""
                          + " (Value: 0.0 does not meet the constraint requirement!)");
              assertThat(e.failed())
                  .extracting(RuleOutcome::rule)
                  .containsExactly("IsUnique \"id\"");
            });
  }
}
