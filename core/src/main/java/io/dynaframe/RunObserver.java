package io.dynaframe;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.dynaframe.catalog.TableIdentifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Watches one run as it goes: every step applied with {@link DynamicFrame#apply(String,
 * Transform)}, every source read, every sink written and every set of rows staged with error
 * records passes through the observer of the frame's {@link DynaContext}. The job runtime's lineage
 * recorder (module {@code dynaframe-runtime}) is one; without it a run is not observed ({@link
 * #NONE}).
 *
 * <p>An observer is made per run by a {@link Factory} found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.dynaframe.RunObserver$Factory}). It must return
 * what the plain call would have returned, or an equivalent frame (same records, same errors), and
 * must never make a job fail because observing failed.
 */
public interface RunObserver {

  /** An observer that observes nothing: every call returns what it was given. */
  RunObserver NONE =
      new RunObserver() {
        @Override
        public <O> O step(
            DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand) {
          return expand.apply(input);
        }

        @Override
        public Dataset<Row> staged(Dataset<Row> staged) {
          return staged;
        }

        @Override
        public DataSource source(Io source, DataSource inner) {
          return inner;
        }

        @Override
        public DataSink sink(Io sink, DataSink inner) {
          return inner;
        }

        @Override
        public String toString() {
          return "RunObserver.NONE";
        }
      };

  /**
   * A step: {@code frame.apply(step, transform)}. {@code expand} runs the transform on the frame it
   * is given; the observer returns its result (possibly with the frames in it replaced by
   * equivalent ones, see {@link DynamicFrame#withSameRecords}).
   */
  <O> O step(DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand);

  /**
   * Rows staged with an {@link ErrorRecords#COLUMN} column by the step in progress, before they are
   * split.
   */
  Dataset<Row> staged(Dataset<Row> staged);

  /** A source a context made; the observer returns it or one that reads the same frame. */
  DataSource source(Io source, DataSource inner);

  /** A sink a context made; the observer returns it or one that writes the same way. */
  DataSink sink(Io sink, DataSink inner);

  /**
   * The step in progress writes a sample of its records (JSON lines) into this folder, as Glue's
   * Spigot does; the run report links to it. By default nothing is done.
   */
  default void sampled(String folder) {}

  /**
   * A data quality evaluation (module {@code dynaframe-quality}'s {@code EvaluateDataQuality}) in
   * the step in progress, if any, on this thread: its rule outcomes and row counts. The job runtime
   * shows them on the step in diagrams and the run report and keeps them in the lake as a results
   * table; other observers ignore it (the default). {@code rowLevelOutcomes} (lazy) are the input's
   * rows with the column {@code DataQualityEvaluationResult} ({@code Passed} or {@code Failed}): an
   * observer that wants the rows counted counts them (one more Spark job) and keeps the evaluation
   * {@link QualityEvaluation#withRows with the counts}. Must not throw.
   */
  default void quality(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {}

  /**
   * {@link #quality}, returning the row-level outcomes the evaluation hands on: the same rows, or
   * rows that count themselves as the job's own Spark jobs compute them (the job runtime does this,
   * so the rows that passed and failed are counted without a Spark job of their own). By default
   * calls {@link #quality} and returns the rows as given. Must not throw.
   */
  default Dataset<Row> qualityRows(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {
    quality(evaluation, rowLevelOutcomes);
    return rowLevelOutcomes;
  }

  /**
   * The results of earlier runs of the data quality evaluation named {@code evaluationContext}, for
   * dynamic rules ({@code RowCount > avg(last(3))}); empty when this observer keeps none (the
   * default; the job runtime reads them from the job's results table).
   */
  default Optional<QualityHistory> qualityHistory(String evaluationContext) {
    return Optional.empty();
  }

  /** Earlier runs' results of one data quality evaluation. */
  @FunctionalInterface
  interface QualityHistory {
    /**
     * The evaluated metrics of the rule written {@code rule} in at most {@code runs} earlier runs,
     * most recent first, one map per run; empty when no earlier run evaluated it.
     */
    List<Map<String, Double>> last(String rule, int runs);
  }

  /**
   * This observer as {@code type} if it is one, or the one of that type among the observers it
   * chains; empty otherwise. How a module finds its own observer on a context.
   */
  default <T> Optional<T> find(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /**
   * What a source or sink reads or writes, as the observer sees it: the step's name (its
   * transformation context, else a name made from the table, path or format), a type such as {@code
   * S3 JSON} or {@code Data Catalog}, its options as text with secret values hidden, the paths it
   * reads or writes, and the catalog table where there is one.
   */
  record Io(
      String name,
      String type,
      Map<String, String> args,
      List<String> paths,
      Optional<TableIdentifier> table) {
    public Io {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      args = ImmutableMap.copyOf(args);
      paths = ImmutableList.copyOf(paths);
      Objects.requireNonNull(table, "table");
    }
  }

  /**
   * One rule's outcome in a {@link QualityEvaluation}: the rule as written, {@code Passed} or
   * {@code Failed}, the reason it failed (null when it passed), its evaluated metrics and its DQDL
   * labels (empty when it has none; a label's value may be null), as AWS's rule outcomes carry
   * them.
   */
  record QualityRule(
      String rule,
      String outcome,
      String failureReason,
      Map<String, Double> evaluatedMetrics,
      Map<String, String> labels) {
    public QualityRule {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(outcome, "outcome");
      evaluatedMetrics = ImmutableMap.copyOf(evaluatedMetrics);
      // label values may be null (AWS: "the label value may be empty or null")
      labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The outcome of a rule without labels. */
    public QualityRule(
        String rule, String outcome, String failureReason, Map<String, Double> evaluatedMetrics) {
      this(rule, outcome, failureReason, evaluatedMetrics, Map.of());
    }
  }

  /**
   * One evaluation of a data quality ruleset: the step (or evaluation context) it ran in, the
   * ruleset as written, the outcome of each rule, and how many rows passed and failed every rule
   * that has row-level outcomes ({@code -1} when the rows were not counted).
   */
  record QualityEvaluation(
      String step,
      String ruleset,
      List<QualityRule> rules,
      long rowsPassed,
      long rowsFailed,
      java.time.Instant evaluatedAt) {
    public QualityEvaluation {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(ruleset, "ruleset");
      rules = ImmutableList.copyOf(rules);
      Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    }

    /** This evaluation with the rows that passed and failed counted. */
    public QualityEvaluation withRows(long passed, long failed) {
      return new QualityEvaluation(step, ruleset, rules, passed, failed, evaluatedAt);
    }

    /** The rules that passed. */
    public long rulesPassed() {
      return rules.stream().filter(r -> "Passed".equals(r.outcome())).count();
    }

    /** The rules that did not pass. */
    public long rulesFailed() {
      return rules.size() - rulesPassed();
    }
  }

  /**
   * Makes the observer of each run (each {@link DynaContext} run id). Implementations need a public
   * no-argument constructor.
   */
  interface Factory {

    /**
     * The observer of the run {@code runId} on this session. Called once per run id and context.
     */
    RunObserver create(SparkSession spark, String runId);
  }
}
