package io.dynaframe.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link JobGraph} as a Mermaid flowchart, left to right, with the same shapes and
 * text as {@link DotRenderer}: sources as cylinders, transforms as rounded boxes, sinks as
 * parallelograms; stats, record counts on edges and red error steps for a graph of a run.
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
    out.append("title: \"").append(Labels.clean(graph.name()).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    out.append("---\n");
    out.append("flowchart LR\n");
    if (!graph.description().isEmpty()) {
      out.append(INDENT).append("%% ").append(Labels.clean(graph.description())).append('\n');
    }
    for (Node node : graph.nodes()) {
      String text = '"' + Labels.lines(node).stream().map(MermaidRenderer::escape).collect(Collectors.joining("<br/>")) + '"';
      String shaped = switch (node.kind()) {
        case SOURCE -> "[(" + text + ")]";
        case TRANSFORM -> "(" + text + ")";
        case SINK -> "[/" + text + "/]";
      };
      out.append(INDENT).append(ids.get(node.id())).append(shaped).append('\n');
    }
    for (Edge edge : graph.edges()) {
      String label = graph.node(edge.from()).flatMap(Node::stats)
          .map(s -> "|\"" + Labels.count(s.recordsOut()) + "\"| ").orElse("");
      out.append(INDENT).append(ids.get(edge.from())).append(" --> ").append(label).append(ids.get(edge.to())).append('\n');
    }
    String failed = graph.nodes().stream().filter(Labels::hasErrors).map(n -> ids.get(n.id()))
        .collect(Collectors.joining(","));
    if (!failed.isEmpty()) {
      out.append(INDENT).append("classDef errors stroke:#b22222,color:#b22222\n");
      out.append(INDENT).append("class ").append(failed).append(" errors\n");
    }
    return out.toString();
  }

  /**
   * Mermaid node ids: {@code n_} and the node id with every character other than a letter, digit
   * or underscore replaced by an underscore (the prefix keeps clear of keywords such as
   * {@code end}); a number is appended where two ids would otherwise collide.
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

  /** Text inside a quoted Mermaid label, with Mermaid's entity codes for characters it would otherwise read. */
  private static String escape(String text) {
    StringBuilder b = new StringBuilder();
    Labels.clean(text).codePoints().forEach(c -> {
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
