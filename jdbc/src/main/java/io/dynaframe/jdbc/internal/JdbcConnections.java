package io.dynaframe.jdbc.internal;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;

/** Makes the sources and sinks of the JDBC connector, their options checked. */
public final class JdbcConnections {
  private JdbcConnections() {}

  /** A source for the request, its options checked now. */
  public static DataSource source(Connector.Request r, Dialect dialect) {
    Options given = JdbcSettings.canonical(dialect, r.options(), false, SourceException::new);
    JdbcSettings.checkKnown(dialect, given, false, SourceException::new);
    Options o =
        CatalogConnections.resolve(r.context(), dialect, given, "source", SourceException::new);
    JdbcSettings s = JdbcSettings.source(dialect, o, SourceException::new);
    return new JdbcSource(r.context(), s, r.transformationContext());
  }

  /** A sink for the request, its options checked now. */
  public static DataSink sink(Connector.Request r, Dialect dialect) {
    Options given = JdbcSettings.canonical(dialect, r.options(), true, SinkException::new);
    JdbcSettings.checkKnown(dialect, given, true, SinkException::new);
    Options o = CatalogConnections.resolve(r.context(), dialect, given, "sink", SinkException::new);
    JdbcSettings s = JdbcSettings.sink(dialect, o, SinkException::new);
    return new JdbcSink(r.context(), s);
  }

  /** A source for a catalog table that points at a JDBC table through a connection. */
  public static DataSource catalogSource(Connector.TableRequest r) {
    io.dynaframe.catalog.TableIdentifier id =
        io.dynaframe.catalog.TableIdentifier.of(r.database(), r.table());
    io.dynaframe.catalog.TableDefinition t = r.catalog().getTable(id);
    String classification = t.classification().orElse("");
    Dialect dialect = Dialect.of(classification);
    String connection = t.parameters().get("connectionName");
    if (dialect == null || connection == null) {
      throw new SourceException(
          "table "
              + id
              + " is not a JDBC table of a connection (classification '"
              + classification
              + "', connectionName "
              + (connection == null ? "none" : "'" + connection + "'")
              + ")");
    }
    if (!r.pushDownPredicate().isBlank()) {
      throw new SourceException(
          "pushDownPredicate filters the partitions of a table of files; table "
              + id
              + " is the JDBC table of connection '"
              + connection
              + "' (filter the frame, or read with 'sampleQuery')");
    }
    String location =
        t.location()
            .filter(l -> !l.isBlank())
            .orElseThrow(
                () ->
                    new SourceException(
                        "table "
                            + id
                            + " has no location: a JDBC table's location names it"
                            + " (db.schema.table)"));
    Options extra =
        JdbcSettings.canonical(dialect, r.additionalOptions(), false, SourceException::new);
    for (String own : new String[] {"url", "user", "password", "dbtable", "connectionName"}) {
      if (extra.has(own)) {
        throw new SourceException(
            "additional option '"
                + own
                + "' cannot be given when reading table "
                + id
                + ": the table and its connection '"
                + connection
                + "' supply it");
      }
    }
    Options o =
        extra
            .with("connectionName", connection)
            .with("useConnectionProperties", "true")
            .with("dbtable", dbtable(location));
    Connector.Request req =
        new Connector.Request(
            r.context(), dialect.connectionType(), o, r.transformationContext(), "", null);
    return source(req, dialect);
  }

  /** The database table of a JDBC catalog table's location: db.schema.table is schema.table. */
  static String dbtable(String location) {
    String[] parts = location.strip().split("\\.");
    if (parts.length == 3) {
      return parts[1] + "." + parts[2];
    }
    return location.strip();
  }
}
