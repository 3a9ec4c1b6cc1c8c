package io.dynaframe.quality.internal;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;

/** The outcome of one rule: as written, whether it passed, why not, and its metrics. */
public record Outcome(
    String rule, boolean passed, String failureReason, Map<String, Double> evaluatedMetrics) {
  public Outcome {
    Objects.requireNonNull(rule, "rule");
    evaluatedMetrics = ImmutableMap.copyOf(evaluatedMetrics);
  }
}
