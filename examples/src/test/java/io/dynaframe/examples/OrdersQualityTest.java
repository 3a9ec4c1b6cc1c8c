package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship evaluates its data quality ruleset on the mapped orders and routes the rows that
 * fail a rule to {@code sales.orders_quarantine}, as Glue Studio's Evaluate Data Quality node with
 * a router on {@code DataQualityEvaluationResult} does: the quarantine table holds exactly the
 * orders of the raw batch that break a rule, each with the rules it passed and failed (computed
 * here from the raw JSON, independently of the job), the published orders none of them; the run
 * report has the evaluation and the results table its rule outcomes.
 */
@io.dynaframe.testing.SparkTest
class OrdersQualityTest {

  @TempDir Path dir;

  static final String ORDER_ID = "ColumnValues \"order_id\" > 0";
  static final String AMOUNT = "ColumnValues \"amount\" >= 0";
  static final String CUSTOMER = "IsComplete \"customer_id\"";
  static final String ROWS = "RowCount > 0";

  @BeforeEach
  @AfterEach
  void noTablesOfOtherRuns(DynaContext ctx) {
    for (String db : List.of("raw", "sales", "dynaframe_quality")) {
      ctx.spark().sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    }
  }

  private static Long asLong(String s) {
    try {
      return s == null ? null : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double asDouble(String s) {
    try {
      return s == null ? null : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void failingRowsGoToTheQuarantineWithTheRulesTheyFailed(DynaContext ctx) throws Exception {
    Lake lake = Lake.at(dir.resolve("lake"));
    PrintStream console = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      OrdersPipeline.runBatches(ctx, EmbeddedCatalog.of(ctx.spark()), lake, 1, 40);
    } finally {
      System.setOut(console);
    }

    // the raw batch, read as plain JSON: the lines Spark can parse are the job's records
    List<Row> raw =
        ctx.spark()
            .read()
            .option("mode", "PERMISSIVE")
            .json(lake.sourcePath("orders") + "/batch=1")
            .selectExpr(
                "CAST(order_id AS STRING) AS order_id",
                "customer_id",
                "CAST(amount AS STRING) AS amount")
            .where("customer_id IS NOT NULL")
            .collectAsList();
    List<Row> quarantined = new ArrayList<>();
    long bad = 0;
    boolean negative = false;
    for (Row r : raw) {
      Long id = asLong(r.getString(0));
      Double amount = asDouble(r.getString(2));
      List<String> pass = new ArrayList<>();
      List<String> fail = new ArrayList<>();
      (id != null && id > 0 ? pass : fail).add(ORDER_ID);
      (amount != null && amount >= 0 ? pass : fail).add(AMOUNT);
      pass.add(CUSTOMER);
      pass.add(ROWS);
      negative |= amount != null && amount < 0;
      if (!fail.isEmpty()) {
        bad++;
        quarantined.add(Frames.row(id, r.getLong(1), amount, pass, fail, List.of(), "Failed"));
      }
    }
    assertThat(negative).as("the batch has a negative amount").isTrue();

    String schema =
        "order_id BIGINT, customer_id BIGINT, amount DOUBLE, DataQualityRulesPass ARRAY<STRING>,"
            + " DataQualityRulesFail ARRAY<STRING>, DataQualityRulesSkip ARRAY<STRING>,"
            + " DataQualityEvaluationResult STRING";
    FrameAssert.assertThat(
            ctx.spark()
                .sql(
                    "SELECT order_id, customer_id, amount, DataQualityRulesPass,"
                        + " DataQualityRulesFail, DataQualityRulesSkip, DataQualityEvaluationResult"
                        + " FROM sales.orders_quarantine"))
        .isEqualTo(Frames.rows(ctx, schema, quarantined.toArray(Row[]::new)).toDF());
    // the published orders keep their columns and none of the quarantined orders
    assertThat(ctx.spark().table("sales.orders").columns())
        .doesNotContain("DataQualityEvaluationResult", "DataQualityRulesFail");
    assertThat(
            ctx.spark()
                .sql(
                    "SELECT count(*) FROM sales.orders o JOIN sales.orders_quarantine q"
                        + " ON o.order_id = q.order_id")
                .head()
                .getLong(0))
        .isZero();
    assertThat(ctx.spark().table("sales.orders").count()).isEqualTo(raw.size() - bad);

    // the run report has the evaluation: the amount rule fails on this batch
    Path report;
    try (Stream<Path> files = Files.walk(dir.resolve("lake"))) {
      report =
          files
              .filter(p -> p.getFileName().toString().equals("report.json"))
              .findFirst()
              .orElseThrow();
    }
    Map<?, ?> json = new ObjectMapper().readValue(report.toFile(), Map.class);
    List<?> quality = (List<?>) json.get("quality");
    assertThat(quality).hasSize(1);
    Map<?, ?> evaluation = (Map<?, ?>) quality.get(0);
    assertThat(evaluation.get("step")).isEqualTo("check_orders");
    assertThat(((Number) evaluation.get("rowsFailed")).longValue()).isEqualTo(bad);
    assertThat(((Number) evaluation.get("rowsPassed")).longValue()).isEqualTo(raw.size() - bad);
    List<String> outcomes = new ArrayList<>();
    for (Object rule : (List<?>) evaluation.get("rules")) {
      outcomes.add(((Map<?, ?>) rule).get("rule") + ": " + ((Map<?, ?>) rule).get("outcome"));
    }
    boolean badIds = quarantined.stream().anyMatch(r -> r.isNullAt(0) || r.getLong(0) <= 0);
    assertThat(outcomes)
        .containsExactly(
            ORDER_ID + ": " + (badIds ? "Failed" : "Passed"),
            AMOUNT + ": Failed",
            CUSTOMER + ": Passed",
            ROWS + ": Passed");
    assertThat(ctx.spark().table("dynaframe_quality.orders_pipeline").count()).isEqualTo(4);
  }
}
