package io.dynaframe.plugins;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.SourceException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connector of the tests' own, found through META-INF/services as a module's would be: connection
 * type {@code inline} reads the JSON lines of its option {@code lines} and writes a frame's JSON
 * lines into a map under the option {@code key}.
 */
public final class InlineConnector implements Connector {

  /** What the sinks wrote, by key. */
  public static final Map<String, List<String>> WRITTEN = new ConcurrentHashMap<>();

  @Override
  public Set<String> connectionTypes() {
    return Set.of("inline");
  }

  @Override
  public DataSource source(Request r) {
    List<String> lines = r.options().getStringList("lines");
    if (lines.isEmpty()) {
      throw new SourceException("an inline source needs the option 'lines'");
    }
    return () ->
        DynamicFrame.fromDF(
            r.context()
                .spark()
                .read()
                .json(
                    r.context()
                        .spark()
                        .createDataset(lines, org.apache.spark.sql.Encoders.STRING())),
            r.context(),
            r.transformationContext());
  }

  @Override
  public DataSink sink(Request r) {
    String key = r.options().getString("key", "");
    return frame -> {
      WRITTEN.put(key, frame.toJSON().collectAsList());
      return DynamicFrame.fromDF(
          r.context().spark().createDataFrame(List.of(), ErrorRecords.SCHEMA),
          r.context(),
          frame.name() + "_errors");
    };
  }
}
