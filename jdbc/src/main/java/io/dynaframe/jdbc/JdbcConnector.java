package io.dynaframe.jdbc;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.jdbc.internal.CatalogConnections;
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

  /**
   * Glue's {@code extract_jdbc_conf(connection_name)}: the URL, user, password and vendor of a JDBC
   * connection of the context's catalog, its {@code SECRET_ID} resolved (see the README's JDBC
   * section for secrets).
   *
   * @throws SourceException if the connection does not exist, is not a JDBC one, or its secret
   *     cannot be read
   */
  public static JdbcConf extractJdbcConf(DynaContext ctx, String connectionName) {
    CatalogConnections.Resolved r =
        CatalogConnections.fromCatalog(ctx, connectionName, SourceException::new);
    return new JdbcConf(r.url(), r.user(), r.password(), r.vendor());
  }

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

  /**
   * Reads a catalog table that points at a database table through a connection, as Glue's crawler
   * makes them: the table's {@code connectionName} parameter names the catalog connection (URL and
   * credentials), its classification the connection type ({@code postgresql}), its location the
   * database table ({@code db.schema.table}: the database is the connection URL's, {@code
   * schema.table} is read; {@code db.table} and {@code table} are read as they are). The additional
   * options may hold the source's options ({@code jobBookmarkKeys}, {@code hashfield}, ...).
   */
  @Override
  public DataSource catalogSource(TableRequest request) {
    return JdbcConnections.catalogSource(request);
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
