package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.OUTCOMES;
import static io.dynaframe.quality.EvaluateDataQualityTest.failed;
import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.EvaluateDataQualityTest.passed;
import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import org.junit.jupiter.api.Test;

/**
 * {@code AggregateMatch}: the ratio of two column aggregations ({@code sum}, {@code avg}), either
 * of them over a reference dataset given with {@code withReference}, with the examples of AWS's
 * AggregateMatch page.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types-AggregateMatch.html">AWS's
 *     AggregateMatch page</a>
 */
@SparkTest
class AggregateMatchTest {

  @Test
  void awsExamplesOnThePrimaryAndAReferenceDataset(DynaContext ctx) {
    DynamicFrame primary =
        Frames.rows(
            ctx,
            "amount INT, total_amount BIGINT, ratings DOUBLE",
            row(10, 20L, 4.0),
            row(20, 20L, 5.0),
            row(30, 20L, 3.0),
            row(null, null, null));
    DynamicFrame reference =
        Frames.rows(ctx, "ratings DOUBLE", row(5.0), row(5.0), row(4.0), row(2.0));
    DynamicFrame better = Frames.rows(ctx, "ratings DOUBLE", row(5.0), row(5.0));
    String rules =
        "Rules = [ AggregateMatch \"sum(amount)\" \"sum(total_amount)\" = 1.0,"
            + " AggregateMatch \"avg(ratings)\" \"avg(reference.ratings)\" >= 0.9,"
            + " AggregateMatch \"avg(ratings)\" \"avg(better.ratings)\" >= 0.9,"
            + " AggregateMatch \"sum(amount)\" \"sum(total_amount)\" = 1.0 where \"amount > 10\" ]";
    DynamicFrame out =
        primary.apply(
            EvaluateDataQuality.of(rules)
                .withReference("reference", reference)
                .withReference("better", better));
    FrameAssert.assertThat(out)
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(
                    "AggregateMatch \"sum(amount)\" \"sum(total_amount)\" = 1.0",
                    m("Column.amount,total_amount.AggregateMatch", 1.0)),
                passed(
                    "AggregateMatch \"avg(ratings)\" \"avg(reference.ratings)\" >= 0.9",
                    m("Column.ratings.AggregateMatch", 1.0)),
                failed(
                    "AggregateMatch \"avg(ratings)\" \"avg(better.ratings)\" >= 0.9",
                    "Value: 0.8 does not meet the constraint requirement!",
                    m("Column.ratings.AggregateMatch", 0.8)),
                failed(
                    "AggregateMatch \"sum(amount)\" \"sum(total_amount)\" = 1.0 where \"amount >"
                        + " 10\"",
                    "Value: 1.25 does not meet the constraint requirement!",
                    m("Column.amount,total_amount.AggregateMatch", 1.25))));
  }

  @Test
  void anAggregationThatIsNotSumOrAvgIsRefusedNamingTheRule(DynaContext ctx) {
    DynamicFrame primary = Frames.rows(ctx, "amount INT", row(1));
    assertThatThrownBy(
            () ->
                primary.apply(
                    EvaluateDataQuality.of(
                        "Rules = [ AggregateMatch \"max(amount)\" \"sum(amount)\" = 1.0 ]")))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("AggregateMatch \"max(amount)\" \"sum(amount)\" = 1.0")
        .hasMessageContaining("'max(amount)' is not a column aggregation");
  }
}
