package io.dynaframe.lakeformats.internal;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import java.util.Locale;
import java.util.Set;

/**
 * The connector of Glue's data lake formats: connection types {@code iceberg} and {@code delta}
 * (also reached as connection type {@code s3} with format {@code iceberg} or {@code delta}), and
 * the catalog tables of those formats. {@code hudi} is served only to refuse it with a clear
 * message.
 */
public final class LakeFormatsConnector implements Connector {

  @Override
  public Set<String> connectionTypes() {
    return Set.of("iceberg", "delta", "hudi");
  }

  @Override
  public DataSource source(Request r) {
    switch (r.connectionType()) {
      case "iceberg":
        return IcebergIo.source(r);
      case "delta":
        return DeltaIo.source(r);
      default:
        throw new SourceException(hudi());
    }
  }

  @Override
  public DataSink sink(Request r) {
    switch (r.connectionType()) {
      case "iceberg":
        return IcebergIo.sink(r);
      case "delta":
        return DeltaIo.sink(r);
      default:
        throw new SinkException(hudi());
    }
  }

  @Override
  public DataSource catalogSource(TableRequest r) {
    TableDefinition t = table(r, SourceException::new);
    switch (format(t)) {
      case "iceberg":
        return IcebergIo.catalogSource(r);
      case "delta":
        return DeltaIo.catalogSource(r, t);
      default:
        throw new SourceException("table " + t.identifier() + ": " + hudi());
    }
  }

  @Override
  public DataSink catalogSink(TableRequest r) {
    TableDefinition t = table(r, SinkException::new);
    switch (format(t)) {
      case "iceberg":
        return IcebergIo.catalogSink(r);
      case "delta":
        return DeltaIo.catalogSink(r, t);
      default:
        throw new SinkException("table " + t.identifier() + ": " + hudi());
    }
  }

  private static TableDefinition table(
      TableRequest r, java.util.function.Function<String, RuntimeException> error) {
    try {
      return r.catalog().getTable(TableIdentifier.of(r.database(), r.table()));
    } catch (RuntimeException e) {
      throw error.apply(
          "table " + r.database() + "." + r.table() + " cannot be read: " + e.getMessage());
    }
  }

  /** The format of a table, as Glue marks it (see core's connector routing). */
  static String format(TableDefinition t) {
    for (String key : new String[] {"table_type", "spark.sql.sources.provider"}) {
      String v = t.parameters().getOrDefault(key, "").strip().toLowerCase(Locale.ROOT);
      if (Set.of("iceberg", "delta", "hudi").contains(v)) {
        return v;
      }
    }
    return t.classification().orElse("").strip().toLowerCase(Locale.ROOT);
  }

  private static String hudi() {
    return "Hudi tables are not supported by dynaframe-lakeformats (supported are Iceberg and Delta"
        + " Lake; see the README)";
  }
}
