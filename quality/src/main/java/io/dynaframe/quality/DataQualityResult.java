package io.dynaframe.quality;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a ruleset on a frame found: the outcome of each rule, the metrics of each
 * analyzer, the rule outcomes frame and the row-level outcomes frame (the input's rows with the
 * rules each passed, failed or skipped).
 */
public final class DataQualityResult {
  /** The key of the rule outcomes frame in {@link #asCollection()}, as in Glue. */
  public static final String RULE_OUTCOMES = "ruleOutcomes";

  /** The key of the row-level outcomes frame in {@link #asCollection()}, as in Glue. */
  public static final String ROW_LEVEL_OUTCOMES = "rowLevelOutcomes";

  private final ImmutableList<RuleOutcome> outcomes;
  private final ImmutableMap<String, Map<String, Double>> analyzerMetrics;
  private final DynamicFrame ruleOutcomes;
  private final DynamicFrame rowLevelOutcomes;

  DataQualityResult(
      List<RuleOutcome> outcomes,
      Map<String, Map<String, Double>> analyzerMetrics,
      DynamicFrame ruleOutcomes,
      DynamicFrame rowLevelOutcomes) {
    this.outcomes = ImmutableList.copyOf(outcomes);
    this.analyzerMetrics = ImmutableMap.copyOf(analyzerMetrics);
    this.ruleOutcomes = ruleOutcomes;
    this.rowLevelOutcomes = rowLevelOutcomes;
  }

  /** The outcome of every rule, in the ruleset's order. */
  public List<RuleOutcome> outcomes() {
    return outcomes;
  }

  /** Whether every rule passed. */
  public boolean passed() {
    return outcomes.stream().allMatch(RuleOutcome::passed);
  }

  /** The rules that failed. */
  public List<RuleOutcome> failed() {
    return outcomes.stream().filter(o -> !o.passed()).toList();
  }

  /** The metrics of each analyzer, by the analyzer as written. */
  public Map<String, Map<String, Double>> analyzerMetrics() {
    return analyzerMetrics;
  }

  /** The rule outcomes frame: {@code Rule, Outcome, FailureReason, EvaluatedMetrics}. */
  public DynamicFrame ruleOutcomes() {
    return ruleOutcomes;
  }

  /**
   * The input's rows with {@code DataQualityRulesPass}, {@code DataQualityRulesFail}, {@code
   * DataQualityRulesSkip} (arrays of rules as written) and {@code DataQualityEvaluationResult}
   * ({@code Passed} or {@code Failed}).
   */
  public DynamicFrame rowLevelOutcomes() {
    return rowLevelOutcomes;
  }

  /** Both frames, keyed {@code ruleOutcomes} and {@code rowLevelOutcomes} as Glue keys them. */
  public FrameCollection asCollection() {
    Map<String, DynamicFrame> m = new LinkedHashMap<>();
    m.put(RULE_OUTCOMES, ruleOutcomes);
    m.put(ROW_LEVEL_OUTCOMES, rowLevelOutcomes);
    return FrameCollection.of(m, ruleOutcomes.context());
  }
}
