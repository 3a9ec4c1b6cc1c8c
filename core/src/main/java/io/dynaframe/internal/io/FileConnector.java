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
    // enableUpdateCatalog registers what the sink wrote (Glue: S3 targets only); both read the
    // options in Glue's spelling
    io.dynaframe.Options options = Sinks.connectionOptions(r.options());
    return CatalogSinks.wrap(
        r.context(),
        Sinks.create(
            r.context(), options, r.transformationContext(), r.format(), r.formatOptions()),
        options,
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
        // the s3 source's options and the catalog source's own in Glue's spelling, in any case
        r.additionalOptions()
            .canonical(
                Sources.additionalOptions(CatalogSources.OWN_OPTIONS),
                "additional option",
                io.dynaframe.SourceException::new));
  }
}
