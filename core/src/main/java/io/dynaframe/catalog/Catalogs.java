package io.dynaframe.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Loads catalog implementations by type name: {@code Catalogs.load("glue", Map.of("region",
 * "eu-west-1"))}. The types of the {@code dynaframe-catalog} module are {@code memory} (in-memory,
 * for tests), {@code embedded} (Spark's catalog with its Hive metastore) and {@code glue} (the AWS
 * Glue Data Catalog).
 */
public final class Catalogs {
  private Catalogs() {}

  /** A catalog of this type, with the active Spark session where it needs one. */
  public static Catalog load(String type, Map<String, String> properties) {
    return load(type, properties, null);
  }

  /**
   * A catalog of this type on this session.
   *
   * @throws IllegalArgumentException when no implementation of that type is on the class path
   *     (naming those that are), or its properties are wrong
   */
  public static Catalog load(String type, Map<String, String> properties, SparkSession session) {
    String wanted = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    Map<String, CatalogProvider> found = providers();
    CatalogProvider p = found.get(wanted);
    if (p == null) {
      throw new IllegalArgumentException(
          "no catalog of type '"
              + type
              + "' is on the class path; found "
              + found.keySet()
              + (found.isEmpty() ? " (add the dynaframe-catalog module)" : ""));
    }
    return p.create(Map.copyOf(properties), session);
  }

  /** The catalog types on the class path. */
  public static java.util.Set<String> types() {
    return providers().keySet();
  }

  private static Map<String, CatalogProvider> providers() {
    Map<String, CatalogProvider> found = new TreeMap<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    for (CatalogProvider p :
        ServiceLoader.load(
            CatalogProvider.class, cl == null ? Catalogs.class.getClassLoader() : cl)) {
      found.putIfAbsent(p.type().toLowerCase(Locale.ROOT), p);
    }
    return found;
  }
}
