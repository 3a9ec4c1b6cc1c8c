package io.dynaframe.catalog;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Makes catalogs of one type; found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/io.dynaframe.catalog.CatalogProvider}). Implementations need a public
 * no-argument constructor.
 */
public interface CatalogProvider {

  /** The type name users pick it by: {@code memory}, {@code embedded}, {@code glue}. */
  String type();

  /**
   * A catalog configured by these properties (the keys each type knows are in its Javadoc).
   *
   * @param session the Spark session to use, or null where none was given (a catalog that needs one
   *     may take the active session)
   * @throws IllegalArgumentException for a property that is not known or has a bad value
   */
  Catalog create(Map<String, String> properties, SparkSession session);
}
