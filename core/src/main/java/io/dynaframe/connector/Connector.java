package io.dynaframe.connector;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes frames for some of Glue's connection types ({@code s3}, {@code postgresql},
 * {@code kafka}, ...): the plug-in behind {@link DynaContext#getSourceWithFormat} and
 * {@link DynaContext#getSinkWithFormat}. Found with {@link java.util.ServiceLoader} (list the
 * class in {@code META-INF/services/io.dynaframe.connector.Connector}); implementations need a
 * public no-argument constructor. Core's own connector serves {@code s3} (s3://, s3a:// and
 * local paths) and {@code file}.
 *
 * <p>Both methods validate the request when they are called, before any data is read, and
 * report a bad option with a {@link io.dynaframe.SourceException} or {@link SinkException}
 * that names it.
 */
public interface Connector {

  /** The connection types this connector serves, in lower case, as Glue names them. */
  Set<String> connectionTypes();

  /** A source for the request, validated now; reading happens in {@link DataSource#getDynamicFrame()}. */
  DataSource source(Request request);

  /** A sink for the request, validated now. By default a connection type can only be read. */
  default DataSink sink(Request request) {
    throw new SinkException("connection type '" + request.connectionType() + "' can be read but not written");
  }

  /**
   * One call of {@code getSourceWithFormat} or {@code getSinkWithFormat}: the context, the
   * connection type in lower case, the connection options, the step's transformation context
   * (empty when none), the format in lower case (empty when none) and the format options.
   */
  record Request(DynaContext context, String connectionType, Options options, String transformationContext,
      String format, Options formatOptions) {
    public Request {
      Objects.requireNonNull(context, "context");
      connectionType = connectionType == null ? "" : connectionType.strip().toLowerCase(Locale.ROOT);
      options = options == null ? Options.empty() : options;
      transformationContext = transformationContext == null ? "" : transformationContext;
      format = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
      formatOptions = formatOptions == null ? Options.empty() : formatOptions;
    }
  }
}
