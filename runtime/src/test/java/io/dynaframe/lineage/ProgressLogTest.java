package io.dynaframe.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.JobRunner;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress lines of a run, on the logger {@code io.dynaframe.progress}: as text by default, one
 * JSON object per line with {@code spark.dynaframe.log.format=json}, secrets redacted in both.
 */
@SparkTest
class ProgressLogTest {

  @TempDir Path root;

  /** Keeps the messages logged on one logger while it is open. */
  static final class CapturedLog extends AbstractAppender implements AutoCloseable {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level level;

    CapturedLog(String loggerName) {
      super("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY);
      start();
      logger = (Logger) LogManager.getLogger(loggerName);
      level = logger.getLevel();
      logger.addAppender(this);
      logger.setLevel(Level.INFO);
    }

    @Override
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
    }

    @Override
    public void close() {
      logger.removeAppender(this);
      logger.setLevel(level);
      stop();
    }
  }

  private Job init(DynaContext ctx, String name) {
    String[] argv = {"--JOB_NAME", name, "--db-password", "hunter2", "--day", "2026-11-25"};
    return Job.init(
        name,
        ctx.withRunId(DynaContext.newRunId()),
        JobArguments.resolve(argv, "JOB_NAME", "db-password", "day"),
        Lake.at(root.resolve("lake")));
  }

  @Test
  void jsonLinesCarryEveryStepWithItsCountsAndTheReport(DynaContext ctx) throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    List<JsonNode> events = new ArrayList<>();
    ctx.spark().conf().set(LineageSettings.LOG_FORMAT, "json");
    try (CapturedLog log = new CapturedLog("io.dynaframe.progress")) {
      JobRunner.run(
          new OrdersJob(root.resolve("landing"), root.resolve("out")), init(ctx, "orders-json"));
      ObjectMapper mapper = new ObjectMapper();
      for (String m : log.messages) {
        events.add(mapper.readTree(m)); // every line is one JSON object
      }
      assertThat(String.join("\n", log.messages)).doesNotContain("hunter2");
    } finally {
      ctx.spark().conf().unset(LineageSettings.LOG_FORMAT);
    }

    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.get("job").asText()).isEqualTo("orders-json");
              assertThat(e.get("runId").asText()).isNotBlank();
            });
    List<String> kinds =
        events.stream()
            .map(e -> e.get("event").asText() + ":" + (e.has("step") ? e.get("step").asText() : ""))
            .toList();
    assertThat(kinds)
        .containsSubsequence(
            "step_started:orders",
            "step_ended:orders",
            "step_started:valid",
            "step_ended:valid",
            "counts:",
            "run_report:");
    // the steps are lazy: their lines say so, and one "counts" line gives every step's counts once
    // the sink ran
    JsonNode ordersEnded =
        events.stream()
            .filter(
                e ->
                    e.get("event").asText().equals("step_ended")
                        && e.get("step").asText().equals("orders"))
            .findFirst()
            .orElseThrow();
    assertThat(ordersEnded.get("kind").asText()).isEqualTo("SOURCE");
    assertThat(ordersEnded.get("counted").asBoolean()).isFalse();
    assertThat(ordersEnded.get("durationMillis").asLong()).isNotNegative();
    JsonNode sinkEnded =
        events.stream()
            .filter(
                e ->
                    e.get("event").asText().equals("step_ended")
                        && e.get("kind").asText().equals("SINK"))
            .findFirst()
            .orElseThrow();
    assertThat(sinkEnded.get("counted").asBoolean()).isTrue();
    assertThat(sinkEnded.get("recordsOut").asLong()).isEqualTo(3L);
    JsonNode counts =
        events.stream()
            .filter(e -> e.get("event").asText().equals("counts"))
            .findFirst()
            .orElseThrow();
    JsonNode orders = counts.get("steps").get("orders");
    assertThat(
            List.of(
                orders.get("recordsIn").asLong(),
                orders.get("recordsOut").asLong(),
                orders.get("recordsInError").asLong()))
        .containsExactly(5L, 4L, 1L);
    assertThat(counts.get("steps").get("valid").get("recordsOut").asLong()).isEqualTo(3L);
    JsonNode report =
        events.stream()
            .filter(e -> e.get("event").asText().equals("run_report"))
            .findFirst()
            .orElseThrow();
    assertThat(report.get("text").asText())
        .startsWith("job orders-json run ")
        .contains("SUCCEEDED");
  }

  @Test
  void textLinesByDefaultAndAFailedStepSaysSo(DynaContext ctx) throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    try (CapturedLog log = new CapturedLog("io.dynaframe.progress")) {
      assertThatThrownBy(
              () ->
                  JobRunner.run(
                      new JobRunWithLakeTest.BrokenJob(root.resolve("landing/customers")),
                      init(ctx, "broken-text")))
          .hasMessageStartingWith("the lookup service is down");
      assertThat(log.messages)
          .anySatisfy(m -> assertThat(m).startsWith("broken-text source"))
          .anySatisfy(
              m -> assertThat(m).matches("broken-text step \\S+ failed: IllegalStateException"))
          .noneSatisfy(m -> assertThat(m).startsWith("{"))
          .noneSatisfy(m -> assertThat(m).contains("hunter2"));
    }
  }
}
