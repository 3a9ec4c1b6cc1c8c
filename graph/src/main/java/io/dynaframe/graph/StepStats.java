package io.dynaframe.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step did in a run: the records it read, the records it produced, the records it set
 * aside as errors, and the time it took. For a source, {@code recordsIn} counts the records read
 * from storage; for a sink, {@code recordsOut} counts the records written.
 *
 * @param recordsIn records read by the step
 * @param recordsOut records the step produced (or, for a sink, wrote)
 * @param recordsInError records the step set aside as error records
 * @param duration wall-clock time the step took
 */
public record StepStats(long recordsIn, long recordsOut, long recordsInError, Duration duration) {

  /** Checks that counts are not negative and the duration is neither null nor negative. */
  public StepStats {
    if (recordsIn < 0 || recordsOut < 0 || recordsInError < 0) {
      throw new IllegalArgumentException(
          "record counts cannot be negative: in "
              + recordsIn
              + ", out "
              + recordsOut
              + ", in error "
              + recordsInError);
    }
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration cannot be negative: " + duration);
    }
  }
}
