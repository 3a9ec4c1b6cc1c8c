package io.dynaframe.catalog.embedded;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogProvider;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Provides {@link EmbeddedCatalog} as type {@code embedded}: the catalog of the given Spark
 * session, or of the active one. It takes no properties; the metastore is configured on the session
 * ({@code DynaContext.local().dataDir(...)} puts it on Derby in that folder).
 */
public final class EmbeddedCatalogProvider implements CatalogProvider {

  /** For {@link java.util.ServiceLoader}. */
  public EmbeddedCatalogProvider() {}

  @Override
  public String type() {
    return "embedded";
  }

  @Override
  public Catalog create(Map<String, String> properties, SparkSession session) {
    if (!properties.isEmpty()) {
      throw new IllegalArgumentException(
          "the embedded catalog takes no properties (configure the Spark session), got "
              + properties.keySet());
    }
    SparkSession s = session != null ? session : SparkSession.active();
    return EmbeddedCatalog.of(s);
  }
}
