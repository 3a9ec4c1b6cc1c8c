package io.dynaframe.job;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.graph.InvalidJobGraphException;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.lineage.internal.Recorder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@code @Job} class read by reflection: its steps (one per annotated method), the graph they
 * form (the same {@link JobGraph} the annotation processor draws), and each method's parameters
 * checked against its annotation. Every problem found is reported at once, in one {@link
 * JobDefinitionException} that names the class, the method and the parameter.
 */
final class AnnotatedJob {

  /** What a parameter of a step method receives. */
  public enum Role {
    CONTEXT,
    FRAME,
    COLLECTION
  }

  /** One annotated method. */
  public record StepMethod(
      Node.Kind kind,
      String id,
      String type,
      Map<String, String> args,
      List<String> inputs,
      Method method,
      List<Role> parameters) {

    /** {@code @Step clean (method OrdersJob.clean(DynamicFrame))}. */
    public String describe() {
      String annotation =
          switch (kind) {
            case SOURCE -> "@Source";
            case TRANSFORM -> "@Step";
            case SINK -> "@Sink";
          };
      return annotation + " " + id + " (method " + signature(method) + ")";
    }

    /** Whether the method returns a {@link FrameCollection}. */
    public boolean returnsCollection() {
      return FrameCollection.class.equals(method.getReturnType());
    }
  }

  private final Class<?> type;
  private final String name;
  private final String description;
  private final Map<String, StepMethod> steps;
  private final JobGraph graph;

  private AnnotatedJob(
      Class<?> type,
      String name,
      String description,
      Map<String, StepMethod> steps,
      JobGraph graph) {
    this.type = type;
    this.name = name;
    this.description = description;
    this.steps = steps;
    this.graph = graph;
  }

  /**
   * Reads and checks a job class.
   *
   * @throws JobDefinitionException listing every problem found
   */
  public static AnnotatedJob of(Class<?> type) {
    Job job = type.getAnnotation(Job.class);
    if (job == null) {
      throw new JobDefinitionException(
          "class "
              + type.getName()
              + " has no @Job annotation; annotate it with "
              + "@Job(name = \"...\") and its step methods with @Source, @Step and @Sink");
    }
    List<String> problems = new ArrayList<>();
    if (job.name().isBlank()) {
      problems.add(
          "the @Job name is blank; give the job the name it runs under, e.g. @Job(name = \"orders-daily\")");
    }
    Map<String, StepMethod> steps = new LinkedHashMap<>();
    for (Method m : ordered(type)) {
      List<StepMethod> found = new ArrayList<>();
      Source source = m.getAnnotation(Source.class);
      if (source != null) {
        found.add(
            new StepMethod(
                Node.Kind.SOURCE,
                idOf(source.id(), m),
                source.type(),
                args(source.args(), m, problems),
                List.of(),
                m,
                List.of()));
      }
      Step step = m.getAnnotation(Step.class);
      if (step != null) {
        found.add(
            new StepMethod(
                Node.Kind.TRANSFORM,
                idOf(step.id(), m),
                step.type(),
                args(step.args(), m, problems),
                List.of(step.inputs()),
                m,
                List.of()));
      }
      Sink sink = m.getAnnotation(Sink.class);
      if (sink != null) {
        found.add(
            new StepMethod(
                Node.Kind.SINK,
                idOf(sink.id(), m),
                sink.type(),
                args(sink.args(), m, problems),
                List.of(sink.inputs()),
                m,
                List.of()));
      }
      if (found.size() > 1) {
        problems.add(
            "method "
                + signature(m)
                + " has "
                + found.size()
                + " step annotations; a method is one step: "
                + "keep one of @Source, @Step and @Sink");
        continue;
      }
      if (found.isEmpty()) {
        continue;
      }
      StepMethod s = found.get(0);
      if (steps.containsKey(s.id())) {
        problems.add(
            "step id '"
                + s.id()
                + "' is used by methods "
                + signature(steps.get(s.id()).method())
                + " and "
                + signature(m)
                + "; give each step its own id");
        continue;
      }
      steps.put(s.id(), s);
    }
    if (steps.isEmpty() && problems.isEmpty()) {
      problems.add("it has no methods annotated with @Source, @Step or @Sink");
    }
    Map<String, StepMethod> checked = new LinkedHashMap<>();
    for (StepMethod s : steps.values()) {
      checked.put(s.id(), checkMethod(s, steps, problems));
    }
    JobGraph graph = null;
    if (problems.isEmpty()) {
      JobGraph.Builder b = JobGraph.builder(job.name()).description(job.description());
      checked
          .values()
          .forEach(
              s ->
                  b.node(
                      Node.of(s.kind(), s.id())
                          .withType(s.type())
                          .withArgs(Recorder.redact(s.args()))));
      checked.values().forEach(s -> s.inputs().forEach(i -> b.edge(i, s.id())));
      try {
        graph = b.build();
      } catch (InvalidJobGraphException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new JobDefinitionException(
          "job class " + type.getName() + " cannot run:\n  - " + String.join("\n  - ", problems));
    }
    return new AnnotatedJob(type, job.name(), job.description(), checked, graph);
  }

  private static StepMethod checkMethod(
      StepMethod s, Map<String, StepMethod> steps, List<String> problems) {
    Method m = s.method();
    if (Modifier.isAbstract(m.getModifiers())) {
      problems.add(s.describe() + " is abstract; a step method needs a body");
    }
    Class<?> ret = m.getReturnType();
    switch (s.kind()) {
      case SOURCE -> {
        if (!DynamicFrame.class.equals(ret)) {
          problems.add(
              s.describe()
                  + " returns "
                  + ret.getSimpleName()
                  + "; a @Source method returns the DynamicFrame it read");
        }
      }
      case TRANSFORM -> {
        if (!DynamicFrame.class.equals(ret) && !FrameCollection.class.equals(ret)) {
          problems.add(
              s.describe()
                  + " returns "
                  + ret.getSimpleName()
                  + "; a @Step method returns the DynamicFrame (or FrameCollection) it made");
        }
      }
      case SINK -> {
        if (!void.class.equals(ret) && !DynamicFrame.class.equals(ret)) {
          problems.add(
              s.describe()
                  + " returns "
                  + ret.getSimpleName()
                  + "; a @Sink method returns void or the DynamicFrame of the records it could not write");
        }
      }
    }
    List<Role> roles = new ArrayList<>();
    List<Parameter> frames = new ArrayList<>();
    Parameter[] params = m.getParameters();
    for (int i = 0; i < params.length; i++) {
      Parameter p = params[i];
      Class<?> t = p.getType();
      if (DynaContext.class.equals(t)) {
        roles.add(Role.CONTEXT);
      } else if (s.kind() != Node.Kind.SOURCE
          && (DynamicFrame.class.equals(t) || FrameCollection.class.equals(t))) {
        roles.add(DynamicFrame.class.equals(t) ? Role.FRAME : Role.COLLECTION);
        frames.add(p);
      } else {
        roles.add(null);
        problems.add(
            "parameter "
                + (i + 1)
                + " ("
                + t.getSimpleName()
                + " "
                + p.getName()
                + ") of "
                + s.describe()
                + (s.kind() == Node.Kind.SOURCE
                    ? " cannot be given: a @Source method takes no parameters or one DynaContext"
                    : " cannot be given: a step method takes one DynamicFrame (or FrameCollection) per input, in the order of"
                        + " its inputs, and optionally a DynaContext"));
      }
    }
    if (s.kind() != Node.Kind.SOURCE) {
      if (s.inputs().isEmpty()) {
        problems.add(
            s.describe()
                + " has no inputs; list the ids of the steps it reads, e.g. inputs = \"orders\"");
      }
      if (frames.size() != s.inputs().size() && !s.inputs().isEmpty()) {
        problems.add(
            s.describe()
                + " takes "
                + frames.size()
                + (frames.size() == 1 ? " frame" : " frames")
                + " but lists "
                + s.inputs().size()
                + (s.inputs().size() == 1 ? " input " : " inputs ")
                + s.inputs()
                + "; give it one DynamicFrame parameter per input, in the order of inputs");
      }
      for (int i = 0; i < s.inputs().size(); i++) {
        String input = s.inputs().get(i);
        StepMethod from = steps.get(input);
        if (from == null) {
          problems.add(
              "input '"
                  + input
                  + "' of "
                  + s.describe()
                  + " is not the id of a step of this job; the ids are "
                  + steps.keySet());
          continue;
        }
        if (from.kind() == Node.Kind.SINK) {
          problems.add(
              "input '"
                  + input
                  + "' of "
                  + s.describe()
                  + " is a @Sink, which produces no frame to read");
          continue;
        }
        if (i < frames.size()) {
          Parameter p = frames.get(i);
          boolean wantsCollection = FrameCollection.class.equals(p.getType());
          if (wantsCollection != from.returnsCollection()) {
            problems.add(
                "parameter "
                    + (indexOf(params, p) + 1)
                    + " ("
                    + p.getType().getSimpleName()
                    + " "
                    + p.getName()
                    + ") of "
                    + s.describe()
                    + " reads '"
                    + input
                    + "', which returns a "
                    + from.method().getReturnType().getSimpleName()
                    + "; declare the parameter as "
                    + from.method().getReturnType().getSimpleName());
          }
        }
      }
    }
    return new StepMethod(
        s.kind(),
        s.id(),
        s.type(),
        s.args(),
        s.inputs(),
        m,
        List.copyOf(roles.stream().map(r -> r == null ? Role.CONTEXT : r).toList()));
  }

  private static int indexOf(Parameter[] params, Parameter p) {
    return Arrays.asList(params).indexOf(p);
  }

  private static String idOf(String id, Method m) {
    return id.isEmpty() ? m.getName() : id;
  }

  private static Map<String, String> args(String[] args, Method m, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0 || a.substring(0, eq).isBlank()) {
        problems.add(
            "argument \""
                + a
                + "\" of method "
                + signature(m)
                + " is not of the form \"name = value\"");
        continue;
      }
      out.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
    }
    return out;
  }

  /**
   * The declared methods in the order of the processor's job graph (written as {@code
   * META-INF/dynaframe/jobs/<class>.json}; its nodes follow the declaration order among independent
   * steps) when the class was compiled with the processor, else by name.
   */
  private static List<Method> ordered(Class<?> type) {
    List<Method> methods = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    methods.removeIf(Method::isSynthetic);
    methods.sort(Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));
    Map<String, Integer> position = new HashMap<>();
    JobGraph.forJobClass(type)
        .ifPresent(g -> g.nodes().forEach(n -> position.putIfAbsent(n.id(), position.size())));
    if (!position.isEmpty()) {
      methods.sort(Comparator.comparing(m -> position.getOrDefault(stepId(m), Integer.MAX_VALUE)));
    }
    return methods;
  }

  private static String stepId(Method m) {
    Source source = m.getAnnotation(Source.class);
    Step step = m.getAnnotation(Step.class);
    Sink sink = m.getAnnotation(Sink.class);
    String id =
        source != null ? source.id() : step != null ? step.id() : sink != null ? sink.id() : "";
    return idOf(id, m);
  }

  static String signature(Method m) {
    return m.getDeclaringClass().getSimpleName()
        + "."
        + m.getName()
        + "("
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** The job class. */
  public Class<?> type() {
    return type;
  }

  /** The {@code @Job} name. */
  public String name() {
    return name;
  }

  /** The {@code @Job} description. */
  public String description() {
    return description;
  }

  /** The graph of the steps, as the annotation processor draws it. */
  public JobGraph graph() {
    return graph;
  }

  /** The step with the given id. */
  public StepMethod step(String id) {
    return steps.get(id);
  }
}
