package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioGroupOps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Glue Studio's Aggregate: the rows grouped by the group columns (all rows in one group when there
 * are none), with one column per aggregated column and function, named as Spark names the
 * aggregate: {@code sum(amount)}, {@code count(DISTINCT customer)}. The functions are Glue
 * Studio's: {@code avg, countDistinct, count, first, last, kurtosis, max, min, skewness,
 * stddev_samp, stddev_pop, sum, sumDistinct, var_samp, var_pop}.
 *
 * <pre>{@code
 * frame.apply("Aggregate_node1", Aggregate.by("region").with("amount", "sum").with("customer", "countDistinct"));
 * }</pre>
 */
public final class Aggregate implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> groups;
  private final ImmutableList<Map.Entry<String, String>> aggs;

  private Aggregate(List<String> groups, List<Map.Entry<String, String>> aggs) {
    this.groups = ImmutableList.copyOf(groups);
    this.aggs = ImmutableList.copyOf(aggs);
  }

  /** Groups by these columns (none: one group); add aggregates with {@link #with}. */
  public static Aggregate by(String... groups) {
    return new Aggregate(Arrays.asList(groups), List.of());
  }

  /**
   * Glue Studio's Aggregate node ({@code sparkAggregate(glueContext, parentFrame, groups, aggs,
   * transformation_ctx)} in its scripts): the group columns and the [column, function] pairs.
   */
  public static DynamicFrame apply(
      DynamicFrame frame, List<String> groups, List<List<String>> aggs, String transformationCtx) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (List<String> a : aggs) {
      if (a.size() != 2) {
        throw new IllegalArgumentException("each aggregate is a [column, function] pair, not " + a);
      }
      pairs.add(new AbstractMap.SimpleImmutableEntry<>(a.get(0), a.get(1)));
    }
    return Steps.apply(frame, new Aggregate(groups, pairs), transformationCtx);
  }

  /** This transform also aggregating {@code column} with {@code function}. */
  public Aggregate with(String column, String function) {
    List<Map.Entry<String, String>> more = new ArrayList<>(aggs);
    more.add(
        new AbstractMap.SimpleImmutableEntry<>(
            Objects.requireNonNull(column, "column"),
            Objects.requireNonNull(function, "function")));
    return new Aggregate(groups, more);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    if (aggs.isEmpty()) {
      throw new io.dynaframe.transforms.TransformException(
          kind(), step, "no column to aggregate; add one with with(column, function)");
    }
    return StudioOps.run(
        input, step, in -> StudioGroupOps.aggregate(in, step, kind(), groups, aggs));
  }

  @Override
  public String toString() {
    return "Aggregate[by " + groups + ": " + aggs + "]";
  }
}
