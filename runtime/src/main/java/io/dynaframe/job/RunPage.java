package io.dynaframe.job;

import io.dynaframe.InputFile;
import io.dynaframe.Options;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import io.dynaframe.lineage.ColumnOrigin;
import io.dynaframe.lineage.ErrorSample;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.RunLineage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The run page: one self-contained HTML file (no script, no style sheet or font from elsewhere; a
 * content security policy forbids both) that shows a run: the diagram as inline SVG with the
 * records in, out and in error of every step, the steps' times, what was read and written, the
 * first error records of each step with file and line, links to the samples Spigot wrote, and the
 * column lineage of each output. Every text from the run (names, paths, data) is escaped. The page
 * is well-formed XML as well as HTML, so tests read it with the JDK's XML parser.
 */
final class RunPage {
  /** The page's file name, next to {@code report.json}. */
  public static final String FILE = "run.html";

  private static final int LINE = 16;
  private static final int PAD = 8;
  private static final int GAP_X = 28;
  private static final int GAP_Y = 56;
  private static final int MAX_CHARS = 40;

  private RunPage() {}

  /**
   * The page of a report.
   *
   * @param report the run's report
   * @param lineage the run's lineage (first errors, samples, column lineage)
   * @param folder the folder the page is written to (relative links start there)
   * @param sampleFiles the files of a sample folder, as paths or URIs (empty: link the folder)
   */
  public static String render(
      RunReport report,
      RunLineage lineage,
      String folder,
      Function<String, List<String>> sampleFiles) {
    StringBuilder b = new StringBuilder(16 * 1024);
    JobGraph graph = report.graph();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\" />\n")
        .append("<title>")
        .append(esc(report.job() + " run " + report.runId()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    b.append("<h1>job <span id=\"job\">")
        .append(esc(report.job()))
        .append("</span></h1>\n<p>run <code id=\"run-id\">")
        .append(esc(report.runId()))
        .append("</code>: <b id=\"status\" class=\"status-")
        .append(esc(report.status().toLowerCase(Locale.ROOT)))
        .append("\">")
        .append(esc(report.status()))
        .append("</b></p>\n");
    b.append(
        "<nav><a href=\"#diagram\">diagram</a> · <a href=\"#steps\">steps</a> · "
            + "<a href=\"#io\">read and written</a> · <a href=\"#errors\">error records</a> · "
            + "<a href=\"#quality\">data quality</a> · "
            + "<a href=\"#samples\">samples</a> · <a href=\"#lineage\">column lineage</a> · "
            + "<a href=\"#arguments\">arguments</a> · <a href=\"#files\">files</a></nav>\n");

    b.append("<section id=\"diagram\">\n<h2>Diagram</h2>\n<div class=\"scroll\">\n");
    svg(b, graph);
    b.append("</div>\n</section>\n");

    steps(b, report);
    io(b, report, lineage);
    errors(b, report, lineage);
    quality(b, report);
    samples(b, lineage, folder, sampleFiles);
    columnLineage(b, report, lineage);
    arguments(b, report);
    files(b, report, folder);
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  // ---------------------------------------------------------------- the diagram

  private static void svg(StringBuilder b, JobGraph graph) {
    List<Node> nodes = graph.nodes();
    if (nodes.isEmpty()) {
      b.append("<p>No step ran.</p>\n");
      return;
    }
    Map<String, Integer> layer = new HashMap<>();
    List<List<Node>> layers = new ArrayList<>();
    int chars = 12;
    for (Node n : nodes) {
      int l = 0;
      for (String in : graph.inputs(n.id())) {
        l = Math.max(l, layer.getOrDefault(in, -1) + 1);
      }
      layer.put(n.id(), l);
      while (layers.size() <= l) {
        layers.add(new ArrayList<>());
      }
      layers.get(l).add(n);
      for (String line : nodeLines(n)) {
        chars = Math.max(chars, Math.min(MAX_CHARS, line.length()));
      }
    }
    int w = chars * 7 + 2 * PAD + 4;
    int h = 4 * LINE + 2 * PAD;
    int widest = layers.stream().mapToInt(List::size).max().orElse(1);
    int width = widest * (w + GAP_X) + GAP_X;
    int height = layers.size() * (h + GAP_Y) + GAP_Y / 2;
    Map<String, int[]> at = new LinkedHashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      List<Node> row = layers.get(l);
      int rowWidth = row.size() * (w + GAP_X) - GAP_X;
      int x0 = (width - rowWidth) / 2;
      for (int i = 0; i < row.size(); i++) {
        at.put(row.get(i).id(), new int[] {x0 + i * (w + GAP_X), GAP_Y / 2 + l * (h + GAP_Y)});
      }
    }
    b.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc("diagram of job " + graph.name()))
        .append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
        .append(
            "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
                + "fill=\"#555\" /></marker></defs>\n");
    for (Node n : nodes) {
      int[] to = at.get(n.id());
      for (String in : graph.inputs(n.id())) {
        int[] from = at.get(in);
        if (from == null) {
          continue;
        }
        int x1 = from[0] + w / 2;
        int y1 = from[1] + h;
        int x2 = to[0] + w / 2;
        int y2 = to[1];
        b.append("<g class=\"edge\" data-from=\"")
            .append(esc(in))
            .append("\" data-to=\"")
            .append(esc(n.id()))
            .append("\"><path d=\"M")
            .append(x1)
            .append(',')
            .append(y1)
            .append(" C")
            .append(x1)
            .append(',')
            .append(y1 + GAP_Y / 2)
            .append(' ')
            .append(x2)
            .append(',')
            .append(y2 - GAP_Y / 2)
            .append(' ')
            .append(x2)
            .append(',')
            .append(y2)
            .append("\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\" />");
        long records = edgeRecords(graph, in, n);
        if (records >= 0) {
          b.append("<text class=\"edge-label\" x=\"")
              .append((x1 + x2) / 2 + 6)
              .append("\" y=\"")
              .append((y1 + y2) / 2 + 4)
              .append("\">")
              .append(esc(count(records)))
              .append("</text>");
        }
        b.append("</g>\n");
      }
    }
    for (Node n : nodes) {
      int[] p = at.get(n.id());
      StepStats s = n.stats().orElse(null);
      boolean bad = s != null && s.recordsInError() > 0;
      b.append("<g class=\"node ")
          .append(kind(n.kind()))
          .append(bad ? " has-errors" : "")
          .append("\" data-step=\"")
          .append(esc(n.id()));
      if (s != null) {
        b.append("\" data-in=\"")
            .append(s.recordsIn())
            .append("\" data-out=\"")
            .append(s.recordsOut())
            .append("\" data-errors=\"")
            .append(s.recordsInError());
      }
      b.append("\">");
      b.append("<title>")
          .append(esc(kind(n.kind()) + " " + n.id() + (n.type().isEmpty() ? "" : ": " + n.type())))
          .append("</title>");
      b.append("<rect x=\"")
          .append(p[0])
          .append("\" y=\"")
          .append(p[1])
          .append("\" width=\"")
          .append(w)
          .append("\" height=\"")
          .append(h)
          .append("\" rx=\"6\" />");
      List<String> lines = nodeLines(n);
      String[] classes = {"id", "type", "counts", "time"};
      for (int i = 0; i < lines.size(); i++) {
        b.append("<text class=\"")
            .append(classes[i])
            .append("\" x=\"")
            .append(p[0] + PAD)
            .append("\" y=\"")
            .append(p[1] + PAD + LINE * (i + 1) - 4)
            .append("\">")
            .append(esc(shorten(lines.get(i))))
            .append("</text>");
      }
      b.append("</g>\n");
    }
    b.append("</svg>\n");
  }

  /**
   * The records that went along an edge: what the step read when it reads only this input, else
   * what the input produced when this is its only reader; -1 (no label) when neither is known (a
   * step with several outputs read by a step with several inputs).
   */
  private static long edgeRecords(JobGraph graph, String from, Node to) {
    if (graph.inputs(to.id()).size() == 1 && to.stats().isPresent()) {
      return to.stats().get().recordsIn();
    }
    if (graph.outputs(from).size() == 1) {
      return graph.node(from).flatMap(Node::stats).map(StepStats::recordsOut).orElse(-1L);
    }
    return -1;
  }

  /** Id, type, counts and time: the four lines of a step's box. */
  private static List<String> nodeLines(Node n) {
    List<String> lines = new ArrayList<>();
    lines.add(n.id());
    lines.add(n.type().isEmpty() ? kind(n.kind()) : n.type());
    StepStats s = n.stats().orElse(null);
    if (s != null) {
      lines.add(
          count(s.recordsIn())
              + " in · "
              + count(s.recordsOut())
              + " out · "
              + count(s.recordsInError())
              + (s.recordsInError() == 1 ? " error" : " errors"));
      lines.add(duration(s.duration()));
    }
    return lines;
  }

  // ---------------------------------------------------------------- the sections

  private static void steps(StringBuilder b, RunReport report) {
    b.append("<section id=\"steps\">\n<h2>Steps and times</h2>\n<table id=\"step-table\">\n")
        .append(
            "<tr><th>step</th><th>kind</th><th>type</th><th>reads</th><th class=\"n\">in</th>"
                + "<th class=\"n\">out</th><th class=\"n\">errors</th><th class=\"n\">time</th>"
                + "</tr>\n");
    Duration total = Duration.ZERO;
    for (RunReport.Step s : report.steps()) {
      total = total.plus(s.duration());
      b.append("<tr data-step=\"")
          .append(esc(s.id()))
          .append("\"><td>")
          .append(esc(s.id()))
          .append("</td><td>")
          .append(kind(s.kind()))
          .append("</td><td>")
          .append(esc(s.type()))
          .append("</td><td>")
          .append(esc(String.join(", ", s.inputs())))
          .append("</td><td class=\"n\">")
          .append(count(s.recordsIn()))
          .append("</td><td class=\"n\">")
          .append(count(s.recordsOut()))
          .append("</td><td class=\"n")
          .append(s.recordsInError() > 0 ? " bad" : "")
          .append("\">")
          .append(count(s.recordsInError()))
          .append("</td><td class=\"n\">")
          .append(duration(s.duration()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<p class=\"note\">Time of all steps on the driver: ")
        .append(duration(total))
        .append(
            ". A sink's time is its write (the Spark jobs that compute everything before it); a"
                + " transform's is only the definition of its work, which runs in the sinks'"
                + " jobs.</p>\n</section>\n");
  }

  private static void io(StringBuilder b, RunReport report, RunLineage lineage) {
    b.append("<section id=\"io\">\n<h2>Read and written</h2>\n<h3>Sources</h3>\n");
    ioTable(b, report, Node.Kind.SOURCE, "sources");
    b.append("<h3>Sinks</h3>\n");
    ioTable(b, report, Node.Kind.SINK, "sinks");
    b.append("<h3>Datasets read</h3>\n<ul id=\"inputs\">\n");
    for (LineageDataset d : lineage.inputs()) {
      b.append("<li><code>").append(esc(d.toString())).append("</code></li>\n");
    }
    b.append("</ul>\n<h3>Datasets written</h3>\n<table id=\"outputs\">\n")
        .append("<tr><th>dataset</th><th>step</th><th class=\"n\">records</th></tr>\n");
    for (RunReport.Output o : report.outputs()) {
      b.append("<tr><td><code>")
          .append(esc(o.dataset().toString()))
          .append("</code></td><td>")
          .append(esc(o.step()))
          .append("</td><td class=\"n\">")
          .append(count(o.records()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    if (!report.filesRead().isEmpty()) {
      b.append("<h3>Files the bookmarks read</h3>\n<ul id=\"bookmarks\">\n");
      for (Map.Entry<String, List<InputFile>> e : report.filesRead().entrySet()) {
        b.append("<li>")
            .append(esc(e.getKey()))
            .append(": ")
            .append(e.getValue().size())
            .append(e.getValue().size() == 1 ? " new or changed file" : " new or changed files")
            .append("<ul>");
        for (InputFile f : e.getValue()) {
          b.append("<li><code>")
              .append(esc(Options.withoutUserInfo(f.path())))
              .append("</code></li>");
        }
        b.append("</ul></li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  private static void ioTable(StringBuilder b, RunReport report, Node.Kind kind, String id) {
    b.append("<table id=\"")
        .append(id)
        .append("\">\n<tr><th>step</th><th>type</th><th>options (secrets hidden)</th></tr>\n");
    for (Node n : report.graph().nodes()) {
      if (n.kind() != kind) {
        continue;
      }
      b.append("<tr data-step=\"")
          .append(esc(n.id()))
          .append("\"><td>")
          .append(esc(n.id()))
          .append("</td><td>")
          .append(esc(n.type()))
          .append("</td><td>");
      for (Map.Entry<String, String> a : n.args().entrySet()) {
        b.append("<div><span class=\"key\">")
            .append(esc(a.getKey()))
            .append("</span> <code>")
            .append(esc(a.getValue()))
            .append("</code></div>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void errors(StringBuilder b, RunReport report, RunLineage lineage) {
    b.append("<section id=\"errors\">\n<h2>Error records</h2>\n");
    boolean any = false;
    for (RunReport.Step s : report.steps()) {
      if (s.recordsInError() == 0) {
        continue;
      }
      any = true;
      List<ErrorSample> first = firstErrors(lineage, s.id());
      b.append("<div class=\"step-errors\" data-step=\"")
          .append(esc(s.id()))
          .append("\">\n<h3>")
          .append(esc(s.id()))
          .append(": ")
          .append(count(s.recordsInError()))
          .append(s.recordsInError() == 1 ? " error record" : " error records")
          .append(first.isEmpty() ? "" : ", the first " + first.size())
          .append("</h3>\n");
      if (first.isEmpty()) {
        b.append("<p>None was kept (counting was off or no Spark job computed them).</p>\n");
      } else {
        b.append(
            "<table class=\"error-table\">\n<tr><th>file</th><th class=\"n\">line</th>"
                + "<th>reason</th><th>record</th></tr>\n");
        for (ErrorSample e : first) {
          b.append("<tr class=\"error\"><td class=\"file\"><code>")
              .append(esc(e.file()))
              .append("</code></td><td class=\"n line\">")
              .append(e.line() > 0 ? Long.toString(e.line()) : "")
              .append("</td><td class=\"msg\">")
              .append(esc(e.message()))
              .append("</td><td class=\"text\"><pre>")
              .append(esc(e.text()))
              .append("</pre></td></tr>\n");
        }
        b.append("</table>\n");
      }
      b.append("</div>\n");
    }
    if (!any) {
      b.append("<p>No step set records aside as errors.</p>\n");
    }
    b.append(
        "<p class=\"note\">All of a step's error records: <code>frame.errorsAsDynamicFrame()</code>"
            + " of the frame it returned.</p>\n</section>\n");
  }

  /**
   * The run's data quality evaluations: per evaluation its step, rule and row counts, results
   * table, and each rule with its outcome, the reason it failed and its metrics.
   */
  private static void quality(StringBuilder b, RunReport report) {
    b.append("<section id=\"quality\">\n<h2>Data quality</h2>\n");
    List<io.dynaframe.lineage.internal.Recorder.Quality> all = report.quality();
    if (all.isEmpty()) {
      b.append("<p>No step evaluated a data quality ruleset.</p>\n");
    }
    String table = io.dynaframe.job.internal.QualityResults.table(report.job()).toString();
    for (io.dynaframe.lineage.internal.Recorder.Quality q : all) {
      io.dynaframe.RunObserver.QualityEvaluation e = q.evaluation();
      String step = q.node() != null ? q.node() : e.step();
      b.append("<div class=\"quality\" data-step=\"")
          .append(esc(step))
          .append("\">\n<h3>")
          .append(esc(step))
          .append("</h3>\n<p class=\"quality-counts\">rules: <span class=\"rules-passed\">")
          .append(count(e.rulesPassed()))
          .append("</span> passed, <span class=\"rules-failed\">")
          .append(count(e.rulesFailed()))
          .append("</span> failed");
      if (e.rowsPassed() >= 0) {
        b.append("; rows: <span class=\"rows-passed\">")
            .append(count(e.rowsPassed()))
            .append("</span> passed, <span class=\"rows-failed\">")
            .append(count(e.rowsFailed()))
            .append("</span> failed");
      }
      b.append("; evaluation context <code class=\"context\">")
          .append(esc(e.step()))
          .append("</code>; results table <code class=\"results-table\">")
          .append(esc(table))
          .append("</code></p>\n<table class=\"quality-table\">\n<tr><th>rule</th>")
          .append("<th>outcome</th><th>reason</th><th>metrics</th></tr>\n");
      for (io.dynaframe.RunObserver.QualityRule r : e.rules()) {
        boolean passed = "Passed".equals(r.outcome());
        b.append("<tr class=\"rule ")
            .append(passed ? "passed" : "failed")
            .append("\"><td class=\"rule-text\"><code>")
            .append(esc(r.rule()))
            .append("</code></td><td class=\"outcome\">")
            .append(esc(r.outcome()))
            .append("</td><td class=\"reason\">")
            .append(r.failureReason() == null ? "" : esc(r.failureReason()))
            .append("</td><td class=\"metrics\">");
        boolean first = true;
        for (Map.Entry<String, Double> m : r.evaluatedMetrics().entrySet()) {
          b.append(first ? "" : "<br />")
              .append("<code>")
              .append(esc(m.getKey()))
              .append("</code> = ")
              .append(esc(String.valueOf(m.getValue())));
          first = false;
        }
        b.append("</td></tr>\n");
      }
      b.append("</table>\n</div>\n");
    }
    b.append("</section>\n");
  }

  private static List<ErrorSample> firstErrors(RunLineage lineage, String step) {
    try {
      return lineage.firstErrors(step);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static void samples(
      StringBuilder b,
      RunLineage lineage,
      String folder,
      Function<String, List<String>> sampleFiles) {
    b.append("<section id=\"samples\">\n<h2>Samples</h2>\n");
    Map<String, List<String>> samples = lineage.samples();
    if (samples.isEmpty()) {
      b.append("<p>No step wrote a sample (Spigot).</p>\n");
    }
    for (Map.Entry<String, List<String>> e : samples.entrySet()) {
      for (String dir : e.getValue()) {
        b.append("<div class=\"sample\" data-step=\"")
            .append(esc(e.getKey()))
            .append("\">\n<h3>")
            .append(esc(e.getKey()))
            .append("</h3>\n<p>folder ")
            .append(link(folder, dir, dir, "sample-folder"))
            .append("</p>\n<ul>\n");
        for (String f : sampleFiles.apply(dir)) {
          b.append("<li>").append(link(folder, f, fileName(f), "sample-file")).append("</li>\n");
        }
        b.append("</ul>\n</div>\n");
      }
    }
    b.append("</section>\n");
  }

  private static void columnLineage(StringBuilder b, RunReport report, RunLineage lineage) {
    b.append("<section id=\"lineage\">\n<h2>Column lineage of each output</h2>\n");
    if (report.outputs().isEmpty()) {
      b.append("<p>The run wrote no dataset.</p>\n");
    }
    for (RunReport.Output o : report.outputs()) {
      Map<String, List<ColumnOrigin>> columns;
      try {
        columns = lineage.sourceColumns(o.step());
      } catch (IllegalArgumentException e) {
        columns = Map.of();
      }
      b.append("<div class=\"output-lineage\" data-step=\"")
          .append(esc(o.step()))
          .append("\">\n<h3><code>")
          .append(esc(o.dataset().toString()))
          .append("</code> (step ")
          .append(esc(o.step()))
          .append(")</h3>\n<table class=\"lineage-table\">\n")
          .append("<tr><th>column</th><th>comes from (source step.column)</th></tr>\n");
      for (Map.Entry<String, List<ColumnOrigin>> c : columns.entrySet()) {
        b.append("<tr><td class=\"column\">").append(esc(c.getKey())).append("</td><td>");
        if (c.getValue().isEmpty()) {
          b.append("<i>not traced to a source column</i>");
        }
        List<String> from = new ArrayList<>();
        for (ColumnOrigin origin : c.getValue()) {
          from.add(
              origin.step()
                  + "."
                  + origin.column()
                  + (origin.derivation() == ColumnOrigin.Derivation.IDENTITY
                      ? ""
                      : " (transformed)"));
        }
        b.append(esc(String.join(", ", from))).append("</td></tr>\n");
      }
      b.append("</table>\n</div>\n");
    }
    b.append("</section>\n");
  }

  private static void arguments(StringBuilder b, RunReport report) {
    b.append("<section id=\"arguments\">\n<h2>Arguments (secrets hidden)</h2>\n");
    if (report.arguments().isEmpty()) {
      b.append("<p>None.</p>\n");
    } else {
      b.append("<table>\n");
      report
          .arguments()
          .forEach(
              (k, v) ->
                  b.append("<tr><td>")
                      .append(esc(k))
                      .append("</td><td><code>")
                      .append(esc(v))
                      .append("</code></td></tr>\n"));
      b.append("</table>\n");
    }
    b.append("</section>\n");
  }

  private static void files(StringBuilder b, RunReport report, String folder) {
    b.append("<section id=\"files\">\n<h2>Files of this run</h2>\n<ul>\n");
    for (String f : List.of("report.json", "lineage.dot", "lineage.mmd")) {
      b.append("<li><a href=\"").append(f).append("\">").append(f).append("</a></li>\n");
    }
    report
        .lineageEvents()
        .ifPresent(
            e ->
                b.append("<li>OpenLineage events ")
                    .append(link(folder, e, e, "events"))
                    .append("</li>\n"));
    b.append("</ul>\n</section>\n");
  }

  // ---------------------------------------------------------------- links and text

  /**
   * A link to {@code target} relative to the page's folder when both are on one file system, else
   * the target as text (a browser cannot open {@code s3://}).
   */
  public static String link(String folder, String target, String text, String cssClass) {
    String href = relative(folder, target);
    if (href == null) {
      return "<code class=\"" + cssClass + "\">" + esc(text) + "</code>";
    }
    return "<a class=\"" + cssClass + "\" href=\"" + esc(href) + "\">" + esc(text) + "</a>";
  }

  /** The relative reference from the folder to the target, percent-encoded; null if none. */
  public static String relative(String folder, String target) {
    if (folder == null) {
      return null;
    }
    URI from = uri(folder);
    URI to = uri(target);
    if (from == null
        || to == null
        || !eq(from.getScheme(), to.getScheme())
        || !eq(from.getAuthority(), to.getAuthority())
        || from.getPath() == null
        || to.getPath() == null) {
      return null;
    }
    List<String> a = segments(from.getPath());
    List<String> t = segments(to.getPath());
    int common = 0;
    while (common < a.size() && common < t.size() && a.get(common).equals(t.get(common))) {
      common++;
    }
    StringBuilder r = new StringBuilder();
    for (int i = common; i < a.size(); i++) {
      r.append("../");
    }
    for (int i = common; i < t.size(); i++) {
      r.append(encode(t.get(i)));
      if (i < t.size() - 1) {
        r.append('/');
      }
    }
    return r.isEmpty() ? "./" : r.toString();
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  private static URI uri(String location) {
    String s = location.strip();
    try {
      if (s.contains("://") || s.startsWith("file:")) {
        try {
          URI u = new URI(s);
          return new URI(
              u.getScheme().toLowerCase(Locale.ROOT), u.getAuthority(), u.getPath(), null, null);
        } catch (java.net.URISyntaxException notEncoded) {
          // a Hadoop path with spaces or other characters a URI must encode: take it apart as is
          int colon = s.indexOf(':');
          String rest = s.substring(colon + 1);
          String authority = null;
          if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "/" : rest.substring(slash);
          }
          return new URI(
              s.substring(0, colon).toLowerCase(Locale.ROOT),
              authority == null || authority.isEmpty() ? null : authority,
              rest,
              null,
              null);
        }
      }
      java.nio.file.Path p = java.nio.file.Path.of(s).toAbsolutePath().normalize();
      return new URI("file", null, p.toString().replace('\\', '/'), null, null);
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  /** Percent-encodes a path segment: everything but unreserved characters, as UTF-8 bytes. */
  private static String encode(String segment) {
    StringBuilder b = new StringBuilder();
    for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }

  private static String fileName(String path) {
    String p = path.replaceAll("/+$", "");
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  /**
   * Text for HTML and XML alike: markup characters as entities, control characters (which XML
   * forbids) as U+FFFD, line breaks and tabs kept.
   */
  public static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\n', '\t' -> b.append(c);
        case '\r' -> b.append("&#13;");
        default -> {
          if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF') {
            b.append('\uFFFD');
          } else if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            b.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static String shorten(String s) {
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
  }

  private static String kind(Node.Kind kind) {
    return switch (kind) {
      case SOURCE -> "source";
      case TRANSFORM -> "step";
      case SINK -> "sink";
    };
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  private static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
      h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { margin-top: 1.6em; font-size: 1.2em; }
      h3 { font-size: 1em; } nav { margin: 0.5em 0 1em; } code, pre { font-size: 12px; }
      pre { white-space: pre-wrap; word-break: break-all; margin: 0; max-width: 60em; }
      table { border-collapse: collapse; margin: 0.3em 0; }
      th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
      th { background: #f3f4f6; } td.n, th.n { text-align: right; } .bad { color: #b22222; }
      .status-succeeded { color: #166534; } .status-failed { color: #b22222; }
      .note { color: #555; font-size: 12px; } .key { color: #555; }
      .scroll { overflow: auto; max-width: 100%; border: 1px solid #eee; }
      svg text { font: 12px monospace; fill: #111; } svg text.id { font-weight: bold; }
      svg .edge-label { fill: #555; font-size: 11px; }
      .node rect { stroke: #555; stroke-width: 1; } .node.source rect { fill: #dbeafe; }
      .node.step rect { fill: #f3f4f6; } .node.sink rect { fill: #dcfce7; }
      .node.has-errors rect { stroke: #b22222; stroke-width: 2; }
      .node.has-errors text.counts { fill: #b22222; }
      """;
}
