package io.dynaframe.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link JobGraph} as a Mermaid flowchart, left to right, with the same shapes and text
 * as {@link DotRenderer}: sources as blue cylinders, transforms as grey rounded boxes, sinks as
 * green framed boxes; stats, record counts on edges and red error steps for a graph of a run.
 * Mermaid diagrams show directly in GitHub and GitLab Markdown. The same graph always gives the
 * same text.
 */
public final class MermaidRenderer {
  private static final String INDENT = "    ";

  private MermaidRenderer() {}

  /** The Mermaid text of the graph, ending with a line break. */
  public static String render(JobGraph graph) {
    Map<String, String> ids = mermaidIds(graph);
    StringBuilder out = new StringBuilder();
    out.append("---\n");
    out.append("title: \"")
        .append(Labels.clean(graph.name()).replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"\n");
    out.append("---\n");
    out.append("flowchart LR\n");
    if (!graph.description().isEmpty()) {
      out.append(INDENT).append("%% ").append(Labels.clean(graph.description())).append('\n');
    }
    for (Node node : graph.nodes()) {
      String text =
          '"'
              + Labels.lines(node).stream()
                  .map(MermaidRenderer::escape)
                  .collect(Collectors.joining("<br/>"))
              + '"';
      String shaped =
          switch (node.kind()) {
            case SOURCE -> "[(" + text + ")]";
            case TRANSFORM -> "(" + text + ")";
            case SINK -> "[[" + text + "]]";
          };
      out.append(INDENT).append(ids.get(node.id())).append(shaped).append('\n');
    }
    for (Edge edge : graph.edges()) {
      String label =
          graph
              .node(edge.from())
              .flatMap(Node::stats)
              .map(s -> "|\"" + Labels.count(s.recordsOut()) + "\"|")
              .orElse("");
      out.append(INDENT)
          .append(ids.get(edge.from()))
          .append(" -->")
          .append(label)
          .append(' ')
          .append(ids.get(edge.to()))
          .append('\n');
    }
    for (Node.Kind kind : Node.Kind.values()) {
      String members =
          graph.nodes().stream()
              .filter(n -> n.kind() == kind)
              .map(n -> ids.get(n.id()))
              .collect(Collectors.joining(","));
      if (!members.isEmpty()) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        out.append(INDENT)
            .append("classDef ")
            .append(name)
            .append(" fill:")
            .append(fill(kind))
            .append('\n');
        out.append(INDENT).append("class ").append(members).append(' ').append(name).append('\n');
      }
    }
    String failed =
        graph.nodes().stream()
            .filter(Labels::hasErrors)
            .map(n -> ids.get(n.id()))
            .collect(Collectors.joining(","));
    if (!failed.isEmpty()) {
      out.append(INDENT)
          .append("classDef errors stroke:")
          .append(Labels.ERROR_COLOR)
          .append(",color:")
          .append(Labels.ERROR_COLOR)
          .append('\n');
      out.append(INDENT).append("class ").append(failed).append(" errors\n");
    }
    return out.toString();
  }

  private static String fill(Node.Kind kind) {
    return switch (kind) {
      case SOURCE -> Labels.SOURCE_FILL;
      case TRANSFORM -> Labels.TRANSFORM_FILL;
      case SINK -> Labels.SINK_FILL;
    };
  }

  /**
   * Mermaid node ids: {@code n_} and the node id with every character other than a letter, digit or
   * underscore replaced by an underscore (the prefix keeps clear of keywords such as {@code end});
   * a number is appended where two ids would otherwise collide.
   */
  private static Map<String, String> mermaidIds(JobGraph graph) {
    Map<String, String> ids = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Node node : graph.nodes()) {
      String base = "n_" + node.id().replaceAll("[^A-Za-z0-9_]", "_");
      String id = base;
      for (int i = 2; !taken.add(id); i++) {
        id = base + "_" + i;
      }
      ids.put(node.id(), id);
    }
    return ids;
  }

  /**
   * Text inside a quoted Mermaid label, with Mermaid's entity codes for characters it would
   * otherwise read.
   */
  private static String escape(String text) {
    StringBuilder b = new StringBuilder();
    Labels.clean(text)
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '#' -> b.append("#35;");
                case '"' -> b.append("#quot;");
                case '<' -> b.append("#lt;");
                case '>' -> b.append("#gt;");
                case '&' -> b.append("#amp;");
                case '`' -> b.append("#96;");
                default -> b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
