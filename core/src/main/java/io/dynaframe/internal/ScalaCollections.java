package io.dynaframe.internal;

import java.util.List;
import java.util.Map;

/**
 * Java collections as the Scala collections Spark's row encoders expect, on Scala 2.12 and 2.13
 * alike.
 */
public final class ScalaCollections {
  private ScalaCollections() {}

  /** A Scala Seq view of the list. */
  @SuppressWarnings("deprecation")
  public static scala.collection.Seq<Object> seq(List<Object> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }

  /** A Scala Map view of the map. */
  @SuppressWarnings("deprecation")
  public static scala.collection.Map<String, Object> map(Map<String, Object> map) {
    return scala.collection.JavaConverters.mapAsScalaMap(map);
  }
}
