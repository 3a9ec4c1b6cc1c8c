package io.dynaframe.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.google.common.collect.ImmutableMap;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.RunObserver;
import io.dynaframe.Transform;
import io.dynaframe.quality.internal.Ast;
import io.dynaframe.quality.internal.Evaluator;
import io.dynaframe.quality.internal.Outcome;
import io.dynaframe.quality.internal.Parser;
import io.dynaframe.quality.internal.QualityError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's {@code EvaluateDataQuality}: evaluates a ruleset written in DQDL (AWS's Data Quality
 * Definition Language) on a frame.
 *
 * <pre>{@code
 * // Python: EvaluateDataQuality.apply(frame=orders, ruleset=rules, publishing_options={...})
 * DynamicFrame outcomes = EvaluateDataQuality.apply(orders, rules, Map.of());
 * // Python: EvaluateDataQuality().process_rows(frame=orders, ruleset=rules, ...)
 * FrameCollection both = EvaluateDataQuality.processRows(orders, rules, Map.of(), Map.of());
 * DynamicFrame rows = both.get("rowLevelOutcomes");
 * // as a step of a job, failing the job when a rule fails (Glue Studio's "Fail job" option)
 * DynamicFrame outcomes = orders.apply("check_orders", EvaluateDataQuality.of(rules).failOnFailure());
 * }</pre>
 *
 * <p>The rule outcomes frame has AWS's columns: {@code Rule} (the rule as written), {@code Outcome}
 * ({@code Passed} or {@code Failed}), {@code FailureReason} and {@code EvaluatedMetrics} (a map of
 * metric name to double, named as AWS names them: {@code Dataset.*.RowCount}, {@code
 * Column.id.Completeness}). The row-level outcomes are the input's rows with {@code
 * DataQualityRulesPass}, {@code DataQualityRulesFail}, {@code DataQualityRulesSkip} (arrays of
 * rules) and {@code DataQualityEvaluationResult} ({@code Passed} or {@code Failed}): Column
 * expressions over the input, lazy like any frame.
 *
 * <p>The ruleset is parsed when the transform is applied; one that does not parse fails with a
 * {@link DqdlParseException} naming the line, column and token. Rules AWS evaluates with its own
 * services (anomaly detection, dynamic rules over {@code last(n)}) and the file rules are refused
 * with a {@link DataQualityException} naming the rule. A rule naming a column the frame does not
 * have fails (its outcome says which column), as a check of the data should.
 *
 * <p>In a job run (a context whose run is observed, as {@code dynaframe-runtime}'s {@code Job}
 * makes it), each evaluation hands its rule outcomes and its row-level outcomes to the run's {@link
 * RunObserver}: the runtime counts the rows that passed and failed while the job's own Spark jobs
 * compute the row-level outcomes (one more Spark job at the end of the run only when nothing
 * computed them) and writes them as one version per run of the results table {@code
 * dynaframe_quality.<job>} in {@code LOAD/_quality/<job>/}, adds them to the run report and shows
 * the counts on the step in diagrams. Used without a job (a plain context, {@link
 * RunObserver#NONE}), nothing is written anywhere and nothing more is computed.
 *
 * <p>All aggregate rules are computed in one Spark job, the frequency rules (uniqueness, distinct
 * values, entropy) in one more; {@code CustomSql} statements and reference datasets add one job
 * each.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">AWS's DQDL reference</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-EvaluateDataQuality.html">AWS's
 *     EvaluateDataQuality class</a>
 */
public final class EvaluateDataQuality implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  /** The publishing options AWS documents; they are accepted and have no effect outside AWS. */
  static final Set<String> PUBLISHING_OPTIONS =
      Set.of(
          "dataQualityEvaluationContext",
          "enableDataQualityCloudWatchMetrics",
          "enableDataQualityResultsPublishing",
          "resultsS3Prefix");

  /** The additional options of process_rows that dynaframe knows. */
  static final Set<String> ADDITIONAL_OPTIONS =
      Set.of(
          "performanceTuning.caching",
          "compositeRuleEvaluation.method",
          "observations.scope",
          "rowLevelConfiguration.ruleWithLabels",
          "rowLevelConfiguration.filteredRowLabel");

  private static final StructType OUTCOMES_SCHEMA =
      new StructType()
          .add("Rule", DataTypes.StringType)
          .add("Outcome", DataTypes.StringType)
          .add("FailureReason", DataTypes.StringType)
          .add(
              "EvaluatedMetrics",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

  /** The rule outcomes of a ruleset that writes DQDL labels: with each rule's {@code Labels}. */
  private static final StructType LABELLED_OUTCOMES_SCHEMA =
      OUTCOMES_SCHEMA.add(
          "Labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true));

  private final String ruleset;
  private final ImmutableMap<String, Object> publishingOptions;
  private final ImmutableMap<String, Object> additionalOptions;
  private final transient ImmutableMap<String, DynamicFrame> references;
  private final boolean failOnFailure;
  private final transient Clock clock;

  private EvaluateDataQuality(
      String ruleset,
      ImmutableMap<String, Object> publishingOptions,
      ImmutableMap<String, Object> additionalOptions,
      ImmutableMap<String, DynamicFrame> references,
      boolean failOnFailure,
      Clock clock) {
    this.ruleset = Objects.requireNonNull(ruleset, "ruleset");
    this.publishingOptions = publishingOptions;
    this.additionalOptions = additionalOptions;
    this.references = references;
    this.failOnFailure = failOnFailure;
    this.clock = clock;
  }

  /** The transform for this DQDL ruleset (parsed when applied). */
  public static EvaluateDataQuality of(String ruleset) {
    return new EvaluateDataQuality(
        ruleset, ImmutableMap.of(), ImmutableMap.of(), ImmutableMap.of(), false, Clock.systemUTC());
  }

  /**
   * Glue's {@code EvaluateDataQuality.apply(frame, ruleset, publishing_options)}: the rule outcomes
   * frame.
   */
  public static DynamicFrame apply(
      DynamicFrame frame, String ruleset, Map<String, ?> publishingOptions) {
    return frame.apply(of(ruleset).withPublishingOptions(publishingOptions));
  }

  /**
   * Glue's {@code EvaluateDataQuality().process_rows(frame, ruleset, publishing_options,
   * additional_options)}: a collection of {@code ruleOutcomes} and {@code rowLevelOutcomes}.
   */
  public static FrameCollection processRows(
      DynamicFrame frame,
      String ruleset,
      Map<String, ?> publishingOptions,
      Map<String, ?> additionalOptions) {
    return frame.apply(
        of(ruleset)
            .withPublishingOptions(publishingOptions)
            .withAdditionalOptions(additionalOptions)
            .rowLevel());
  }

  /**
   * This transform with Glue's publishing options ({@code dataQualityEvaluationContext}, {@code
   * enableDataQualityCloudWatchMetrics}, {@code enableDataQualityResultsPublishing}, {@code
   * resultsS3Prefix}); they are checked and kept, and publish nothing outside AWS.
   *
   * @throws IllegalArgumentException for an option AWS does not document, naming the known ones
   */
  public EvaluateDataQuality withPublishingOptions(Map<String, ?> options) {
    return new EvaluateDataQuality(
        ruleset,
        checked(options, PUBLISHING_OPTIONS, "publishing option"),
        additionalOptions,
        references,
        failOnFailure,
        clock);
  }

  /**
   * This transform with process_rows' additional options: {@code compositeRuleEvaluation.method}
   * ({@code COLUMN}, the default: each rule of a composite rule is judged on the whole dataset,
   * then combined; {@code ROW}: the composite rule is judged on each row, and passes when every row
   * passes it, one more Spark job; AWS refuses there the rules that rely on ratios and
   * ColumnDataType, ColumnValues and CustomSql with a threshold), {@code
   * rowLevelConfiguration.ruleWithLabels} ({@code ENABLED}: the row-level outcomes name each rule
   * with its DQDL labels; {@code DISABLED}, the default), {@code
   * rowLevelConfiguration.filteredRowLabel} ({@code SKIPPED}: the rows a rule's {@code where}
   * clause filters out are in {@code DataQualityRulesSkip}; by default they pass, as AWS labels
   * them), {@code performanceTuning.caching} and {@code observations.scope} (accepted, no effect).
   */
  public EvaluateDataQuality withAdditionalOptions(Map<String, ?> options) {
    ImmutableMap<String, Object> o = checked(options, ADDITIONAL_OPTIONS, "additional option");
    Object filtered = o.get("rowLevelConfiguration.filteredRowLabel");
    if (filtered != null
        && !"SKIPPED".equalsIgnoreCase(filtered.toString())
        && !"PASSED".equalsIgnoreCase(filtered.toString())) {
      throw new IllegalArgumentException(
          "additional option rowLevelConfiguration.filteredRowLabel="
              + filtered
              + " is not known; it is SKIPPED (or PASSED, the default)");
    }
    Object labels = o.get("rowLevelConfiguration.ruleWithLabels");
    if (labels != null
        && !"ENABLED".equalsIgnoreCase(labels.toString())
        && !"DISABLED".equalsIgnoreCase(labels.toString())) {
      throw new IllegalArgumentException(
          "additional option rowLevelConfiguration.ruleWithLabels="
              + labels
              + " is not known; it is ENABLED or DISABLED (the default)");
    }
    Object method = o.get("compositeRuleEvaluation.method");
    if (method != null
        && !"COLUMN".equalsIgnoreCase(method.toString())
        && !"ROW".equalsIgnoreCase(method.toString())) {
      throw new IllegalArgumentException(
          "additional option compositeRuleEvaluation.method="
              + method
              + " is not known; it is COLUMN (the default) or ROW");
    }
    return new EvaluateDataQuality(ruleset, publishingOptions, o, references, failOnFailure, clock);
  }

  /**
   * This transform with a reference dataset, named as the ruleset names it ({@code RowCountMatch
   * "reference" >= 0.9}, {@code ReferentialIntegrity "id" "reference.id" = 1.0}): Glue's additional
   * data sources.
   */
  public EvaluateDataQuality withReference(String alias, DynamicFrame frame) {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(frame, "frame");
    Map<String, DynamicFrame> m = new LinkedHashMap<>(references);
    m.put(alias, frame);
    return new EvaluateDataQuality(
        ruleset,
        publishingOptions,
        additionalOptions,
        ImmutableMap.copyOf(m),
        failOnFailure,
        clock);
  }

  /**
   * This transform failing with a {@link DataQualityFailedException} when a rule fails: Glue
   * Studio's "Fail job when data quality fails".
   */
  public EvaluateDataQuality failOnFailure() {
    return new EvaluateDataQuality(
        ruleset, publishingOptions, additionalOptions, references, true, clock);
  }

  /** This transform reading the time ({@code now()}, DataFreshness) from this clock. */
  public EvaluateDataQuality withClock(Clock value) {
    return new EvaluateDataQuality(
        ruleset,
        publishingOptions,
        additionalOptions,
        references,
        failOnFailure,
        Objects.requireNonNull(value, "clock"));
  }

  /**
   * The process_rows form: a transform to the collection {@code ruleOutcomes}, {@code
   * rowLevelOutcomes}.
   */
  public Transform<FrameCollection> rowLevel() {
    EvaluateDataQuality self = this;
    return new Transform<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public FrameCollection expand(DynamicFrame input, String step) {
        return self.evaluate(input, step).asCollection();
      }

      @Override
      public String kind() {
        return "EvaluateDataQuality";
      }
    };
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return evaluate(input, step).ruleOutcomes();
  }

  /**
   * Evaluates the ruleset on a frame outside a step: the outcomes, the analyzers' metrics and both
   * frames.
   */
  public DataQualityResult evaluate(DynamicFrame input) {
    return evaluate(input, "EvaluateDataQuality");
  }

  private DataQualityResult evaluate(DynamicFrame input, String step) {
    try {
      return evaluateChecked(input, step);
    } catch (QualityError e) {
      throw translated(e);
    }
  }

  /** The public exception of an error of the parser or the evaluator. */
  static DataQualityException translated(QualityError e) {
    return e.parseError()
        ? new DqdlParseException(e.getMessage(), e.line(), e.column(), e.token())
        : new DataQualityException(e.getMessage(), e.getCause());
  }

  private DataQualityResult evaluateChecked(DynamicFrame input, String step) {
    Ast.Document doc = Parser.parse(ruleset);
    Dataset<Row> rows = input.toDF();
    Map<String, Dataset<Row>> refs = new LinkedHashMap<>();
    references.forEach((k, v) -> refs.put(k, v.toDF()));
    catalogReferences(input.context(), doc.rules(), refs);
    RunObserver observer = input.context().observer();
    String context = evaluationContext(step);
    Evaluator ev =
        new Evaluator(rows.sparkSession(), rows, refs, clock.instant())
            .withCompositeRows(
                "ROW"
                    .equalsIgnoreCase(
                        String.valueOf(additionalOptions.get("compositeRuleEvaluation.method"))));
    if (observer != null) {
      // a job run keeps earlier runs' results: dynamic rules read them
      observer.qualityHistory(context).ifPresent(h -> ev.withHistory(h::last));
    }
    List<Evaluator.Node> rules = ev.plan(doc.rules(), false);
    List<Evaluator.Node> analyzers = ev.plan(doc.analyzers(), true);
    ev.run();
    Dataset<Row> augmented = augment(rows, rules);
    ev.runRowComposites(augmented, rules);

    List<RuleOutcome> outcomes = new ArrayList<>();
    List<Row> outRows = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Outcome io = rules.get(i).outcome();
      RuleOutcome o =
          new RuleOutcome(
              io.rule(),
              io.passed(),
              io.failureReason(),
              io.evaluatedMetrics(),
              doc.labels().get(i));
      outcomes.add(o);
      Object[] cells = {
        o.rule(), o.outcome(), o.failureReason(), new LinkedHashMap<>(o.evaluatedMetrics())
      };
      if (doc.labelled()) {
        // AWS: DQDL labels are always visible in rule outcomes
        cells = java.util.Arrays.copyOf(cells, 5);
        cells[4] = new LinkedHashMap<>(o.labels());
      }
      outRows.add(RowFactory.create(cells));
    }
    Map<String, Map<String, Double>> analyzerMetrics = new LinkedHashMap<>();
    for (Evaluator.Node n : analyzers) {
      analyzerMetrics.put(n.text(), n.outcome().evaluatedMetrics());
    }
    DynamicFrame rowLevel =
        input
            .withRows(
                report(
                    observer,
                    context,
                    outcomes,
                    rowLevel(rows.columns(), augmented, rules, rowLabels(doc), skipFiltered())))
            .withName(DataQualityResult.ROW_LEVEL_OUTCOMES)
            .withTransformationContext(step);
    if (failOnFailure) {
      List<RuleOutcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
      if (!failed.isEmpty()) {
        throw new DataQualityFailedException(step, failed);
      }
    }
    Dataset<Row> outcomesDf =
        rows.sparkSession()
            .createDataFrame(outRows, doc.labelled() ? LABELLED_OUTCOMES_SCHEMA : OUTCOMES_SCHEMA);
    DynamicFrame outcomesFrame =
        DynamicFrame.fromDF(outcomesDf, input.context(), DataQualityResult.RULE_OUTCOMES)
            .withTransformationContext(step);
    return new DataQualityResult(outcomes, analyzerMetrics, outcomesFrame, rowLevel);
  }

  /**
   * Hands the outcomes to the run's observer (the job runtime keeps them in the lake, the run
   * report and the diagrams). Rows are counted (one more Spark job) only when a run observes.
   */
  private String evaluationContext(String step) {
    Object context = publishingOptions.get("dataQualityEvaluationContext");
    return context != null ? context.toString() : step;
  }

  private Dataset<Row> report(
      RunObserver observer, String context, List<RuleOutcome> outcomes, Dataset<Row> rowLevel) {
    if (observer == null || observer == RunObserver.NONE) {
      return rowLevel;
    }
    List<RunObserver.QualityRule> rules = new ArrayList<>();
    for (RuleOutcome o : outcomes) {
      rules.add(
          new RunObserver.QualityRule(
              o.rule(), o.outcome(), o.failureReason(), o.evaluatedMetrics(), o.labels()));
    }
    return observer.qualityRows(
        new RunObserver.QualityEvaluation(context, ruleset, rules, -1, -1, clock.instant()),
        rowLevel);
  }

  private static final java.util.regex.Pattern CATALOG_AGGREGATION =
      java.util.regex.Pattern.compile(
          "(?i)\\s*(?:sum|avg)\\s*\\(\\s*([^.()]+)\\.([^.()]+)\\.([^.()]+?)\\s*\\)\\s*");

  /**
   * AggregateMatch as AWS writes it in the Data Catalog ({@code "avg(database_name.tablename.c)"}):
   * a table of the context's catalog is a reference dataset named {@code database_name.tablename},
   * unless a dataset of that name was given with {@link #withReference}.
   */
  private static void catalogReferences(
      io.dynaframe.DynaContext ctx, List<Ast.Rule> rules, Map<String, Dataset<Row>> refs) {
    for (Ast.Rule r : rules) {
      if (r instanceof Ast.Composite c) {
        catalogReferences(ctx, c.children(), refs);
      } else if (r instanceof Ast.Simple s && s.type().equals("AggregateMatch")) {
        for (String p : s.params()) {
          java.util.regex.Matcher m = CATALOG_AGGREGATION.matcher(p);
          if (!m.matches()) {
            continue;
          }
          String alias = m.group(1) + "." + m.group(2);
          if (refs.containsKey(alias) || ctx.catalog() == null) {
            continue;
          }
          io.dynaframe.catalog.TableIdentifier id;
          try {
            id = io.dynaframe.catalog.TableIdentifier.of(m.group(1), m.group(2));
          } catch (IllegalArgumentException notATableName) {
            continue; // not a catalog table: the rule names what it could not find
          }
          if (ctx.catalog().tableExists(id)) {
            refs.put(alias, ctx.createDynamicFrameFromCatalog(m.group(1), m.group(2)).toDF());
          }
        }
      }
    }
  }

  /** The input with the columns the rules' row outcomes need (joins of reference rules). */
  private static Dataset<Row> augment(Dataset<Row> input, List<Evaluator.Node> rules) {
    Dataset<Row> rows = input;
    for (Evaluator.Node n : rules) {
      rows = n.augment(rows);
    }
    return rows;
  }

  /**
   * With {@code rowLevelConfiguration.ruleWithLabels = ENABLED}, each rule's labels as the
   * row-level outcomes name them; null otherwise.
   */
  private List<Map<String, String>> rowLabels(Ast.Document doc) {
    Object o = additionalOptions.get("rowLevelConfiguration.ruleWithLabels");
    return o != null && "ENABLED".equalsIgnoreCase(o.toString()) ? doc.labels() : null;
  }

  /**
   * A rule as the row-level outcomes name it with its labels: the rule as written, then its labels
   * as DQDL writes them ({@code IsComplete "id" labels=["team"="finance"]}); the rule alone when it
   * has none.
   */
  static String withLabels(String rule, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return rule;
    }
    StringBuilder b = new StringBuilder(rule).append(" labels=[");
    String sep = "";
    for (Map.Entry<String, String> e : labels.entrySet()) {
      b.append(sep).append(quoted(e.getKey())).append('=');
      b.append(e.getValue() == null ? "NULL" : quoted(e.getValue()));
      sep = ", ";
    }
    return b.append(']').toString();
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * AWS: "When applying a where clause to rules that support row level results, we will label the
   * rows that are filtered out by the where clause as Passed", unless {@code
   * rowLevelConfiguration.filteredRowLabel = SKIPPED}.
   */
  private boolean skipFiltered() {
    Object o = additionalOptions.get("rowLevelConfiguration.filteredRowLabel");
    return o != null && "SKIPPED".equalsIgnoreCase(o.toString());
  }

  private static Dataset<Row> rowLevel(
      String[] original,
      Dataset<Row> rows,
      List<Evaluator.Node> rules,
      List<Map<String, String>> labels,
      boolean skipFiltered) {
    List<Column> pass = new ArrayList<>();
    List<Column> fail = new ArrayList<>();
    List<Column> skip = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Evaluator.Node n = rules.get(i);
      Column name = lit(labels == null ? n.text() : withLabels(n.text(), labels.get(i)));
      Column filtered = n.applies() == null ? lit(false) : not(coalesce(n.applies(), lit(false)));
      Column skipped = skipFiltered ? filtered : lit(false);
      Column ok =
          n.applies() == null
              ? coalesce(n.rowPass(), lit(false))
              : filtered.or(coalesce(n.rowPass(), lit(false)));
      pass.add(when(not(skipped).and(ok), name));
      fail.add(when(not(skipped).and(not(ok)), name));
      skip.add(when(skipped, name));
    }
    List<Column> out = new ArrayList<>();
    for (String c : original) {
      out.add(rows.col("`" + c.replace("`", "``") + "`"));
    }
    Column empty = functions_emptyStrings();
    Column failArr = rules.isEmpty() ? empty : array_compact(array(fail.toArray(Column[]::new)));
    out.add(
        (rules.isEmpty() ? empty : array_compact(array(pass.toArray(Column[]::new))))
            .as("DataQualityRulesPass"));
    out.add(failArr.as("DataQualityRulesFail"));
    out.add(
        (rules.isEmpty() ? empty : array_compact(array(skip.toArray(Column[]::new))))
            .as("DataQualityRulesSkip"));
    out.add(
        when(size(failArr).gt(0), lit("Failed"))
            .otherwise(lit("Passed"))
            .as("DataQualityEvaluationResult"));
    return rows.select(out.toArray(Column[]::new));
  }

  private static Column functions_emptyStrings() {
    return array().cast(DataTypes.createArrayType(DataTypes.StringType));
  }

  private static ImmutableMap<String, Object> checked(
      Map<String, ?> options, Set<String> known, String what) {
    if (options == null) {
      return ImmutableMap.of();
    }
    for (String k : options.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            what + " '" + k + "' is not known; known: " + known.stream().sorted().toList());
      }
    }
    return ImmutableMap.copyOf(options);
  }

  @Override
  public String kind() {
    return "EvaluateDataQuality";
  }

  @Override
  public String toString() {
    return "EvaluateDataQuality[" + ruleset.replaceAll("\\s+", " ").trim() + "]";
  }
}
