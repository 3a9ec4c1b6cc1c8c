package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.OUTCOMES;
import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.RowLevelOutcomesTest.ROW_OUTCOME_COLUMNS;
import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * DQDL labels as AWS's DQDL reference documents them (sections "Labels", "Syntax for DQDL labels",
 * "Label constraints", "Retrieving DQDL labels"): {@code DefaultLabels=[...]} for every rule,
 * {@code labels=[...]} after a rule (over the defaults, key by key), on a composite rule only
 * around the whole rule in parentheses; the constraints as parse errors naming line, column and
 * token; the labels in the rule outcomes (always) and in the row-level outcomes (with {@code
 * rowLevelConfiguration.ruleWithLabels = ENABLED}).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html#dqdl-labels">DQDL labels</a>
 */
@SparkTest
class DqdlLabelsTest {

  static final String LABELLED = OUTCOMES + ", Labels MAP<STRING, STRING>";

  /**
   * AWS's labels example, as AWS prints it (comments with {@code //} included) but for its typos: a
   * comma after the third rule, the closing quote of {@code "bar"}, {@code IsComplete} capitalised
   * (rule types are case sensitive) and each rule of the composite rule in parentheses (as the
   * composite rules section requires). AWS's comments give each rule's labels, and its API response
   * prints them: {@code frequency -> monthly}; {@code frequency -> monthly, foo -> bar}; {@code
   * frequency -> daily, foo -> bar}.
   */
  static final String AWS_EXAMPLE =
      """
      DefaultLabels=["frequency"="monthly"]

      Rules = [
          // Auto includes the default label ["frequency"="monthly"]
          ColumnValues "col" > 21,
          // Add ["foo"="bar"] to default label. Labels for this rule would be ["frequency"="monthly", "foo"="bar"]
          RowCount > 0 with threshold > 0.8 labels=["foo"="bar"],
          // Override default label. Labels for this rule would be ["frequency"="daily", "foo"="bar"]
          ColumnValues "colA" in ["A", "B"]  with threshold > 0.8 labels=["foo"="bar", "frequency"="daily"],
          // Labels must be applied to the entire composite rule (parentheses required)
          ((IsComplete "col") AND (RowCount > 0)) labels=["foo"="bar"]
      ]
      """;

  static Map<String, String> labels(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  static Row outcome(String rule, Map<String, Double> metrics, Map<String, String> labels) {
    return row(rule, "Passed", null, metrics, labels);
  }

  @Test
  void awsExampleLabelsInRuleOutcomesAndRowLevelOutcomes(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "col INT, colA STRING", row(22, "A"), row(30, "B"));
    String values = "ColumnValues \"col\" > 21";
    String count = "RowCount > 0 with threshold > 0.8";
    String set = "ColumnValues \"colA\" in [\"A\", \"B\"] with threshold > 0.8";
    String composite = "((IsComplete \"col\") AND (RowCount > 0))";
    Map<String, String> monthly = labels("frequency", "monthly");
    Map<String, String> monthlyFoo = labels("frequency", "monthly", "foo", "bar");
    Map<String, String> dailyFoo = labels("frequency", "daily", "foo", "bar");

    FrameCollection dq =
        EvaluateDataQuality.processRows(
            f, AWS_EXAMPLE, Map.of(), Map.of("rowLevelConfiguration.ruleWithLabels", "ENABLED"));

    // AWS: "DQDL labels are always visible in rule outcomes"
    FrameAssert.assertThat(dq.get("ruleOutcomes"))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                LABELLED,
                outcome(values, m("Column.col.ColumnValues.Compliance", 1), monthly),
                outcome(count, m("Dataset.*.RowCount", 2), monthlyFoo),
                outcome(set, m("Column.colA.ColumnValues.Compliance", 1), dailyFoo),
                outcome(
                    "(IsComplete \"col\") AND (RowCount > 0)",
                    m("Column.col.Completeness", 1, "Dataset.*.RowCount", 2),
                    monthlyFoo)));
    assertThat(
            EvaluateDataQuality.of(AWS_EXAMPLE).evaluate(f).outcomes().stream()
                .map(RuleOutcome::labels)
                .toList())
        .containsExactly(monthly, monthlyFoo, dailyFoo, monthlyFoo);

    // with rowLevelConfiguration.ruleWithLabels = ENABLED, each rule with its labels
    List<String> named =
        List.of(
            values + " labels=[\"frequency\"=\"monthly\"]",
            count + " labels=[\"frequency\"=\"monthly\", \"foo\"=\"bar\"]",
            set + " labels=[\"frequency\"=\"daily\", \"foo\"=\"bar\"]",
            "(IsComplete \"col\") AND (RowCount > 0) labels=[\"frequency\"=\"monthly\","
                + " \"foo\"=\"bar\"]");
    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "col INT, colA STRING" + ROW_OUTCOME_COLUMNS,
                row(22, "A", named, List.of(), List.of(), "Passed"),
                row(30, "B", named, List.of(), List.of(), "Passed")));
  }

  /**
   * Without {@code rowLevelConfiguration.ruleWithLabels} the row-level outcomes name the rules
   * alone (AWS: labels are disabled there by default); a ruleset without labels prints AWS's four
   * columns. Keys keep their case, a value may be empty or null.
   */
  @Test
  void rowLevelLabelsAreOffByDefaultAndValuesMayBeEmptyOrNull(DynaContext ctx) {
    DynamicFrame f = Frames.rows(ctx, "id INT", row(1), row((Object) null));
    String rule = "IsComplete \"id\"";
    FrameCollection dq =
        EvaluateDataQuality.processRows(
            f,
            "Rules = [ "
                + rule
                + " labels=[\"Team\"=\"a\", \"team\"=\"b\", \"empty\"=\"\", \"none\"=NULL] ]",
            Map.of(),
            Map.of());
    Map<String, String> expected = labels("Team", "a", "team", "b", "empty", "");
    expected.put("none", null);
    FrameAssert.assertThat(dq.get("ruleOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                LABELLED,
                row(
                    rule,
                    "Failed",
                    EvaluateDataQualityTest.notMet(0.5),
                    m("Column.id.Completeness", 0.5),
                    expected)));
    FrameAssert.assertThat(dq.get("rowLevelOutcomes"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT" + ROW_OUTCOME_COLUMNS,
                row(1, List.of(rule), List.of(), List.of(), "Passed"),
                row(null, List.of(), List.of(rule), List.of(), "Failed")));
    assertThatThrownBy(
            () ->
                EvaluateDataQuality.of(rule)
                    .withAdditionalOptions(Map.of("rowLevelConfiguration.ruleWithLabels", "ON")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "additional option rowLevelConfiguration.ruleWithLabels=ON is not known; it is"
                + " ENABLED or DISABLED (the default)");
  }

  /**
   * AWS's invalid examples with labels and composite rules (with {@code IsComplete} capitalised):
   * labels after a composite rule not in parentheses, labels on a part of a composite rule, and
   * rules joined without parentheses.
   */
  @Test
  void awsInvalidLabelsOnCompositeRules() {
    DqdlParserTest.fails(
        "Rules = [ (IsComplete \"colA\") AND (RowCount > 0) labels=[\"foo\"=\"bar\"] ]",
        1,
        50,
        "labels",
        "labels go on the whole composite rule, in parentheses: ((IsComplete \"colA\") AND"
            + " (RowCount > 0)) labels=[...]");
    DqdlParserTest.fails(
        "Rules = [ (IsComplete \"colA\" labels=[\"foo\"=\"bar\"]) AND (RowCount > 0) ]",
        1,
        30,
        "labels",
        "labels go on the whole top-level rule, after its closing parenthesis");
    DqdlParserTest.fails(
        "Rules = [ IsComplete \"col\" AND RowCount > 0 labels=[\"foo\"=\"bar\"] ]",
        1,
        28,
        "AND",
        "a composite rule puts each rule in parentheses");
  }

  /** AWS's label constraints, each a parse error naming line, column and token. */
  @Test
  void labelConstraints() {
    StringBuilder ten = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      ten.append(i == 1 ? "" : ", ").append("\"k").append(i).append("\"=\"v\"");
    }
    // at most 10 labels per rule: 10 parse, an eleventh fails at its key
    assertThat(Ruleset.parse("Rules = [ RowCount > 0 labels=[" + ten + "] ]").rules())
        .containsExactly("RowCount > 0");
    String eleven = "Rules = [ RowCount > 0 labels=[" + ten + ", \"k11\"=\"v\"] ]";
    DqdlParserTest.fails(
        eleven, 1, eleven.indexOf("\"k11\"") + 1, "\"k11\"", "has 11 labels; a DQDL rule has");
    // the DefaultLabels count: 6 defaults and 4 more keys (one overridden) are 10; 5 more are 11
    String six =
        "DefaultLabels=[\"d1\"=\"v\", \"d2\"=\"v\", \"d3\"=\"v\", \"d4\"=\"v\","
            + " \"d5\"=\"v\", \"d6\"=\"v\"]\n";
    assertThat(
            Ruleset.parse(
                    six
                        + "Rules = [ RowCount > 0 labels=[\"d1\"=\"w\", \"a\"=\"v\", \"b\"=\"v\","
                        + " \"c\"=\"v\", \"d\"=\"v\"] ]")
                .rules())
        .containsExactly("RowCount > 0");
    String five =
        "Rules = [ RowCount > 0 labels=[\"a\"=\"v\", \"b\"=\"v\", \"c\"=\"v\", \"d\"=\"v\","
            + " \"e\"=\"v\"] ]";
    DqdlParserTest.fails(
        six + five,
        2,
        five.indexOf("\"e\"") + 1,
        "\"e\"",
        "rule 'RowCount > 0' has 11 labels; a DQDL rule has at most 10 labels (its own and the"
            + " DefaultLabels)");
    DqdlParserTest.fails(
        "DefaultLabels=[" + ten + ", \"k11\"=\"v\"]\nRules = [ RowCount > 0 ]",
        1,
        16 + ten.length() + 2,
        "\"k11\"",
        "DefaultLabels has 11 labels");
    // key: at most 128 characters, not empty or null; value: at most 256 characters
    String k128 = "k".repeat(128);
    String v256 = "v".repeat(256);
    assertThat(
            Ruleset.parse("Rules = [ RowCount > 0 labels=[\"" + k128 + "\"=\"" + v256 + "\"] ]")
                .rules())
        .containsExactly("RowCount > 0");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[\"" + k128 + "k\"=\"v\"] ]",
        1,
        32,
        "\"" + k128 + "k\"",
        "this label key has 129 characters; a label key has at most 128");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[\"k\"=\"" + v256 + "v\"] ]",
        1,
        36,
        "\"" + v256 + "v\"",
        "this label value has 257 characters; a label value has at most 256");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[\"\"=\"v\"] ]",
        1,
        32,
        "\"\"",
        "a label key must not be empty");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[NULL=\"v\"] ]",
        1,
        32,
        "NULL",
        "expected a quoted label key");
    // labels are a list of key-value pairs
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[] ]", 1, 32, "]", "the list of labels is empty");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[\"team\"] ]",
        1,
        38,
        "]",
        "'=' between the label key and its value");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=[\"team\"=\"a\", \"team\"=\"b\"] ]",
        1,
        44,
        "\"team\"",
        "the label key \"team\" is given twice in this list");
    DqdlParserTest.fails(
        "Rules = [ RowCount > 0 labels=\"team\" ]",
        1,
        31,
        "\"team\"",
        "'[' to open the list of labels");
    DqdlParserTest.fails(
        "DefaultLabels=[\"a\"=\"b\"]\nDefaultLabels=[\"c\"=\"d\"]\nRules = [ RowCount > 0 ]",
        2,
        1,
        "DefaultLabels",
        "a second DefaultLabels section");
  }
}
