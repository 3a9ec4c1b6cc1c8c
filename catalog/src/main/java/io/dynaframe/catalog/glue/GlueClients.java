package io.dynaframe.catalog.glue;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * Builds the SDK client of a glue catalog. The only class besides {@link GlueCatalog} that names
 * SDK types, so that {@link GlueCatalogProvider} loads without the SDK.
 */
final class GlueClients {
  private GlueClients() {}

  static GlueCatalog catalog(
      String region,
      String endpoint,
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay,
      String catalogId) {
    GlueClientBuilder b = GlueClient.builder();
    if (region != null) {
      b.region(Region.of(region));
    }
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    RetryStrategy retry = GlueCatalog.retryStrategy(maxAttempts, baseDelay, maxDelay);
    b.overrideConfiguration(c -> c.retryStrategy(retry));
    return GlueCatalog.owning(b.build(), catalogId);
  }
}
