package io.dynaframe.plugins;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynamicFrame;
import io.dynaframe.RunObserver;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A second run observer of the tests' own, listed after {@link CallLog}: with two on the class path
 * a context chains them, and each sees the whole run. Counts the steps applied.
 */
public final class StepCount implements RunObserver {
  private final AtomicInteger steps = new AtomicInteger();

  /** How many steps the run applied. */
  public int steps() {
    return steps.get();
  }

  @Override
  public <O> O step(
      DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand) {
    steps.incrementAndGet();
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

  /** Makes a count per run. */
  public static final class Factory implements RunObserver.Factory {
    @Override
    public RunObserver create(SparkSession spark, String runId) {
      return new StepCount();
    }
  }
}
