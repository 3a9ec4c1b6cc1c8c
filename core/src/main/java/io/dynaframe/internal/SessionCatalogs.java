package io.dynaframe.internal;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Catalogs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The catalog configured on a Spark session, loaded once per session: type {@value #TYPE_KEY}
 * ({@code embedded} by default), properties {@code spark.dynaframe.catalog.<name>}.
 */
public final class SessionCatalogs {
  private SessionCatalogs() {}

  /** The session setting that names the catalog type. */
  public static final String TYPE_KEY = "spark.dynaframe.catalog";

  private static final Map<SparkSession, Catalog> LOADED = new WeakHashMap<>();

  /**
   * The session's catalog. The session's own settings count (a session of {@code
   * SparkSession.newSession()} given {@code spark.dynaframe.catalog} before its first use of the
   * catalog), over those of its Spark context.
   */
  public static synchronized Catalog of(SparkSession spark) {
    return LOADED.computeIfAbsent(
        spark,
        s -> {
          Map<String, String> settings = new LinkedHashMap<>();
          for (Tuple2<String, String> kv : s.sparkContext().getConf().getAll()) {
            settings.put(kv._1(), kv._2());
          }
          settings.putAll(scala.collection.JavaConverters.mapAsJavaMap(s.conf().getAll()));
          String type = settings.getOrDefault(TYPE_KEY, "embedded");
          Map<String, String> props = new LinkedHashMap<>();
          String prefix = TYPE_KEY + ".";
          settings.forEach(
              (k, v) -> {
                if (k.startsWith(prefix)) {
                  props.put(k.substring(prefix.length()), v);
                }
              });
          return Catalogs.load(type, props, s);
        });
  }
}
