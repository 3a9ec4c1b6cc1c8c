package io.dynaframe.quality.internal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Evaluates a parsed ruleset on a Dataset with as few Spark jobs as the rules allow: every
 * aggregate of every rule (counts, completeness, means, compliance of row-level rules, each under
 * its {@code where} filter) in one {@code agg} job; every rule that needs value frequencies
 * (uniqueness, distinct values, unique value ratio, entropy) in one more job, one grouping set per
 * column list; {@code CustomSql} and reference datasets one job each. Row-level outcomes are Column
 * expressions over the input.
 */
public final class Evaluator {
  private static final AtomicLong VIEWS = new AtomicLong();

  /** {@code SELECT count(*) FROM primary WHERE <condition>}, in any case and spacing. */
  private static final java.util.regex.Pattern COUNT_WHERE =
      java.util.regex.Pattern.compile(
          "(?is)\\s*select\\s+count\\s*\\(\\s*(?:\\*|1)\\s*\\)\\s+from\\s+primary\\s+where\\s+(.+?)\\s*;?\\s*");

  /** Words that make a WHERE condition more than an expression over one row. */
  private static final java.util.regex.Pattern CLAUSE_WORDS =
      java.util.regex.Pattern.compile(
          "(?i)\\b(select|from|group|having|order|limit|union|intersect|except|minus|join|window"
              + "|over|lateral|sort|cluster|distribute|qualify)\\b");

  private final SparkSession spark;
  private final Dataset<Row> df;
  private final Map<String, Dataset<Row>> references;
  private final Instant now;
  private final List<Column> aggregates = new ArrayList<>();
  private final Map<String, Integer> aggregateIndex = new LinkedHashMap<>();
  private final Map<String, GroupKey> groupKeys = new LinkedHashMap<>();
  private Row aggregateRow;
  private final Map<Integer, double[]> groupStats = new LinkedHashMap<>();
  private History history;
  private boolean compositeRows;
  private Scope scope;

  /**
   * The metrics of a rule in earlier runs of the same evaluation, most recent first (one map per
   * run): what dynamic rules ({@code RowCount > avg(last(3))}) compare with.
   */
  public interface History {
    /** At most {@code runs} earlier runs' metrics of the rule written {@code rule}. */
    List<Map<String, Double>> last(String rule, int runs);
  }

  /** The rule whose condition is being judged, and the metric a dynamic value reads. */
  private record Scope(String rule, String metric) {}

  /** Thrown while judging a dynamic rule that has no earlier run to compare with. */
  private static final class NoHistory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoHistory() {
      super(null, null, false, false);
    }
  }

  /**
   * Where dynamic rules read earlier runs' metrics; without it (outside a job run) they are
   * refused.
   */
  public Evaluator withHistory(History value) {
    this.history = value;
    return this;
  }

  /**
   * Composite rules judged row by row ({@code compositeRuleEvaluation.method = ROW}): the rule
   * passes when every row passes it; {@link #runRowComposites} computes them.
   */
  public Evaluator withCompositeRows(boolean value) {
    this.compositeRows = value;
    return this;
  }

  /**
   * With {@code compositeRuleEvaluation.method = ROW}: one job counting, for each composite rule,
   * the rows of {@code rows} (the input with the columns the rules' row outcomes need) that pass
   * it.
   */
  public void runRowComposites(Dataset<Row> rows, List<Node> rules) {
    List<CompositeNode> composites = new ArrayList<>();
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    if (!compositeRows) {
      return;
    }
    for (Node n : rules) {
      if (n instanceof CompositeNode c) {
        composites.add(c);
        aggs.add(functions.sum(when(coalesce(c.rowWise(), lit(false)), lit(1L)).otherwise(0L)));
      }
    }
    if (composites.isEmpty()) {
      return;
    }
    Row r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).head();
    long n = r.getLong(0);
    for (int i = 0; i < composites.size(); i++) {
      composites.get(i).rows = new long[] {n, r.isNullAt(i + 1) ? 0 : r.getLong(i + 1)};
    }
  }

  /** The outcome of a rule (or analyzer) and how to judge each row by it. */
  public interface Node {
    /** The rule as written. */
    String text();

    /** Its outcome; valid after {@link Evaluator#run}. */
    Outcome outcome();

    /** Whether a row passes it (a constant for rules judged on the whole dataset). */
    Column rowPass();

    /** The rows it applies to (its {@code where} filter), or null for all rows. */
    Column applies();

    /** The input with the columns {@link #rowPass} needs (a join), or the input itself. */
    default Dataset<Row> augment(Dataset<Row> rows) {
      return rows;
    }
  }

  private record GroupKey(int id, List<String> columns, String where) {}

  /**
   * An evaluator of rules on {@code df}, with the reference datasets by alias, at the instant
   * {@code now} (for {@code now()} and DataFreshness).
   */
  public Evaluator(
      SparkSession spark, Dataset<Row> df, Map<String, Dataset<Row>> references, Instant now) {
    this.spark = spark;
    this.df = df;
    this.references = references;
    this.now = now;
  }

  /** Plans every rule; no Spark job runs until {@link #run}. */
  public List<Node> plan(List<Ast.Rule> rules, boolean analyzers) {
    List<Node> out = new ArrayList<>();
    for (Ast.Rule r : rules) {
      out.add(node(r, analyzers, r.text()));
    }
    return out;
  }

  /** Runs the aggregate job and the grouping job (when rules need them). */
  public void run() {
    if (!aggregates.isEmpty()) {
      aggregateRow =
          df.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
              .head();
    }
    if (!groupKeys.isEmpty()) {
      runGroups();
    }
  }

  // ------------------------------------------------------------------ shared jobs

  private int aggregate(String key, Column c) {
    return aggregateIndex.computeIfAbsent(
        key,
        k -> {
          aggregates.add(c.as("a" + aggregates.size()));
          return aggregates.size() - 1;
        });
  }

  private Double aggValue(int i) {
    Object v = aggregateRow.get(i);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalStateException("aggregate " + i + " is not a number: " + v);
  }

  private String aggString(int i) {
    Object v = aggregateRow.get(i);
    return v == null ? null : v.toString();
  }

  private int group(List<String> columns, String where) {
    String key = columns + "|" + where;
    return groupKeys.computeIfAbsent(key, k -> new GroupKey(groupKeys.size(), columns, where)).id();
  }

  /**
   * One Spark query for every frequency-based rule: per distinct set of grouped columns (and where
   * clause), the rows with a value in one of the columns are counted per group, then the number of
   * groups, of groups seen once, of values, and the sum of n*ln(n) for the entropy; the one-row
   * results of the sets are unioned and collected at once. Each set reads and shuffles only its own
   * columns: GROUP BY GROUPING SETS would shuffle every row once per set with every set's columns,
   * which the quality benchmark measured slower.
   */
  private void runGroups() {
    Dataset<Row> all = null;
    for (GroupKey k : groupKeys.values()) {
      List<Column> keys = new ArrayList<>();
      List<Column> names = new ArrayList<>();
      Column valid = null;
      for (int i = 0; i < k.columns().size(); i++) {
        Column c = column(k.columns().get(i));
        keys.add(c.as("g" + i));
        names.add(col("g" + i));
        valid = valid == null ? c.isNotNull() : valid.or(c.isNotNull());
      }
      if (k.where() != null) {
        valid = valid.and(coalesce(functions.expr(k.where()), lit(false)));
      }
      Column n = col("count");
      Dataset<Row> stats =
          df.where(valid)
              .select(keys.toArray(Column[]::new))
              .groupBy(names.toArray(Column[]::new))
              .count()
              .agg(
                  lit(k.id()).as("k"),
                  count(lit(1)).as("groups"),
                  functions.sum(when(n.equalTo(1), lit(1L)).otherwise(lit(0L))).as("uniques"),
                  functions.sum(n).as("total"),
                  functions.sum(n.multiply(functions.log(n))).as("nlogn"));
      all = all == null ? stats : all.union(stats);
    }
    for (Row r : all.collectAsList()) {
      groupStats.put(
          ((Number) r.get(0)).intValue(),
          new double[] {number(r.get(1)), number(r.get(2)), number(r.get(3)), number(r.get(4))});
    }
  }

  private static double number(Object v) {
    return v == null ? 0 : ((Number) v).doubleValue();
  }

  /** groups, uniques, values (non-null), sum n ln n. */
  private double[] stats(int id) {
    return groupStats.getOrDefault(id, new double[4]);
  }

  // ------------------------------------------------------------------ planning

  private Node node(Ast.Rule rule, boolean analyzer, String top) {
    if (rule instanceof Ast.Composite c) {
      List<Node> children = new ArrayList<>();
      for (Ast.Rule r : c.children()) {
        if (compositeRows && !analyzer && r instanceof Ast.Simple s) {
          checkRowComposable(s);
        }
        children.add(node(r, analyzer, top));
      }
      return new CompositeNode(c, children);
    }
    Ast.Simple s = (Ast.Simple) rule;
    checkStatic(s);
    if (RuleTypes.REFUSED.contains(s.type())) {
      throw refuse(
          s,
          s.type().equals("DetectAnomalies")
              ? "it needs AWS Glue's statistics of earlier runs, which dynaframe does not keep yet"
              : "it checks files on Amazon S3, not the rows of a frame");
    }
    Column where = null;
    if (s.where() != null) {
      try {
        where = functions.expr(s.where());
        df.filter(where); // analysed now: a bad clause fails here, naming the rule
      } catch (Exception e) {
        throw new QualityError(
            at(s)
                + ": the where clause \""
                + s.where()
                + "\" is not valid SQL on this frame: "
                + firstLine(e.getMessage()),
            e);
      }
    }
    return new SimpleNode(s, where, top);
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static String at(Ast.Rule r) {
    return "rule '" + r.text() + "' (line " + r.line() + ", column " + r.column() + ")";
  }

  /** Rules that AWS's "how composite rules work" lists as relying on ratios. */
  private static final java.util.Set<String> RATIO_TYPES =
      java.util.Set.of("Completeness", "DatasetMatch", "ReferentialIntegrity", "Uniqueness");

  /** Rules that AWS lists as not supported row by row when they have {@code with threshold}. */
  private static final java.util.Set<String> THRESHOLD_TYPES =
      java.util.Set.of("ColumnDataType", "ColumnValues", "CustomSql");

  /**
   * AWS's "how composite rules work": with {@code compositeRuleEvaluation.method = ROW}, rules
   * relying on ratios (Completeness, DatasetMatch, ReferentialIntegrity, Uniqueness) and
   * ColumnDataType, ColumnValues and CustomSql with a threshold cannot be part of a composite rule.
   */
  private static void checkRowComposable(Ast.Simple s) {
    if (RATIO_TYPES.contains(s.type())) {
      throw refuse(
          s,
          s.type()
              + " relies on a ratio, so it cannot be part of a composite rule judged row by row"
              + " (compositeRuleEvaluation.method = ROW); write it as a rule of its own");
    }
    if (THRESHOLD_TYPES.contains(s.type()) && s.threshold() != null) {
      throw refuse(
          s,
          s.type()
              + " with threshold cannot be part of a composite rule judged row by row"
              + " (compositeRuleEvaluation.method = ROW); drop the threshold or write it as a"
              + " rule of its own");
    }
  }

  private static QualityError refuse(Ast.Rule r, String why) {
    return new QualityError(at(r) + " cannot be evaluated: " + why);
  }

  /** Rule types whose condition judges each row's value: a dynamic value has no meaning there. */
  private static final java.util.Set<String> ROW_VALUE_TYPES =
      java.util.Set.of("ColumnValues", "ColumnLength", "DataFreshness", "ColumnDataType");

  /**
   * Dynamic rules ({@code last(n)}, {@code avg(...)}) compare a rule's metric with its values in
   * earlier runs: refused at apply time where they cannot be evaluated.
   */
  private void checkStatic(Ast.Simple s) {
    for (Ast.Condition c : new Ast.Condition[] {s.condition(), s.threshold()}) {
      if (c == null) {
        continue;
      }
      List<Ast.Expr> operands;
      if (c instanceof Ast.Compare cmp) {
        operands = List.of(cmp.value());
      } else if (c instanceof Ast.Between b) {
        operands = List.of(b.low(), b.high());
      } else if (c instanceof Ast.In in) {
        operands = in.values();
      } else {
        operands = List.of();
      }
      for (Ast.Expr e : operands) {
        Optional<Ast.Call> call = findCall(e);
        if (call.isEmpty()) {
          continue;
        }
        String where =
            "'"
                + call.get().text()
                + "' (line "
                + call.get().line()
                + ", column "
                + call.get().column()
                + ")";
        if (c == s.threshold() || ROW_VALUE_TYPES.contains(s.type())) {
          throw refuse(
              s,
              where
                  + " is a dynamic value: it compares the rule's metric with earlier runs', and "
                  + (c == s.threshold()
                      ? "a threshold is a share of this run's rows"
                      : s.type() + " judges each row's value"));
        }
        if (history == null) {
          throw refuse(
              s,
              where
                  + " is a dynamic rule: it compares with the metrics of earlier runs, which"
                  + " dynaframe reads from the job's results table (dynaframe_quality.<job>) in"
                  + " job runs only; evaluate it in a Job");
        }
        checkCall(s, call.get());
      }
    }
  }

  private static final java.util.Set<String> AGGREGATES =
      java.util.Set.of("avg", "min", "max", "sum", "median", "std");

  private void checkCall(Ast.Simple s, Ast.Call c) {
    String name = c.name();
    boolean ok =
        switch (name) {
          case "last" ->
              c.args().size() == 1
                  && c.args().get(0) instanceof Ast.Num n
                  && n.value() >= 1
                  && n.value() == Math.rint(n.value());
          case "index" ->
              c.args().size() == 2
                  && c.args().get(0) instanceof Ast.Call l
                  && l.name().equals("last")
                  && c.args().get(1) instanceof Ast.Num n
                  && n.value() >= 0
                  && n.value() == Math.rint(n.value());
          case "abs" -> c.args().size() == 1;
          default ->
              AGGREGATES.contains(name)
                  && c.args().size() == 1
                  && c.args().get(0) instanceof Ast.Call l
                  && l.name().equals("last");
        };
    if (!ok) {
      throw refuse(
          s,
          "'"
              + c.text()
              + "' (line "
              + c.line()
              + ", column "
              + c.column()
              + ") is not a dynamic value dynaframe knows: write last(k) inside avg, min, max,"
              + " sum, median or std, or index(last(k), i)");
    }
    for (Ast.Expr a : c.args()) {
      if (a instanceof Ast.Call inner) {
        checkCall(s, inner);
      }
    }
  }

  /** A dynamic value: the rule's metric in earlier runs. */
  private Object call(Ast.Call c) {
    if (c.name().equals("last")) {
      int k = (int) ((Ast.Num) c.args().get(0)).value();
      List<Double> out = new ArrayList<>();
      if (scope != null && scope.metric() != null) {
        for (Map<String, Double> run : history.last(scope.rule(), k)) {
          Double v = run.get(scope.metric());
          if (v != null) {
            out.add(v);
          }
        }
      }
      return out;
    }
    if (c.name().equals("abs")) {
      Object v = value(c.args().get(0));
      if (v instanceof Number n) {
        return Math.abs(n.doubleValue());
      }
      throw new QualityError("abs takes a number, not " + describe(v));
    }
    @SuppressWarnings("unchecked")
    List<Double> values = (List<Double>) call((Ast.Call) c.args().get(0));
    if (values.isEmpty()) {
      throw new NoHistory();
    }
    if (c.name().equals("index")) {
      int i = (int) ((Ast.Num) c.args().get(1)).value();
      if (i >= values.size()) {
        throw new NoHistory();
      }
      return values.get(i);
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    double sum = java.util.Arrays.stream(v).sum();
    double mean = sum / v.length;
    return switch (c.name()) {
      case "avg" -> mean;
      case "min" -> java.util.Arrays.stream(v).min().orElseThrow();
      case "max" -> java.util.Arrays.stream(v).max().orElseThrow();
      case "sum" -> sum;
      case "median" -> {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        yield sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
      }
      default -> {
        double sq = 0;
        for (double x : v) {
          sq += (x - mean) * (x - mean);
        }
        yield Math.sqrt(sq / v.length);
      }
    };
  }

  private static Optional<Ast.Call> findCall(Ast.Expr e) {
    if (e instanceof Ast.Call c) {
      return Optional.of(c);
    }
    if (e instanceof Ast.Binary b) {
      Optional<Ast.Call> l = findCall(b.left());
      return l.isPresent() ? l : findCall(b.right());
    }
    return Optional.empty();
  }

  private Optional<StructField> field(String name) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    for (StructField f : df.schema().fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private Column column(String name) {
    return df.col("`" + field(name).map(StructField::name).orElse(name).replace("`", "``") + "`");
  }

  // ------------------------------------------------------------------ operands

  /** A number, a string, an instant, a duration (seconds) or a keyword. */
  private Object value(Ast.Expr e) {
    if (e instanceof Ast.Num n) {
      return n.text().contains(".") ? (Object) new BigDecimal(n.text()) : longOrDouble(n);
    }
    if (e instanceof Ast.Str str) {
      return str.value();
    }
    if (e instanceof Ast.Keyword || e instanceof Ast.Duration) {
      return e;
    }
    if (e instanceof Ast.Now) {
      return now;
    }
    if (e instanceof Ast.Binary b) {
      return binary(b);
    }
    return call((Ast.Call) e);
  }

  private static Object longOrDouble(Ast.Num n) {
    double v = n.value();
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
  }

  private Object binary(Ast.Binary b) {
    Object l = value(b.left());
    Object r = value(b.right());
    if (l instanceof Instant i && r instanceof Ast.Duration d && (b.op() == '+' || b.op() == '-')) {
      long ms = (long) (d.seconds() * 1000);
      return b.op() == '+' ? i.plusMillis(ms) : i.minusMillis(ms);
    }
    if (l instanceof Number x && r instanceof Number y) {
      double a = x.doubleValue();
      double c = y.doubleValue();
      return switch (b.op()) {
        case '+' -> a + c;
        case '-' -> a - c;
        case '*' -> a * c;
        default -> a / c;
      };
    }
    throw new QualityError(
        "cannot compute " + describe(l) + " " + b.op() + " " + describe(r) + " in a DQDL value");
  }

  private static String describe(Object o) {
    return o instanceof Ast.Duration d ? d.text() : String.valueOf(o);
  }

  private double number(Ast.Simple s, Ast.Expr e) {
    Object v = value(e);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Ast.Duration d) {
      return d.seconds();
    }
    if (v instanceof String str) {
      // AWS's Expressions table writes Completeness "colA" = "1.0": a quoted number
      try {
        return Double.parseDouble(str.trim());
      } catch (NumberFormatException notNumber) {
        // not a number: refused below
      }
    }
    if (v instanceof List<?>) {
      throw new QualityError(
          at(s) + ": last(k) is a list of earlier values; compare with avg(last(k)), min, max...");
    }
    throw new QualityError(
        at(s) + ": " + describe(v) + " is not a number; " + s.type() + " compares a number");
  }

  /** Whether a metric satisfies a condition (no condition: analyzers, always true). */
  private boolean holds(Ast.Simple s, Ast.Condition c, double v) {
    if (c == null) {
      return true;
    }
    if (c instanceof Ast.Compare cmp) {
      double x = number(s, cmp.value());
      return switch (cmp.op()) {
        case "=" -> v == x;
        case "!=" -> v != x;
        case ">" -> v > x;
        case ">=" -> v >= x;
        case "<" -> v < x;
        default -> v <= x;
      };
    }
    if (c instanceof Ast.Between b) {
      boolean in = v >= number(s, b.low()) && v <= number(s, b.high());
      return b.negated() != in;
    }
    if (c instanceof Ast.In in) {
      boolean found = false;
      for (Ast.Expr e : in.values()) {
        found |= number(s, e) == v;
      }
      return in.negated() != found;
    }
    throw new QualityError(at(s) + ": " + s.type() + " compares a number, not a pattern");
  }

  private Column literal(Object v) {
    if (v instanceof Instant i) {
      return lit(Timestamp.from(i));
    }
    if (v instanceof Ast.Duration d) {
      return lit(d.seconds());
    }
    return lit(v);
  }

  /**
   * Whether a value satisfies a condition, as a Column; null values fail, except with {@code !=}
   * and {@code not in}, and {@code = NULL} / {@code in [NULL]} (AWS's null behaviour).
   */
  private Column predicate(Ast.Simple s, Column v, Ast.Condition c) {
    if (c instanceof Ast.Compare cmp) {
      Object x = value(cmp.value());
      if (x instanceof Ast.Keyword k) {
        Column is = keyword(v, k);
        return switch (cmp.op()) {
          case "=" -> is;
          case "!=" -> k.name().equals("NULL") ? v.isNotNull() : v.isNull().or(not(is));
          default ->
              throw new QualityError(at(s) + ": " + k.name() + " is compared with = or != only");
        };
      }
      Column l = literal(x);
      return switch (cmp.op()) {
        case "=" -> v.equalTo(l);
        case "!=" -> v.isNull().or(v.notEqual(l));
        case ">" -> v.gt(l);
        case ">=" -> v.geq(l);
        case "<" -> v.lt(l);
        default -> v.leq(l);
      };
    }
    if (c instanceof Ast.Between b) {
      Column in = v.geq(literal(value(b.low()))).and(v.leq(literal(value(b.high()))));
      return b.negated() ? not(in) : in;
    }
    if (c instanceof Ast.In in) {
      Column any = lit(false);
      List<Object> plain = new ArrayList<>();
      boolean nullListed = false;
      for (Ast.Expr e : in.values()) {
        Object x = value(e);
        if (x instanceof Ast.Keyword k) {
          nullListed |= k.name().equals("NULL");
          any = any.or(keyword(v, k));
        } else {
          plain.add(x instanceof Instant i ? Timestamp.from(i) : x);
        }
      }
      if (!plain.isEmpty()) {
        any = any.or(coalesce(v.isin(plain.toArray()), lit(false)));
      }
      return in.negated() ? (nullListed ? not(any) : v.isNull().or(not(any))) : any;
    }
    Ast.Matches m = (Ast.Matches) c;
    Column ok = v.cast("string").rlike("^(?:" + m.regex() + ")$");
    return m.negated() ? not(ok) : ok;
  }

  private static Column keyword(Column v, Ast.Keyword k) {
    return switch (k.name()) {
      case "NULL" -> v.isNull();
      case "EMPTY" -> coalesce(v.cast("string").equalTo(lit("")), lit(false));
      default ->
          coalesce(
              functions
                  .trim(v.cast("string"))
                  .equalTo(lit(""))
                  .and(functions.length(v.cast("string")).gt(0)),
              lit(false));
    };
  }

  // ------------------------------------------------------------------ nodes

  private final class CompositeNode implements Node {
    private final Ast.Composite rule;
    private final List<Node> children;
    private long[] rows; // ROW evaluation: rows, rows that passed

    CompositeNode(Ast.Composite rule, List<Node> children) {
      this.rule = rule;
      this.children = children;
    }

    @Override
    public String text() {
      return rule.text();
    }

    @Override
    public Outcome outcome() {
      boolean passed = rule.and();
      Map<String, Double> metrics = new LinkedHashMap<>();
      List<String> reasons = new ArrayList<>();
      for (Node c : children) {
        Outcome o = c.outcome();
        passed = rule.and() ? passed && o.passed() : passed || o.passed();
        metrics.putAll(o.evaluatedMetrics());
        if (!o.passed() && o.failureReason() != null) {
          reasons.add(o.failureReason());
        }
      }
      if (rows != null) {
        // compositeRuleEvaluation.method = ROW: the rule passes when every row passes it
        boolean all = rows[1] == rows[0];
        return new Outcome(
            rule.text(),
            all,
            all
                ? null
                : String.format(
                    Locale.ROOT,
                    "%.2f %% of rows passed the rule",
                    rows[0] == 0 ? 100.0 : rows[1] * 100.0 / rows[0]),
            metrics);
      }
      return new Outcome(rule.text(), passed, passed ? null : String.join("; ", reasons), metrics);
    }

    /**
     * AWS's "how composite rules work": by default each rule is evaluated on the whole dataset and
     * the results are combined, so every row carries the composite rule's outcome; with {@code
     * compositeRuleEvaluation.method = ROW} the rule is judged on each row.
     */
    @Override
    public Column rowPass() {
      return compositeRows ? rowWise() : lit(outcome().passed());
    }

    private Column rowWise() {
      Column out = lit(rule.and());
      for (Node c : children) {
        Column p = coalesce(c instanceof CompositeNode cn ? cn.rowWise() : c.rowPass(), lit(false));
        Column effective =
            c.applies() == null ? p : when(c.applies(), p).otherwise(lit(rule.and()));
        out = rule.and() ? out.and(effective) : out.or(effective);
      }
      return out;
    }

    @Override
    public Column applies() {
      return null;
    }

    @Override
    public Dataset<Row> augment(Dataset<Row> rows) {
      Dataset<Row> r = rows;
      for (Node c : children) {
        r = c.augment(r);
      }
      return r;
    }
  }

  private final class SimpleNode implements Node {
    private final Ast.Simple rule;
    private final String top; // the top-level rule it is part of, as written
    private final Column where;
    private final String missing; // a column the rule needs that the frame lacks
    private java.util.function.Supplier<Outcome> judge;
    private Column row; // null: judged on the whole dataset
    private java.util.function.UnaryOperator<Dataset<Row>> join = d -> d;
    private Outcome outcome;

    SimpleNode(Ast.Simple rule, Column where, String top) {
      this.rule = rule;
      this.top = top;
      this.where = where;
      this.missing = missingColumn();
      if (missing == null) {
        plan();
      }
    }

    private String missingColumn() {
      List<String> cols =
          switch (rule.type()) {
            case "ColumnExists",
                "ColumnNamesMatchPattern",
                "RowCount",
                "ColumnCount",
                "CustomSql",
                "RowCountMatch",
                "SchemaMatch",
                "DatasetMatch",
                "AggregateMatch" ->
                List.of();
            case "ReferentialIntegrity" -> split(rule.params().get(0));
            default -> rule.params();
          };
      for (String c : cols) {
        if (field(c).isEmpty()) {
          return c;
        }
      }
      return null;
    }

    private Column inWhere(Column c) {
      return where == null ? c : when(where, c);
    }

    private int rows() {
      return aggregate(
          "rows|" + rule.where(), where == null ? count(lit(1)) : count(when(where, lit(1))));
    }

    private String column0() {
      return rule.params().get(0);
    }

    private String metricName(String metric) {
      return rule.params().size() == 1
          ? "Column." + column0() + "." + metric
          : "Multicolumn." + String.join(",", rule.params()) + "." + metric;
    }

    private Outcome metricOutcome(Map<String, Double> metrics, Double value, Ast.Condition c) {
      if (value == null || value.isNaN()) {
        return new Outcome(
            rule.text(),
            false,
            "No rows to evaluate the rule on: the metric has no value",
            metrics);
      }
      boolean ok;
      scope = new Scope(top, metrics.size() == 1 ? metrics.keySet().iterator().next() : null);
      try {
        ok = holds(rule, c, value);
      } catch (NoHistory e) {
        // a dynamic rule with no earlier run to compare with: nothing contradicts it yet
        return new Outcome(rule.text(), true, null, metrics);
      } finally {
        scope = null;
      }
      return new Outcome(
          rule.text(),
          ok,
          ok ? null : "Value: " + value + " does not meet the constraint requirement!",
          metrics);
    }

    /**
     * A row-level rule: compliance in the aggregate job; rule passes when all rows (or threshold).
     */
    private void rowLevel(Column pass, String metric, boolean valueMessage, Column shown) {
      Column p = coalesce(pass, lit(false));
      row = p;
      int rows = rows();
      int ok =
          aggregate(
              "ok|" + rule.text(), functions.sum(inWhere(when(p, lit(1L)).otherwise(lit(0L)))));
      int sample =
          valueMessage
              ? aggregate(
                  "bad|" + rule.text(),
                  functions.min(inWhere(when(not(p), coalesce(shown.cast("string"), lit("NULL"))))))
              : -1;
      judge =
          () -> {
            double n = aggValue(rows);
            Double good = aggValue(ok);
            double compliance = n == 0 ? 1.0 : (good == null ? 0 : good) / n;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(metricName(metric), compliance);
            boolean passed =
                rule.threshold() == null
                    ? compliance == 1.0
                    : holds(rule, rule.threshold(), compliance);
            String reason = null;
            if (!passed) {
              reason =
                  valueMessage && rule.threshold() == null
                      ? "Value: " + aggString(sample) + " does not meet the constraint requirement!"
                      : String.format(
                          Locale.ROOT, "%.2f %% of rows passed the threshold", compliance * 100);
            }
            return new Outcome(rule.text(), passed, reason, metrics);
          };
    }

    private void plan() {
      switch (rule.type()) {
        case "RowCount" -> {
          int n = rows();
          judge =
              () -> {
                double v = aggValue(n);
                return metricOutcome(Map.of("Dataset.*.RowCount", v), v, rule.condition());
              };
        }
        case "ColumnCount" -> {
          double v = df.schema().fields().length;
          judge = () -> metricOutcome(Map.of("Dataset.*.ColumnCount", v), v, rule.condition());
        }
        case "Completeness", "IsComplete" -> {
          Column c = column(column0());
          int n = rows();
          int nn = aggregate("nn|" + column0() + "|" + rule.where(), count(inWhere(c)));
          row = c.isNotNull();
          Ast.Condition cond =
              rule.type().equals("IsComplete")
                  ? new Ast.Compare("=", new Ast.Num(1, "1.0"))
                  : rule.condition();
          judge =
              () -> {
                double rows = aggValue(n);
                Double v = rows == 0 ? null : aggValue(nn) / rows;
                return metricOutcome(
                    v == null ? Map.of() : Map.of(metricName("Completeness"), v), v, cond);
              };
        }
        case "Uniqueness", "IsUnique", "UniqueValueRatio", "DistinctValuesCount", "Entropy" -> {
          int g = group(rule.params(), rule.where());
          int n = rows();
          String type = rule.type();
          if (type.equals("IsUnique")) {
            row = uniqueRow();
          }
          judge =
              () -> {
                double[] st = stats(g);
                double rows = aggValue(n);
                Double v =
                    switch (type) {
                      case "Uniqueness", "IsUnique" -> rows == 0 ? null : st[1] / rows;
                      case "UniqueValueRatio" -> st[0] == 0 ? null : st[1] / st[0];
                      case "DistinctValuesCount" -> st[0];
                      default -> st[2] == 0 ? 0.0 : Math.log(st[2]) - st[3] / st[2];
                    };
                String metric = type.equals("IsUnique") ? "Uniqueness" : type;
                Ast.Condition cond =
                    type.equals("IsUnique")
                        ? new Ast.Compare("=", new Ast.Num(1, "1.0"))
                        : rule.condition();
                return metricOutcome(v == null ? Map.of() : Map.of(metricName(metric), v), v, cond);
              };
        }
        case "IsPrimaryKey" -> {
          int g = group(rule.params(), rule.where());
          int n = rows();
          List<Integer> nn = new ArrayList<>();
          Column complete = lit(true);
          for (String c : rule.params()) {
            nn.add(aggregate("nn|" + c + "|" + rule.where(), count(inWhere(column(c)))));
            complete = complete.and(column(c).isNotNull());
          }
          row = complete.and(uniqueRow());
          judge =
              () -> {
                double rows = aggValue(n);
                Map<String, Double> metrics = new LinkedHashMap<>();
                boolean ok = rows > 0;
                for (int i = 0; i < nn.size(); i++) {
                  double c = rows == 0 ? 0 : aggValue(nn.get(i)) / rows;
                  metrics.put("Column." + rule.params().get(i) + ".Completeness", c);
                  ok &= c == 1.0;
                }
                double u = rows == 0 ? 0 : stats(g)[1] / rows;
                metrics.put(metricName("Uniqueness"), u);
                ok &= u == 1.0;
                return new Outcome(
                    rule.text(),
                    ok,
                    ok ? null : "Value: " + u + " does not meet the constraint requirement!",
                    metrics);
              };
        }
        case "Mean", "Sum", "StandardDeviation" -> {
          Column c = column(column0()).cast("double");
          Column agg =
              switch (rule.type()) {
                case "Mean" -> functions.avg(inWhere(c));
                case "Sum" -> functions.sum(inWhere(c));
                default -> functions.stddev_pop(inWhere(c));
              };
          int a = aggregate(rule.type() + "|" + column0() + "|" + rule.where(), agg);
          judge =
              () -> {
                Double v = aggValue(a);
                return metricOutcome(
                    v == null ? Map.of() : Map.of(metricName(rule.type()), v), v, rule.condition());
              };
        }
        case "ColumnCorrelation" -> {
          Column a = column(rule.params().get(0)).cast("double");
          Column b = column(rule.params().get(1)).cast("double");
          int i =
              aggregate(
                  "corr|" + rule.params() + "|" + rule.where(),
                  functions.corr(inWhere(a), inWhere(b)));
          judge =
              () -> {
                Double v = aggValue(i);
                return metricOutcome(
                    v == null ? Map.of() : Map.of(metricName("ColumnCorrelation"), v),
                    v,
                    rule.condition());
              };
        }
        case "ColumnValues" -> {
          Column c = column(column0());
          rowLevel(predicate(rule, c, rule.condition()), "ColumnValues.Compliance", true, c);
        }
        case "ColumnLength" -> {
          Column len = coalesce(functions.length(column(column0()).cast("string")), lit(0));
          rowLevel(predicate(rule, len, rule.condition()), "ColumnLength.Compliance", false, len);
        }
        case "DataFreshness" -> {
          Column ts = column(column0()).cast("timestamp");
          Column age =
              lit(now.getEpochSecond() + now.getNano() / 1e9)
                  .minus(functions.unix_timestamp(ts).cast("double"));
          rowLevel(predicate(rule, age, rule.condition()), "DataFreshness.Compliance", false, age);
        }
        case "ColumnDataType" -> planDataType();
        case "ColumnExists" -> {
          boolean exists = field(column0()).isPresent();
          judge =
              () ->
                  new Outcome(
                      rule.text(),
                      exists,
                      exists ? null : "Column " + column0() + " does not exist",
                      Map.of());
        }
        case "ColumnNamesMatchPattern" -> {
          Pattern p = Pattern.compile(column0());
          String[] names = df.columns();
          List<String> bad =
              java.util.Arrays.stream(names).filter(n -> !p.matcher(n).matches()).toList();
          // AWS's rule type reference: the metric Dataset.*.ColumnNamesPatternMatchRatio
          double ratio =
              names.length == 0 ? 1.0 : (names.length - bad.size()) / (double) names.length;
          judge =
              () ->
                  new Outcome(
                      rule.text(),
                      bad.isEmpty(),
                      bad.isEmpty()
                          ? null
                          : "Columns that do not match the pattern: " + String.join(", ", bad),
                      Map.of("Dataset.*.ColumnNamesPatternMatchRatio", ratio));
        }
        case "CustomSql" -> planCustomSql();
        case "RowCountMatch" -> {
          Dataset<Row> ref = reference(rule.params().get(0));
          int n = rows();
          judge =
              () -> {
                long r = ref.count();
                Double v = r == 0 ? null : aggValue(n) / r;
                return metricOutcome(
                    v == null
                        ? Map.of()
                        : Map.of("Dataset." + rule.params().get(0) + ".RowCountMatch", v),
                    v,
                    rule.condition());
              };
        }
        case "ReferentialIntegrity" -> planReferentialIntegrity();
        case "AggregateMatch" -> planAggregateMatch();
        case "DatasetMatch" -> planDatasetMatch();
        case "SchemaMatch" -> {
          Dataset<Row> ref = reference(column0());
          java.util.Set<String> mine = new java.util.HashSet<>();
          for (StructField f : df.schema().fields()) {
            mine.add(f.name() + ":" + f.dataType().sql());
          }
          java.util.Set<String> theirs = new java.util.HashSet<>();
          for (StructField f : ref.schema().fields()) {
            theirs.add(f.name() + ":" + f.dataType().sql());
          }
          java.util.Set<String> union = new java.util.HashSet<>(mine);
          union.addAll(theirs);
          mine.retainAll(theirs);
          double v = union.isEmpty() ? 1.0 : mine.size() / (double) union.size();
          judge =
              () ->
                  metricOutcome(
                      Map.of("Dataset." + column0() + ".SchemaMatch", v), v, rule.condition());
        }
        default -> throw refuse(rule, "dynaframe does not evaluate " + rule.type() + " rules yet");
      }
    }

    private Column uniqueRow() {
      Column[] cols = rule.params().stream().map(Evaluator.this::column).toArray(Column[]::new);
      Column someValue = lit(false);
      for (Column c : cols) {
        someValue = someValue.or(c.isNotNull());
      }
      return someValue.and(count(lit(1)).over(Window.partitionBy(cols)).equalTo(1));
    }

    private void planDataType() {
      if (!(rule.condition() instanceof Ast.Compare cmp)
          || !cmp.op().equals("=")
          || !(cmp.value() instanceof Ast.Str t)) {
        throw new QualityError(
            at(rule) + ": ColumnDataType is written ColumnDataType \"column\" = \"TYPE\"");
      }
      DataType target =
          switch (t.value().toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> DataTypes.BooleanType;
            case "DATE" -> DataTypes.DateType;
            case "TIMESTAMP" -> DataTypes.TimestampType;
            case "INTEGER", "INT" -> DataTypes.IntegerType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "FLOAT" -> DataTypes.FloatType;
            case "LONG" -> DataTypes.LongType;
            default ->
                throw new QualityError(
                    at(rule)
                        + ": '"
                        + t.value()
                        + "' is not a type ColumnDataType checks; use one of BOOLEAN, DATE,"
                        + " TIMESTAMP, INTEGER, DOUBLE, FLOAT, LONG");
          };
      StructField f = field(column0()).orElseThrow();
      Column c = column(column0());
      Column pass;
      if (f.dataType() instanceof StringType) {
        pass =
            c.isNull()
                .or(
                    functions
                        .expr("try_cast(" + quoted(f.name()) + " AS " + target.sql() + ")")
                        .isNotNull());
      } else {
        pass = lit(f.dataType().equals(target));
      }
      Ast.Simple asThreshold = rule;
      rowLevel(pass, "ColumnDataType.Compliance", false, c);
      if (asThreshold.threshold() == null) {
        return;
      }
    }

    private void planCustomSql() {
      String sql = column0();
      String view = "primary";
      Dataset<Row> result;
      df.createOrReplaceTempView(view);
      try {
        result = spark.sql(sql);
      } catch (Exception e) {
        throw new QualityError(
            at(rule)
                + ": the statement is not valid SQL on the frame 'primary': "
                + firstLine(e.getMessage()),
            e);
      } finally {
        spark.catalog().dropTempView(view);
      }
      if (rule.condition() != null) {
        if (result.columns().length != 1
            || !(result.schema().fields()[0].dataType() instanceof NumericType)) {
          throw new QualityError(
              at(rule)
                  + ": the statement must return one numeric value; it returns columns "
                  + result.schema().simpleString());
        }
        String counted = countedCondition(sql);
        if (counted != null) {
          // SELECT count(*) FROM primary WHERE c counts the rows where c holds: one more column
          // of the shared aggregate pass instead of a scan of its own
          int a =
              aggregate("customsql-count|" + counted, functions.expr("count_if(" + counted + ")"));
          judge =
              () -> {
                double v = aggValue(a);
                return metricOutcome(Map.of("Dataset.*.CustomSQL", v), v, rule.condition());
              };
          return;
        }
        judge =
            () -> {
              List<Row> rows = result.collectAsList();
              if (rows.size() != 1 || rows.get(0).isNullAt(0)) {
                return new Outcome(
                    rule.text(),
                    false,
                    "The statement returned " + rows.size() + " rows; one numeric value is needed",
                    Map.of());
              }
              double v = ((Number) rows.get(0).get(0)).doubleValue();
              return metricOutcome(Map.of("Dataset.*.CustomSQL", v), v, rule.condition());
            };
        return;
      }
      // row-level: the rows the statement returns pass, the others fail (a join on its columns)
      List<String> cols = List.of(result.columns());
      for (String c : cols) {
        if (field(c).isEmpty()) {
          throw new QualityError(
              at(rule)
                  + ": a row-level CustomSql statement selects columns of primary; '"
                  + c
                  + "' is not one");
        }
      }
      String marker = "__dq_sql_" + VIEWS.incrementAndGet();
      List<String> keys = new ArrayList<>();
      List<Column> keyCols = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        keys.add(marker + "_k" + i);
        keyCols.add(result.col("`" + cols.get(i) + "`").as(marker + "_k" + i));
      }
      keyCols.add(lit(true).as(marker));
      Dataset<Row> found = result.select(keyCols.toArray(Column[]::new)).distinct();
      join =
          d -> {
            Column on = lit(true);
            for (int i = 0; i < cols.size(); i++) {
              on =
                  on.and(
                      d.col("`" + field(cols.get(i)).get().name() + "`")
                          .eqNullSafe(found.col(keys.get(i))));
            }
            return d.join(found, on, "left").drop(keys.toArray(String[]::new));
          };
      row = col(marker).isNotNull();
      Column p = row;
      judge =
          () -> {
            Row r =
                join.apply(df)
                    .agg(count(lit(1)), functions.sum(when(p, lit(1L)).otherwise(lit(0L))))
                    .head();
            long n = r.getLong(0);
            double compliance = n == 0 ? 1.0 : (r.isNullAt(1) ? 0 : r.getLong(1)) / (double) n;
            boolean passed =
                rule.threshold() == null
                    ? compliance == 1.0
                    : holds(rule, rule.threshold(), compliance);
            return new Outcome(
                rule.text(),
                passed,
                passed
                    ? null
                    : String.format(
                        Locale.ROOT, "%.2f %% of rows passed the threshold", compliance * 100),
                Map.of("Dataset.*.CustomSQL.Compliance", compliance));
          };
    }

    /**
     * The condition of a statement of the form {@code SELECT count(*) FROM primary WHERE
     * condition}, or null for any other statement (and for a condition holding anything beyond an
     * expression over the row: a subquery, a grouping, an order, a limit, a set operation).
     */
    private static String countedCondition(String sql) {
      java.util.regex.Matcher m = COUNT_WHERE.matcher(sql);
      if (!m.matches()) {
        return null;
      }
      String condition = m.group(1).strip();
      return CLAUSE_WORDS.matcher(condition).find() ? null : condition;
    }

    private void planReferentialIntegrity() {
      List<String> mine = split(rule.params().get(0));
      String target = rule.params().get(1);
      int dot = target.indexOf('.');
      if (dot <= 0) {
        throw new QualityError(
            at(rule) + ": the second parameter is \"alias.column\" or \"alias.{col1,col2}\"");
      }
      Dataset<Row> ref = reference(target.substring(0, dot));
      List<String> theirs = split(target.substring(dot + 1));
      if (theirs.size() != mine.size()) {
        throw new QualityError(
            at(rule) + ": " + mine.size() + " columns are compared with " + theirs.size());
      }
      String marker = "__dq_ref_" + VIEWS.incrementAndGet();
      List<Column> keyCols = new ArrayList<>();
      for (int i = 0; i < theirs.size(); i++) {
        keyCols.add(ref.col("`" + theirs.get(i) + "`").as(marker + "_k" + i));
      }
      keyCols.add(lit(true).as(marker));
      Dataset<Row> found = ref.select(keyCols.toArray(Column[]::new)).distinct();
      join =
          d -> {
            Column on = lit(true);
            for (int i = 0; i < mine.size(); i++) {
              on =
                  on.and(
                      d.col("`" + field(mine.get(i)).get().name() + "`")
                          .equalTo(found.col(marker + "_k" + i)));
            }
            String[] drop = new String[mine.size()];
            for (int i = 0; i < drop.length; i++) {
              drop[i] = marker + "_k" + i;
            }
            return d.join(found, on, "left").drop(drop);
          };
      row = col(marker).isNotNull();
      Column p = row;
      judge =
          () -> {
            Dataset<Row> j = join.apply(where == null ? df : df.filter(where));
            Row r = j.agg(count(lit(1)), functions.sum(when(p, lit(1L)).otherwise(lit(0L)))).head();
            long n = r.getLong(0);
            Double v = n == 0 ? null : (r.isNullAt(1) ? 0 : r.getLong(1)) / (double) n;
            return metricOutcome(
                v == null
                    ? Map.of()
                    : Map.of("Column." + rule.params().get(0) + ".ReferentialIntegrity", v),
                v,
                rule.condition());
          };
    }

    /**
     * {@code AggregateMatch "sum(amount)" "avg(reference.amount)" >= 0.9}: the ratio of the first
     * aggregation to the second; an aggregation of the primary dataset joins the shared aggregate
     * query, one of a reference dataset (named by its alias before the column) runs on it.
     */
    private void planAggregateMatch() {
      java.util.function.Supplier<Double> first = aggregation(rule.params().get(0));
      java.util.function.Supplier<Double> second = aggregation(rule.params().get(1));
      // AWS's rule type reference: Column.[Column].AggregateMatch when the two aggregations'
      // column names match, Column.[Column1,Column2].AggregateMatch when they differ
      String c1 = aggregatedColumn(rule.params().get(0));
      String c2 = aggregatedColumn(rule.params().get(1));
      String metric = "Column." + (c1.equals(c2) ? c1 : c1 + "," + c2) + ".AggregateMatch";
      judge =
          () -> {
            Double a = first.get();
            Double b = second.get();
            Double v = a == null || b == null || b == 0.0 ? null : a / b;
            return metricOutcome(v == null ? Map.of() : Map.of(metric, v), v, rule.condition());
          };
    }

    /** The column an aggregation reads, without a reference dataset's alias. */
    private String aggregatedColumn(String text) {
      java.util.regex.Matcher m =
          Pattern.compile("(?i)\\s*(?:sum|avg)\\s*\\(\\s*(.+?)\\s*\\)\\s*").matcher(text);
      String target = m.matches() ? m.group(1) : text;
      int dot = target.lastIndexOf('.');
      return dot > 0 && references.containsKey(target.substring(0, dot))
          ? target.substring(dot + 1)
          : target;
    }

    private java.util.function.Supplier<Double> aggregation(String text) {
      java.util.regex.Matcher m =
          Pattern.compile("(?i)\\s*(sum|avg)\\s*\\(\\s*(.+?)\\s*\\)\\s*").matcher(text);
      if (!m.matches()) {
        throw new QualityError(
            at(rule)
                + ": '"
                + text
                + "' is not a column aggregation; write \"sum(column)\" or \"avg(column)\","
                + " or \"avg(reference.column)\" for a column of a reference dataset");
      }
      boolean sum = m.group(1).equalsIgnoreCase("sum");
      String target = m.group(2);
      // the alias is all before the last dot: "reference.ratings", or a Data Catalog table as
      // AWS writes it there, "database_name.tablename.ratings"
      int dot = target.lastIndexOf('.');
      if (dot > 0 && references.containsKey(target.substring(0, dot))) {
        Dataset<Row> ref = reference(target.substring(0, dot));
        String c = target.substring(dot + 1);
        if (java.util.Arrays.stream(ref.columns()).noneMatch(n -> n.equalsIgnoreCase(c))) {
          throw new QualityError(
              at(rule)
                  + ": the dataset '"
                  + target.substring(0, dot)
                  + "' has no column '"
                  + c
                  + "'");
        }
        Column col = ref.col("`" + c.replace("`", "``") + "`").cast("double");
        return () -> {
          Row r = ref.agg(sum ? functions.sum(col) : functions.avg(col)).head();
          return r.isNullAt(0) ? null : r.getDouble(0);
        };
      }
      if (field(target).isEmpty()) {
        throw new QualityError(
            at(rule)
                + ": the column '"
                + target
                + "' does not exist in the data"
                + (dot > 0
                    ? ", and '"
                        + target.substring(0, dot)
                        + "' is neither a dataset given with withReference (given: "
                        + references.keySet()
                        + ") nor a table of the catalog"
                    : ""));
      }
      Column col = inWhere(column(target).cast("double"));
      int i =
          aggregate(
              (sum ? "sum|" : "avg|") + target + "|" + rule.where(),
              sum ? functions.sum(col) : functions.avg(col));
      return () -> aggValue(i);
    }

    /** {@code "a->b,c"}: pairs of a primary column and a reference column. */
    private List<String[]> mapping(String text, Dataset<Row> ref, String alias) {
      List<String[]> out = new ArrayList<>();
      for (String part : text.split(",")) {
        String p = part.trim();
        int arrow = p.indexOf("->");
        String mine = (arrow < 0 ? p : p.substring(0, arrow)).trim();
        String theirs = (arrow < 0 ? p : p.substring(arrow + 2)).trim();
        if (mine.isEmpty() || theirs.isEmpty()) {
          throw new QualityError(
              at(rule)
                  + ": '"
                  + text
                  + "' is not a column mapping; write \"ID\", \"ID_1->ID_ref1,ID_2->ID_ref2\"");
        }
        if (field(mine).isEmpty()) {
          throw new QualityError(
              at(rule) + ": the column '" + mine + "' does not exist in the data");
        }
        if (java.util.Arrays.stream(ref.columns()).noneMatch(n -> n.equals(theirs))) {
          throw new QualityError(
              at(rule) + ": the dataset '" + alias + "' has no column '" + theirs + "'");
        }
        out.add(new String[] {field(mine).get().name(), theirs});
      }
      return out;
    }

    /**
     * {@code DatasetMatch "reference" "ID_1->ID_ref1,ID_2->ID_ref2" "Amount1->Amount2" >= 0.9}: the
     * share of the primary rows whose key is found in the reference with equal values in the
     * matched columns (all other columns, by name, when none are given). The keys must be unique
     * and not null in both datasets.
     */
    private void planDatasetMatch() {
      String alias = column0();
      Dataset<Row> ref = reference(alias);
      List<String[]> keys = mapping(rule.params().get(1), ref, alias);
      List<String[]> matched;
      if (rule.params().size() > 2) {
        matched = mapping(rule.params().get(2), ref, alias);
      } else {
        matched = new ArrayList<>();
        java.util.Set<String> keyCols = new java.util.HashSet<>();
        keys.forEach(k -> keyCols.add(k[0]));
        for (String c : df.columns()) {
          if (!keyCols.contains(c)) {
            if (java.util.Arrays.stream(ref.columns()).noneMatch(n -> n.equals(c))) {
              throw new QualityError(
                  at(rule)
                      + ": the column '"
                      + c
                      + "' is not in the dataset '"
                      + alias
                      + "'; without a match column mapping every non-key column is compared by"
                      + " name");
            }
            matched.add(new String[] {c, c});
          }
        }
      }
      String marker = "__dq_dm_" + VIEWS.incrementAndGet();
      Column[] mineKeys = keys.stream().map(k -> column(k[0])).toArray(Column[]::new);
      Column anyNull = lit(false);
      for (Column k : mineKeys) {
        anyNull = anyNull.or(k.isNull());
      }
      int n = rows();
      int nullKeys =
          aggregate(
              "dmnull|" + rule.text(),
              functions.sum(inWhere(when(anyNull, lit(1L)).otherwise(lit(0L)))));
      int distinct =
          aggregate(
              "dmdistinct|" + rule.text(),
              functions.countDistinct(inWhere(functions.struct(mineKeys)), new Column[0]));
      List<Column> refCols = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        refCols.add(ref.col("`" + keys.get(i)[1] + "`").as(marker + "_k" + i));
      }
      for (int i = 0; i < matched.size(); i++) {
        refCols.add(ref.col("`" + matched.get(i)[1] + "`").as(marker + "_m" + i));
      }
      refCols.add(lit(true).as(marker));
      Dataset<Row> theirs = ref.select(refCols.toArray(Column[]::new));
      judge =
          () -> {
            Column refAnyNull = lit(false);
            Column[] refKeys = new Column[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
              refKeys[i] = theirs.col(marker + "_k" + i);
              refAnyNull = refAnyNull.or(refKeys[i].isNull());
            }
            Row rs =
                theirs
                    .agg(
                        count(lit(1)),
                        functions.countDistinct(functions.struct(refKeys)),
                        functions.sum(when(refAnyNull, lit(1L)).otherwise(lit(0L))))
                    .head();
            double rowsHere = aggValue(n);
            boolean suitable =
                aggValue(nullKeys) == 0
                    && aggValue(distinct) == rowsHere
                    && (rs.isNullAt(2) || rs.getLong(2) == 0)
                    && rs.getLong(1) == rs.getLong(0);
            if (!suitable) {
              return new Outcome(
                  rule.text(),
                  false,
                  "Provided key map not suitable for given data frames",
                  Map.of());
            }
            Column on = lit(true);
            for (int i = 0; i < keys.size(); i++) {
              on = on.and(column(keys.get(i)[0]).equalTo(theirs.col(marker + "_k" + i)));
            }
            Column same = theirs.col(marker).isNotNull();
            for (int i = 0; i < matched.size(); i++) {
              same = same.and(column(matched.get(i)[0]).eqNullSafe(theirs.col(marker + "_m" + i)));
            }
            Dataset<Row> primary = where == null ? df : df.filter(where);
            Row j =
                primary
                    .join(theirs, on, "left")
                    .agg(functions.sum(when(same, lit(1L)).otherwise(lit(0L))))
                    .head();
            Double v = rowsHere == 0 ? null : (j.isNullAt(0) ? 0 : j.getLong(0)) / rowsHere;
            return metricOutcome(
                v == null ? Map.of() : Map.of("Dataset." + alias + ".DatasetMatch", v),
                v,
                rule.condition());
          };
    }

    private Dataset<Row> reference(String alias) {
      Dataset<Row> ref = references.get(alias);
      if (ref == null) {
        throw new QualityError(
            at(rule)
                + ": it compares with the dataset '"
                + alias
                + "', which was not given; add it with withReference(\""
                + alias
                + "\", frame) (given: "
                + references.keySet()
                + ")");
      }
      return ref;
    }

    @Override
    public String text() {
      return rule.text();
    }

    @Override
    public Outcome outcome() {
      if (outcome == null) {
        outcome =
            missing != null
                ? new Outcome(
                    rule.text(),
                    false,
                    "Column " + missing + " does not exist in the data",
                    Map.of())
                : judge.get();
      }
      return outcome;
    }

    @Override
    public Column rowPass() {
      return row == null ? lit(outcome().passed()) : row;
    }

    @Override
    public Column applies() {
      return where;
    }

    @Override
    public Dataset<Row> augment(Dataset<Row> rows) {
      return row == null ? rows : join.apply(rows);
    }
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static List<String> split(String cols) {
    String s = cols.trim();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> out = new ArrayList<>();
    for (String p : s.split(",")) {
      out.add(p.trim());
    }
    return out;
  }
}
