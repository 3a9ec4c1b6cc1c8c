package io.dynaframe.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Rows as plain comparable values (nested lists and sorted maps), and as JSON for messages. */
final class RowValues {
  private RowValues() {}

  static Object canonical(Object v) {
    if (v instanceof Row r) {
      List<Object> out = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        out.add(canonical(r.get(i)));
      }
      return out;
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = m.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> t = it.next();
        out.put(String.valueOf(t._1()), canonical(t._2()));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), canonical(x)));
      return out;
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      List<Object> out = new ArrayList<>();
      scala.collection.Iterator<?> it = s.iterator();
      while (it.hasNext()) {
        out.add(canonical(it.next()));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(canonical(x)));
      return out;
    }
    if (v instanceof byte[] b) {
      List<Object> out = new ArrayList<>(b.length);
      for (byte x : b) {
        out.add(x);
      }
      return out;
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros();
    }
    return v;
  }

  static boolean equal(Object a, Object b, double tolerance) {
    if (a == null || b == null) {
      return a == b;
    }
    if ((a instanceof Double || a instanceof Float)
        && (b instanceof Double || b instanceof Float)) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.isNaN(x) && Double.isNaN(y);
      }
      double diff = Math.abs(x - y);
      return diff <= tolerance || diff <= tolerance * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!equal(la.get(i), lb.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (!ma.keySet().equals(mb.keySet())) {
        return false;
      }
      for (Object k : ma.keySet()) {
        if (!equal(ma.get(k), mb.get(k), tolerance)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static String json(Row row, StructType schema) {
    return io.dynaframe.Records.toJson(row, schema);
  }
}
