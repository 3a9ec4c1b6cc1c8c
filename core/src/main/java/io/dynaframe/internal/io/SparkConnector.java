package io.dynaframe.internal.io;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's connection types {@code custom.spark} and {@code marketplace.spark}: a Spark data source
 * (a connector's class, or any data source Spark knows by name) read and written with the
 * connection options. {@code className} names the data source; without it, the catalog connection
 * {@code connectionName} names gives it in its property {@code CONNECTOR_CLASS_NAME}, as Glue's
 * custom connections hold it. Every other option but {@code connectionName} and {@code
 * connectorName} goes to the data source as it is. The data source is looked up when the source or
 * sink is made, so a class that is not on the class path fails at once, naming it.
 */
public final class SparkConnector implements Connector {

  /** The options that are Glue's own, not the data source's. */
  private static final Set<String> OWN = Set.of("className", "connectionName", "connectorName");

  /** The property of a Glue custom connection that names the connector's class. */
  static final String CONNECTOR_CLASS_NAME = "CONNECTOR_CLASS_NAME";

  @Override
  public Set<String> connectionTypes() {
    return Set.of("custom.spark", "marketplace.spark");
  }

  @Override
  public DataSource source(Request r) {
    String className = className(r, SourceException::new);
    Map<String, String> options = sparkOptions(r.options(), SourceException::new);
    DynaContext ctx = r.context();
    String name = r.transformationContext().isEmpty() ? className : r.transformationContext();
    return () -> {
      Dataset<Row> df;
      try {
        df = ctx.spark().read().format(className).options(options).load();
      } catch (RuntimeException e) {
        throw new SourceException(
            "connection type "
                + r.connectionType()
                + ": the data source "
                + className
                + " could not be read: "
                + firstLine(e),
            e);
      }
      return DynamicFrame.fromDF(df, ctx, name)
          .withTransformationContext(r.transformationContext());
    };
  }

  @Override
  public DataSink sink(Request r) {
    String className = className(r, SinkException::new);
    Map<String, String> options = sparkOptions(r.options(), SinkException::new);
    DynaContext ctx = r.context();
    return frame -> {
      frame.assertErrorThreshold();
      try {
        // Glue's connectors append to their stores
        frame.toDF().write().format(className).options(options).mode("append").save();
      } catch (RuntimeException e) {
        throw new SinkException(
            "connection type "
                + r.connectionType()
                + ": the data source "
                + className
                + " could not write frame '"
                + frame.name()
                + "': "
                + firstLine(e),
            e);
      }
      return DynamicFrame.fromDF(
          ctx.spark().createDataFrame(List.of(), ErrorRecords.FRAME_SCHEMA),
          ctx,
          frame.name() + "_errors");
    };
  }

  /** The data source's class (or short name), checked to be one Spark can load. */
  private static String className(Request r, Function<String, ? extends RuntimeException> error) {
    String className = r.options().getString("className", null);
    String connection = r.options().getString("connectionName", null);
    if ((className == null || className.isBlank()) && connection != null) {
      try {
        className =
            r.context()
                .catalog()
                .getConnection(connection)
                .property(CONNECTOR_CLASS_NAME)
                .orElse(null);
      } catch (RuntimeException e) {
        throw error.apply(
            "connection type "
                + r.connectionType()
                + " needs the connection option className; the catalog connection '"
                + connection
                + "' cannot give it: "
                + e.getMessage());
      }
    }
    if (className == null || className.isBlank()) {
      throw error.apply(
          "connection type "
              + r.connectionType()
              + " needs the connection option className (the Spark data source's class, e.g."
              + " com.example.MyDataSource, or a name Spark knows, such as csv)");
    }
    String c = className.strip();
    try {
      org.apache.spark.sql.execution.datasources.DataSource.lookupDataSource(
          c, r.context().spark().sessionState().conf());
    } catch (Exception | LinkageError e) { // Spark's SparkClassNotFoundException is checked
      throw error.apply(
          "connection type "
              + r.connectionType()
              + ": className '"
              + c
              + "' is not a Spark data source on the class path ("
              + firstLine(e)
              + "); add the connector's jar to the job's dependencies");
    }
    return c;
  }

  private static Map<String, String> sparkOptions(
      Options options, Function<String, ? extends RuntimeException> error) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : options.asMap().entrySet()) {
      if (OWN.contains(e.getKey())) {
        continue;
      }
      if (e.getKey().equals("secretId")) {
        throw error.apply(
            "connection option secretId: AWS Secrets Manager is not read for custom.spark and"
                + " marketplace.spark; give the data source its credentials as options");
      }
      Object v = e.getValue();
      out.put(
          e.getKey(),
          v instanceof List<?> l
              ? String.join(",", l.stream().map(String::valueOf).toList())
              : String.valueOf(v));
    }
    return out;
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
