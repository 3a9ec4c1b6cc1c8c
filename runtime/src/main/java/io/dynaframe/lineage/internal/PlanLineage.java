package io.dynaframe.lineage.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;

/**
 * Reads lineage from Spark's analysed logical plans, without help from the transforms: which
 * recorded outputs a plan reads (the counting filters {@link Recorder} puts on every output are
 * markers that carry the output's index), and, for each output column, the marked columns it comes
 * from. Columns are traced by expression id through aliases ({@code Project}, {@code Aggregate},
 * {@code Window}), unions (by position), generators and every operator that passes attributes
 * through unchanged ({@code Filter}, {@code Join}, {@code Sort}, ...).
 *
 * <p>Only the operator and expression classes common to Spark 3.5 and 4.x are used, and Scala
 * collections only through {@code iterator()}.
 */
final class PlanLineage {
  private PlanLineage() {}

  /** Where an output column comes from: a column of a recorded output, taken as is or computed. */
  record Origin(int output, String column, boolean identity) {}

  /**
   * The marker filters of one recorder. A marker lets every row through: a counting one calls a
   * UDF, known here by the identity of its function (its name is the same for every marker, so the
   * code Spark generates for a plan is the same from run to run and is compiled once); a free one
   * (on outputs whose rows are counted by the marker below them) tests a string literal that names
   * the output and that Spark's optimizer folds away.
   */
  static final class Markers {
    private final String prefix;
    private final Map<Object, Integer> functions =
        java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    Markers(String prefix) {
      this.prefix = prefix;
    }

    /** The literal of a free marker of this output. */
    String freeName(int output) {
      return prefix + output;
    }

    /**
     * Remembers the counting marker on top of {@code counted} (a {@code where} of a UDF) as the
     * output's.
     */
    void counting(LogicalPlan counted, int output) {
      functions.put(countingFunction(counted), output);
    }

    int indexOf(Filter f) {
      if (f.condition() instanceof ScalaUDF udf) {
        Integer i = functions.get(udf.function());
        return i == null ? -1 : i;
      }
      if (f.condition() instanceof IsNotNull test
          && test.child() instanceof Literal literal
          && literal.value() != null) {
        String name = literal.value().toString();
        if (name.startsWith(prefix)) {
          try {
            return Integer.parseInt(name.substring(prefix.length()));
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
      return -1;
    }
  }

  /**
   * The function of the UDF of a counting marker just made: {@code counted} is a {@code where} of
   * that UDF.
   */
  static Object countingFunction(LogicalPlan counted) {
    if (counted instanceof Filter f && f.condition() instanceof ScalaUDF udf) {
      return udf.function();
    }
    throw new IllegalStateException("not a counting filter: " + counted.nodeName());
  }

  /** The index of the recorded output whose marker this plan node is, or -1. */
  static int markerIndex(LogicalPlan plan, Markers markers) {
    return plan instanceof Filter f ? markers.indexOf(f) : -1;
  }

  /**
   * The name prefix of UDFs in filters that keep every row (they look at rows on the way, as
   * Spigot's sampler does); such a filter does not change a count. The transforms module uses the
   * same string.
   */
  static final String KEEPS_EVERY_ROW = "dynaframe_keeps_every_row";

  private static boolean keepsEveryRow(Expression e) {
    if (e instanceof ScalaUDF udf
        && udf.udfName().isDefined()
        && udf.udfName().get().startsWith(KEEPS_EVERY_ROW)) {
      return true;
    }
    scala.collection.Iterator<Expression> children = e.children().iterator();
    while (children.hasNext()) {
      if (keepsEveryRow(children.next())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The marker under this plan when nothing between them can change the number of rows
   * (projections, aliases, filters that keep every row), else -1: the plan's rows are then the
   * marker's rows.
   */
  static int sameRowsAs(LogicalPlan plan, Markers markers) {
    LogicalPlan p = plan;
    while (true) {
      int marker = markerIndex(p, markers);
      if (marker >= 0) {
        return marker;
      }
      if (p instanceof Project
          || p instanceof SubqueryAlias
          || (p instanceof Filter f && keepsEveryRow(f.condition()))) {
        p = p.children().iterator().next();
      } else {
        return -1;
      }
    }
  }

  /** The recorded outputs the plan reads, outermost first, each once. */
  static List<Integer> inputs(LogicalPlan plan, Markers markers) {
    Set<Integer> found = new LinkedHashSet<>();
    collectInputs(plan, markers, found);
    return new ArrayList<>(found);
  }

  private static void collectInputs(LogicalPlan plan, Markers markers, Set<Integer> found) {
    int marker = markerIndex(plan, markers);
    if (marker >= 0) {
      found.add(marker);
      return;
    }
    scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      collectInputs(children.next(), markers, found);
    }
  }

  /** For each output column of the plan (in order), the marked columns it derives from. */
  static Map<String, List<Origin>> columns(LogicalPlan plan, Markers markers) {
    Tracer tracer = new Tracer(markers);
    tracer.scan(plan);
    Map<String, List<Origin>> out = new LinkedHashMap<>();
    scala.collection.Iterator<Attribute> output = plan.output().iterator();
    while (output.hasNext()) {
      Attribute a = output.next();
      Set<Origin> origins = tracer.resolve(a.exprId(), new HashSet<>());
      List<Origin> merged = new ArrayList<>(out.getOrDefault(a.name(), List.of()));
      for (Origin o : origins) {
        if (!merged.contains(o)) {
          merged.add(o);
        }
      }
      out.put(a.name(), merged);
    }
    return out;
  }

  /** Output column names and their Spark SQL types, in order. */
  static Map<String, String> schema(LogicalPlan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    scala.collection.Iterator<Attribute> output = plan.output().iterator();
    while (output.hasNext()) {
      Attribute a = output.next();
      out.putIfAbsent(a.name(), a.dataType().simpleString());
    }
    return out;
  }

  /** The attribute maps of one plan, and the recursive resolution over them. */
  private static final class Tracer {
    private final Markers markers;
    private final Map<ExprId, Origin> marked = new HashMap<>();
    private final Map<ExprId, Expression> aliases = new HashMap<>();
    private final Map<ExprId, List<ExprId>> unionSiblings = new HashMap<>();
    private final Map<ExprId, Set<Attribute>> generated = new HashMap<>();
    private final Map<ExprId, Set<Origin>> memo = new HashMap<>();

    Tracer(Markers markers) {
      this.markers = markers;
    }

    void scan(LogicalPlan plan) {
      int marker = markerIndex(plan, markers);
      if (marker >= 0) {
        scala.collection.Iterator<Attribute> output = plan.output().iterator();
        while (output.hasNext()) {
          Attribute a = output.next();
          marked.putIfAbsent(a.exprId(), new Origin(marker, a.name(), true));
        }
        return;
      }
      scala.collection.Iterator<Expression> expressions = plan.expressions().iterator();
      while (expressions.hasNext()) {
        collectAliases(expressions.next());
      }
      if (plan instanceof Union) {
        List<List<Attribute>> outputs = new ArrayList<>();
        scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
        while (children.hasNext()) {
          outputs.add(list(children.next().output().iterator()));
        }
        List<Attribute> union = list(plan.output().iterator());
        for (int i = 0; i < union.size(); i++) {
          List<ExprId> siblings = new ArrayList<>();
          for (List<Attribute> child : outputs) {
            if (i < child.size() && !child.get(i).exprId().equals(union.get(i).exprId())) {
              siblings.add(child.get(i).exprId());
            }
          }
          unionSiblings.put(union.get(i).exprId(), siblings);
        }
      }
      if (plan instanceof Generate g) {
        Set<Attribute> refs =
            new LinkedHashSet<>(list(((Expression) g.generator()).references().iterator()));
        for (Attribute a : list(g.generatorOutput().iterator())) {
          generated.put(a.exprId(), refs);
        }
      }
      scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
      while (children.hasNext()) {
        scan(children.next());
      }
    }

    private void collectAliases(Expression e) {
      if (e instanceof Alias alias) {
        aliases.putIfAbsent(alias.exprId(), alias.child());
      }
      scala.collection.Iterator<Expression> children = e.children().iterator();
      while (children.hasNext()) {
        collectAliases(children.next());
      }
    }

    Set<Origin> resolve(ExprId id, Set<ExprId> visiting) {
      Set<Origin> known = memo.get(id);
      if (known != null) {
        return known;
      }
      Set<Origin> out = new LinkedHashSet<>();
      if (!visiting.add(id)) {
        return out;
      }
      Origin m = marked.get(id);
      if (m != null) {
        out.add(m);
      } else if (aliases.containsKey(id)) {
        Expression child = aliases.get(id);
        boolean direct = child instanceof AttributeReference;
        scala.collection.Iterator<Attribute> refs = child.references().iterator();
        while (refs.hasNext()) {
          for (Origin o : resolve(refs.next().exprId(), visiting)) {
            out.add(direct ? o : new Origin(o.output(), o.column(), false));
          }
        }
      } else if (generated.containsKey(id)) {
        for (Attribute ref : generated.get(id)) {
          for (Origin o : resolve(ref.exprId(), visiting)) {
            out.add(new Origin(o.output(), o.column(), false));
          }
        }
      }
      for (ExprId sibling : unionSiblings.getOrDefault(id, List.of())) {
        out.addAll(resolve(sibling, visiting));
      }
      visiting.remove(id);
      memo.put(id, out);
      return out;
    }
  }

  private static <T> List<T> list(scala.collection.Iterator<? extends T> it) {
    List<T> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }
}
