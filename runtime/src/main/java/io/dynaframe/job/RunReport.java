package io.dynaframe.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.dynaframe.InputFile;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.graph.DotRenderer;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.MermaidRenderer;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.RunLineage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What a run did, as JSON and as a short summary for people: each step with the records it read,
 * produced and set aside as errors and its time; the outputs written; the files each bookmarked
 * source read (the bookmark change the commit makes); where the run's diagram and OpenLineage
 * events went. Values of arguments and options whose names look like secrets are shown as {@code
 * *****}.
 *
 * <pre>{@code
 * job.commit();
 * RunReport.of(job).writeTo(RunReport.defaultFolder(job)).print();
 * }</pre>
 *
 * <p>{@link io.dynaframe.job.JobRunner} does this itself for annotated jobs. See {@link RunLineage}
 * for when counts are exact.
 */
public final class RunReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One step of the run. */
  public record Step(
      String id,
      Node.Kind kind,
      String type,
      List<String> inputs,
      long recordsIn,
      long recordsOut,
      long recordsInError,
      Duration duration) {}

  /** One dataset the run wrote, with the step that wrote it and the records written. */
  public record Output(String step, LineageDataset dataset, long records) {}

  private final String job;
  private final String runId;
  private final Integer runNumber;
  private final Integer attempt;
  private final String status;
  private final ImmutableMap<String, String> arguments;
  private final JobGraph graph;
  private final ImmutableList<Step> steps;
  private final ImmutableList<LineageDataset> inputs;
  private final ImmutableList<Output> outputs;
  private final ImmutableMap<String, List<InputFile>> filesRead;
  private final RunLineage lineage;
  private final String lineageEvents;
  private final String folder;

  private RunReport(
      String job,
      String runId,
      Integer runNumber,
      Integer attempt,
      String status,
      Map<String, String> arguments,
      RunLineage lineage,
      Map<String, List<InputFile>> filesRead,
      String lineageEvents,
      String folder) {
    this.job = job;
    this.runId = runId;
    this.runNumber = runNumber;
    this.attempt = attempt;
    this.status = status;
    this.arguments = ImmutableMap.copyOf(arguments);
    this.lineage = lineage;
    this.graph = lineage.graph();
    this.filesRead = ImmutableMap.copyOf(filesRead);
    this.lineageEvents = lineageEvents;
    this.folder = folder;
    ImmutableList.Builder<Step> s = ImmutableList.builder();
    ImmutableList.Builder<Output> o = ImmutableList.builder();
    for (Node n : graph.nodes()) {
      StepStats st = n.stats().orElse(new StepStats(0, 0, 0, Duration.ZERO));
      s.add(
          new Step(
              n.id(),
              n.kind(),
              n.type(),
              graph.inputs(n.id()),
              st.recordsIn(),
              st.recordsOut(),
              st.recordsInError(),
              st.duration()));
      for (LineageDataset d : lineage.outputsOf(n.id())) {
        o.add(new Output(n.id(), d, st.recordsOut()));
      }
    }
    this.steps = s.build();
    this.outputs = o.build();
    this.inputs = ImmutableList.copyOf(lineage.inputs());
  }

  /**
   * The report of a job's run as it stands (call it after {@link Job#commit} or {@link Job#fail}).
   */
  public static RunReport of(Job job) {
    Objects.requireNonNull(job, "job");
    return new RunReport(
        job.name(),
        job.runId(),
        job.runNumber(),
        job.attempt(),
        job.status().name(),
        job.arguments().redacted(),
        RunLineage.of(job.context()),
        job.filesRead(),
        null,
        null);
  }

  /**
   * The report of a run without a {@link Job} (no arguments or bookmarks), with status {@code
   * UNKNOWN}.
   */
  public static RunReport of(RunLineage lineage) {
    return of(lineage, "UNKNOWN");
  }

  /**
   * The report of a run without a {@link Job}, with the given status (for example {@code
   * SUCCEEDED}).
   */
  public static RunReport of(RunLineage lineage, String status) {
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(status, "status");
    return new RunReport(
        lineage.jobName(),
        lineage.runId(),
        null,
        null,
        status,
        Map.of(),
        lineage,
        Map.of(),
        null,
        null);
  }

  /** {@code <TEMP>/reports/<job>/<run>}: where a job's run reports go by default. */
  public static String defaultFolder(Job job) {
    return job.lake().temp() + "/reports/" + Lake.name(job.name()) + "/" + Lake.name(job.runId());
  }

  /** This report, noting where the run's OpenLineage events went (null: none were emitted). */
  public RunReport withLineageEvents(String destination) {
    return new RunReport(
        job, runId, runNumber, attempt, status, arguments, lineage, filesRead, destination, folder);
  }

  /**
   * Writes {@code report.json}, the diagram of the graph that ran as {@code lineage.dot} (Graphviz)
   * and {@code lineage.mmd} (Mermaid), and the run page {@code run.html} into a folder (local path
   * or any Hadoop file system URI, {@code s3://...} included). Files are created, never
   * overwritten.
   *
   * <p>The run page is one self-contained HTML file (no script, nothing loaded from elsewhere) to
   * open in a browser: the diagram with the records in, out and in error on every step, the steps'
   * times, what was read and written, the first error records of each step with file and line,
   * links to the samples Spigot wrote, and the column lineage of each output.
   *
   * @return this report, knowing where it was written
   * @throws UncheckedIOException if a file cannot be written (for example because it exists)
   */
  public RunReport writeTo(String folderUri) {
    Objects.requireNonNull(folderUri, "folderUri");
    String dir = folderUri.replaceAll("/+$", "");
    RunReport located =
        new RunReport(
            job,
            runId,
            runNumber,
            attempt,
            status,
            arguments,
            lineage,
            filesRead,
            lineageEvents,
            dir);
    Configuration conf =
        session().map(sp -> sp.sessionState().newHadoopConf()).orElseGet(Configuration::new);
    write(conf, dir + "/lineage.dot", DotRenderer.render(graph));
    write(conf, dir + "/lineage.mmd", MermaidRenderer.render(graph));
    write(conf, dir + "/report.json", located.toJson());
    write(
        conf,
        dir + "/" + RunPage.FILE,
        RunPage.render(located, lineage, dir, folder -> sampleFiles(conf, folder)));
    return located;
  }

  /** The sample files in a Spigot's folder, by name; empty when it cannot be listed. */
  private static List<String> sampleFiles(Configuration conf, String folder) {
    try {
      Path dir = new Path(folder);
      FileSystem fs = dir.getFileSystem(conf);
      List<String> files = new ArrayList<>();
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(folder.replaceAll("/+$", "") + "/" + name);
        }
      }
      files.sort(null);
      return files;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The run page ({@code run.html}) once {@link #writeTo} has written it. */
  public Optional<String> page() {
    return folder().map(f -> f + "/" + RunPage.FILE);
  }

  private static void write(Configuration conf, String file, String text) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the run report file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The session whose settings (Hadoop file systems, log format) the report uses: this thread's
   * active one, else the default one; empty outside Spark.
   */
  private static Optional<SparkSession> session() {
    if (SparkSession.getActiveSession().isDefined()) {
      return Optional.of(SparkSession.getActiveSession().get());
    }
    return SparkSession.getDefaultSession().isDefined()
        ? Optional.of(SparkSession.getDefaultSession().get())
        : Optional.empty();
  }

  /**
   * Logs the {@link #summary()} on the progress logger ({@code io.dynaframe.progress}) and returns
   * this report.
   */
  public RunReport print() {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.dynaframe.progress");
    boolean json =
        session()
            .map(sp -> sp.conf().get(io.dynaframe.lineage.LineageSettings.LOG_FORMAT, "text"))
            .filter("json"::equalsIgnoreCase)
            .isPresent();
    if (!json) {
      log.info("{}", summary());
      return this;
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", "run_report");
    event.put("job", job);
    event.put("runId", runId);
    event.put("text", summary());
    try {
      log.info(new ObjectMapper().writeValueAsString(event));
    } catch (JsonProcessingException e) {
      log.info("{}", event);
    }
    return this;
  }

  /** The job's name. */
  public String job() {
    return job;
  }

  /** The run's id. */
  public String runId() {
    return runId;
  }

  /**
   * {@code SUCCEEDED}, {@code FAILED} or {@code RUNNING} for a job's run; as given (or {@code
   * UNKNOWN}) without a job.
   */
  public String status() {
    return status;
  }

  /** The run's arguments, secret-looking values as {@code *****}. */
  public Map<String, String> arguments() {
    return arguments;
  }

  /** The graph that ran, with stats. */
  public JobGraph graph() {
    return graph;
  }

  /** The steps, in the order of the graph. */
  public List<Step> steps() {
    return steps;
  }

  /** The datasets written. */
  public List<Output> outputs() {
    return outputs;
  }

  /** The files each bookmarked transformation context read in this run. */
  public Map<String, List<InputFile>> filesRead() {
    return filesRead;
  }

  /** Where the OpenLineage events went. */
  public Optional<String> lineageEvents() {
    return Optional.ofNullable(lineageEvents);
  }

  /** The folder the report was written to, once {@link #writeTo} has run. */
  public Optional<String> folder() {
    return Optional.ofNullable(folder);
  }

  /**
   * The run's data quality evaluations ({@code EvaluateDataQuality} steps): per evaluation its
   * step, evaluation context, rule and row counts, results table and each rule's outcome.
   */
  List<io.dynaframe.lineage.internal.Recorder.Quality> quality() {
    return lineage instanceof io.dynaframe.lineage.internal.Recorder r ? r.qualities() : List.of();
  }

  private List<Object> qualityJson() {
    List<Object> out = new ArrayList<>();
    for (io.dynaframe.lineage.internal.Recorder.Quality q : quality()) {
      io.dynaframe.RunObserver.QualityEvaluation e = q.evaluation();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", q.node());
      m.put("evaluationContext", e.step());
      m.put("rulesPassed", e.rulesPassed());
      m.put("rulesFailed", e.rulesFailed());
      m.put("rowsPassed", e.rowsPassed());
      m.put("rowsFailed", e.rowsFailed());
      m.put("resultsTable", io.dynaframe.job.internal.QualityResults.table(job).toString());
      List<Object> rules = new ArrayList<>();
      for (io.dynaframe.RunObserver.QualityRule r : e.rules()) {
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("rule", r.rule());
        rm.put("outcome", r.outcome());
        rm.put("failureReason", r.failureReason());
        rm.put("evaluatedMetrics", r.evaluatedMetrics());
        if (!r.labels().isEmpty()) {
          rm.put("labels", r.labels());
        }
        rules.add(rm);
      }
      m.put("rules", rules);
      out.add(m);
    }
    return out;
  }

  /** The report as JSON. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("job", job);
    root.put("runId", runId);
    if (runNumber != null) {
      root.put("runNumber", runNumber);
      root.put("attempt", attempt);
    }
    root.put("status", status);
    root.put("arguments", arguments);
    List<Object> stepList = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("kind", s.kind().name());
      m.put("type", s.type());
      m.put("args", graph.node(s.id()).map(Node::args).orElse(Map.of()));
      m.put("inputs", s.inputs());
      m.put("recordsIn", s.recordsIn());
      m.put("recordsOut", s.recordsOut());
      m.put("recordsInError", s.recordsInError());
      m.put("durationMillis", s.duration().toMillis());
      stepList.add(m);
    }
    root.put("steps", stepList);
    root.put(
        "inputs",
        inputs.stream().map(d -> Map.of("namespace", d.namespace(), "name", d.name())).toList());
    List<Object> outs = new ArrayList<>();
    for (Output o : outputs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", o.step());
      m.put("namespace", o.dataset().namespace());
      m.put("name", o.dataset().name());
      m.put("records", o.records());
      outs.add(m);
    }
    root.put("outputs", outs);
    root.put("quality", qualityJson());
    Map<String, Object> bookmarks = new LinkedHashMap<>();
    filesRead.forEach(
        (ctx, files) ->
            bookmarks.put(
                ctx,
                Map.of(
                    "files",
                    files.size(),
                    "paths",
                    files.stream().map(f -> Options.withoutUserInfo(f.path())).toList())));
    root.put("filesRead", bookmarks);
    Map<String, Object> where = new LinkedHashMap<>();
    if (folder != null) {
      where.put("report", folder + "/report.json");
      where.put("dot", folder + "/lineage.dot");
      where.put("mermaid", folder + "/lineage.mmd");
      where.put("page", folder + "/" + RunPage.FILE);
    }
    where.put("lineageEvents", lineageEvents);
    root.put("files", where);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run report as JSON", e);
    }
  }

  /**
   * A few lines for people: the run, one line per step, the outputs, the bookmark change and where
   * files went.
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("job ").append(job).append(" run ").append(runId);
    if (runNumber != null) {
      b.append(" (number ").append(runNumber).append(", attempt ").append(attempt).append(')');
    }
    b.append(": ").append(status).append('\n');
    int idWidth = Math.max(4, steps.stream().mapToInt(s -> s.id().length()).max().orElse(4));
    int typeWidth = Math.max(4, steps.stream().mapToInt(s -> s.type().length()).max().orElse(4));
    if (!steps.isEmpty()) {
      b.append("  steps (records in, out and set aside as errors; time):\n");
    }
    for (Step s : steps) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-6s %-"
                  + idWidth
                  + "s  %-"
                  + typeWidth
                  + "s %,12d in %,12d out %,10d errors %10s%n",
              kind(s.kind()),
              s.id(),
              s.type(),
              s.recordsIn(),
              s.recordsOut(),
              s.recordsInError(),
              duration(s.duration())));
    }
    if (!outputs.isEmpty()) {
      b.append("  outputs:\n");
    }
    for (Output o : outputs) {
      b.append(
          String.format(
              Locale.ROOT,
              "  wrote %s (%,d records, step %s)%n",
              o.dataset(),
              o.records(),
              o.step()));
    }
    if (!filesRead.isEmpty()) {
      b.append("  bookmarks (files each source read this run):\n");
    }
    filesRead.forEach(
        (ctx, files) ->
            b.append(
                String.format(
                    Locale.ROOT,
                    "  bookmark %s: read %d new or changed %s%n",
                    ctx,
                    files.size(),
                    files.size() == 1 ? "file" : "files")));
    if (folder != null) {
      b.append("  report ")
          .append(folder)
          .append("/report.json, diagram ")
          .append(folder)
          .append("/lineage.dot and ")
          .append(folder)
          .append("/lineage.mmd\n")
          .append("  run page ")
          .append(folder)
          .append('/')
          .append(RunPage.FILE)
          .append('\n');
    }
    if (lineageEvents != null) {
      b.append("  lineage events ").append(lineageEvents).append('\n');
    }
    return b.toString();
  }

  private static String kind(Node.Kind kind) {
    return switch (kind) {
      case SOURCE -> "source";
      case TRANSFORM -> "step";
      case SINK -> "sink";
    };
  }

  private static String duration(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  @Override
  public String toString() {
    return "RunReport[" + job + ", run " + runId + ", " + status + "]";
  }
}
