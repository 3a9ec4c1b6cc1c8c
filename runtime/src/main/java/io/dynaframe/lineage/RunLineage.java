package io.dynaframe.lineage;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.job.JobRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage of one run, recorded as the run goes: every source read, every step applied with
 * {@link DynamicFrame#apply(String, io.dynaframe.Transform)}, every sink written (or, for a job run
 * by {@link JobRunner}, every annotated step), the frames between them, how many records each step
 * read, produced and set aside as errors, its time, and where each column came from. Get it with
 * {@link #of(DynaContext)}; a new run id starts a new lineage.
 *
 * <p><b>Counts</b> are taken in the Spark jobs the run executes anyway (sinks, {@code count()}):
 * each step's output carries a filter that counts the rows passing through it, and no extra Spark
 * job is run. Until a job has evaluated a step its counts are 0. A step's count is that of its
 * largest evaluation: a frame computed by two jobs (two sinks, or a {@code count()} before a write)
 * is counted once, and a task that is retried, speculated or rerun after a lost executor is counted
 * once. Counts are those of the rows Spark actually computed: after a partial action ({@code take},
 * {@code show}) they are partial until a full one runs; a frame that is unioned with itself within
 * one stage is counted twice; a step whose input changes between evaluations (non-deterministic
 * input) reports its largest evaluation. The counting filters are marked non-deterministic, so
 * Spark never moves or drops them; the price is that a filter written in a later step is not pushed
 * down into a Parquet or ORC scan across a step boundary.
 *
 * <p><b>Durations</b> are the wall-clock time spent in the step's call on the driver: for a sink
 * the write (the Spark jobs that compute everything upstream); for a transform, only the definition
 * of its Dataset operations, which run later inside the sinks' jobs.
 *
 * <p><b>Column lineage</b> is read from Spark's analysed plans: each output column is traced by
 * expression id through projections, aliases, joins, unions, aggregates and generators to the
 * columns of the steps it reads, with no help from the transforms.
 */
public interface RunLineage {

  /**
   * The lineage of a context's run (contexts with the same run id share it).
   *
   * @throws IllegalStateException when the context's run is not recorded: the runtime's observer
   *     was not found on the class path the context was made with
   */
  static RunLineage of(DynaContext ctx) {
    return ctx.observer()
        .find(RunLineage.class)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the run "
                        + ctx.runId()
                        + " is not recorded: no lineage recorder was found when its context was made "
                        + "(io.dynaframe:dynaframe-runtime provides it through META-INF/services/io.dynaframe.RunObserver$Factory)"));
  }

  /** The id of the run (the context's run id). */
  String runId();

  /**
   * The job's name: the {@code @Job} name or the {@link io.dynaframe.job.Job}'s name, else {@code
   * run-<runId>}.
   */
  String jobName();

  /**
   * The graph that ran so far, in the same model as the compile-time diagram of an annotated job,
   * each node with its {@link io.dynaframe.graph.StepStats} as counted up to now. Render it with
   * {@link io.dynaframe.graph.DotRenderer} or {@link io.dynaframe.graph.MermaidRenderer}. Values of
   * arguments whose names look like secrets show as {@code *****}.
   */
  JobGraph graph();

  /**
   * For each column of the step's output (for a sink, of the frame it wrote), the columns of the
   * steps it read that it comes from. Columns of a step that returned several frames are named
   * {@code <frame>.<column>}.
   *
   * @throws IllegalArgumentException if no step has that id
   */
  Map<String, List<ColumnOrigin>> columnOrigins(String step);

  /**
   * Like {@link #columnOrigins} but followed back to the sources: for each column, the source
   * columns it comes from, {@link ColumnOrigin.Derivation#IDENTITY} only when every step on the way
   * copied it.
   *
   * @throws IllegalArgumentException if no step has that id
   */
  Map<String, List<ColumnOrigin>> sourceColumns(String step);

  /** The datasets the run read, in the order it read them. */
  List<LineageDataset> inputs();

  /** The datasets the run wrote, in the order it wrote them. */
  List<LineageDataset> outputs();

  /**
   * The datasets one step wrote (a sink, or a job step that wrote through sinks), in the order it
   * wrote them.
   *
   * @throws IllegalArgumentException if no step has that id
   */
  List<LineageDataset> outputsOf(String step);

  /** How many of a step's first error records {@link #firstErrors} keeps. */
  int FIRST_ERRORS = 5;

  /**
   * The first error records the step set aside (at most {@link #FIRST_ERRORS}, first partition
   * first), taken while the run's Spark jobs computed them; empty when it set none aside, when
   * counting is off ({@link LineageSettings#COUNTS}), or until a job has computed them.
   *
   * @throws IllegalArgumentException if no step has that id
   */
  List<ErrorSample> firstErrors(String step);

  /**
   * The folders into which steps wrote samples of their records (Glue's Spigot), by step id, in the
   * order the steps ran.
   */
  Map<String, List<String>> samples();

  /**
   * The step whose output this frame is; empty for a frame the run has not recorded (one made with
   * {@code DynamicFrame.fromDF} before any step read it) or one derived from several steps.
   */
  Optional<String> producerOf(DynamicFrame frame);
}
