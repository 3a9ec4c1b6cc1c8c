package io.dynaframe.catalog.glue;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

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
 * Credentials come from the SDK's default provider chain. The AWS SDK for Java 2.x ({@code
 * software.amazon.awssdk:glue}) is an optional dependency: this provider loads without it (so the
 * other catalog types work), and creating a glue catalog without it fails saying what to add.
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
    if (!sdkPresent()) {
      throw new IllegalStateException(
          "the glue catalog needs the AWS SDK for Java 2.x, which is not on the class path (no"
              + " class software.amazon.awssdk.services.glue.GlueClient): add"
              + " software.amazon.awssdk:glue (version 2.x, e.g. through software.amazon.awssdk:bom)"
              + " to the job's dependencies; on AWS Glue the SDK is already on the class path."
              + " The memory and embedded catalogs need no SDK.");
    }
    return GlueClients.catalog(
        properties.get("region"),
        properties.get("endpoint"),
        intProperty(properties, "max-attempts", 10),
        Duration.ofMillis(intProperty(properties, "retry-base-delay-ms", 200)),
        Duration.ofMillis(intProperty(properties, "retry-max-delay-ms", 20_000)),
        properties.get("catalog-id"));
  }

  /** Whether the SDK's Glue client can be loaded, without loading it into this class. */
  private static boolean sdkPresent() {
    try {
      Class.forName(
          "software.amazon.awssdk.services.glue.GlueClient",
          false,
          GlueCatalogProvider.class.getClassLoader());
      Class.forName(
          "software.amazon.awssdk.retries.api.RetryStrategy",
          false,
          GlueCatalogProvider.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
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
