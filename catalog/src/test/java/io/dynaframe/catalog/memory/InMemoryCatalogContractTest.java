package io.dynaframe.catalog.memory;

import io.dynaframe.catalog.CatalogContractTest;

/** The catalog contract for the in-memory catalog. */
class InMemoryCatalogContractTest extends CatalogContractTest<InMemoryCatalog> {
  private final InMemoryCatalog catalog = InMemoryCatalog.create();

  @Override
  protected InMemoryCatalog catalog() {
    return catalog;
  }
}
