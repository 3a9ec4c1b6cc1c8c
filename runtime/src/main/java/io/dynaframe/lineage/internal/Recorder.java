package io.dynaframe.lineage.internal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.udf;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.RunObserver;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.graph.StepStats;
import io.dynaframe.lineage.ColumnOrigin;
import io.dynaframe.lineage.ErrorSample;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.LineageSettings;
import io.dynaframe.lineage.RunLineage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the lineage of one run (one {@link io.dynaframe.DynaContext} run id): the nodes that ran,
 * the frames between them, counters on every output, and column lineage read from plans.
 *
 * <p>A step is recorded either by a hook ({@code DynamicFrame.apply}, the context's sources and
 * sinks) or by a scope the {@link io.dynaframe.job.JobRunner} opens around an annotated method.
 * While a scope is open on a thread, hooks on that thread record nothing of their own: nested
 * {@code apply} calls belong to the enclosing step, a source read inside a step adds its dataset to
 * that step, and error records made inside count for it.
 */
public final class Recorder implements RunLineage, RunObserver {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

  private final SparkSession spark;
  private final String runId;
  private final PlanLineage.Markers markers;
  // one name per kind of counting filter, the same in every run: Spark compiles a plan's code once
  private static final String OUTPUT_MARKER = "dynaframe_count_rows";
  private static final String ERRORS_MARKER = "dynaframe_count_errors";
  private static final String WRITTEN_MARKER = "dynaframe_count_written";
  private final ThreadLocal<NodeState> scope = new ThreadLocal<>();
  private final List<NodeState> nodes = new ArrayList<>();
  private final Map<String, NodeState> byId = new HashMap<>();
  private final List<Output> outputs = new ArrayList<>();
  private volatile String jobName;
  private volatile String description = "";
  private volatile Boolean enabled;
  private volatile Boolean counting;

  /**
   * The counter of outputs that are not counted ({@link LineageSettings#COUNTS} off): always zero.
   */
  private static final RowCounter UNCOUNTED = new RowCounter();

  private volatile Progress progress;

  /** A recorder for a run; cheap, touches Spark only when something is recorded. */
  public Recorder(SparkSession spark, String runId) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.runId = Objects.requireNonNull(runId, "runId");
    String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
    this.markers = new PlanLineage.Markers("dynaframe_lineage_" + id + "_");
  }

  // ---------------------------------------------------------------- state

  /** One recorded step. Guarded by the recorder. */
  static final class NodeState {
    final String id;
    final Node.Kind kind;
    final String type;
    final Map<String, String> args;
    final List<String> inputs = new ArrayList<>();
    final List<Integer> inputOutputs = new ArrayList<>();
    final List<Integer> outputs = new ArrayList<>();
    final List<RowCounter> errorCounters = new ArrayList<>();
    final List<ErrorSampler> errorSamplers = new ArrayList<>();
    final List<String> samples = new ArrayList<>();
    final List<RowCounter> writeCounters = new ArrayList<>();
    final List<LineageDataset> inputDatasets = new ArrayList<>();
    final List<LineageDataset> outputDatasets = new ArrayList<>();
    final Map<String, List<PlanLineage.Origin>> written = new LinkedHashMap<>();
    final Map<String, String> writtenSchema = new LinkedHashMap<>();
    long startNanos;
    long durationNanos;

    NodeState(String id, Node.Kind kind, String type, Map<String, String> args) {
      this.id = id;
      this.kind = kind;
      this.type = type;
      this.args = args;
    }
  }

  /** One frame a step produced, with its counter and its columns' origins. */
  record Output(
      int index,
      NodeState node,
      String key,
      RowCounter counter,
      Map<String, List<PlanLineage.Origin>> columns,
      Map<String, String> schema) {}

  /** One data quality evaluation, with the node it ran in (null outside a step). */
  public record Quality(String node, QualityEvaluation evaluation) {}

  private final List<Quality> qualities = new ArrayList<>();
  private volatile java.util.function.Consumer<QualityEvaluation> qualityListener;

  /**
   * Where this run's data quality evaluations go besides the recorder (the job's results table).
   */
  public void onQuality(java.util.function.Consumer<QualityEvaluation> listener) {
    this.qualityListener = listener;
  }

  private volatile java.util.function.Function<String, RunObserver.QualityHistory> qualityHistory;

  /**
   * Where dynamic data quality rules read earlier runs' results, by evaluation context (the job's
   * results table).
   */
  public void onQualityHistory(
      java.util.function.Function<String, RunObserver.QualityHistory> history) {
    this.qualityHistory = history;
  }

  @Override
  public java.util.Optional<RunObserver.QualityHistory> qualityHistory(String evaluationContext) {
    java.util.function.Function<String, RunObserver.QualityHistory> h = qualityHistory;
    return h == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(h.apply(evaluationContext));
  }

  /** The rows of an evaluation still to be counted: the counter, and the rows uncounted. */
  private record PendingQuality(RowCounter counter, Dataset<Row> rows) {}

  private final Map<Integer, PendingQuality> pendingQualities = new LinkedHashMap<>();

  private static final String QUALITY_MARKER = "dynaframe_count_quality";

  /**
   * A data quality evaluation whose row-level outcomes are not handed on: see {@link #qualityRows}.
   */
  @Override
  public void quality(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {
    qualityRows(evaluation, rowLevelOutcomes);
  }

  /**
   * A data quality evaluation: kept for the graph (its counts on the step), the run report and the
   * listener; recorded even when lineage is off. In a job run (a listener is set) the rows that
   * passed and failed are counted by a marker on the row-level outcomes as the job's own Spark jobs
   * compute them (the sinks'); {@link #settleQualities} takes the counts at the end of the run and
   * hands the evaluation to the listener.
   */
  @Override
  public Dataset<Row> qualityRows(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {
    NodeState node = scope.get();
    String at = node == null ? null : node.id;
    if (qualityListener == null) {
      synchronized (this) {
        qualities.add(new Quality(at, evaluation));
      }
      return rowLevelOutcomes;
    }
    RowCounter counter = null;
    Dataset<Row> counted = rowLevelOutcomes;
    try {
      RowCounter c = counter((at == null ? evaluation.step() : at) + ".quality");
      UDF2<Long, Boolean, Boolean> count =
          (id, failed) -> {
            c.record(id, failed);
            return true;
          };
      Column marker =
          udf(count, DataTypes.BooleanType)
              .asNondeterministic()
              .withName(QUALITY_MARKER)
              .apply(
                  monotonically_increasing_id(),
                  coalesce(col("DataQualityEvaluationResult").equalTo(lit("Failed")), lit(false)));
      counted = counting(rowLevelOutcomes.where(marker), c);
      counter = c;
    } catch (RuntimeException e) {
      warn("counting the rows of the data quality evaluation " + evaluation.step(), e);
    }
    synchronized (this) {
      pendingQualities.put(qualities.size(), new PendingQuality(counter, rowLevelOutcomes));
      qualities.add(new Quality(at, evaluation));
    }
    return counted;
  }

  /**
   * Ends the run's data quality evaluations: each takes the rows that passed and failed from its
   * counter, or, when no Spark job computed its row-level outcomes, from one Spark job counting
   * them now, and goes to the listener (the job's results table). The job calls it once, as the run
   * ends (committed or not). Never throws.
   */
  public void settleQualities() {
    List<Integer> keys;
    synchronized (this) {
      keys = new ArrayList<>(pendingQualities.keySet());
    }
    for (int i : keys) {
      PendingQuality p;
      Quality q;
      synchronized (this) {
        p = pendingQualities.remove(i);
        q = qualities.get(i);
      }
      if (p == null) {
        continue;
      }
      QualityEvaluation e = q.evaluation();
      try {
        long passed = 0;
        long failed = 0;
        if (p.counter() != null && !p.counter().isZero()) {
          RowCounter.Counts c = p.counter().value();
          failed = c.flagged();
          passed = c.rows() - c.flagged();
        } else {
          // nothing computed the rows (only the rule outcomes were used): one more Spark job
          for (Row r : p.rows().groupBy("DataQualityEvaluationResult").count().collectAsList()) {
            if ("Passed".equals(r.getString(0))) {
              passed += r.getLong(1);
            } else {
              failed += r.getLong(1);
            }
          }
        }
        e = e.withRows(passed, failed);
        synchronized (this) {
          qualities.set(i, new Quality(q.node(), e));
        }
      } catch (RuntimeException ex) {
        warn("counting the rows of the data quality evaluation " + e.step(), ex);
      }
      java.util.function.Consumer<QualityEvaluation> l = qualityListener;
      if (l != null) {
        try {
          l.accept(e);
        } catch (RuntimeException ex) {
          warn("keeping the data quality results of " + e.step(), ex);
        }
      }
    }
  }

  /** The data quality evaluations of the run so far, in order. */
  public synchronized List<Quality> qualities() {
    return List.copyOf(qualities);
  }

  /** A node's arguments with the pass/fail counts of the quality evaluations it ran. */
  private Map<String, String> argsWithQuality(NodeState n) {
    Map<String, String> args = new LinkedHashMap<>(n.args);
    for (Quality q : qualities) {
      if (n.id.equals(q.node())) {
        QualityEvaluation e = q.evaluation();
        args.put("rules", e.rulesPassed() + " passed, " + e.rulesFailed() + " failed");
        if (e.rowsPassed() >= 0) {
          args.put("rows", e.rowsPassed() + " passed, " + e.rowsFailed() + " failed");
        }
      }
    }
    return args;
  }

  /** Whether recording is on ({@link LineageSettings#ENABLED}, read once). */
  public boolean enabled() {
    Boolean e = enabled;
    if (e == null) {
      e = !"false".equalsIgnoreCase(conf(LineageSettings.ENABLED, "true"));
      enabled = e;
    }
    return e;
  }

  /**
   * Whether records are counted ({@link LineageSettings#COUNTS}, read once): when not, the step
   * graph and column lineage are still recorded, and plans carry no counting filters.
   */
  public boolean counting() {
    Boolean c = counting;
    if (c == null) {
      c = !"false".equalsIgnoreCase(conf(LineageSettings.COUNTS, "true"));
      counting = c;
    }
    return c;
  }

  /** A Spark setting of the run's session. */
  public String conf(String key, String fallback) {
    try {
      return spark.conf().get(key, fallback);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** The run's session. */
  public SparkSession spark() {
    return spark;
  }

  /** Names the run's job (the graph's title, the OpenLineage job name). */
  public synchronized void name(String name, String jobDescription) {
    this.jobName = Objects.requireNonNull(name, "name");
    this.description = jobDescription == null ? "" : jobDescription;
    this.progress = null;
  }

  /** Progress lines for this run. */
  public Progress progress() {
    Progress p = progress;
    if (p == null) {
      p =
          new Progress(
              "json".equalsIgnoreCase(conf(LineageSettings.LOG_FORMAT, "text")), jobName(), runId);
      progress = p;
    }
    return p;
  }

  /** The job's description, empty if none was given. */
  public String description() {
    return description;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public String jobName() {
    String n = jobName;
    return n != null ? n : "run-" + runId;
  }

  /** The recorder of a context's run, or null when it has none or recording is off. */
  public static Recorder of(DynaContext ctx) {
    Recorder r = ctx == null ? null : ctx.observer().find(Recorder.class).orElse(null);
    return r != null && r.enabled() ? r : null;
  }

  /** Makes the recorder of each run; registered as a {@link RunObserver.Factory} service. */
  public static final class Factory implements RunObserver.Factory {
    @Override
    public RunObserver create(SparkSession spark, String runId) {
      return new Recorder(spark, runId);
    }
  }

  // ---------------------------------------------------------------- hooks

  @Override
  public DataSource source(Io io, DataSource inner) {
    List<LineageDataset> datasets = new ArrayList<>();
    io.table().ifPresent(t -> datasets.add(LineageDataset.ofTable(t.database().name(), t.name())));
    io.paths().forEach(p -> datasets.add(LineageDataset.ofPath(p)));
    return () -> source(io.name(), io.type(), io.args(), datasets, inner::getDynamicFrame);
  }

  @Override
  public DataSink sink(Io io, DataSink inner) {
    List<LineageDataset> datasets = io.paths().stream().map(LineageDataset::ofPath).toList();
    return frame ->
        sink(io.name(), io.type(), io.args(), datasets, frame, inner::writeDynamicFrame);
  }

  /** {@code DynamicFrame.apply}: records a transform step unless a scope is open. */
  @Override
  public <O> O step(
      DynamicFrame input, String name, String type, Function<DynamicFrame, O> expand) {
    if (!enabled() || scope.get() != null) {
      return expand.apply(input);
    }
    DynamicFrame in;
    NodeState node;
    List<Integer> read;
    try {
      in = ensureRecorded(input);
      node = addNode(Node.Kind.TRANSFORM, name, type, Map.of());
      read = new ArrayList<>(markers(in.toDF()));
    } catch (RuntimeException e) {
      warn("recording step " + name, e);
      return expand.apply(input);
    }
    O out = inScope(node, () -> expand.apply(in));
    if (out == null) {
      return null;
    }
    try {
      for (DynamicFrame f : frames(out)) {
        for (int i : markers(f.toDF())) {
          if (!read.contains(i)) {
            read.add(i);
          }
        }
      }
      connect(node, read);
      O wrapped = wrapResult(node, out, input);
      ended(node);
      return wrapped;
    } catch (RuntimeException e) {
      warn("recording the output of step " + node.id, e);
      return out;
    }
  }

  /** {@code DynamicFrame.fromStaged}: counts the error records of the step in scope, if any. */
  @Override
  public Dataset<Row> staged(Dataset<Row> staged) {
    NodeState node = enabled() && counting() ? scope.get() : null;
    if (node == null) {
      return staged;
    }
    try {
      RowCounter counter = counter(node.id + ".errors");
      UDF2<Long, Boolean, Boolean> count =
          (id, bad) -> {
            counter.record(id, bad);
            return true;
          };
      Column marker =
          udf(count, DataTypes.BooleanType)
              .asNondeterministic()
              .withName(ERRORS_MARKER)
              .apply(monotonically_increasing_id(), col(ErrorRecords.COLUMN).isNotNull());
      ErrorSampler sampler = new ErrorSampler(node.id, FIRST_ERRORS);
      spark
          .sparkContext()
          .register(sampler, "dynaframe.lineage." + runId + "." + node.id + ".firstErrors");
      UDF4<String, String, Long, String, Boolean> take =
          (msg, file, line, text) -> {
            sampler.offer(msg, file, line, text);
            return true;
          };
      // only error records reach the UDF (Or stops at a good record's null): the happy path pays
      // one null test per record, and no Spark job of its own
      Column error = col(ErrorRecords.COLUMN);
      Column sampling =
          error
              .isNull()
              .or(
                  udf(take, DataTypes.BooleanType)
                      .asNondeterministic()
                      .withName(PlanLineage.KEEPS_EVERY_ROW + "_first_errors")
                      .apply(
                          error.getField("msg"),
                          error.getField("source"),
                          error.getField("line"),
                          coalesce(error.getField("input"), error.getField("dynamicRecord"))));
      Dataset<Row> counted = counting(staged.where(sampling).where(marker), counter);
      synchronized (this) {
        node.errorCounters.add(counter);
        node.errorSamplers.add(sampler);
      }
      return counted;
    } catch (RuntimeException e) {
      warn("counting the error records of step " + node.id, e);
      return staged;
    }
  }

  /**
   * A source: records a node when its frame is read, unless a scope is open (then adds the datasets
   * to it).
   */
  public DynamicFrame source(
      String name,
      String type,
      Map<String, String> args,
      List<LineageDataset> datasets,
      Supplier<DynamicFrame> read) {
    if (!enabled()) {
      return read.get();
    }
    NodeState active = scope.get();
    if (active != null) {
      synchronized (this) {
        active.inputDatasets.addAll(datasets);
      }
      return read.get();
    }
    NodeState node = addNode(Node.Kind.SOURCE, name, type, args);
    synchronized (this) {
      node.inputDatasets.addAll(datasets);
    }
    DynamicFrame frame = inScope(node, read);
    try {
      DynamicFrame wrapped = wrapOutput(node, "", frame);
      ended(node);
      return wrapped;
    } catch (RuntimeException e) {
      warn("recording source " + node.id, e);
      return frame;
    }
  }

  /**
   * A sink: records a node around the write, unless a scope is open (then the write counts for it).
   */
  public DynamicFrame sink(
      String name,
      String type,
      Map<String, String> args,
      List<LineageDataset> datasets,
      DynamicFrame frame,
      Function<DynamicFrame, DynamicFrame> write) {
    if (!enabled()) {
      return write.apply(frame);
    }
    NodeState active = scope.get();
    if (active != null) {
      synchronized (this) {
        active.outputDatasets.addAll(datasets);
      }
      DynamicFrame counted;
      try {
        counted = countWritten(active, frame);
      } catch (RuntimeException e) {
        warn("counting the records of sink " + name, e);
        counted = frame;
      }
      return write.apply(counted);
    }
    NodeState node;
    DynamicFrame counted;
    try {
      DynamicFrame in = ensureRecorded(frame);
      node = addNode(Node.Kind.SINK, name, type, args);
      connect(node, markers(in.toDF()));
      synchronized (this) {
        node.outputDatasets.addAll(datasets);
      }
      counted = countWritten(node, in);
    } catch (RuntimeException e) {
      warn("recording sink " + name, e);
      return write.apply(frame);
    }
    DynamicFrame errors = inScope(node, () -> write.apply(counted));
    ended(node);
    return errors;
  }

  // ---------------------------------------------------------------- scopes (the job runner)

  /**
   * Opens a step for the job runner: records the node with the given inputs (ids of nodes opened
   * before) and makes it the scope of this thread until {@link #close}.
   */
  public Object open(
      Node.Kind kind, String id, String type, Map<String, String> args, List<String> inputs) {
    NodeState node = addNodeExactly(kind, id, type, redact(args));
    synchronized (this) {
      node.inputs.addAll(inputs);
      for (String input : inputs) {
        NodeState from = byId.get(input);
        if (from != null) {
          node.inputOutputs.addAll(from.outputs);
        }
      }
    }
    progress().started(node.id, node.kind, node.type);
    node.startNanos = System.nanoTime();
    scope.set(node);
    return node;
  }

  /**
   * Closes a step opened with {@link #open}: its result (a frame or a collection, or null) gets
   * counters and column lineage and is returned wrapped; {@code failure} non-null marks it failed.
   */
  public <O> O close(Object step, O result, Throwable failure) {
    NodeState node = (NodeState) step;
    scope.remove();
    node.durationNanos = System.nanoTime() - node.startNanos;
    if (failure != null) {
      progress().failed(node.id, node.kind, failure);
      return result;
    }
    try {
      O wrapped =
          result == null || node.kind == Node.Kind.SINK ? result : wrapResult(node, result, null);
      ended(node);
      return wrapped;
    } catch (RuntimeException e) {
      warn("recording the output of step " + node.id, e);
      return result;
    }
  }

  // ---------------------------------------------------------------- internals

  private <T> T inScope(NodeState node, Supplier<T> body) {
    progress().started(node.id, node.kind, node.type);
    node.startNanos = System.nanoTime();
    scope.set(node);
    try {
      return body.get();
    } catch (RuntimeException | Error e) {
      node.durationNanos = System.nanoTime() - node.startNanos;
      progress().failed(node.id, node.kind, e);
      throw e;
    } finally {
      scope.remove();
      if (node.durationNanos == 0) {
        node.durationNanos = System.nanoTime() - node.startNanos;
      }
    }
  }

  private void ended(NodeState node) {
    StepStats stats = stats(node);
    boolean counted =
        node.kind == Node.Kind.SINK || stats.recordsOut() > 0 || stats.recordsIn() > 0;
    progress().ended(node.id, node.kind, stats, counted);
    if (node.kind == Node.Kind.SINK) {
      // the write ran the steps before it: say what they counted
      Map<String, StepStats> counts = new LinkedHashMap<>();
      synchronized (this) {
        for (NodeState n : nodes) {
          if (n != node && n.kind != Node.Kind.SINK) {
            counts.put(n.id, stats(n));
          }
        }
      }
      progress().counts(counts);
    }
  }

  /**
   * The frame as is when the run knows where it comes from, else the frame as the output of a new
   * implicit source.
   */
  private DynamicFrame ensureRecorded(DynamicFrame frame) {
    if (!markers(frame.toDF()).isEmpty()) {
      return frame;
    }
    String name = frame.name().isBlank() ? "frame" : frame.name();
    NodeState node = addNode(Node.Kind.SOURCE, name, "DataFrame", Map.of());
    return wrapOutput(node, "", frame);
  }

  @SuppressWarnings("unchecked")
  private <O> O wrapResult(NodeState node, O out, DynamicFrame input) {
    if (out instanceof DynamicFrame f) {
      return (O) wrapOutput(node, "", f);
    }
    if (out instanceof FrameCollection c) {
      Map<String, DynamicFrame> wrapped = new LinkedHashMap<>();
      c.asMap().forEach((k, f) -> wrapped.put(k, wrapOutput(node, k, f)));
      DynamicFrame any =
          input != null ? input : c.asMap().values().stream().findFirst().orElse(null);
      return any == null ? out : (O) FrameCollection.of(wrapped, any.context());
    }
    return out;
  }

  private static List<DynamicFrame> frames(Object out) {
    if (out instanceof DynamicFrame f) {
      return List.of(f);
    }
    if (out instanceof FrameCollection c) {
      return new ArrayList<>(c.asMap().values());
    }
    return List.of();
  }

  private DynamicFrame wrapOutput(NodeState node, String key, DynamicFrame frame) {
    Dataset<Row> rows = frame.toDF();
    LogicalPlan plan = plan(rows);
    // an output that only projects the rows of a recorded output (a mapping, a rename, a cast)
    // has that output's count: it gets a marker Spark folds away, and no counting of its own
    int same = PlanLineage.sameRowsAs(plan, markers);
    RowCounter counter;
    int index;
    boolean countRows = counting();
    synchronized (this) {
      counter =
          same >= 0
              ? outputs.get(same).counter()
              : countRows
                  ? counter(node.id + (key.isEmpty() ? "" : "." + key) + ".out")
                  : UNCOUNTED;
      index = outputs.size();
      outputs.add(
          new Output(
              index,
              node,
              key,
              counter,
              PlanLineage.columns(plan, markers),
              PlanLineage.schema(plan)));
      node.outputs.add(index);
    }
    if (same >= 0 || !countRows) {
      // a marker Spark folds away: the output is known in later plans, and nothing is counted
      return frame.withSameRecords(rows.where(lit(markers.freeName(index)).isNotNull()));
    }
    UDF1<Long, Boolean> count =
        id -> {
          counter.record(id, true);
          return true;
        };
    Column marker =
        udf(count, DataTypes.BooleanType)
            .asNondeterministic()
            .withName(OUTPUT_MARKER)
            .apply(monotonically_increasing_id());
    Dataset<Row> counted = counting(rows.where(marker), counter);
    markers.counting(plan(counted), index);
    return frame.withSameRecords(counted);
  }

  private DynamicFrame countWritten(NodeState node, DynamicFrame frame) {
    Dataset<Row> rows = frame.toDF();
    LogicalPlan plan = plan(rows);
    int same = PlanLineage.sameRowsAs(plan, markers);
    RowCounter counter;
    boolean countRows = counting();
    synchronized (this) {
      counter =
          same >= 0
              ? outputs.get(same).counter()
              : countRows ? counter(node.id + ".written") : UNCOUNTED;
      node.writeCounters.add(counter);
      PlanLineage.columns(plan, markers)
          .forEach(
              (column, origins) -> {
                List<PlanLineage.Origin> merged =
                    node.written.computeIfAbsent(column, k -> new ArrayList<>());
                origins.stream().filter(o -> !merged.contains(o)).forEach(merged::add);
              });
      PlanLineage.schema(plan).forEach(node.writtenSchema::putIfAbsent);
    }
    if (same >= 0 || !countRows) {
      return frame; // the rows written are the rows of that output, counted there (or nothing is
      // counted)
    }
    UDF1<Long, Boolean> count =
        id -> {
          counter.record(id, true);
          return true;
        };
    Column marker =
        udf(count, DataTypes.BooleanType)
            .asNondeterministic()
            .withName(WRITTEN_MARKER)
            .apply(monotonically_increasing_id());
    return frame.withSameRecords(counting(rows.where(marker), counter));
  }

  /**
   * A counting marker just made: its UDF is what lineage reads in logical plans, while Spark runs
   * {@link CountRows} in its place (swapped by {@link CountRowsRule} at the end of optimisation),
   * which costs a task one increment per row. The rule is the one of the session that optimises the
   * rows' plans.
   */
  private Dataset<Row> counting(Dataset<Row> counted, RowCounter counter) {
    CountRowsRule.of(counted.sparkSession())
        .remember(PlanLineage.countingFunction(plan(counted)), counter);
    return counted;
  }

  private RowCounter counter(String name) {
    RowCounter c = new RowCounter();
    spark.sparkContext().register(c, "dynaframe.lineage." + runId + "." + name);
    return c;
  }

  private List<Integer> markers(Dataset<Row> rows) {
    return PlanLineage.inputs(plan(rows), markers);
  }

  private static LogicalPlan plan(Dataset<Row> rows) {
    return rows.queryExecution().analyzed();
  }

  private synchronized void connect(NodeState node, List<Integer> read) {
    for (int i : read) {
      Output o = outputs.get(i);
      if (o.node() == node) {
        continue;
      }
      if (!node.inputOutputs.contains(i)) {
        node.inputOutputs.add(i);
      }
      if (!node.inputs.contains(o.node().id)) {
        node.inputs.add(o.node().id);
      }
    }
  }

  private synchronized NodeState addNode(
      Node.Kind kind, String name, String type, Map<String, String> args) {
    String base =
        name == null || name.isBlank()
            ? kind.name().toLowerCase(Locale.ROOT)
            : name.strip().replaceAll("\\s+", "_");
    String id = base;
    for (int i = 2; byId.containsKey(id); i++) {
      id = base + "_" + i;
    }
    return addNodeExactly(kind, id, type, redact(args));
  }

  private synchronized NodeState addNodeExactly(
      Node.Kind kind, String id, String type, Map<String, String> args) {
    if (byId.containsKey(id)) {
      throw new IllegalStateException("run " + runId + " already has a step '" + id + "'");
    }
    NodeState node = new NodeState(id, kind, type == null ? "" : type, new LinkedHashMap<>(args));
    nodes.add(node);
    byId.put(id, node);
    return node;
  }

  /**
   * Argument values whose names look like secrets, as {@code *****}; credentials in URIs removed.
   */
  public static Map<String, String> redact(Map<String, String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    args.forEach(
        (k, v) -> out.put(k, Options.isSecretName(k) ? "*****" : Options.withoutUserInfo(v)));
    return out;
  }

  // ---------------------------------------------------------------- reading

  /** The stats of a node as counted so far. */
  synchronized StepStats stats(NodeState node) {
    long out = 0;
    for (int i : node.outputs) {
      out += outputs.get(i).counter().value().rows();
    }
    long errors = 0;
    long staged = 0;
    for (RowCounter c : node.errorCounters) {
      RowCounter.Counts v = c.value();
      errors += v.flagged();
      staged += v.rows();
    }
    long in;
    switch (node.kind) {
      case SOURCE -> in = node.errorCounters.isEmpty() ? out : Math.max(staged, out + errors);
      case SINK -> {
        long written = 0;
        for (RowCounter c : node.writeCounters) {
          written += c.value().rows();
        }
        in = node.writeCounters.isEmpty() ? inputsOut(node) : written;
        out = in;
      }
      default -> in = inputsOut(node);
    }
    return new StepStats(in, out, errors, Duration.ofNanos(Math.max(0, node.durationNanos)));
  }

  private long inputsOut(NodeState node) {
    long in = 0;
    for (int i : node.inputOutputs) {
      in += outputs.get(i).counter().value().rows();
    }
    return in;
  }

  @Override
  public synchronized JobGraph graph() {
    JobGraph.Builder b = JobGraph.builder(jobName()).description(description);
    for (NodeState n : nodes) {
      b.node(
          Node.of(n.kind, n.id).withType(n.type).withArgs(argsWithQuality(n)).withStats(stats(n)));
    }
    for (NodeState n : nodes) {
      for (String input : n.inputs) {
        if (byId.containsKey(input)) {
          b.edge(input, n.id);
        }
      }
    }
    return b.build();
  }

  /** The recorded steps' ids, in the order they ran. */
  public synchronized List<String> steps() {
    return nodes.stream().map(n -> n.id).toList();
  }

  private NodeState require(String step) {
    NodeState n = byId.get(step);
    if (n == null) {
      throw new IllegalArgumentException(
          "run " + runId + " has no step '" + step + "'; its steps are " + byId.keySet());
    }
    return n;
  }

  @Override
  public synchronized Map<String, List<ColumnOrigin>> columnOrigins(String step) {
    NodeState node = require(step);
    Map<String, List<ColumnOrigin>> out = new LinkedHashMap<>();
    raw(node)
        .forEach(
            (column, origins) ->
                out.put(column, origins.stream().map(this::origin).distinct().toList()));
    return out;
  }

  @Override
  public synchronized Map<String, List<ColumnOrigin>> sourceColumns(String step) {
    NodeState node = require(step);
    Map<String, List<ColumnOrigin>> out = new LinkedHashMap<>();
    Map<String, Set<PlanLineage.Origin>> memo = new HashMap<>();
    raw(node)
        .forEach(
            (column, origins) -> {
              Set<ColumnOrigin> found = new LinkedHashSet<>();
              for (PlanLineage.Origin o : origins) {
                for (PlanLineage.Origin s : toSources(o, memo, new LinkedHashSet<>())) {
                  found.add(origin(s));
                }
              }
              out.put(column, new ArrayList<>(found));
            });
    return out;
  }

  /** The source columns (origins whose output belongs to a source) an origin comes from. */
  private Set<PlanLineage.Origin> toSources(
      PlanLineage.Origin o, Map<String, Set<PlanLineage.Origin>> memo, Set<String> visiting) {
    Output output = outputs.get(o.output());
    if (output.node().kind == Node.Kind.SOURCE) {
      return Set.of(o);
    }
    String key = o.output() + "/" + o.column();
    Set<PlanLineage.Origin> known = memo.get(key);
    Set<PlanLineage.Origin> out = new LinkedHashSet<>();
    if (known == null) {
      if (!visiting.add(key)) {
        return out;
      }
      known = new LinkedHashSet<>();
      for (PlanLineage.Origin up : output.columns().getOrDefault(o.column(), List.of())) {
        known.addAll(toSources(up, memo, visiting));
      }
      visiting.remove(key);
      memo.put(key, known);
    }
    for (PlanLineage.Origin s : known) {
      out.add(o.identity() ? s : new PlanLineage.Origin(s.output(), s.column(), false));
    }
    return out;
  }

  private Map<String, List<PlanLineage.Origin>> raw(NodeState node) {
    if (node.kind == Node.Kind.SINK) {
      return node.written;
    }
    Map<String, List<PlanLineage.Origin>> out = new LinkedHashMap<>();
    for (int i : node.outputs) {
      Output o = outputs.get(i);
      o.columns()
          .forEach((c, origins) -> out.put(o.key().isEmpty() ? c : o.key() + "." + c, origins));
    }
    return out;
  }

  private ColumnOrigin origin(PlanLineage.Origin o) {
    return new ColumnOrigin(
        outputs.get(o.output()).node().id,
        o.column(),
        o.identity() ? ColumnOrigin.Derivation.IDENTITY : ColumnOrigin.Derivation.TRANSFORMATION);
  }

  @Override
  public synchronized List<ErrorSample> firstErrors(String step) {
    NodeState n = require(step);
    List<ErrorSample> out = new ArrayList<>();
    for (ErrorSampler s : n.errorSamplers) {
      for (ErrorSample e : s.value()) {
        if (out.size() < FIRST_ERRORS) {
          out.add(e);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Map<String, List<String>> samples() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (NodeState n : nodes) {
      if (!n.samples.isEmpty()) {
        out.put(n.id, List.copyOf(n.samples));
      }
    }
    return out;
  }

  /** A Spigot of the step in scope writes its sample into this folder. */
  @Override
  public void sampled(String folder) {
    NodeState node = enabled() ? scope.get() : null;
    if (node != null && folder != null) {
      synchronized (this) {
        String shown = Options.withoutUserInfo(folder);
        if (!node.samples.contains(shown)) {
          node.samples.add(shown);
        }
      }
    }
  }

  @Override
  public synchronized List<LineageDataset> inputs() {
    Set<LineageDataset> out = new LinkedHashSet<>();
    nodes.forEach(n -> out.addAll(n.inputDatasets));
    return new ArrayList<>(out);
  }

  @Override
  public synchronized List<LineageDataset> outputs() {
    Set<LineageDataset> out = new LinkedHashSet<>();
    nodes.forEach(n -> out.addAll(n.outputDatasets));
    return new ArrayList<>(out);
  }

  @Override
  public synchronized List<LineageDataset> outputsOf(String step) {
    return List.copyOf(new LinkedHashSet<>(require(step).outputDatasets));
  }

  @Override
  public Optional<String> producerOf(DynamicFrame frame) {
    List<Integer> found = markers(frame.toDF());
    synchronized (this) {
      Set<String> ids = new LinkedHashSet<>();
      found.forEach(i -> ids.add(outputs.get(i).node().id));
      return ids.size() == 1 ? Optional.of(ids.iterator().next()) : Optional.empty();
    }
  }

  // ---------------------------------------------------------------- for OpenLineage events and
  // reports

  /** A read-only view of one node for events and reports. */
  public record NodeView(
      String id,
      Node.Kind kind,
      String type,
      List<String> inputs,
      StepStats stats,
      List<LineageDataset> inputDatasets,
      List<LineageDataset> outputDatasets,
      Map<String, String> schema) {}

  /** Every node as recorded so far. */
  public synchronized List<NodeView> nodeViews() {
    List<NodeView> out = new ArrayList<>();
    for (NodeState n : nodes) {
      Map<String, String> schema = new LinkedHashMap<>();
      if (n.kind == Node.Kind.SINK) {
        schema.putAll(n.writtenSchema);
      } else {
        for (int i : n.outputs) {
          outputs.get(i).schema().forEach(schema::putIfAbsent);
        }
      }
      out.add(
          new NodeView(
              n.id,
              n.kind,
              n.type,
              List.copyOf(n.inputs),
              stats(n),
              List.copyOf(n.inputDatasets),
              List.copyOf(n.outputDatasets),
              schema));
    }
    return out;
  }

  /** The datasets a node read (for a source: what it read; steps may read datasets too). */
  public synchronized Collection<LineageDataset> datasetsOf(String step) {
    return List.copyOf(require(step).inputDatasets);
  }

  @Override
  public String toString() {
    return "RunLineage[" + jobName() + ", run " + runId + ", steps " + steps() + "]";
  }

  static void warn(String what, Throwable e) {
    LOG.warn("lineage: {} failed; the job goes on without it: {}", what, e.toString());
  }
}
