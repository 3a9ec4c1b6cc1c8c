package io.dynaframe.bench;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckStatus;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Function1;
import scala.Option;

/**
 * Amazon Deequ's {@code VerificationSuite} with the checks of {@link QualityWorkload#RULES}, one
 * constraint per rule; true when every constraint holds. Compiled on the Glue 5 target only
 * (Deequ is built for Spark 3.5); {@link QualityBenchmark} finds it by name.
 */
public final class DeequChecks implements Function<Dataset<Row>, Boolean> {

  private static Function1<Object, Object> test(java.util.function.Predicate<Double> p) {
    return v -> p.test(((Number) v).doubleValue());
  }

  private static <T> Option<T> none() {
    return Option.empty();
  }

  static Check check() {
    return new Check(
            CheckLevel.Error(),
            "orders",
            scala.collection.JavaConverters.asScalaBuffer(
                    new java.util.ArrayList<com.amazon.deequ.constraints.Constraint>())
                .toSeq())
        .hasSize(test(n -> n > 0), none())
        .isComplete("id", none(), none())
        .hasCompleteness("email", test(c -> c > 0.95), none(), none())
        .isUnique("id", none(), none())
        .isContainedIn("amount", 0, 1000, true, true, none(), none())
        .isContainedIn("status", new String[] {"NEW", "PAID", "SHIPPED", "CANCELLED"})
        .hasMinLength("code", test(l -> l == 8), none(), none())
        .hasMaxLength("code", test(l -> l == 8), none(), none())
        .hasMean("amount", test(m -> m >= 400 && m <= 600), none())
        .hasSum("qty", test(s -> s > 0), none())
        .hasStandardDeviation("amount", test(s -> s < 400), none())
        .hasNumberOfDistinctValues("customer", test(d -> d > 1000), none(), 1000, none())
        .isPositive("qty", test(c -> c == 1.0), none())
        .hasUniqueness("email", test(u -> u > 0.9))
        .hasCorrelation("amount", "qty", test(c -> c < 0.5), none())
        .satisfies(
            "amount >= 0",
            "no negative amount",
            test(c -> c == 1.0),
            none(),
            scala.collection.immutable.List$.MODULE$.empty(),
            none());
  }

  @Override
  public Boolean apply(Dataset<Row> df) {
    VerificationResult r = VerificationSuite.apply().onData(df).addCheck(check()).run();
    return r.status() == CheckStatus.Success();
  }
}
