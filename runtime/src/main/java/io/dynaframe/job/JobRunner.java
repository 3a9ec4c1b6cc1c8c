package io.dynaframe.job;

import io.dynaframe.DynaContext;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.lineage.LineageSettings;
import io.dynaframe.lineage.RunLineage;
import io.dynaframe.lineage.internal.OpenLineageEmitter;
import io.dynaframe.lineage.internal.Recorder;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job class annotated with {@link io.dynaframe.annotations.Job}: reads its {@code @Source},
 * {@code @Step} and {@code @Sink} methods, checks that each method's parameters and return type fit
 * its annotation, and calls the methods in the order of the job's graph, passing each step the
 * frames of the steps it names in {@code inputs}. So the diagram the annotation processor draws is
 * exactly the graph that runs, and the run's lineage has the same nodes and edges, with counts.
 *
 * <pre>{@code
 * RunResult result = JobRunner.run(OrdersDaily.class, ctx);
 * System.out.println(DotRenderer.render(result.graph()));
 * }</pre>
 *
 * <p>Method rules: a {@code @Source} method takes nothing or a {@link DynaContext} and returns a
 * {@link io.dynaframe.DynamicFrame}; a {@code @Step} method takes one {@code DynamicFrame} per
 * input, in the order of {@code inputs} ({@link io.dynaframe.FrameCollection} for an input that
 * returns a collection), and optionally a {@code DynaContext}, and returns a {@code DynamicFrame}
 * or a {@code FrameCollection}; a {@code @Sink} method takes its inputs the same way and returns
 * nothing or the frame of records it could not write. Methods may be private or static; the class
 * needs a constructor without parameters unless an instance is given.
 *
 * <p>OpenLineage START and COMPLETE (or FAIL) events are emitted as {@link LineageSettings}
 * configure; with a {@link Job} they go by default to {@code <TEMP>/lineage/<job>/<run>.jsonl} of
 * its lake, and the run report is written to {@code <TEMP>/reports/<job>/<run>/} and its summary
 * printed when the job commits.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /**
   * The graph a job class declares, checked as the runner checks it.
   *
   * @throws JobDefinitionException naming every problem of the class
   */
  public static JobGraph graph(Class<?> jobClass) {
    return AnnotatedJob.of(Objects.requireNonNull(jobClass, "jobClass")).graph();
  }

  /**
   * Runs a job class (made with its constructor without parameters) in a context.
   *
   * @throws JobDefinitionException when the class cannot run as written
   */
  public static RunResult run(Class<?> jobClass, DynaContext ctx) {
    return run(instantiate(jobClass), ctx);
  }

  /**
   * Runs a job instance in a context. Events go where {@link LineageSettings} say; without a
   * setting none are emitted.
   *
   * @throws JobDefinitionException when the class cannot run as written
   */
  public static RunResult run(Object job, DynaContext ctx) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(ctx, "ctx");
    AnnotatedJob model = AnnotatedJob.of(job.getClass());
    return execute(job, model, ctx, null);
  }

  /**
   * Runs a job class as a run of a {@link Job}: commits it when every step succeeded (or fails it
   * and rethrows), emits OpenLineage events (by default into the lake's TEMP area), writes the run
   * report and prints its summary.
   */
  public static RunResult run(Class<?> jobClass, Job run) {
    return run(instantiate(jobClass), run);
  }

  /** Runs a job instance as a run of a {@link Job}; see {@link #run(Class, Job)}. */
  public static RunResult run(Object job, Job run) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(run, "run");
    AnnotatedJob model = AnnotatedJob.of(job.getClass());
    return execute(job, model, run.context(), run);
  }

  private static Object instantiate(Class<?> jobClass) {
    Objects.requireNonNull(jobClass, "jobClass");
    AnnotatedJob.of(jobClass); // report definition problems before construction problems
    if (Modifier.isAbstract(jobClass.getModifiers()) || jobClass.isInterface()) {
      throw new JobDefinitionException(
          "job class " + jobClass.getName() + " is abstract; give the runner a concrete class");
    }
    try {
      Constructor<?> c = jobClass.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (NoSuchMethodException e) {
      throw new JobDefinitionException(
          "job class "
              + jobClass.getName()
              + " has no constructor without parameters; "
              + "add one, or pass an instance to JobRunner.run",
          e);
    } catch (InvocationTargetException e) {
      throw new JobDefinitionException(
          "the constructor of job class " + jobClass.getName() + " threw " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new JobDefinitionException(
          "cannot create job class " + jobClass.getName() + ": " + e, e);
    }
  }

  private static RunResult execute(Object job, AnnotatedJob model, DynaContext ctx, Job run) {
    Recorder recorder = Recorder.of(ctx);
    if (recorder != null) {
      // a run of a Job is named as the Job (Glue's JOB_NAME); the annotation's name is the default
      recorder.name(run != null ? run.name() : model.name(), model.description());
    }
    OpenLineageEmitter events = recorder == null ? null : emitter(recorder, run);
    if (events != null) {
      events.start();
    }
    Map<String, Object> results = new LinkedHashMap<>();
    try {
      for (Node node : model.graph().nodes()) {
        results.put(node.id(), runStep(job, model.step(node.id()), ctx, recorder, results));
      }
      if (run != null) {
        run.commit();
      }
    } catch (RuntimeException | Error e) {
      if (run != null) {
        run.fail(e);
      }
      if (events != null) {
        events.fail(e);
      }
      if (run != null) {
        report(RunReport.of(run), events, run);
      }
      throw e;
    }
    if (events != null) {
      events.complete();
    }
    RunReport report =
        run != null
            ? report(RunReport.of(run), events, run)
            : RunReport.of(RunLineage.of(ctx), "SUCCEEDED")
                .withLineageEvents(events == null ? null : events.destination());
    if (run == null) {
      report.print();
    }
    return new RunResult(
        model.graph(),
        RunLineage.of(ctx),
        results,
        report,
        events == null ? null : events.destination());
  }

  private static RunReport report(RunReport report, OpenLineageEmitter events, Job run) {
    RunReport r = report.withLineageEvents(events == null ? null : events.destination());
    try {
      r = r.writeTo(RunReport.defaultFolder(run));
    } catch (RuntimeException e) {
      LOG.warn(
          "the run report of job {} run {} could not be written: {}",
          run.name(),
          run.runId(),
          e.toString());
    }
    return r.print();
  }

  private static OpenLineageEmitter emitter(Recorder recorder, Job run) {
    try {
      String file =
          run == null
              ? null
              : run.lake().temp() + "/lineage/" + run.name() + "/" + run.runId() + ".jsonl";
      return OpenLineageEmitter.create(recorder, file);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("OpenLineage events are off for this run: {}", e.toString());
      return null;
    }
  }

  private static Object runStep(
      Object job,
      AnnotatedJob.StepMethod step,
      DynaContext ctx,
      Recorder recorder,
      Map<String, Object> results) {
    Object[] args = new Object[step.parameters().size()];
    int input = 0;
    for (int i = 0; i < args.length; i++) {
      args[i] =
          step.parameters().get(i) == AnnotatedJob.Role.CONTEXT
              ? ctx
              : results.get(step.inputs().get(input++));
    }
    Object scope =
        recorder == null
            ? null
            : recorder.open(
                step.kind(), step.id(), step.type(), step.args(), new ArrayList<>(step.inputs()));
    Object result = null;
    Throwable failure = null;
    try {
      step.method().setAccessible(true);
      result =
          step.method().invoke(Modifier.isStatic(step.method().getModifiers()) ? null : job, args);
    } catch (InvocationTargetException e) {
      failure = e.getCause();
    } catch (IllegalAccessException | RuntimeException e) {
      failure = e;
    } finally {
      if (recorder != null) {
        result = recorder.close(scope, result, failure);
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new JobStepException(step.describe() + " failed: " + failure, failure);
    }
    if (result == null && step.kind() != Node.Kind.SINK) {
      throw new JobStepException(
          step.describe()
              + " returned null; return the "
              + (step.returnsCollection() ? "FrameCollection" : "DynamicFrame")
              + " it made");
    }
    return result;
  }
}
