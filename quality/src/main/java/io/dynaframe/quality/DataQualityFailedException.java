package io.dynaframe.quality;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A ruleset that failed on a frame evaluated with {@link EvaluateDataQuality#failOnFailure()}: Glue
 * Studio's "Fail job when data quality fails". The message names the step and the failed rules.
 */
public final class DataQualityFailedException extends DataQualityException {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<RuleOutcome> failed;

  /** An exception for the step {@code step} and these failed rules. */
  public DataQualityFailedException(String step, List<RuleOutcome> failed) {
    super(
        "The job failed due to failing DQ rules for node: "
            + step
            + ": "
            + String.join(
                "; ",
                failed.stream().map(o -> o.rule() + " (" + o.failureReason() + ")").toList()));
    this.failed = ImmutableList.copyOf(failed);
  }

  /** The rules that failed. */
  public List<RuleOutcome> failed() {
    return failed;
  }
}
