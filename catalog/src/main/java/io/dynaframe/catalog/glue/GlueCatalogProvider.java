package io.dynaframe.catalog.glue;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * Provides {@link GlueCatalog} as type {@code glue}. Properties (all optional):
 *
 * <ul>
 *   <li>{@code catalog-id}: the AWS account id of the Data Catalog (default: the caller's);
 *   <li>{@code region}: the AWS region (default: the SDK's region chain, e.g. {@code AWS_REGION});
 *   <li>{@code endpoint}: another endpoint URI (a VPC endpoint, or a stub in tests);
 *   <li>{@code max-attempts}: attempts per request including the first (default 10);
 *   <li>{@code retry-base-delay-ms} / {@code retry-max-delay-ms}: exponential backoff with jitter
 *       between attempts, for errors and for throttling ({@code ThrottlingException}) alike
 *       (defaults 200 and 20000).
 * </ul>
 *
 * Credentials come from the SDK's default provider chain.
 */
public final class GlueCatalogProvider implements CatalogProvider {

  private static final Set<String> KNOWN =
      Set.of(
          "catalog-id",
          "region",
          "endpoint",
          "max-attempts",
          "retry-base-delay-ms",
          "retry-max-delay-ms");

  /** For {@link java.util.ServiceLoader}. */
  public GlueCatalogProvider() {}

  @Override
  public String type() {
    return "glue";
  }

  @Override
  public Catalog create(Map<String, String> properties, SparkSession session) {
    for (String k : properties.keySet()) {
      if (!KNOWN.contains(k)) {
        throw new IllegalArgumentException(
            "the glue catalog has no property '" + k + "'; known are " + new TreeSet<>(KNOWN));
      }
    }
    GlueClientBuilder b = GlueClient.builder();
    if (properties.containsKey("region")) {
      b.region(Region.of(properties.get("region")));
    }
    if (properties.containsKey("endpoint")) {
      b.endpointOverride(URI.create(properties.get("endpoint")));
    }
    RetryStrategy retry =
        retryStrategy(
            intProperty(properties, "max-attempts", 10),
            Duration.ofMillis(intProperty(properties, "retry-base-delay-ms", 200)),
            Duration.ofMillis(intProperty(properties, "retry-max-delay-ms", 20_000)));
    b.overrideConfiguration(c -> c.retryStrategy(retry));
    return GlueCatalog.owning(b.build(), properties.get("catalog-id"));
  }

  /**
   * The SDK's standard retry strategy with this many attempts and exponential backoff with jitter,
   * used for throttling too; the client-side circuit breaker is off so that a batch job waits out
   * throttling instead of failing fast.
   */
  public static RetryStrategy retryStrategy(
      int maxAttempts, Duration baseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
    }
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  private static int intProperty(Map<String, String> p, String key, int def) {
    String v = p.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "glue catalog property " + key + " must be a whole number, was '" + v + "'");
    }
  }
}
