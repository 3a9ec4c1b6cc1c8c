package io.dynaframe.plugins;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynamicFrame;
import io.dynaframe.RunObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A run observer of the tests' own, found through META-INF/services: notes what each run did, and
 * changes nothing.
 */
public final class CallLog implements RunObserver {
  private final String runId;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  CallLog(String runId) {
    this.runId = runId;
  }

  /** The run this log belongs to. */
  public String runId() {
    return runId;
  }

  /**
   * What the run did, in order: {@code step NAME KIND}, {@code staged}, {@code source NAME TYPE},
   * {@code sink NAME TYPE}.
   */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public <O> O step(
      DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand) {
    calls.add("step " + step + " " + kind);
    return expand.apply(input);
  }

  @Override
  public Dataset<Row> staged(Dataset<Row> staged) {
    calls.add("staged");
    return staged;
  }

  @Override
  public DataSource source(Io source, DataSource inner) {
    return () -> {
      calls.add(
          "source "
              + source.name()
              + " "
              + source.type()
              + " "
              + source.paths()
              + " "
              + source.args());
      return inner.getDynamicFrame();
    };
  }

  @Override
  public DataSink sink(Io sink, DataSink inner) {
    return frame -> {
      calls.add("sink " + sink.name() + " " + sink.type() + " " + sink.paths() + " " + sink.args());
      return inner.writeDynamicFrame(frame);
    };
  }

  /** Makes a log per run. */
  public static final class Factory implements RunObserver.Factory {
    @Override
    public RunObserver create(SparkSession spark, String runId) {
      return new CallLog(runId);
    }
  }
}
