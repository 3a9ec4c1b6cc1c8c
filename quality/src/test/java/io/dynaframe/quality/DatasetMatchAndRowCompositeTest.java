package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.OUTCOMES;
import static io.dynaframe.quality.EvaluateDataQualityTest.failed;
import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.EvaluateDataQualityTest.notMet;
import static io.dynaframe.quality.EvaluateDataQualityTest.passed;
import static io.dynaframe.quality.RowLevelOutcomesTest.ROW_OUTCOME_COLUMNS;
import static io.dynaframe.testing.Frames.row;
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
 * DatasetMatch with AWS's three examples (a key column, a key mapping, a key mapping with a match
 * column mapping) and its documented refusal of keys that are not unique; composite rules judged
 * row by row ({@code compositeRuleEvaluation.method = ROW}) on AWS's "how composite rules work"
 * data.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-DatasetMatch.html">
 *     DatasetMatch</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference (how composite
 *     rules work)</a>
 */
@SparkTest
class DatasetMatchAndRowCompositeTest {

  private static DynamicFrame outcomes(DynamicFrame primary, DynamicFrame reference, String rule) {
    return EvaluateDataQuality.of("Rules = [ " + rule + " ]")
        .withReference("reference", reference)
        .evaluate(primary)
        .ruleOutcomes();
  }

  /** {@code DatasetMatch "reference" "ID" >= 0.9}: every other column compared, by name. */
  @Test
  void matchOnTheIdColumnComparesAllColumns(DynaContext ctx) {
    DynamicFrame primary =
        Frames.rows(
            ctx,
            "ID INT, name STRING, amount INT",
            row(1, "a", 10),
            row(2, "b", 20),
            row(3, "c", 30),
            row(4, null, 40));
    // 1 equal, 2 differs in amount, 3 equal, 4 equal (null = null), 5 is not in the primary
    DynamicFrame reference =
        Frames.rows(
            ctx,
            "ID INT, amount INT, name STRING",
            row(1, 10, "a"),
            row(2, 21, "b"),
            row(3, 30, "c"),
            row(4, 40, null),
            row(5, 50, "e"));
    String low = "DatasetMatch \"reference\" \"ID\" >= 0.9";
    String high = "DatasetMatch \"reference\" \"ID\" >= 0.7";
    FrameAssert.assertThat(outcomes(primary, reference, low))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(low, notMet(0.75), m("Dataset.reference.DatasetMatch", 0.75))));
    FrameAssert.assertThat(outcomes(primary, reference, high))
        .isEqualTo(
            Frames.rows(ctx, OUTCOMES, passed(high, m("Dataset.reference.DatasetMatch", 0.75))));
  }

  /**
   * {@code "ID_1->ID_ref1,ID_2->ID_ref2"} joins on a composite key named differently in each
   * dataset; with {@code "Amount1->Amount2"} only the amount is compared.
   */
  @Test
  void compositeKeyMappingAndMatchColumnMapping(DynaContext ctx) {
    DynamicFrame primary =
        Frames.rows(
            ctx,
            "ID_1 INT, ID_2 STRING, Amount1 INT, note STRING",
            row(1, "x", 100, "same"),
            row(1, "y", 200, "differs"),
            row(2, "x", 300, "same"),
            row(3, "x", 400, "missing"));
    DynamicFrame reference =
        Frames.rows(
            ctx,
            "ID_ref1 INT, ID_ref2 STRING, Amount2 INT, note STRING",
            row(1, "x", 100, "same"),
            row(1, "y", 200, "other"),
            row(2, "x", 301, "same"));
    String amounts =
        "DatasetMatch \"reference\" \"ID_1->ID_ref1,ID_2->ID_ref2\" \"Amount1->Amount2\" >= 0.9";
    // (1,x) and (1,y) have the same amount, (2,x) does not, (3,x) is not in the reference
    FrameAssert.assertThat(outcomes(primary, reference, amounts))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(amounts, notMet(0.5), m("Dataset.reference.DatasetMatch", 0.5))));
    // without a match mapping every other column is compared by name: Amount1 is not in the
    // reference
    String all = "DatasetMatch \"reference\" \"ID_1->ID_ref1,ID_2->ID_ref2\" >= 0.9";
    assertThatThrownBy(() -> outcomes(primary, reference, all))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule '"
                + all
                + "' (line 1, column 11): the column 'Amount1' is not in the dataset 'reference';"
                + " without a match column mapping every non-key column is compared by name");
    DynamicFrame sameNames =
        Frames.rows(
            ctx,
            "ID_ref1 INT, ID_ref2 STRING, Amount1 INT, note STRING",
            row(1, "x", 100, "same"),
            row(1, "y", 200, "other"),
            row(2, "x", 300, "same"),
            row(3, "x", 400, "missing"));
    FrameAssert.assertThat(outcomes(primary, sameNames, all))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(all, notMet(0.75), m("Dataset.reference.DatasetMatch", 0.75))));
  }

  /** AWS: keys that are not unique or are null fail with "Provided key map not suitable...". */
  @Test
  void keysThatAreNotAPrimaryKeyFail(DynaContext ctx) {
    DynamicFrame unique = Frames.rows(ctx, "ID INT, v INT", row(1, 1), row(2, 2));
    DynamicFrame twice = Frames.rows(ctx, "ID INT, v INT", row(1, 1), row(1, 2));
    DynamicFrame nullKey = Frames.rows(ctx, "ID INT, v INT", row(1, 1), row(null, 2));
    String rule = "DatasetMatch \"reference\" \"ID\" >= 0.9";
    String reason = "Provided key map not suitable for given data frames";
    for (DynamicFrame[] pair :
        new DynamicFrame[][] {
          {twice, unique}, {unique, twice}, {nullKey, unique}, {unique, nullKey}
        }) {
      FrameAssert.assertThat(outcomes(pair[0], pair[1], rule))
          .isEqualTo(Frames.rows(ctx, OUTCOMES, failed(rule, reason, Map.of())));
    }
    FrameAssert.assertThat(outcomes(unique, unique, rule))
        .isEqualTo(
            Frames.rows(ctx, OUTCOMES, passed(rule, m("Dataset.reference.DatasetMatch", 1.0))));
    String badColumn = "DatasetMatch \"reference\" \"ID->nope\" >= 0.9";
    assertThatThrownBy(() -> outcomes(unique, unique, badColumn))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule '"
                + badColumn
                + "' (line 1, column 11): the dataset 'reference' has no column 'nope'");
  }

  /**
   * AWS's "how composite rules work": on myCol1 = (2, 0), myCol2 = (1, 3), {@code (ColumnValues
   * "myCol1" > 1) OR (ColumnValues "myCol2" > 2)} fails by default (each side judged on the whole
   * column) and passes with {@code compositeRuleEvaluation.method = ROW} (each row passes one
   * side).
   */
  @Test
  void rowEvaluationOfAwsCompositeExample(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "myCol1 INT, myCol2 INT", row(2, 1), row(0, 3));
    String rule = "(ColumnValues \"myCol1\" > 1) OR (ColumnValues \"myCol2\" > 2)";
    Map<String, Double> metrics =
        m(
            "Column.myCol1.ColumnValues.Compliance",
            0.5,
            "Column.myCol2.ColumnValues.Compliance",
            0.5);
    FrameCollection rows =
        EvaluateDataQuality.processRows(
            f,
            "Rules = [ " + rule + " ]",
            Map.of(),
            Map.of("compositeRuleEvaluation.method", "ROW"));
    FrameAssert.assertThat(rows.get("ruleOutcomes"))
        .isEqualTo(Frames.rows(ctx, OUTCOMES, passed(rule, metrics)));
    FrameAssert.assertThat(rows.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "myCol1 INT, myCol2 INT" + ROW_OUTCOME_COLUMNS,
                row(2, 1, List.of(rule), List.of(), List.of(), "Passed"),
                row(0, 3, List.of(rule), List.of(), List.of(), "Passed")));

    // a row that passes neither side fails the rule judged row by row
    DynamicFrame g = Frames.rows(ctx, "myCol1 INT, myCol2 INT", row(2, 1), row(0, 3), row(0, 0));
    FrameAssert.assertThat(
            EvaluateDataQuality.processRows(
                    g,
                    "Rules = [ " + rule + " ]",
                    Map.of(),
                    Map.of("compositeRuleEvaluation.method", "ROW"))
                .get("ruleOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    rule,
                    "66.67 % of rows passed the rule",
                    m(
                        "Column.myCol1.ColumnValues.Compliance",
                        1.0 / 3,
                        "Column.myCol2.ColumnValues.Compliance",
                        1.0 / 3))));
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.processRows(
                    f,
                    "Rules = [ " + rule + " ]",
                    Map.of(),
                    Map.of("compositeRuleEvaluation.method", "CELL")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "additional option compositeRuleEvaluation.method=CELL is not known; it is COLUMN (the"
                + " default) or ROW");
  }

  /**
   * AWS's keyword examples that "require the use of the compositeRuleEvaluation.method = ROW
   * option": {@code (ColumnValues "colA" = NULL) or (ColumnLength "colA" > 5)} is true for the rows
   * that are null or longer than 5; {@code (ColumnValues "colA" = EMPTY) or (ColumnValues "colA" in
   * ["a", "b"])} for the rows that are empty, a or b; {@code (ColumnValues "colA" = NULL) or
   * (ColumnValues "colA" between 1 and 9)} for the rows that are null or between 1 and 9.
   */
  @Test
  void awsKeywordExamplesJudgedRowByRow(DynaContext ctx) {
    DynamicFrame f =
        Frames.rows(
            ctx,
            "colA STRING, colE STRING, colB INT",
            row(null, "", null),
            row("abcdefg", "a", 5),
            row("abc", "c", 10));
    String nullOrLong = "(ColumnValues \"colA\" = NULL) or (ColumnLength \"colA\" > 5)";
    String emptyOrSet =
        "(ColumnValues \"colE\" = EMPTY) or (ColumnValues \"colE\" in [\"a\", \"b\"])";
    String nullOrRange =
        "(ColumnValues \"colB\" = NULL) or (ColumnValues \"colB\" between 1 and 9)";
    FrameCollection dq =
        EvaluateDataQuality.processRows(
            f,
            "Rules = [ " + String.join(", ", nullOrLong, emptyOrSet, nullOrRange) + " ]",
            Map.of(),
            Map.of("compositeRuleEvaluation.method", "ROW"));
    List<String> all = List.of(nullOrLong, emptyOrSet, nullOrRange);
    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "colA STRING, colE STRING, colB INT" + ROW_OUTCOME_COLUMNS,
                row(null, "", null, all, List.of(), List.of(), "Passed"),
                row("abcdefg", "a", 5, all, List.of(), List.of(), "Passed"),
                row("abc", "c", 10, List.of(), all, List.of(), "Failed")));
    String twoThirds = "66.67 % of rows passed the rule";
    FrameAssert.assertThat(dq.get("ruleOutcomes"))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(
                    nullOrLong,
                    twoThirds,
                    m(
                        "Column.colA.ColumnValues.Compliance",
                        1.0 / 3,
                        "Column.colA.ColumnLength.Compliance",
                        1.0 / 3)),
                failed(emptyOrSet, twoThirds, m("Column.colE.ColumnValues.Compliance", 1.0 / 3)),
                failed(nullOrRange, twoThirds, m("Column.colB.ColumnValues.Compliance", 1.0 / 3))));
  }

  /**
   * AWS's "how composite rules work": judged row by row, a composite rule cannot hold the rules
   * that rely on ratios (Completeness, DatasetMatch, ReferentialIntegrity, Uniqueness), nor
   * ColumnDataType, ColumnValues or CustomSql with a threshold (without one they are supported):
   * refused when the transform is applied, naming the rule, its line and column.
   */
  @Test
  void rowEvaluationRefusesRatioAndThresholdRules(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "colA STRING, colB INT", row("a", 1));
    Map<String, String> rowOption = Map.of("compositeRuleEvaluation.method", "ROW");
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.processRows(
                    f,
                    "Rules = [ (Completeness \"colA\" > 0.5) OR (ColumnValues \"colB\" = NULL) ]",
                    Map.of(),
                    rowOption))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule 'Completeness \"colA\" > 0.5' (line 1, column 12) cannot be evaluated:"
                + " Completeness relies on a ratio, so it cannot be part of a composite rule judged"
                + " row by row (compositeRuleEvaluation.method = ROW); write it as a rule of its"
                + " own");
    String nested =
        "Rules = [\n  (RowCount > 0) OR ((Uniqueness \"colA\" > 0.5) AND (IsComplete \"colA\")) ]";
    assertThatThrownBy(() -> EvaluateDataQuality.processRows(f, nested, Map.of(), rowOption))
        .isInstanceOf(DataQualityException.class)
        .hasMessageStartingWith(
            "rule 'Uniqueness \"colA\" > 0.5' (line 2, column 23) cannot be evaluated: Uniqueness"
                + " relies on a ratio");
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.processRows(
                    f,
                    "Rules = [ (ColumnValues \"colB\" between 1 and 9 with threshold > 0.5) OR"
                        + " (ColumnValues \"colB\" = NULL) ]",
                    Map.of(),
                    rowOption))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule 'ColumnValues \"colB\" between 1 and 9 with threshold > 0.5' (line 1, column 12)"
                + " cannot be evaluated: ColumnValues with threshold cannot be part of a composite"
                + " rule judged row by row (compositeRuleEvaluation.method = ROW); drop the"
                + " threshold or write it as a rule of its own");
    // the same rules are fine judged on the whole dataset (the default)
    FrameAssert.assertThat(
            EvaluateDataQuality.processRows(
                    f,
                    "Rules = [ (Completeness \"colA\" > 0.5) OR (ColumnValues \"colB\" = NULL) ]",
                    Map.of(),
                    Map.of())
                .get("ruleOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(
                    "(Completeness \"colA\" > 0.5) OR (ColumnValues \"colB\" = NULL)",
                    m("Column.colA.Completeness", 1, "Column.colB.ColumnValues.Compliance", 0))));
  }
}
