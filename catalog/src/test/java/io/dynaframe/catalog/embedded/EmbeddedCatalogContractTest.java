package io.dynaframe.catalog.embedded;

import io.dynaframe.testing.CatalogContract;
import io.dynaframe.testing.SharedSpark;

/**
 * The catalog contract for Spark's own catalog, on the test JVM's local Spark with a Hive metastore
 * on Derby.
 */
class EmbeddedCatalogContractTest extends CatalogContract<EmbeddedCatalog> {

  @Override
  protected EmbeddedCatalog catalog() {
    return EmbeddedCatalog.of(SharedSpark.spark());
  }

  @Override
  protected String location(String relative) {
    return "file:" + SharedSpark.dataDir().resolve("contract").resolve(relative).toAbsolutePath();
  }

  @Override
  protected int batchSize() {
    return 40;
  }
}
