package io.dynaframe.transforms.studio;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioGroupOps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Arrays;
import java.util.List;

/**
 * Glue Studio's Autobalance Processing: the rows redistributed over a number of partitions (by
 * default Spark's default parallelism, the number of cores), at random, or by the values of
 * repartition columns so that rows with the same values share a partition (writing a frame
 * partitioned by the same columns then gives fewer files).
 *
 * <pre>{@code
 * frame.apply("Autobalance_node1", AutobalanceProcessing.of().withPartitions(40).withColumns("year"));
 * }</pre>
 */
public final class AutobalanceProcessing implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int partitions;
  private final ImmutableList<String> columns;

  private AutobalanceProcessing(int partitions, List<String> columns) {
    Preconditions.checkArgument(
        partitions >= 0,
        "partitions must be >= 0 (0: the default parallelism), was %s",
        partitions);
    this.partitions = partitions;
    this.columns = ImmutableList.copyOf(columns);
  }

  /** Spreads the rows at random over Spark's default parallelism. */
  public static AutobalanceProcessing of() {
    return new AutobalanceProcessing(0, List.of());
  }

  /**
   * Glue Studio's Autobalance Processing node: the number of partitions (0: the default
   * parallelism) and the repartition columns (may be empty).
   */
  public static DynamicFrame apply(
      DynamicFrame frame, int numPartitions, List<String> columns, String transformationCtx) {
    return Steps.apply(frame, new AutobalanceProcessing(numPartitions, columns), transformationCtx);
  }

  /** This transform spreading the rows over {@code n} partitions. */
  public AutobalanceProcessing withPartitions(int n) {
    Preconditions.checkArgument(n > 0, "the number of partitions must be > 0, was %s", n);
    return new AutobalanceProcessing(n, columns);
  }

  /** This transform putting rows with the same values of {@code columns} in one partition. */
  public AutobalanceProcessing withColumns(String... columns) {
    return new AutobalanceProcessing(partitions, Arrays.asList(columns));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioGroupOps.autobalance(in, step, kind(), partitions, columns));
  }

  @Override
  public String toString() {
    return "AutobalanceProcessing[" + (partitions == 0 ? "default" : partitions) + columns + "]";
  }
}
