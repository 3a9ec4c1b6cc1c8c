package io.dynaframe.internal.io;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.connector.Connector;
import java.util.Set;

/** Core's connector: connection type {@code s3} (s3://, s3a:// and local paths) and {@code file}, in every file format. */
public final class FileConnector implements Connector {

  @Override
  public Set<String> connectionTypes() {
    return Set.of("s3", "file");
  }

  @Override
  public DataSource source(Request r) {
    return Sources.create(r.context(), r.options(), r.transformationContext(), r.format(), r.formatOptions());
  }

  @Override
  public DataSink sink(Request r) {
    return Sinks.create(r.context(), r.options(), r.transformationContext(), r.format(), r.formatOptions());
  }
}
