package io.dynaframe.lineage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines a person can follow, on the logger {@code io.dynaframe.progress}: one when a step
 * starts and one when it ends, with its counts. As plain text by default, or one JSON object per
 * line when the Spark setting {@code spark.dynaframe.log.format} is {@code json}.
 */
public final class Progress {
  /** The logger progress lines go to. */
  public static final String LOGGER = "io.dynaframe.progress";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean json;
  private final String job;
  private final String runId;

  Progress(boolean json, String job, String runId) {
    this.json = json;
    this.job = job;
    this.runId = runId;
  }

  Progress named(String jobName) {
    return new Progress(json, jobName, runId);
  }

  boolean json() {
    return json;
  }

  void started(String step, Node.Kind kind, String type) {
    if (json) {
      Map<String, Object> e = base("step_started", step, kind);
      e.put("type", type);
      emit(e);
    } else {
      LOG.info(
          "{} {} {}{} started", job, kind(kind), step, type.isEmpty() ? "" : " (" + type + ")");
    }
  }

  void ended(String step, Node.Kind kind, StepStats stats, boolean ran) {
    if (json) {
      Map<String, Object> e = base("step_ended", step, kind);
      e.put("recordsIn", stats.recordsIn());
      e.put("recordsOut", stats.recordsOut());
      e.put("recordsInError", stats.recordsInError());
      e.put("durationMillis", stats.duration().toMillis());
      e.put("counted", ran && kind == Node.Kind.SINK);
      emit(e);
    } else if (ran && kind == Node.Kind.SINK) {
      LOG.info(
          "{} {} {} ended: {} in / {} out / {} in error, {}",
          job,
          kind(kind),
          step,
          count(stats.recordsIn()),
          count(stats.recordsOut()),
          count(stats.recordsInError()),
          duration(stats.duration()));
    } else {
      LOG.info(
          "{} {} {} defined in {} (its records are counted as the sinks run it: see the counts"
              + " after each sink and the run report)",
          job,
          kind(kind),
          step,
          duration(stats.duration()));
    }
  }

  /** The counts of the steps so far, in one line: {@code orders 5 in / 4 out / 1 in error; ...}. */
  void counts(Map<String, StepStats> steps) {
    if (steps.isEmpty()) {
      return;
    }
    if (json) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("event", "counts");
      e.put("job", job);
      e.put("runId", runId);
      Map<String, Object> each = new LinkedHashMap<>();
      steps.forEach(
          (id, s) ->
              each.put(
                  id,
                  Map.of(
                      "recordsIn",
                      s.recordsIn(),
                      "recordsOut",
                      s.recordsOut(),
                      "recordsInError",
                      s.recordsInError())));
      e.put("steps", each);
      emit(e);
    } else {
      StringBuilder b = new StringBuilder();
      steps.forEach(
          (id, s) ->
              b.append(b.length() == 0 ? "" : "; ")
                  .append(id)
                  .append(' ')
                  .append(count(s.recordsIn()))
                  .append(" in / ")
                  .append(count(s.recordsOut()))
                  .append(" out / ")
                  .append(count(s.recordsInError()))
                  .append(" in error"));
      LOG.info(
          "{} counts so far (records in / out / in error; they grow as later sinks run, the run"
              + " report has the final ones): {}",
          job,
          b);
    }
  }

  void failed(String step, Node.Kind kind, Throwable error) {
    if (json) {
      Map<String, Object> e = base("step_failed", step, kind);
      e.put("error", error.getClass().getName());
      emit(e);
    } else {
      LOG.warn("{} {} {} failed: {}", job, kind(kind), step, error.getClass().getSimpleName());
    }
  }

  /** One free-text line (the report summary), or a JSON object with it. */
  public void line(String event, String text) {
    if (json) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("event", event);
      e.put("job", job);
      e.put("runId", runId);
      e.put("text", text);
      emit(e);
    } else {
      LOG.info("{}", text);
    }
  }

  private Map<String, Object> base(String event, String step, Node.Kind kind) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", event);
    e.put("job", job);
    e.put("runId", runId);
    e.put("step", step);
    e.put("kind", kind.name());
    return e;
  }

  private static void emit(Map<String, Object> event) {
    try {
      LOG.info(JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      LOG.info("{}", event);
    }
  }

  private static String kind(Node.Kind kind) {
    return switch (kind) {
      case SOURCE -> "source";
      case TRANSFORM -> "step";
      case SINK -> "sink";
    };
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
