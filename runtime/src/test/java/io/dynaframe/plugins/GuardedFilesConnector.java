package io.dynaframe.plugins;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.util.Set;

/**
 * A connector of the tests' own, for a store that wants a secret with every call as databases do:
 * connection type {@code guarded-files} reads and writes files as {@code s3} does, and takes the
 * secret in the option {@code password} (sources) or {@code aws_secret_access_key} (sinks).
 */
public final class GuardedFilesConnector implements Connector {

  @Override
  public Set<String> connectionTypes() {
    return Set.of("guarded-files");
  }

  @Override
  public DataSource source(Request r) {
    if (r.options().getString("password", "").isEmpty()) {
      throw new SourceException("a guarded-files source needs the option 'password'");
    }
    return r.context()
        .getSourceWithFormat(
            "s3",
            Options.of("paths", r.options().getStringList("paths")),
            r.transformationContext(),
            r.format(),
            r.formatOptions());
  }

  @Override
  public DataSink sink(Request r) {
    return r.context()
        .getSinkWithFormat(
            "s3",
            Options.of("path", r.options().getString("path", "")),
            r.transformationContext(),
            r.format(),
            r.formatOptions());
  }
}
