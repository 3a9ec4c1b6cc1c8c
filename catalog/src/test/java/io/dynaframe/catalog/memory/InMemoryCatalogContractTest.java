package io.dynaframe.catalog.memory;

import io.dynaframe.testing.CatalogContract;

/** The catalog contract for the in-memory catalog. */
class InMemoryCatalogContractTest extends CatalogContract<InMemoryCatalog> {
  private final InMemoryCatalog catalog = InMemoryCatalog.create();

  @Override
  protected InMemoryCatalog catalog() {
    return catalog;
  }
}
