package io.dynaframe.processor.internal;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.MutableGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.processor.internal.JobModel.StepModel;
import io.dynaframe.processor.internal.JobModel.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;

/**
 * Checks a {@link JobModel} and reports every problem it finds, each on the annotation value at
 * fault, with a stable {@code [JobXxx]} tag and a sentence on how to fix it. A job that passes
 * converts to a valid {@link io.dynaframe.graph.JobGraph}.
 */
final class JobValidator {
  private final ErrorReporter errors;

  JobValidator(ErrorReporter errors) {
    this.errors = errors;
  }

  /**
   * Reports the job's problems.
   *
   * @return the steps that make up the job's graph: one per method (the first step annotation of a
   *     method that has several)
   */
  List<StepModel> validate(JobModel job) {
    if (job.name().isBlank()) {
      errors.error(
          job.type(),
          job.annotation(),
          job.nameValue(),
          "[JobBlankName] the @Job name is blank; give the job the name it runs under, e.g. @Job(name = \"orders-daily\")");
    }
    if (job.steps().isEmpty()) {
      errors.error(
          job.type(),
          job.annotation(),
          null,
          "[JobNoSteps] job "
              + job.type().getSimpleName()
              + " has no steps; annotate the methods that read, transform and write its data with @Source, @Step and @Sink");
      return List.of();
    }
    List<StepModel> steps = onePerMethod(job);
    Map<String, StepModel> byId = checkIds(steps);
    steps.forEach(this::checkArgs);
    MutableGraph<String> graph = GraphBuilder.directed().allowsSelfLoops(true).build();
    byId.keySet().forEach(graph::addNode);
    Map<String, Map<String, Value>> edges = checkInputs(steps, byId, graph);
    checkCycles(byId, graph, edges);
    checkSinks(job, steps, byId, graph);
    return steps;
  }

  private List<StepModel> onePerMethod(JobModel job) {
    Map<ExecutableElement, StepModel> first = new LinkedHashMap<>();
    for (StepModel step : job.steps()) {
      StepModel earlier = first.putIfAbsent(step.method(), step);
      if (earlier != null) {
        errors.error(
            step.method(),
            step.annotation(),
            null,
            "[JobTwoKinds] method "
                + step.method().getSimpleName()
                + " has both "
                + earlier.annotationName()
                + " and "
                + step.annotationName()
                + "; one method is one step: keep one of them, or move the other step to its own method");
      }
    }
    return new ArrayList<>(first.values());
  }

  /**
   * Reports malformed and duplicate ids; returns the steps by id (the first one for a duplicate
   * id).
   */
  private Map<String, StepModel> checkIds(List<StepModel> steps) {
    Map<String, List<StepModel>> byId = new LinkedHashMap<>();
    for (StepModel step : steps) {
      if (step.id().isBlank()
          || step.id()
              .codePoints()
              .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        errors.error(
            step.method(),
            step.annotation(),
            step.idValue(),
            "[JobBadId] "
                + step.annotationName()
                + " id '"
                + step.id()
                + "' is blank or contains whitespace; use a name like \"orders_clean\", or leave id out to use"
                + " the method's name");
        continue;
      }
      byId.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(step);
    }
    Map<String, StepModel> unique = new LinkedHashMap<>();
    for (Map.Entry<String, List<StepModel>> e : byId.entrySet()) {
      List<StepModel> same = e.getValue();
      if (same.size() > 1) {
        String methods =
            same.stream()
                .map(s -> s.method().getSimpleName().toString())
                .collect(Collectors.joining(", "));
        for (StepModel step : same) {
          errors.error(
              step.method(),
              step.annotation(),
              step.idValue(),
              "[JobDuplicateId] step id '"
                  + e.getKey()
                  + "' is used by "
                  + same.size()
                  + " steps (methods "
                  + methods
                  + "); give each step its own id"
                  + (step.idValue() == null
                      ? " with id = \"...\" (the id defaults to the method name)"
                      : ""));
        }
      }
      unique.put(e.getKey(), same.get(0));
    }
    return unique;
  }

  private void checkArgs(StepModel step) {
    Set<String> names = new HashSet<>();
    for (Value arg : step.args()) {
      int eq = arg.text().indexOf('=');
      String name = eq < 0 ? "" : arg.text().substring(0, eq).strip();
      if (name.isEmpty()) {
        errors.error(
            step.method(),
            step.annotation(),
            arg.value(),
            "[JobBadArg] argument \""
                + arg.text()
                + "\" of "
                + step.describe()
                + " is not of the form \"name = value\"; write it as e.g. \"table = orders\"");
      } else if (!names.add(name)) {
        errors.error(
            step.method(),
            step.annotation(),
            arg.value(),
            "[JobDuplicateArg] argument '"
                + name
                + "' is given twice in "
                + step.describe()
                + "; keep one of them");
      }
    }
  }

  /**
   * Reports empty, duplicate, unknown and sink inputs; adds the other inputs to the graph.
   *
   * @return for each step, its inputs in the graph and where each is written
   */
  private Map<String, Map<String, Value>> checkInputs(
      List<StepModel> steps, Map<String, StepModel> byId, MutableGraph<String> graph) {
    Map<String, Map<String, Value>> edges = new HashMap<>();
    for (StepModel step : steps) {
      if (step.kind() == Node.Kind.SOURCE) {
        continue;
      }
      if (step.inputs().isEmpty()) {
        errors.error(
            step.method(),
            step.annotation(),
            step.inputsValue(),
            "[JobNoInputs] "
                + step.describe()
                + " has no inputs; list the ids of the steps it "
                + (step.kind() == Node.Kind.SINK ? "writes" : "reads")
                + " in inputs, e.g. inputs = \"orders\""
                + (step.kind() == Node.Kind.TRANSFORM
                    ? ", or make it a @Source if it reads data itself"
                    : ""));
      }
      Set<String> listed = new HashSet<>();
      for (Value input : step.inputs()) {
        String id = input.text();
        StepModel from = byId.get(id);
        if (!listed.add(id)) {
          errors.error(
              step.method(),
              step.annotation(),
              input.value(),
              "[JobDuplicateInput] "
                  + step.describe()
                  + " lists input '"
                  + id
                  + "' more than once; list each input once");
        } else if (from == null) {
          errors.error(
              step.method(),
              step.annotation(),
              input.value(),
              "[JobUnknownInput] unknown input '"
                  + id
                  + "' in "
                  + step.describe()
                  + ": no step of this job has that id."
                  + suggestion(id, byId.keySet())
                  + " The job's step ids are: "
                  + String.join(", ", byId.keySet()));
        } else if (from.kind() == Node.Kind.SINK) {
          errors.error(
              step.method(),
              step.annotation(),
              input.value(),
              "[JobSinkAsInput] input '"
                  + id
                  + "' of "
                  + step.describe()
                  + " is a @Sink, which produces no frame to read; read what the sink writes instead"
                  + (from.inputs().isEmpty()
                      ? ""
                      : " ("
                          + from.inputs().stream()
                              .map(v -> "'" + v.text() + "'")
                              .collect(Collectors.joining(" or "))
                          + ")"));
        } else if (byId.get(step.id()) == step) {
          graph.putEdge(id, step.id());
          edges.computeIfAbsent(step.id(), k -> new LinkedHashMap<>()).put(id, input);
        }
      }
    }
    return edges;
  }

  /** Reports each input that closes a cycle, with the cycle. */
  private void checkCycles(
      Map<String, StepModel> byId,
      MutableGraph<String> graph,
      Map<String, Map<String, Value>> edges) {
    for (StepModel step : byId.values()) {
      for (Map.Entry<String, Value> input : edges.getOrDefault(step.id(), Map.of()).entrySet()) {
        Optional<List<String>> path = path(graph, step.id(), input.getKey());
        if (path.isPresent()) {
          List<String> cycle = new ArrayList<>(path.get());
          cycle.add(step.id());
          String message =
              cycle.size() == 2
                  ? "[JobCycle] "
                      + step.describe()
                      + " lists itself as an input; a step cannot read its own result"
                  : "[JobCycle] input '"
                      + input.getKey()
                      + "' of "
                      + step.describe()
                      + " closes a cycle "
                      + String.join(" -> ", cycle)
                      + "; a job's data flows one way: remove one of the inputs in this cycle";
          errors.error(step.method(), step.annotation(), input.getValue().value(), message);
        }
      }
    }
  }

  /** Reports a job without sinks, or each source and step from which no sink can be reached. */
  private void checkSinks(
      JobModel job,
      List<StepModel> steps,
      Map<String, StepModel> byId,
      MutableGraph<String> graph) {
    if (steps.stream().noneMatch(s -> s.kind() == Node.Kind.SINK)) {
      errors.error(
          job.type(),
          job.annotation(),
          null,
          "[JobNoSink] job "
              + job.type().getSimpleName()
              + " has no @Sink, so nothing it computes is written; add a @Sink method that writes its result");
      return;
    }
    for (StepModel step : byId.values()) {
      if (step.kind() == Node.Kind.SINK) {
        continue;
      }
      boolean reachesSink =
          Graphs.reachableNodes(graph, step.id()).stream()
              .anyMatch(id -> byId.get(id).kind() == Node.Kind.SINK);
      if (!reachesSink) {
        errors.error(
            step.method(),
            step.annotation(),
            null,
            "[JobStepReachesNoSink] "
                + step.describe()
                + " leads to no @Sink, so its result is never written; list '"
                + step.id()
                + "' in the inputs of a step or sink, or remove it");
      }
    }
  }

  /** The shortest path of ids from {@code from} to {@code to}, both included, if there is one. */
  private static Optional<List<String>> path(MutableGraph<String> graph, String from, String to) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    parent.put(from, from);
    queue.add(from);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (at.equals(to)) {
        List<String> path = new ArrayList<>();
        for (String n = to; ; n = parent.get(n)) {
          path.add(0, n);
          if (n.equals(from)) {
            return Optional.of(path);
          }
        }
      }
      for (String next : graph.successors(at)) {
        if (parent.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /** " Did you mean 'x'?" for the closest known id within two edits, else empty. */
  private static String suggestion(String id, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int d = editDistance(id, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " Did you mean '" + best + "'?";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
