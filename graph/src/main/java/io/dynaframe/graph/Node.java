package io.dynaframe.graph;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a job graph: its id (unique in the graph), its {@link Kind}, its type (what it is,
 * for example {@code ApplyMapping} or {@code S3 Parquet}), the arguments shown on the diagram, for
 * a step of a {@code @Job} class the name of the method that declares it, and, for a step that ran,
 * its {@link StepStats}. Immutable: the {@code with...} methods return a new node.
 */
public final class Node {

  /** What a step does with frames. */
  public enum Kind {
    /** Reads data from outside the job; has no inputs. */
    SOURCE,
    /** Reads frames of other steps and produces a frame. */
    TRANSFORM,
    /** Writes frames out of the job; nothing reads from it. */
    SINK
  }

  private final String id;
  private final Kind kind;
  private final String type;
  private final ImmutableMap<String, String> args;
  private final String method;
  private final StepStats stats;

  private Node(
      String id,
      Kind kind,
      String type,
      ImmutableMap<String, String> args,
      String method,
      StepStats stats) {
    this.id = id;
    this.kind = kind;
    this.type = type;
    this.args = args;
    this.method = method;
    this.stats = stats;
  }

  /**
   * A node of the given kind with no type, arguments, method or stats.
   *
   * @throws IllegalArgumentException if the id is blank or starts or ends with whitespace
   */
  public static Node of(Kind kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || !id.equals(id.strip())) {
      throw new IllegalArgumentException(
          "node id must not be blank or start or end with whitespace: '" + id + "'");
    }
    return new Node(id, kind, "", ImmutableMap.of(), null, null);
  }

  /** A {@link Kind#SOURCE} node. */
  public static Node source(String id) {
    return of(Kind.SOURCE, id);
  }

  /** A {@link Kind#TRANSFORM} node. */
  public static Node transform(String id) {
    return of(Kind.TRANSFORM, id);
  }

  /** A {@link Kind#SINK} node. */
  public static Node sink(String id) {
    return of(Kind.SINK, id);
  }

  /** This node with the given type (empty for none). */
  public Node withType(String type) {
    return new Node(id, kind, Objects.requireNonNull(type, "type"), args, method, stats);
  }

  /** This node with the given arguments, in the map's iteration order, replacing any it had. */
  public Node withArgs(Map<String, String> args) {
    return new Node(id, kind, type, ImmutableMap.copyOf(args), method, stats);
  }

  /** This node with one more argument (or a new value for an existing one, kept in its place). */
  public Node withArg(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(args);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Node(id, kind, type, ImmutableMap.copyOf(copy), method, stats);
  }

  /**
   * This node with the name of the Java method that declares the step (what the annotation
   * processor records for a step of a {@code @Job} class).
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public Node withMethod(String method) {
    Objects.requireNonNull(method, "method");
    if (method.isBlank()) {
      throw new IllegalArgumentException("the method name of node '" + id + "' must not be blank");
    }
    return new Node(id, kind, type, args, method, stats);
  }

  /** This node with the stats of a run. */
  public Node withStats(StepStats stats) {
    return new Node(id, kind, type, args, method, Objects.requireNonNull(stats, "stats"));
  }

  /** The id, unique in its graph. */
  public String id() {
    return id;
  }

  /** Whether this is a source, a transform or a sink. */
  public Kind kind() {
    return kind;
  }

  /** What the step is, for example {@code ApplyMapping}; empty if not known. */
  public String type() {
    return type;
  }

  /** The arguments shown on the diagram, in their given order. */
  public Map<String, String> args() {
    return args;
  }

  /**
   * The name of the Java method that declares the step, for a node of a {@code @Job} class's graph
   * as the annotation processor writes it (it differs from the id when the annotation gives an
   * {@code id}); empty for a graph from elsewhere, such as a Glue script.
   */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** What the step did in a run; empty for a node that has not run (a compile-time diagram). */
  public Optional<StepStats> stats() {
    return Optional.ofNullable(stats);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node n
        && id.equals(n.id)
        && kind == n.kind
        && type.equals(n.type)
        && args.equals(n.args)
        && Objects.equals(method, n.method)
        && Objects.equals(stats, n.stats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, type, args, method, stats);
  }

  @Override
  public String toString() {
    return kind
        + " "
        + id
        + (type.isEmpty() ? "" : " (" + type + ")")
        + (args.isEmpty() ? "" : " " + args)
        + (method == null ? "" : " declared by " + method + "()")
        + (stats == null ? "" : " " + stats);
  }
}
