package io.dynaframe.catalog.memory;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogProvider;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Provides {@link InMemoryCatalog} as type {@code memory}; every call makes a new, empty catalog.
 */
public final class InMemoryCatalogProvider implements CatalogProvider {

  /** For {@link java.util.ServiceLoader}. */
  public InMemoryCatalogProvider() {}

  @Override
  public String type() {
    return "memory";
  }

  @Override
  public Catalog create(Map<String, String> properties, SparkSession session) {
    if (!properties.isEmpty()) {
      throw new IllegalArgumentException(
          "the memory catalog takes no properties, got " + properties.keySet());
    }
    return InMemoryCatalog.create();
  }
}
