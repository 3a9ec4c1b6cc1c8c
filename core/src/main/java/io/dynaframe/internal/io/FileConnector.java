package io.dynaframe.internal.io;

import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.internal.catalog.CatalogSinks;
import io.dynaframe.internal.catalog.CatalogSources;
import java.util.Set;

/**
 * Core's connector: connection type {@code s3} (s3://, s3a:// and local paths) and {@code file}, in
 * every file format, and the catalog tables whose data are files.
 */
public final class FileConnector implements Connector {

  @Override
  public Set<String> connectionTypes() {
    return Set.of("s3", "file");
  }

  @Override
  public DataSource source(Request r) {
    return Sources.create(
        r.context(), r.options(), r.transformationContext(), r.format(), r.formatOptions());
  }

  @Override
  public DataSink sink(Request r) {
    // enableUpdateCatalog registers what the sink wrote (Glue: S3 targets only)
    return CatalogSinks.wrap(
        r.context(),
        Sinks.create(
            r.context(), r.options(), r.transformationContext(), r.format(), r.formatOptions()),
        r.options(),
        r.format(),
        r.formatOptions());
  }

  @Override
  public DataSource catalogSource(TableRequest r) {
    return CatalogSources.create(
        r.context(),
        r.catalog(),
        r.database(),
        r.table(),
        r.transformationContext(),
        r.pushDownPredicate(),
        r.additionalOptions());
  }
}
