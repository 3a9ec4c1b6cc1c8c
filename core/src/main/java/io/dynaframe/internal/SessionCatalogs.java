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

  /** The session's catalog. */
  public static synchronized Catalog of(SparkSession spark) {
    return LOADED.computeIfAbsent(
        spark,
        s -> {
          String type =
              s.sparkContext().getConf().get(TYPE_KEY, s.conf().get(TYPE_KEY, "embedded"));
          Map<String, String> props = new LinkedHashMap<>();
          String prefix = TYPE_KEY + ".";
          for (Tuple2<String, String> kv : s.sparkContext().getConf().getAll()) {
            if (kv._1().startsWith(prefix)) {
              props.put(kv._1().substring(prefix.length()), kv._2());
            }
          }
          return Catalogs.load(type, props, s);
        });
  }
}
