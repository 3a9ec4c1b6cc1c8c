package io.dynaframe.catalog.glue;

import io.dynaframe.testing.CatalogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The catalog contract for the Glue catalog: the real AWS SDK v2 client against {@link FakeGlue}, a
 * WireMock-backed stand-in that speaks Glue's JSON protocol. No real Glue service is involved.
 */
class GlueCatalogContractTest extends CatalogContract<GlueCatalog> {
  private static FakeGlue fake;
  private static GlueCatalog catalog;

  @BeforeAll
  static void start() {
    fake = new FakeGlue();
    catalog = GlueCatalog.of(fake.client(), "123456789012");
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Override
  protected GlueCatalog catalog() {
    return catalog;
  }
}
