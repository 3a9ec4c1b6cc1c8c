package io.dynaframe.graph;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.graph.ElementOrder;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.MutableGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * An immutable job graph: a name, a description, the {@link Node}s (steps) in topological order and
 * the {@link Edge}s (frames) between them. A valid graph is acyclic, sources have no inputs and
 * sinks feed nothing; {@link Builder#build()} checks this.
 *
 * <p>Order is deterministic: {@link #nodes()} lists every node after all of its inputs, and among
 * nodes that could come in either order keeps the order in which they were added; {@link
 * #declarationOrder()} keeps the order in which they were added (for a {@code @Job} class, the
 * order of its step methods in the source); {@link #inputs(String)} keeps the order in which the
 * edges were added (a join's left input first).
 *
 * <p>{@link #toJson()} and {@link #fromJson(String)} convert a graph to and from its JSON form
 * ({@link JobGraphJson}), and {@link #forJobClass(Class)} reads the graph the annotation processor
 * wrote for a {@code @Job} class.
 */
public final class JobGraph {
  private final String name;
  private final String description;
  private final ImmutableList<Node> nodes;
  private final ImmutableList<String> declared;
  private final ImmutableMap<String, Node> byId;
  private final ImmutableList<Edge> edges;

  private JobGraph(
      String name,
      String description,
      ImmutableList<Node> nodes,
      ImmutableList<String> declared,
      ImmutableList<Edge> edges) {
    this.name = name;
    this.description = description;
    this.nodes = nodes;
    this.declared = declared;
    this.edges = edges;
    ImmutableMap.Builder<String, Node> ids = ImmutableMap.builder();
    nodes.forEach(n -> ids.put(n.id(), n));
    this.byId = ids.build();
  }

  /** Starts a graph for the job with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The graph of a JSON text in the form {@link #toJson()} writes ({@link JobGraphJson}).
   *
   * @throws JobGraphJsonException if the text is not JSON, lacks a member or has one of the wrong
   *     type, or describes a graph that is not valid; the message names the line and column
   */
  public static JobGraph fromJson(String json) {
    return JobGraphJson.read(json);
  }

  /**
   * The graph the annotation processor wrote for a {@code @Job} class, read from the class path
   * resource {@code META-INF/dynaframe/jobs/<binary class name>.json} through the class's class
   * loader; empty when there is none (the class was compiled without the processor). See {@link
   * JobGraphJson#forJobClass(Class)}.
   *
   * @throws JobGraphJsonException if the resource is there but is not a job graph's JSON
   * @throws java.io.UncheckedIOException if the resource cannot be read
   */
  public static Optional<JobGraph> forJobClass(Class<?> jobClass) {
    return JobGraphJson.forJobClass(jobClass);
  }

  /**
   * The JSON form of this graph ({@link JobGraphJson}); {@code fromJson(g.toJson())} equals {@code
   * g}.
   */
  public String toJson() {
    return JobGraphJson.write(this);
  }

  /** The job's name. */
  public String name() {
    return name;
  }

  /** What the job does; empty if not given. */
  public String description() {
    return description;
  }

  /** All nodes in topological order: each node comes after all of its inputs. */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * The ids of all nodes in the order they were added to the builder: for the graph of a
   * {@code @Job} class, the order of its step methods in the source. Unlike {@link #nodes()}, a
   * node may come before its inputs.
   */
  public List<String> declarationOrder() {
    return declared;
  }

  /**
   * All edges, ordered by the position of their target in {@link #nodes()}, then by input order.
   */
  public List<Edge> edges() {
    return edges;
  }

  /** The node with the given id, if there is one. */
  public Optional<Node> node(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The ids of the nodes whose frames the given node reads, in input order.
   *
   * @throws IllegalArgumentException if there is no node with that id
   */
  public List<String> inputs(String id) {
    require(id);
    return edges.stream()
        .filter(e -> e.to().equals(id))
        .map(Edge::from)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The ids of the nodes that read the given node's frame, in the order of {@link #nodes()}.
   *
   * @throws IllegalArgumentException if there is no node with that id
   */
  public List<String> outputs(String id) {
    require(id);
    return edges.stream()
        .filter(e -> e.from().equals(id))
        .map(Edge::to)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * This graph with the given node's stats set (a node of a run's lineage).
   *
   * @throws IllegalArgumentException if there is no node with that id
   */
  public JobGraph withStats(String id, StepStats stats) {
    Node node = require(id).withStats(stats);
    ImmutableList<Node> replaced =
        nodes.stream()
            .map(n -> n.id().equals(id) ? node : n)
            .collect(ImmutableList.toImmutableList());
    return new JobGraph(name, description, replaced, declared, edges);
  }

  private Node require(String id) {
    Node node = byId.get(id);
    if (node == null) {
      throw new IllegalArgumentException(
          "job graph '" + name + "' has no node '" + id + "'; its nodes are " + byId.keySet());
    }
    return node;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobGraph g
        && name.equals(g.name)
        && description.equals(g.description)
        && nodes.equals(g.nodes)
        && declared.equals(g.declared)
        && edges.equals(g.edges);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, nodes, declared, edges);
  }

  @Override
  public String toString() {
    return "JobGraph " + name + " " + nodes.stream().map(Node::id).toList() + " " + edges;
  }

  /** Collects nodes and edges; {@link #build()} checks them and orders them. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Sets what the job does. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds a node. */
    public Builder node(Node node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /** Adds an edge: the frame of node {@code from} is the next input of node {@code to}. */
    public Builder edge(String from, String to) {
      edges.add(new Edge(from, to));
      return this;
    }

    /**
     * The graph.
     *
     * @throws InvalidJobGraphException if two nodes share an id, an edge names an unknown node, is
     *     given twice, enters a source or leaves a sink, or the edges form a cycle
     */
    public JobGraph build() {
      Map<String, Node> byId = new LinkedHashMap<>();
      for (Node n : nodes) {
        if (byId.putIfAbsent(n.id(), n) != null) {
          throw invalid("two nodes have the id '%s'", n.id());
        }
      }
      MutableGraph<String> g =
          GraphBuilder.directed().allowsSelfLoops(true).nodeOrder(ElementOrder.insertion()).build();
      byId.keySet().forEach(g::addNode);
      Set<Edge> seen = new HashSet<>();
      for (Edge e : edges) {
        for (String end : List.of(e.from(), e.to())) {
          if (!byId.containsKey(end)) {
            throw invalid(
                "edge %s names '%s', which is not a node; the nodes are %s", e, end, byId.keySet());
          }
        }
        if (!seen.add(e)) {
          throw invalid("edge %s is given twice", e);
        }
        if (byId.get(e.to()).kind() == Node.Kind.SOURCE) {
          throw invalid("edge %s enters source '%s'; a source has no inputs", e, e.to());
        }
        if (byId.get(e.from()).kind() == Node.Kind.SINK) {
          throw invalid("edge %s leaves sink '%s'; a sink produces no frame to read", e, e.from());
        }
        g.putEdge(e.from(), e.to());
      }
      if (Graphs.hasCycle(g)) {
        throw invalid("the edges form a cycle: %s", String.join(" -> ", cycle(g)));
      }
      List<String> order = topologicalOrder(g);
      Map<String, Integer> position = new HashMap<>();
      order.forEach(id -> position.put(id, position.size()));
      ImmutableList<Node> sorted =
          order.stream().map(byId::get).collect(ImmutableList.toImmutableList());
      // stable sort: inputs of one node keep the order in which their edges were added
      ImmutableList<Edge> sortedEdges =
          edges.stream()
              .sorted(Comparator.comparing(e -> position.get(e.to())))
              .collect(ImmutableList.toImmutableList());
      return new JobGraph(
          name, description, sorted, ImmutableList.copyOf(byId.keySet()), sortedEdges);
    }

    private InvalidJobGraphException invalid(String format, Object... args) {
      return new InvalidJobGraphException(
          "job graph '" + name + "': " + String.format(format, args));
    }

    /** Kahn's algorithm; among ready nodes the one added first goes first. */
    private static List<String> topologicalOrder(MutableGraph<String> g) {
      Map<String, Integer> added = new HashMap<>();
      g.nodes().forEach(n -> added.put(n, added.size()));
      Map<String, Integer> pending = new HashMap<>();
      PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(added::get));
      for (String n : g.nodes()) {
        pending.put(n, g.inDegree(n));
        if (g.inDegree(n) == 0) {
          ready.add(n);
        }
      }
      List<String> order = new ArrayList<>();
      while (!ready.isEmpty()) {
        String n = ready.poll();
        order.add(n);
        for (String next : g.successors(n)) {
          if (pending.merge(next, -1, Integer::sum) == 0) {
            ready.add(next);
          }
        }
      }
      return order;
    }

    /** One cycle of a graph known to have one, as a closed path {@code a -> b -> a}. */
    private static List<String> cycle(MutableGraph<String> g) {
      for (String start : g.nodes()) {
        // breadth-first from start's successors back to start: the shortest cycle through start
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String s : g.successors(start)) {
          if (parent.putIfAbsent(s, start) == null) {
            queue.add(s);
          }
        }
        while (!queue.isEmpty()) {
          String n = queue.poll();
          if (n.equals(start)) {
            List<String> path = new ArrayList<>();
            String at = start;
            do {
              path.add(0, at);
              at = parent.get(at);
            } while (!at.equals(start));
            path.add(0, start);
            return path;
          }
          for (String s : g.successors(n)) {
            if (parent.putIfAbsent(s, n) == null) {
              queue.add(s);
            }
          }
        }
      }
      throw new IllegalStateException("no cycle found");
    }
  }
}
