package io.dynaframe.jdbc.internal;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;

/** Makes the sources and sinks of the JDBC connector, their options checked. */
public final class JdbcConnections {
  private JdbcConnections() {}

  /** A source for the request, its options checked now. */
  public static DataSource source(Connector.Request r, Dialect dialect) {
    JdbcSettings s = JdbcSettings.source(dialect, r.options(), SourceException::new);
    return new JdbcSource(r.context(), s, r.transformationContext());
  }

  /** A sink for the request, its options checked now. */
  public static DataSink sink(Connector.Request r, Dialect dialect) {
    JdbcSettings s = JdbcSettings.sink(dialect, r.options(), SinkException::new);
    return new JdbcSink(r.context(), s);
  }
}
