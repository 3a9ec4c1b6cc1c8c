package io.dynaframe.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link JobGraph} as a Graphviz DOT digraph, left to right: sources as blue cylinders,
 * transforms as grey rounded boxes, sinks as green 3D boxes. Each node shows its id, type and
 * arguments, and for a step that ran, its records in, out and in error and its time; steps with
 * error records are drawn in red and edges carry the number of records that flowed. The same graph
 * always gives the same text.
 */
public final class DotRenderer {
  private static final String INDENT = "  ";

  private DotRenderer() {}

  /** The DOT text of the graph, ending with a line break. */
  public static String render(JobGraph graph) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(graph.name())).append(" {\n");
    line(out, "rankdir=LR");
    line(out, "labelloc=t");
    line(out, "label=" + quote(title(graph)));
    line(out, "fontname=\"Helvetica\"");
    line(out, "node [fontname=\"Helvetica\", fontsize=10]");
    line(out, "edge [fontname=\"Helvetica\", fontsize=9]");
    out.append('\n');
    for (Node node : graph.nodes()) {
      StringBuilder attrs = new StringBuilder(shape(node.kind()));
      attrs.append(", label=").append(quote(Labels.lines(node)));
      if (Labels.hasErrors(node)) {
        attrs
            .append(", color=\"")
            .append(Labels.ERROR_COLOR)
            .append("\", fontcolor=\"")
            .append(Labels.ERROR_COLOR)
            .append('"');
      }
      line(out, quote(node.id()) + " [" + attrs + "]");
    }
    if (!graph.edges().isEmpty()) {
      out.append('\n');
    }
    for (Edge edge : graph.edges()) {
      String label =
          graph
              .node(edge.from())
              .flatMap(Node::stats)
              .map(s -> " [label=" + quote(Labels.count(s.recordsOut())) + "]")
              .orElse("");
      line(out, quote(edge.from()) + " -> " + quote(edge.to()) + label);
    }
    out.append("}\n");
    return out.toString();
  }

  private static String title(JobGraph graph) {
    return graph.description().isEmpty() ? graph.name() : graph.name() + "\n" + graph.description();
  }

  private static String shape(Node.Kind kind) {
    return switch (kind) {
      case SOURCE -> "shape=cylinder, style=filled, fillcolor=\"" + Labels.SOURCE_FILL + "\"";
      case TRANSFORM ->
          "shape=box, style=\"rounded,filled\", fillcolor=\"" + Labels.TRANSFORM_FILL + "\"";
      case SINK -> "shape=box3d, style=filled, fillcolor=\"" + Labels.SINK_FILL + "\"";
    };
  }

  private static void line(StringBuilder out, String text) {
    out.append(INDENT).append(text).append('\n');
  }

  private static String quote(List<String> lines) {
    return '"' + lines.stream().map(DotRenderer::escape).collect(Collectors.joining("\\n")) + '"';
  }

  /** A DOT double-quoted string; line breaks in the text become centred line breaks. */
  private static String quote(String text) {
    return quote(List.of(text.split("\n", -1)));
  }

  private static String escape(String text) {
    return Labels.clean(text).replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
