package io.dynaframe.quality;

import com.google.common.collect.ImmutableMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one rule, as a row of the rule outcomes frame: the rule as written, {@code Passed}
 * or {@code Failed}, the reason it failed (null when it passed), the metrics it was evaluated on,
 * named as AWS names them ({@code Dataset.*.RowCount}, {@code Column.id.Completeness}), and its
 * DQDL labels ({@code DefaultLabels} with the rule's own {@code labels=[...]} over them; a value
 * may be null; empty when the rule has none), as AWS's {@code RuleResults} carry them.
 */
public record RuleOutcome(
    String rule,
    boolean passed,
    String failureReason,
    Map<String, Double> evaluatedMetrics,
    Map<String, String> labels) {
  public RuleOutcome {
    Objects.requireNonNull(rule, "rule");
    evaluatedMetrics = ImmutableMap.copyOf(evaluatedMetrics);
    // label values may be null (AWS: "the label value may be empty or null")
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The outcome of a rule without labels. */
  public RuleOutcome(
      String rule, boolean passed, String failureReason, Map<String, Double> evaluatedMetrics) {
    this(rule, passed, failureReason, evaluatedMetrics, Map.of());
  }

  /** {@code Passed} or {@code Failed}, as AWS prints the outcome. */
  public String outcome() {
    return passed ? "Passed" : "Failed";
  }
}
