package io.dynaframe.job;

import com.google.common.collect.ImmutableMap;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.lineage.RunLineage;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JobRunner} returns: the job's graph as declared, the lineage of the run (the graph
 * that ran, with counts), the result of every step, the run report, and where the OpenLineage
 * events went.
 */
public final class RunResult {
  private final JobGraph declared;
  private final RunLineage lineage;
  private final ImmutableMap<String, Object> results;
  private final RunReport report;
  private final String lineageEvents;

  RunResult(
      JobGraph declared,
      RunLineage lineage,
      Map<String, Object> results,
      RunReport report,
      String lineageEvents) {
    this.declared = Objects.requireNonNull(declared, "declared");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
    ImmutableMap.Builder<String, Object> r = ImmutableMap.builder();
    results.forEach(
        (k, v) -> {
          if (v != null) {
            r.put(k, v);
          }
        });
    this.results = r.build();
    this.report = Objects.requireNonNull(report, "report");
    this.lineageEvents = lineageEvents;
  }

  /** The graph the annotations declare: what the compile-time diagram shows. */
  public JobGraph declaredGraph() {
    return declared;
  }

  /** The lineage of the run. */
  public RunLineage lineage() {
    return lineage;
  }

  /** The graph that ran, each node with its stats: {@code lineage().graph()}. */
  public JobGraph graph() {
    return lineage.graph();
  }

  /**
   * The frame a source or step returned (as passed to the steps that read it), or the error frame a
   * sink returned.
   *
   * @throws IllegalArgumentException if the step returned no frame (a sink returning void) or has
   *     no such id
   */
  public DynamicFrame frame(String step) {
    Object r = results.get(step);
    if (r instanceof DynamicFrame f) {
      return f;
    }
    throw new IllegalArgumentException(
        "step '"
            + step
            + "' returned "
            + (r == null ? "no frame" : "a FrameCollection")
            + "; steps with frames are "
            + results.keySet());
  }

  /**
   * The collection a step returned.
   *
   * @throws IllegalArgumentException if the step did not return a collection
   */
  public FrameCollection collection(String step) {
    Object r = results.get(step);
    if (r instanceof FrameCollection c) {
      return c;
    }
    throw new IllegalArgumentException("step '" + step + "' did not return a FrameCollection");
  }

  /** The run report: steps, counts, durations, outputs. */
  public RunReport report() {
    return report;
  }

  /**
   * Where the OpenLineage events went (a file or an endpoint URL); empty when none were emitted.
   */
  public Optional<String> lineageEvents() {
    return Optional.ofNullable(lineageEvents);
  }

  @Override
  public String toString() {
    return "RunResult[" + declared.name() + ", steps " + results.keySet() + "]";
  }
}
