package io.dynaframe.jdbc;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.jdbc.internal.Dialect;
import io.dynaframe.jdbc.internal.JdbcConnections;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Glue's JDBC connection types {@code postgresql}, {@code mysql}, {@code sqlserver}, {@code oracle}
 * and {@code redshift}, found by {@link java.util.ServiceLoader} once {@code dynaframe-jdbc} is on
 * the class path. The JDBC driver is the job's choice: add it (for example {@code
 * org.postgresql:postgresql}); a missing driver fails when the source or sink is made, naming the
 * artifact.
 *
 * <p>Sources take Glue's connection options {@code url}, {@code user}, {@code password}, {@code
 * dbtable}, {@code sampleQuery} with {@code enablePartitioningForSampleQuery}, {@code sampleSize},
 * {@code hashfield}, {@code hashexpression}, {@code hashpartitions} (default 7), {@code
 * jobBookmarkKeys}, {@code jobBookmarkKeysSortOrder} and {@code customJdbcDriverClassName}, and
 * Spark's {@code query}; sinks take {@code url}, {@code user}, {@code password}, {@code dbtable},
 * {@code bulkSize} (parallel writers) and dynaframe's {@code writeMode} ({@code append}, Glue's, or
 * {@code publish}: the table's rows replaced in one transaction). An unknown option fails, naming
 * the closest known one. No password reaches a message, a log or a description.
 */
public final class JdbcConnector implements Connector {

  /** The connector; made by {@link java.util.ServiceLoader}. */
  public JdbcConnector() {}

  @Override
  public Set<String> connectionTypes() {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(Dialect.values()).forEach(d -> out.add(d.connectionType()));
    return out;
  }

  @Override
  public DataSource source(Request request) {
    return JdbcConnections.source(request, dialect(request, SourceException::new));
  }

  @Override
  public DataSink sink(Request request) {
    return JdbcConnections.sink(request, dialect(request, SinkException::new));
  }

  private static Dialect dialect(
      Request r, java.util.function.Function<String, ? extends RuntimeException> error) {
    Dialect d = Dialect.of(r.connectionType());
    if (d == null) {
      throw error.apply("connection type '" + r.connectionType() + "' is not a JDBC type");
    }
    if (!r.format().isEmpty()) {
      throw error.apply(
          "connection type '"
              + r.connectionType()
              + "' takes no format; '"
              + r.format()
              + "' was given");
    }
    return d;
  }
}
