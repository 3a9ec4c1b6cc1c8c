package io.dynaframe.quality;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one rule, as a row of the rule outcomes frame: the rule as written, {@code Passed}
 * or {@code Failed}, the reason it failed (null when it passed) and the metrics it was evaluated
 * on, named as AWS names them ({@code Dataset.*.RowCount}, {@code Column.id.Completeness}).
 */
public record RuleOutcome(
    String rule, boolean passed, String failureReason, Map<String, Double> evaluatedMetrics) {
  public RuleOutcome {
    Objects.requireNonNull(rule, "rule");
    evaluatedMetrics = ImmutableMap.copyOf(evaluatedMetrics);
  }

  /** {@code Passed} or {@code Failed}, as AWS prints the outcome. */
  public String outcome() {
    return passed ? "Passed" : "Failed";
  }
}
