package io.dynaframe;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes frames for some of Glue's connection types ({@code s3}, {@code postgresql},
 * {@code kafka}, ...): the plug-in behind {@link DynaContext#getSourceWithFormat} and {@link
 * DynaContext#getSinkWithFormat}. Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.dynaframe.Connector}); implementations need a public no-argument
 * constructor. Core's own connector serves {@code s3} (s3://, s3a:// and local paths) and {@code
 * file}.
 *
 * <p>Both methods validate the request when they are called, before any data is read, and report a
 * bad option with a {@link SourceException} or {@link SinkException} that names it.
 */
public interface Connector {

  /** The connection types this connector serves, in lower case, as Glue names them. */
  Set<String> connectionTypes();

  /**
   * A source for the request, validated now; reading happens in {@link
   * DataSource#getDynamicFrame()}.
   */
  DataSource source(Request request);

  /** A sink for the request, validated now. By default a connection type can only be read. */
  default DataSink sink(Request request) {
    throw new SinkException(
        "connection type '" + request.connectionType() + "' can be read but not written");
  }

  /**
   * A source for a table of the Data Catalog whose data this connector reads (core's connector
   * reads the tables whose data are files), validated now. By default a connector reads no tables.
   */
  default DataSource catalogSource(TableRequest request) {
    throw new SourceException(
        "table "
            + request.database()
            + "."
            + request.table()
            + " cannot be read through the connector of "
            + connectionTypes());
  }

  /**
   * A sink into a table of the Data Catalog that this connector writes (a table format's table,
   * such as an Iceberg table), validated now. Core's catalog sinks write the tables whose data are
   * files themselves; by default a connector writes no tables.
   */
  default DataSink catalogSink(TableRequest request) {
    throw new SinkException(
        "table "
            + request.database()
            + "."
            + request.table()
            + " cannot be written through the connector of "
            + connectionTypes());
  }

  /**
   * One call of {@code getSourceWithFormat} or {@code getSinkWithFormat}: the context, the
   * connection type in lower case, the connection options, the step's transformation context (empty
   * when none), the format in lower case (empty when none) and the format options.
   */
  record Request(
      DynaContext context,
      String connectionType,
      Options options,
      String transformationContext,
      String format,
      Options formatOptions) {
    public Request {
      Objects.requireNonNull(context, "context");
      connectionType =
          connectionType == null ? "" : connectionType.strip().toLowerCase(Locale.ROOT);
      options = options == null ? Options.empty() : options;
      transformationContext = transformationContext == null ? "" : transformationContext;
      format = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
      formatOptions = formatOptions == null ? Options.empty() : formatOptions;
    }
  }

  /**
   * One call of {@code getCatalogSource}: the context, the catalog it reads, the database and table
   * as the job gave them, the step's transformation context (empty when none), the {@code
   * pushDownPredicate} (empty when none) and the additional options.
   */
  record TableRequest(
      DynaContext context,
      io.dynaframe.catalog.Catalog catalog,
      String database,
      String table,
      String transformationContext,
      String pushDownPredicate,
      Options additionalOptions) {
    public TableRequest {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(catalog, "catalog");
      database = database == null ? "" : database;
      table = table == null ? "" : table;
      transformationContext = transformationContext == null ? "" : transformationContext;
      pushDownPredicate = pushDownPredicate == null ? "" : pushDownPredicate;
      additionalOptions = additionalOptions == null ? Options.empty() : additionalOptions;
    }
  }
}
