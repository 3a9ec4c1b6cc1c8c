package io.dynaframe.lineage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.graph.StepStats;
import io.dynaframe.lineage.RunLineage;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.lang.ref.WeakReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The rule that runs counting markers as {@link CountRows}: one per session, nothing kept JVM-wide.
 */
@SparkTest
class CountRowsRuleTest {

  private static int rulesIn(SparkSession spark) {
    var optimizations = spark.experimental().extraOptimizations();
    int n = 0;
    for (int i = 0; i < optimizations.length(); i++) {
      if (optimizations.apply(i) instanceof CountRowsRule) {
        n++;
      }
    }
    return n;
  }

  @Test
  void eachSessionHasOneRuleOfItsOwn(SparkSession spark) {
    CountRowsRule rule = CountRowsRule.of(spark);
    assertThat(CountRowsRule.of(spark)).isSameAs(rule);
    assertThat(rulesIn(spark)).isEqualTo(1);

    SparkSession other = spark.newSession();
    assertThat(rulesIn(other)).isZero();
    assertThat(CountRowsRule.of(other)).isNotSameAs(rule);
    assertThat(rulesIn(other)).isEqualTo(1);
    assertThat(rulesIn(spark)).isEqualTo(1);
  }

  @Test
  void aFrameOfAnotherSessionIsCountedThereAndItsRuleGoesWithTheSession(SparkSession spark)
      throws Exception {
    SparkSession other = spark.newSession();
    DynaContext ctx = DynaContext.of(other);
    DynamicFrame frame = Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}");
    assertThat(frame.count()).isEqualTo(3);
    String source = RunLineage.of(ctx).producerOf(frame).orElseThrow();
    StepStats stats = RunLineage.of(ctx).graph().node(source).orElseThrow().stats().orElseThrow();
    assertThat(stats.recordsOut()).isEqualTo(3);
    assertThat(frame.toDF().queryExecution().optimizedPlan().toString())
        .contains("dynaframe_count_rows(true)");

    WeakReference<CountRowsRule> rule = new WeakReference<>(CountRowsRule.of(other));
    ctx = null;
    frame = null;
    other = null;
    for (int i = 0; i < 50 && rule.get() != null; i++) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(rule.get())
        .as("the rule of a session nothing refers to any more is collected")
        .isNull();
  }
}
