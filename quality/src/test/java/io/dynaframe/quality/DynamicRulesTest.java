package io.dynaframe.quality;

import static io.dynaframe.quality.EvaluateDataQualityTest.OUTCOMES;
import static io.dynaframe.quality.EvaluateDataQualityTest.failed;
import static io.dynaframe.quality.EvaluateDataQualityTest.m;
import static io.dynaframe.quality.EvaluateDataQualityTest.notMet;
import static io.dynaframe.quality.EvaluateDataQualityTest.passed;
import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.Catalogs;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic rules ({@code last(k)}) compare a rule's metric with its values in earlier runs of the
 * same job, read from the job's results table {@code dynaframe_quality.<job>} in the lake: several
 * job runs, each evaluating the AWS examples' forms on a batch of a different size.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference (dynamic
 *     rules)</a>
 */
@SparkTest
class DynamicRulesTest {

  @TempDir Path root;

  static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  static final String GROWS = "RowCount > avg(last(2))";
  static final String FLOOR = "RowCount >= min(last(3))";
  static final String BAND = "RowCount between min(last(10))-1 and max(last(10))*2";

  private DynamicFrame run(DynaContext ctx, int number, int rows, String rules) {
    String[] argv = {"--JOB_NAME", "orders-dyn", "--JOB_RUN_ID", "run-" + number};
    try (Job job =
        Job.init(
            "orders-dyn",
            ctx,
            JobArguments.resolve(argv, "JOB_NAME"),
            Lake.at(root.resolve("lake")))) {
      List<Row> data = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        data.add(Frames.row((long) i));
      }
      DynamicFrame batch = Frames.rows(job.context(), "id BIGINT", data.toArray(Row[]::new));
      DynamicFrame out =
          batch.apply(
              "check_orders",
              EvaluateDataQuality.of(rules)
                  .withClock(Clock.fixed(AT.plusSeconds(number), ZoneOffset.UTC)));
      out.toDF().count();
      job.commit();
      return out;
    }
  }

  private static Map<String, Double> rows(double n) {
    return m("Dataset.*.RowCount", n);
  }

  @Test
  void dynamicRulesReadEarlierRunsOfTheJob(DynaContext spark) {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    String rules = "Rules = [ " + GROWS + ", " + FLOOR + ", " + BAND + " ]";

    // run 1: no earlier run, nothing to compare with: the rules pass
    FrameAssert.assertThat(run(ctx, 1, 3, rules))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(GROWS, rows(3)),
                passed(FLOOR, rows(3)),
                passed(BAND, rows(3))));
    // run 2: 5 rows; history [3]
    FrameAssert.assertThat(run(ctx, 2, 5, rules))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(GROWS, rows(5)),
                passed(FLOOR, rows(5)),
                passed(BAND, rows(5))));
    // run 3: 4 rows; history [5, 3]: avg 4 is not exceeded
    FrameAssert.assertThat(run(ctx, 3, 4, rules))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(GROWS, notMet(4.0), rows(4)),
                passed(FLOOR, rows(4)),
                passed(BAND, rows(4))));
    // run 4: 2 rows; history [4, 5, 3]: last(2) = [4, 5], min(last(3)) = 3, band [2, 10]
    FrameAssert.assertThat(run(ctx, 4, 2, rules))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                failed(GROWS, notMet(2.0), rows(2)),
                failed(FLOOR, notMet(2.0), rows(2)),
                passed(BAND, rows(2))));
    // run 5: 11 rows; history [2, 4, 5, 3]: band [1, 10]
    FrameAssert.assertThat(run(ctx, 5, 11, rules))
        .inOrder()
        .isEqualTo(
            Frames.rows(
                ctx,
                OUTCOMES,
                passed(GROWS, rows(11)),
                passed(FLOOR, rows(11)),
                failed(BAND, notMet(11.0), rows(11))));
  }

  /**
   * The sample dynamic rules of AWS's rule type pages (RowCount, ColumnCount, Completeness, Sum,
   * StandardDeviation, Mean, UniqueValueRatio, ReferentialIntegrity), as AWS writes them, in two
   * runs of a job: the first has no earlier run, so every rule passes; the second compares with the
   * first's metrics (RowCount 4, Completeness 1, Sum 10, Mean 2.5, standard deviation 1.118,
   * referential integrity 1). {@code index(last(10),2)} needs three earlier runs: with one, nothing
   * contradicts the rule.
   */
  @Test
  void awsSampleDynamicRules(DynaContext spark) {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    List<String> rules =
        List.of(
            "RowCount > avg(last(10)) *0.8",
            "ColumnCount >= avg(last(10))",
            "ColumnCount between min(last(10))-1 and max(last(10))+1",
            "Completeness \"colA\" between min(last(5)) - 1 and max(last(5)) + 1",
            "Completeness \"colA\" <= avg(last(10))",
            "Sum \"ColA\" > avg(last(10))",
            "Sum \"colA\" between min(last(10)) - 1 and max(last(10)) + 1",
            "StandardDeviation \"colA\" between min(last(10)) - 1 and max(last(10)) + 1",
            "Mean \"colA\" > avg(last(10)) + std(last(2))",
            "UniqueValueRatio \"colA\" <= index(last(10),2) + std(last(5))",
            "ReferentialIntegrity \"city,state\" \"reference.{ref_city,ref_state}\" >"
                + " avg(last(10))",
            "ReferentialIntegrity \"city,state\" \"reference.{ref_city,ref_state}\" between"
                + " min(last(10)) - 1 and max(last(10)) + 1");
    String ruleset = "Rules = [\n  " + String.join(",\n  ", rules) + "\n]";
    String schema = "colA INT, city STRING, state STRING";
    String outcomes = "Rule STRING, Outcome STRING, FailureReason STRING";

    // run 1: 4 rows, complete, every city known
    List<Row> first =
        sample(
            ctx,
            1,
            ruleset,
            Frames.rows(
                ctx,
                schema,
                row(1, "Seattle", "WA"),
                row(2, "Seattle", "WA"),
                row(3, "Portland", "OR"),
                row(4, "Portland", "OR")));
    List<Row> allPassed = new ArrayList<>();
    for (String r : rules) {
      allPassed.add(row(r, "Passed", null));
    }
    FrameAssert.assertThat(Frames.rows(ctx, outcomes, first.toArray(Row[]::new)))
        .inOrder()
        .isEqualTo(Frames.rows(ctx, outcomes, allPassed.toArray(Row[]::new)));

    // run 2: 3 rows (fewer than 0.8 * 4), one null, one unknown city
    List<Row> second =
        sample(
            ctx,
            2,
            ruleset,
            Frames.rows(
                ctx,
                schema,
                row(5, "Seattle", "WA"),
                row(6, "Portland", "OR"),
                row(null, "Tacoma", "WA")));
    List<Row> expected = new ArrayList<>();
    for (String r : rules) {
      if (r.startsWith("RowCount")) {
        expected.add(row(r, "Failed", notMet(3.0)));
      } else if (r.endsWith("> avg(last(10))") && r.startsWith("ReferentialIntegrity")) {
        expected.add(row(r, "Failed", notMet(2.0 / 3)));
      } else {
        expected.add(row(r, "Passed", null));
      }
    }
    FrameAssert.assertThat(Frames.rows(ctx, outcomes, second.toArray(Row[]::new)))
        .inOrder()
        .isEqualTo(Frames.rows(ctx, outcomes, expected.toArray(Row[]::new)));
  }

  /** One run of the job {@code orders-sample} evaluating {@code ruleset}: Rule, Outcome, reason. */
  private List<Row> sample(DynaContext ctx, int number, String ruleset, DynamicFrame batch) {
    String[] argv = {"--JOB_NAME", "orders-sample", "--JOB_RUN_ID", "run-" + number};
    try (Job job =
        Job.init(
            "orders-sample",
            ctx,
            JobArguments.resolve(argv, "JOB_NAME"),
            Lake.at(root.resolve("lake")))) {
      DynamicFrame cities =
          Frames.rows(
              job.context(),
              "ref_city STRING, ref_state STRING",
              row("Seattle", "WA"),
              row("Portland", "OR"));
      DynamicFrame out =
          DynamicFrame.fromDF(batch.toDF(), job.context(), "batch")
              .apply(
                  "check_sample",
                  EvaluateDataQuality.of(ruleset)
                      .withReference("reference", cities)
                      .withClock(Clock.fixed(AT.plusSeconds(number), ZoneOffset.UTC)));
      List<Row> rows = out.toDF().select("Rule", "Outcome", "FailureReason").collectAsList();
      job.commit();
      return rows;
    }
  }

  @Test
  void dynamicValuesWhereTheyHaveNoMeaningAreRefusedNamingTheRule(DynaContext spark) {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    String values = "ColumnValues \"id\" > avg(last(3))";
    assertThatThrownBy(() -> run(ctx, 1, 2, "Rules = [ " + values + " ]"))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "rule '"
                + values
                + "' (line 1, column 11) cannot be evaluated: 'avg(last(3))' (line 1, column 31)"
                + " is a dynamic value: it compares the rule's metric with earlier runs', and"
                + " ColumnValues judges each row's value");
    String bare = "RowCount > last(3)";
    assertThatThrownBy(() -> run(ctx, 2, 2, "Rules = [ " + bare + " ]"))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("last(k) is a list of earlier values");
  }
}
