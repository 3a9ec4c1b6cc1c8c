package io.dynaframe.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Java and Scala collections that compile and run on Scala 2.12 and 2.13. */
public final class Scala {
  private Scala() {}

  /** An immutable Scala map with these entries. */
  public static scala.collection.immutable.Map<String, String> map(Map<String, String> m) {
    scala.collection.immutable.Map<String, String> out =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> e : m.entrySet()) {
      out = out.updated(e.getKey(), e.getValue());
    }
    return out;
  }

  /** An immutable Scala list of these items (a {@code Seq} on both Scala versions). */
  @SuppressWarnings("deprecation")
  public static <T> scala.collection.immutable.List<T> list(List<T> items) {
    return scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(items)).toList();
  }

  /** A Java copy of a Scala map. */
  @SuppressWarnings("deprecation")
  public static Map<String, String> javaMap(scala.collection.Map<String, String> m) {
    return new LinkedHashMap<>(scala.collection.JavaConverters.mapAsJavaMap(m));
  }

  /** A Java copy of a Scala sequence. */
  @SuppressWarnings("deprecation")
  public static <T> List<T> javaList(scala.collection.Seq<T> s) {
    return new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(s));
  }

  /** The value, or null for {@code None}. */
  public static <T> T orNull(scala.Option<T> o) {
    return o.isDefined() ? o.get() : null;
  }

  /** {@code Some(value)}, or {@code None} for null. */
  public static <T> scala.Option<T> option(T value) {
    return scala.Option.apply(value);
  }
}
