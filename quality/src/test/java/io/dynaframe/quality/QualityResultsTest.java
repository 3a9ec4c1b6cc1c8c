package io.dynaframe.quality;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Catalogs;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.graph.Node;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.RunReport;
import io.dynaframe.lineage.RunLineage;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results kept as Glue keeps them: each evaluation in a job run writes its rule outcomes to the
 * run's version of the results table {@code dynaframe_quality.<job>} in {@code
 * LOAD/_quality/<job>/}, registered in the catalog; the run report holds the outcomes and the
 * diagram shows the step's pass/fail counts. Without a job nothing is written.
 */
@SparkTest
class QualityResultsTest {

  @TempDir Path root;

  static final String RULES = "Rules = [ RowCount > 2, IsComplete \"name\" ]";
  static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  static final String RESULTS =
      "job STRING, evaluation_context STRING, rule STRING, outcome STRING, failure_reason STRING,"
          + " evaluated_metrics MAP<STRING, DOUBLE>, labels MAP<STRING, STRING>, rows_passed BIGINT,"
          + " rows_failed BIGINT,"
          + " evaluated_at TIMESTAMP, run_id STRING";

  private Job init(DynaContext ctx, String job, String runId) {
    String[] argv = {"--JOB_NAME", job, "--JOB_RUN_ID", runId};
    return Job.init(
        job, ctx, JobArguments.resolve(argv, "JOB_NAME"), Lake.at(root.resolve("lake")));
  }

  private static DynamicFrame orders(DynaContext ctx, boolean messy) {
    return Frames.rows(
        ctx,
        "id BIGINT, name STRING",
        row(1L, "Ann"),
        row(2L, messy ? null : "Bob"),
        row(3L, "Cid"));
  }

  private static Map<String, Double> m(Object... kv) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return out;
  }

  private static EvaluateDataQuality check() {
    return EvaluateDataQuality.of(RULES).withClock(Clock.fixed(AT, ZoneOffset.UTC));
  }

  @Test
  void eachRunWritesOneVersionOfTheResultsTableTheReportAndTheDiagram(DynaContext spark)
      throws Exception {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    // run 1: clean batch, every rule passes
    try (Job job = init(ctx, "orders-dq", "run-1")) {
      orders(job.context(), false).apply("check_orders", check()).toDF().count();
      job.commit();
    }
    // run 2: messy batch, IsComplete fails on one row
    Job job = init(ctx, "orders-dq", "run-2");
    orders(job.context(), true).apply("check_orders", check()).toDF().count();
    job.commit();

    Timestamp at = Timestamp.from(AT);
    String lake = root.resolve("lake").toUri().toString();
    DynaContext reader = job.context();
    Catalog catalog = reader.catalog();
    TableIdentifier id = TableIdentifier.of("dynaframe_quality", "orders_dq");
    assertThat(catalog.getTable(id).location().orElseThrow())
        .endsWith("/lake/load/_quality/orders-dq");
    assertThat(catalog.listAllPartitions(id, null).stream().map(p -> p.values()).toList())
        .containsExactlyInAnyOrder(List.of("run-1"), List.of("run-2"));
    assertThat(Files.isDirectory(root.resolve("lake/load/_quality/orders-dq/run_id=run-2")))
        .isTrue();

    FrameAssert.assertThat(reader.createDynamicFrameFromCatalog("dynaframe_quality", "orders_dq"))
        .isEqualTo(
            Frames.rows(
                ctx,
                RESULTS,
                row(
                    "orders-dq",
                    "check_orders",
                    "RowCount > 2",
                    "Passed",
                    null,
                    m("Dataset.*.RowCount", 3.0),
                    Map.of(),
                    3L,
                    0L,
                    at,
                    "run-1"),
                row(
                    "orders-dq",
                    "check_orders",
                    "IsComplete \"name\"",
                    "Passed",
                    null,
                    m("Column.name.Completeness", 1.0),
                    Map.of(),
                    3L,
                    0L,
                    at,
                    "run-1"),
                row(
                    "orders-dq",
                    "check_orders",
                    "RowCount > 2",
                    "Passed",
                    null,
                    m("Dataset.*.RowCount", 3.0),
                    Map.of(),
                    2L,
                    1L,
                    at,
                    "run-2"),
                row(
                    "orders-dq",
                    "check_orders",
                    "IsComplete \"name\"",
                    "Failed",
                    "Value: 0.6666666666666666 does not meet the constraint requirement!",
                    m("Column.name.Completeness", 2.0 / 3),
                    Map.of(),
                    2L,
                    1L,
                    at,
                    "run-2")));

    // the diagram shows the step's counts
    Node step = RunLineage.of(job.context()).graph().node("check_orders").orElseThrow();
    assertThat(step.args())
        .isEqualTo(Map.of("rules", "1 passed, 1 failed", "rows", "2 passed, 1 failed"));

    // the run report holds the outcomes
    Map<?, ?> report = new ObjectMapper().readValue(RunReport.of(job).toJson(), Map.class);
    Map<String, Object> rule2 = new LinkedHashMap<>();
    rule2.put("rule", "IsComplete \"name\"");
    rule2.put("outcome", "Failed");
    rule2.put(
        "failureReason", "Value: 0.6666666666666666 does not meet the constraint requirement!");
    rule2.put("evaluatedMetrics", Map.of("Column.name.Completeness", 2.0 / 3));
    Map<String, Object> rule1 = new LinkedHashMap<>();
    rule1.put("rule", "RowCount > 2");
    rule1.put("outcome", "Passed");
    rule1.put("failureReason", null);
    rule1.put("evaluatedMetrics", Map.of("Dataset.*.RowCount", 3.0));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("step", "check_orders");
    expected.put("evaluationContext", "check_orders");
    expected.put("rulesPassed", 1);
    expected.put("rulesFailed", 1);
    expected.put("rowsPassed", 2);
    expected.put("rowsFailed", 1);
    expected.put("resultsTable", "dynaframe_quality.orders_dq");
    expected.put("rules", List.of(rule1, rule2));
    assertThat(report.get("quality")).isEqualTo(List.of(expected));
    assertThat(lake).isNotEmpty();
  }

  /**
   * The rules' labels (AWS's rule outcomes carry them) are kept in the results table's {@code
   * labels} column and in the run report; a results table registered before labels were kept gets
   * the column.
   */
  @Test
  void labelsAreKeptInTheResultsTable(DynaContext spark) throws Exception {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    // the table as an earlier version registered it: no labels column
    Lake lake = Lake.at(root.resolve("lake"));
    String home = lake.qualityPath("orders-labelled");
    if (!ctx.catalog().databaseExists(DatabaseName.of("dynaframe_quality"))) {
      ctx.catalog()
          .createDatabase(
              io.dynaframe.catalog.Database.of(DatabaseName.of("dynaframe_quality"))
                  .withLocation(lake.load() + "/_quality"));
    }
    TableIdentifier id = TableIdentifier.of("dynaframe_quality", "orders_labelled");
    ctx.catalog()
        .createTable(
            io.dynaframe.catalog.TableDefinition.builder(id)
                .column("job", "string")
                .column("evaluation_context", "string")
                .column("rule", "string")
                .column("outcome", "string")
                .column("failure_reason", "string")
                .column("evaluated_metrics", "map<string,double>")
                .column("rows_passed", "bigint")
                .column("rows_failed", "bigint")
                .column("evaluated_at", "timestamp")
                .partitionKey("run_id", "string")
                .format(io.dynaframe.catalog.StorageFormat.forClassification("parquet"))
                .classification("parquet")
                .location(home)
                .build());

    Job job = init(ctx, "orders-labelled", "run-1");
    Frames.rows(job.context(), "col INT, colA STRING", row(22, "A"), row(30, "B"))
        .apply(
            "check_orders",
            EvaluateDataQuality.of(DqdlLabelsTest.AWS_EXAMPLE)
                .withClock(Clock.fixed(AT, ZoneOffset.UTC)))
        .toDF()
        .count();
    job.commit();

    assertThat(
            job.context().catalog().getTable(id).columns().stream()
                .map(io.dynaframe.catalog.Column::name)
                .toList())
        .containsExactly(
            "job",
            "evaluation_context",
            "rule",
            "outcome",
            "failure_reason",
            "evaluated_metrics",
            "labels",
            "rows_passed",
            "rows_failed",
            "evaluated_at");
    Map<String, String> monthly = DqdlLabelsTest.labels("frequency", "monthly");
    Map<String, String> monthlyFoo = DqdlLabelsTest.labels("frequency", "monthly", "foo", "bar");
    Map<String, String> dailyFoo = DqdlLabelsTest.labels("frequency", "daily", "foo", "bar");
    FrameAssert.assertThat(
            job.context()
                .createDynamicFrameFromCatalog("dynaframe_quality", "orders_labelled")
                .toDF()
                .select("rule", "outcome", "labels", "run_id"))
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "rule STRING, outcome STRING, labels MAP<STRING, STRING>, run_id STRING",
                    row("ColumnValues \"col\" > 21", "Passed", monthly, "run-1"),
                    row("RowCount > 0 with threshold > 0.8", "Passed", monthlyFoo, "run-1"),
                    row(
                        "ColumnValues \"colA\" in [\"A\", \"B\"] with threshold > 0.8",
                        "Passed",
                        dailyFoo,
                        "run-1"),
                    row("(IsComplete \"col\") AND (RowCount > 0)", "Passed", monthlyFoo, "run-1"))
                .toDF());
    Map<?, ?> report = new ObjectMapper().readValue(RunReport.of(job).toJson(), Map.class);
    List<?> rules = (List<?>) ((Map<?, ?>) ((List<?>) report.get("quality")).get(0)).get("rules");
    assertThat(rules.stream().map(r -> ((Map<?, ?>) r).get("labels")).toList())
        .isEqualTo(List.of(monthly, monthlyFoo, dailyFoo, monthlyFoo));
  }

  /** Counts the Spark jobs started while it listens. */
  static final class JobCounter extends org.apache.spark.scheduler.SparkListener {
    final java.util.concurrent.atomic.AtomicInteger jobs =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
      jobs.incrementAndGet();
    }
  }

  /** The Spark jobs {@code work} runs. */
  private static int jobsOf(DynaContext ctx, Runnable work) throws Exception {
    JobCounter l = new JobCounter();
    ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
    ctx.spark().sparkContext().addSparkListener(l);
    try {
      work.run();
      ctx.spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      ctx.spark().sparkContext().removeSparkListener(l);
    }
    return l.jobs.get();
  }

  /**
   * The rows that passed and failed are counted while the sink's own Spark job computes the
   * row-level outcomes: the write is one Spark job, the end of the run adds no counting job, and
   * the counts are right; when nothing computes the rows, the end of the run counts them with a
   * Spark job of its own.
   */
  @Test
  void theSinksJobCountsTheRowsThatPassedAndFailed(DynaContext spark) throws Exception {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    String out = root.resolve("out/checked").toString();
    Job job = init(ctx, "orders-counted", "run-1");
    DynamicFrame rows =
        orders(job.context(), true)
            .apply("check_orders", check().rowLevel())
            .get(DataQualityResult.ROW_LEVEL_OUTCOMES);
    int writeJobs =
        jobsOf(
            ctx,
            () ->
                job.context()
                    .writeDynamicFrameFromOptions(
                        rows,
                        "s3",
                        io.dynaframe.Options.of("path", out),
                        "json",
                        io.dynaframe.Options.empty(),
                        "write_checked"));
    int commitJobs = jobsOf(ctx, job::commit);
    assertThat(writeJobs).isEqualTo(1);

    List<String> both = List.of("RowCount > 2", "IsComplete \"name\"");
    FrameAssert.assertThat(
            ctx.spark()
                .read()
                .schema(
                    "id BIGINT, name STRING, DataQualityRulesPass ARRAY<STRING>,"
                        + " DataQualityRulesFail ARRAY<STRING>, DataQualityRulesSkip ARRAY<STRING>,"
                        + " DataQualityEvaluationResult STRING")
                .json(out))
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "id BIGINT, name STRING" + RowLevelOutcomesTest.ROW_OUTCOME_COLUMNS,
                    row(1L, "Ann", both, List.of(), List.of(), "Passed"),
                    row(
                        2L,
                        null,
                        List.of("RowCount > 2"),
                        List.of("IsComplete \"name\""),
                        List.of(),
                        "Failed"),
                    row(3L, "Cid", both, List.of(), List.of(), "Passed"))
                .toDF());
    Map<?, ?> report = new ObjectMapper().readValue(RunReport.of(job).toJson(), Map.class);
    Map<?, ?> evaluation = (Map<?, ?>) ((List<?>) report.get("quality")).get(0);
    assertThat(List.of(evaluation.get("rowsPassed"), evaluation.get("rowsFailed")))
        .isEqualTo(List.of(2, 1));
    assertThat(
            job.context()
                .createDynamicFrameFromCatalog("dynaframe_quality", "orders_counted")
                .toDF()
                .select("rows_passed", "rows_failed")
                .distinct()
                .collectAsList()
                .toString())
        .isEqualTo("[[2,1]]");

    // the same evaluation with nothing computing its rows: counted at the end, one more job
    Job uncounted = init(ctx, "orders-uncounted", "run-1");
    orders(uncounted.context(), true)
        .apply("check_orders", check().rowLevel())
        .get(DataQualityResult.ROW_LEVEL_OUTCOMES);
    int uncountedCommitJobs = jobsOf(ctx, uncounted::commit);
    assertThat(uncountedCommitJobs).isGreaterThan(commitJobs);
    Map<?, ?> report2 = new ObjectMapper().readValue(RunReport.of(uncounted).toJson(), Map.class);
    Map<?, ?> evaluation2 = (Map<?, ?>) ((List<?>) report2.get("quality")).get(0);
    assertThat(List.of(evaluation2.get("rowsPassed"), evaluation2.get("rowsFailed")))
        .isEqualTo(List.of(2, 1));
  }

  @Test
  void withoutAJobNothingIsWritten(DynaContext spark) {
    DynaContext ctx = spark.withCatalog(Catalogs.load("memory", Map.of()));
    Catalog catalog = ctx.catalog();
    boolean before = catalog.databaseExists(DatabaseName.of("dynaframe_quality"));
    List<String> tablesBefore =
        before
            ? catalog.listAllTables(DatabaseName.of("dynaframe_quality")).stream()
                .map(t -> t.identifier().name())
                .toList()
            : List.of();
    DynaContext plain = ctx.withRunId(DynaContext.newRunId());
    FrameAssert.assertThat(orders(plain, true).apply("check_orders", check()))
        .isEqualTo(
            Frames.rows(
                ctx,
                EvaluateDataQualityTest.OUTCOMES,
                EvaluateDataQualityTest.passed("RowCount > 2", m("Dataset.*.RowCount", 3.0)),
                EvaluateDataQualityTest.failed(
                    "IsComplete \"name\"",
                    "Value: 0.6666666666666666 does not meet the constraint requirement!",
                    m("Column.name.Completeness", 2.0 / 3))));
    assertThat(catalog.databaseExists(DatabaseName.of("dynaframe_quality"))).isEqualTo(before);
    if (before) {
      assertThat(
              catalog.listAllTables(DatabaseName.of("dynaframe_quality")).stream()
                  .map(t -> t.identifier().name())
                  .toList())
          .isEqualTo(tablesBefore);
    }
    // still visible on the step of the run's diagram, rows not counted (no extra Spark job)
    assertThat(RunLineage.of(plain).graph().node("check_orders").orElseThrow().args())
        .isEqualTo(Map.of("rules", "1 passed, 1 failed"));
  }
}
