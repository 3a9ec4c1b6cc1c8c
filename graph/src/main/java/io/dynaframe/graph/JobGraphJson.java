package io.dynaframe.graph;

import io.dynaframe.graph.Json.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON form of a {@link JobGraph}: what the annotation processor writes for each {@code @Job}
 * class as the class path resource {@link #resourceName(String) META-INF/dynaframe/jobs/&lt;binary
 * class name&gt;.json}, and what the runtime reads back with {@link #forJobClass(Class)}, so that
 * compile time and run time share one job model.
 *
 * <p>The form, version {@value #FORMAT}:
 *
 * <pre>{@code
 * {
 *   "format": 1,
 *   "name": "orders-daily",
 *   "description": "Daily orders to the lake",
 *   "nodes": [
 *     {
 *       "id": "orders",
 *       "kind": "SOURCE",
 *       "type": "S3 JSON",
 *       "method": "orders",
 *       "args": {"paths": "s3://landing/orders/"}
 *     },
 *     {
 *       "id": "lake",
 *       "kind": "SINK",
 *       "type": "S3 Parquet",
 *       "method": "writeLake",
 *       "args": {},
 *       "stats": {"recordsIn": 10, "recordsOut": 10, "recordsInError": 0, "duration": "PT1.5S"}
 *     }
 *   ],
 *   "edges": [
 *     {"from": "orders", "to": "lake"}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code nodes} lists the nodes in {@linkplain JobGraph#declarationOrder() declaration order}
 * (for a {@code @Job} class, the order of its step methods in the source); the topological order of
 * {@link JobGraph#nodes()} follows from it and the edges. {@code kind} is a {@link Node.Kind} name;
 * {@code method} (the Java method that declares the step) and {@code stats} (a run's {@link
 * StepStats}, the duration in ISO-8601 as {@link Duration#toString()} writes it) appear only when
 * the node has them; {@code args} keep their order. {@code edges} are in the order of {@link
 * JobGraph#edges()}, so a join's left input comes first. Reading accepts the members in any order,
 * takes a missing {@code description} or {@code type} as empty and a missing {@code args} or {@code
 * edges} as none, and ignores members it does not know.
 *
 * <p>Writing is deterministic (the same graph gives the same text, two-space indented, ending with
 * a line break) and {@code read(write(g))} equals {@code g}. The module has no JSON library: this
 * class and its package's small parser do the work.
 */
public final class JobGraphJson {
  /**
   * The version of the form that {@link #write(JobGraph)} writes and {@link #read(String)} reads.
   */
  public static final int FORMAT = 1;

  /** The class path folder of the processor's JSON graphs, one per {@code @Job} class. */
  public static final String RESOURCE_FOLDER = "META-INF/dynaframe/jobs/";

  private static final String INDENT = "  ";

  private JobGraphJson() {}

  /**
   * The class path resource of a job class's JSON graph: {@code META-INF/dynaframe/jobs/<binary
   * class name>.json}, for example {@code META-INF/dynaframe/jobs/com.example.Jobs$Daily.json}.
   *
   * @param binaryClassName the class's binary name, as {@link Class#getName()} gives it
   */
  public static String resourceName(String binaryClassName) {
    return RESOURCE_FOLDER + binaryClassName + ".json";
  }

  /**
   * The graph the annotation processor wrote for the given {@code @Job} class, read through the
   * class's own class loader (the system class loader for a class of the bootstrap loader); empty
   * if there is none (the class was compiled without the processor, or is not a job).
   *
   * @throws JobGraphJsonException if the resource is there but cannot be read as a job graph
   * @throws UncheckedIOException if the resource cannot be read
   */
  public static Optional<JobGraph> forJobClass(Class<?> type) {
    ClassLoader loader =
        type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
    String name = resourceName(type.getName());
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read " + name + " of job class " + type.getName(), e);
    }
  }

  /** The JSON text of the graph, ending with a line break. */
  public static String write(JobGraph graph) {
    StringBuilder out = new StringBuilder();
    out.append("{\n");
    member(out, 1, "format").append(FORMAT).append(",\n");
    member(out, 1, "name").append(Json.quote(graph.name())).append(",\n");
    member(out, 1, "description").append(Json.quote(graph.description())).append(",\n");
    member(out, 1, "nodes").append('[');
    List<String> order = graph.declarationOrder();
    for (int i = 0; i < order.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n");
      node(out, graph.node(order.get(i)).orElseThrow());
    }
    out.append(order.isEmpty() ? "],\n" : "\n" + INDENT + "],\n");
    member(out, 1, "edges").append('[');
    List<Edge> edges = graph.edges();
    for (int i = 0; i < edges.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n")
          .append(INDENT.repeat(2))
          .append("{\"from\": ")
          .append(Json.quote(edges.get(i).from()))
          .append(", \"to\": ")
          .append(Json.quote(edges.get(i).to()))
          .append('}');
    }
    out.append(edges.isEmpty() ? "]\n" : "\n" + INDENT + "]\n");
    return out.append("}\n").toString();
  }

  private static void node(StringBuilder out, Node node) {
    out.append(INDENT.repeat(2)).append("{\n");
    member(out, 3, "id").append(Json.quote(node.id())).append(",\n");
    member(out, 3, "kind").append(Json.quote(node.kind().name())).append(",\n");
    member(out, 3, "type").append(Json.quote(node.type())).append(",\n");
    node.method().ifPresent(m -> member(out, 3, "method").append(Json.quote(m)).append(",\n"));
    member(out, 3, "args").append('{');
    boolean first = true;
    for (Map.Entry<String, String> arg : node.args().entrySet()) {
      out.append(first ? "" : ", ")
          .append(Json.quote(arg.getKey()))
          .append(": ")
          .append(Json.quote(arg.getValue()));
      first = false;
    }
    out.append('}');
    node.stats()
        .ifPresent(
            s -> {
              out.append(",\n");
              member(out, 3, "stats")
                  .append("{\"recordsIn\": ")
                  .append(s.recordsIn())
                  .append(", \"recordsOut\": ")
                  .append(s.recordsOut())
                  .append(", \"recordsInError\": ")
                  .append(s.recordsInError())
                  .append(", \"duration\": ")
                  .append(Json.quote(s.duration().toString()))
                  .append('}');
            });
    out.append('\n').append(INDENT.repeat(2)).append('}');
  }

  private static StringBuilder member(StringBuilder out, int depth, String name) {
    return out.append(INDENT.repeat(depth)).append(Json.quote(name)).append(": ");
  }

  /**
   * The graph of a JSON text written by {@link #write(JobGraph)}.
   *
   * @throws JobGraphJsonException if the text is not JSON, lacks a member or has one of the wrong
   *     type, or describes a graph that is not valid; the message names the line and column
   */
  public static JobGraph read(String json) {
    return read(json, "job graph JSON");
  }

  /** {@link #read(String)}, with messages that name the text as {@code source}. */
  static JobGraph read(String json, String source) {
    return new Reader(source).graph(Json.parse(json, source));
  }

  /** Turns parsed JSON into a graph, with errors at the value at fault. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    JobGraph graph(Value root) {
      Map<String, Value> top = object(root, "the job graph");
      Value format = required(top, "format", root, "the job graph");
      long version = integer(format, "\"format\"");
      if (version != FORMAT) {
        throw error(
            format,
            "this is job graph JSON format "
                + version
                + "; this version of dynaframe reads format "
                + FORMAT
                + (version > FORMAT ? ": upgrade dynaframe-graph to read it" : ""));
      }
      JobGraph.Builder builder =
          JobGraph.builder(string(required(top, "name", root, "the job graph"), "\"name\""));
      builder.description(optionalString(top, "description", "\"description\""));
      Set<String> ids = new HashSet<>();
      Value nodes = required(top, "nodes", root, "the job graph");
      List<Value> nodeList = array(nodes, "\"nodes\"");
      for (int i = 0; i < nodeList.size(); i++) {
        Value n = nodeList.get(i);
        Node node = node(n, "node " + (i + 1));
        if (!ids.add(node.id())) {
          throw error(n, "two nodes have the id '" + node.id() + "'");
        }
        builder.node(node);
      }
      Value edges = top.get("edges");
      if (edges != null) {
        List<Value> edgeList = array(edges, "\"edges\"");
        for (int i = 0; i < edgeList.size(); i++) {
          Value e = edgeList.get(i);
          String what = "edge " + (i + 1);
          Map<String, Value> edge = object(e, what);
          String from = endpoint(edge, "from", e, what, ids);
          String to = endpoint(edge, "to", e, what, ids);
          builder.edge(from, to);
        }
      }
      try {
        return builder.build();
      } catch (InvalidJobGraphException e) {
        throw error(edges != null ? edges : nodes, e.getMessage(), e);
      }
    }

    private String endpoint(
        Map<String, Value> edge, String member, Value at, String what, Set<String> ids) {
      Value v = required(edge, member, at, what);
      String id = string(v, "\"" + member + "\" of " + what);
      if (!ids.contains(id)) {
        throw error(
            v,
            "\"" + member + "\" of " + what + " names '" + id + "', which is not the id of a node");
      }
      return id;
    }

    private Node node(Value at, String what) {
      Map<String, Value> fields = object(at, what);
      Value kindValue = required(fields, "kind", at, what);
      String kindName = string(kindValue, "\"kind\" of " + what);
      Node.Kind kind;
      try {
        kind = Node.Kind.valueOf(kindName);
      } catch (IllegalArgumentException e) {
        throw error(
            kindValue,
            "\"kind\" of "
                + what
                + " is '"
                + kindName
                + "'; it must be one of "
                + List.of(Node.Kind.values()));
      }
      Value idValue = required(fields, "id", at, what);
      String id = string(idValue, "\"id\" of " + what);
      Node node;
      try {
        node = Node.of(kind, id);
      } catch (IllegalArgumentException e) {
        throw error(idValue, e.getMessage(), e);
      }
      node = node.withType(optionalString(fields, "type", "\"type\" of " + what));
      Value method = fields.get("method");
      if (method != null) {
        String m = string(method, "\"method\" of " + what);
        if (m.isBlank()) {
          throw error(
              method,
              "\"method\" of " + what + " is blank; leave it out when no method declares the step");
        }
        node = node.withMethod(m);
      }
      Value args = fields.get("args");
      if (args != null) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Value> arg : object(args, "\"args\" of " + what).entrySet()) {
          values.put(
              arg.getKey(), string(arg.getValue(), "argument \"" + arg.getKey() + "\" of " + what));
        }
        node = node.withArgs(values);
      }
      Value stats = fields.get("stats");
      if (stats != null) {
        node = node.withStats(stats(stats, "\"stats\" of " + what));
      }
      return node;
    }

    private StepStats stats(Value at, String what) {
      Map<String, Value> fields = object(at, what);
      long in = integer(required(fields, "recordsIn", at, what), "\"recordsIn\" of " + what);
      long out = integer(required(fields, "recordsOut", at, what), "\"recordsOut\" of " + what);
      long inError =
          integer(required(fields, "recordsInError", at, what), "\"recordsInError\" of " + what);
      Value durationValue = required(fields, "duration", at, what);
      String text = string(durationValue, "\"duration\" of " + what);
      Duration duration;
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw error(
            durationValue,
            "\"duration\" of "
                + what
                + " is '"
                + text
                + "', which is not an ISO-8601 duration such as PT1.5S",
            e);
      }
      try {
        return new StepStats(in, out, inError, duration);
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage(), e);
      }
    }

    private Value required(Map<String, Value> fields, String member, Value at, String what) {
      Value v = fields.get(member);
      if (v == null) {
        throw error(at, what + " has no \"" + member + "\"");
      }
      return v;
    }

    private String optionalString(Map<String, Value> fields, String member, String what) {
      Value v = fields.get(member);
      return v == null ? "" : string(v, what);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Value> object(Value v, String what) {
      if (v.content() instanceof Map<?, ?> map) {
        return (Map<String, Value>) map;
      }
      throw wrongType(v, what, "an object");
    }

    @SuppressWarnings("unchecked")
    private List<Value> array(Value v, String what) {
      if (v.content() instanceof List<?> list) {
        return (List<Value>) list;
      }
      throw wrongType(v, what, "an array");
    }

    private String string(Value v, String what) {
      if (v.content() instanceof String s) {
        return s;
      }
      throw wrongType(v, what, "a string");
    }

    private long integer(Value v, String what) {
      if (v.content() instanceof BigDecimal n) {
        try {
          return n.longValueExact();
        } catch (ArithmeticException e) {
          throw error(
              v,
              what
                  + " is "
                  + n.toPlainString()
                  + "; it must be a whole number that fits in 64 bits",
              e);
        }
      }
      throw wrongType(v, what, "a whole number");
    }

    private JobGraphJsonException wrongType(Value v, String what, String expected) {
      return error(v, what + " must be " + expected + " but is " + v.typeName());
    }

    private JobGraphJsonException error(Value at, String message) {
      return error(at, message, null);
    }

    private JobGraphJsonException error(Value at, String message, Throwable cause) {
      return new JobGraphJsonException(source, at.line(), at.column(), message, cause);
    }
  }
}
