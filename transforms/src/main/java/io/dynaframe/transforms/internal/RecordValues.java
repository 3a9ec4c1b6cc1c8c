package io.dynaframe.transforms.internal;

import io.dynaframe.types.ArrayType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.DecimalType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The values of a {@code DynamicRecord}: a struct is a {@code LinkedHashMap}, an array an {@code
 * ArrayList}, scalars are the Java values of Spark's Row; a value whose type its Java value does
 * not tell (a decimal column's precision, a map column) carries its type. Reads rows into records,
 * learns the type of records with Glue's merge rules, and writes records back as rows of a schema.
 */
public final class RecordValues {
  private RecordValues() {}

  /** A value read from a row with the type its column had: a decimal, or a map (a struct here). */
  public record Typed(Object value, DataType type) implements Serializable {}

  // ------------------------------------------------------------------ reading rows

  /** The fields of a row of the schema, in order. */
  public static LinkedHashMap<String, Object> fromRow(Row row, StructType schema) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    List<Field> fs = schema.fields();
    for (int i = 0; i < fs.size(); i++) {
      out.put(fs.get(i).name(), read(row.get(i), fs.get(i).type()));
    }
    return out;
  }

  private static Object read(Object v, DataType t) {
    if (v == null) {
      return null;
    }
    if (t instanceof ChoiceType c) {
      Row slots = (Row) v;
      int i = 0;
      for (DataType member : c.members().values()) {
        if (!slots.isNullAt(i)) {
          return read(slots.get(i), member);
        }
        i++;
      }
      return null;
    }
    if (t instanceof StructType s) {
      return fromRow((Row) v, s);
    }
    if (t instanceof ArrayType a) {
      List<Object> out = new ArrayList<>();
      for (Object e : javaList(v)) {
        out.add(read(e, a.elementType()));
      }
      return out;
    }
    if (t instanceof MapType m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      javaMap(v).forEach((k, x) -> out.put(String.valueOf(k), read(x, m.valueType())));
      return new Typed(out, t);
    }
    if (t instanceof DecimalType) {
      return new Typed(v, t);
    }
    return v;
  }

  private static List<?> javaList(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof scala.collection.Seq<?> s) {
      List<Object> out = new ArrayList<>(s.size());
      scala.collection.Iterator<?> it = s.iterator();
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a);
    }
    throw new IllegalArgumentException("not an array value: " + v.getClass().getName());
  }

  private static Map<?, ?> javaMap(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    if (v instanceof scala.collection.Map<?, ?> s) {
      Map<Object, Object> out = new LinkedHashMap<>();
      scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = s.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> e = it.next();
        out.put(e._1(), e._2());
      }
      return out;
    }
    throw new IllegalArgumentException("not a map value: " + v.getClass().getName());
  }

  // ------------------------------------------------------------------ values users give

  /**
   * The value as a record holds it: maps and Java arrays or lists copied into structs and arrays.
   *
   * @throws IllegalArgumentException for a value of a type a frame cannot hold, naming the path
   */
  public static Object of(Object v, String path) {
    if (v == null
        || v instanceof String
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Float
        || v instanceof Short
        || v instanceof Byte
        || v instanceof Boolean
        || v instanceof BigDecimal
        || v instanceof java.sql.Date
        || v instanceof java.sql.Timestamp
        || v instanceof byte[]
        || v instanceof Typed) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException(
              "field '" + path + "': a struct's keys must be strings, found " + e.getKey());
        }
        out.put(k, of(e.getValue(), path + "." + k));
      }
      return out;
    }
    if (v instanceof List<?> || v instanceof Object[]) {
      List<Object> out = new ArrayList<>();
      for (Object e : v instanceof Object[] a ? Arrays.asList(a) : (List<?>) v) {
        out.add(of(e, path + "[]"));
      }
      return out;
    }
    throw new IllegalArgumentException(
        "field '"
            + path
            + "': a frame cannot hold a "
            + v.getClass().getName()
            + " (use String, Integer, Long, Double, Float, Short, Byte, Boolean, BigDecimal,"
            + " java.sql.Date, java.sql.Timestamp, byte[], a Map or a List)");
  }

  /** The struct a value is (its fields, live), or null when it is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> struct(Object v) {
    if (v instanceof Typed t && t.type() instanceof MapType) {
      return (Map<String, Object>) t.value();
    }
    return v instanceof LinkedHashMap<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** The array a value is (live), or null when it is not one. */
  public static List<?> list(Object v) {
    return v instanceof ArrayList<?> l ? l : null;
  }

  /** The value as users see it: without the type it carries. */
  public static Object plain(Object v) {
    return v instanceof Typed t ? t.value() : v;
  }

  /** What kind of value it is, for messages. */
  public static String kind(Object v) {
    return typeOf(v).typeName();
  }

  /** A deep copy of a record's value. */
  public static Object deepCopy(Object v) {
    if (v instanceof Typed t) {
      return new Typed(deepCopy(t.value()), t.type());
    }
    if (v instanceof LinkedHashMap<?, ?> m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
      return out;
    }
    if (v instanceof ArrayList<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
  }

  /** Whether two values are equal (arrays of bytes by content). */
  public static boolean sameValues(Object a, Object b) {
    Object x = plain(a);
    Object y = plain(b);
    if (x instanceof byte[] p && y instanceof byte[] q) {
      return Arrays.equals(p, q);
    }
    if (x instanceof Map<?, ?> m && y instanceof Map<?, ?> n) {
      if (!m.keySet().equals(n.keySet())) {
        return false;
      }
      for (Object k : m.keySet()) {
        if (!sameValues(m.get(k), n.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof List<?> l && y instanceof List<?> r) {
      if (l.size() != r.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!sameValues(l.get(i), r.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(x, y);
  }

  /** The value as JSON. */
  public static String toJson(Object v) {
    StringBuilder b = new StringBuilder();
    json(plain(v), b);
    return b.toString();
  }

  private static void json(Object v, StringBuilder b) {
    v = plain(v);
    if (v == null) {
      b.append("null");
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(String.valueOf(e.getKey()), b);
        b.append(':');
        json(e.getValue(), b);
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        json(l.get(i), b);
      }
      b.append(']');
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof byte[] bytes) {
      string(Base64.getEncoder().encodeToString(bytes), b);
    } else {
      string(v.toString(), b);
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  // ------------------------------------------------------------------ types

  /** The Glue type of a record's value. */
  public static DataType typeOf(Object v) {
    if (v == null) {
      return Types.NULL;
    } else if (v instanceof Typed t) {
      if (t.type() instanceof MapType declared) {
        DataType value = Types.NULL;
        for (Object x : struct(t).values()) {
          value = Types.merge(value, typeOf(x));
        }
        return value == Types.NULL ? declared : Types.map(value);
      }
      return t.type();
    } else if (v instanceof String) {
      return Types.STRING;
    } else if (v instanceof Integer) {
      return Types.INT;
    } else if (v instanceof Long) {
      return Types.LONG;
    } else if (v instanceof Double) {
      return Types.DOUBLE;
    } else if (v instanceof Float) {
      return Types.FLOAT;
    } else if (v instanceof Short) {
      return Types.SHORT;
    } else if (v instanceof Byte) {
      return Types.BYTE;
    } else if (v instanceof Boolean) {
      return Types.BOOLEAN;
    } else if (v instanceof BigDecimal d) {
      int scale = Math.max(0, d.scale());
      return Types.decimal(Math.min(38, Math.max(d.precision(), scale + 1)), scale);
    } else if (v instanceof java.sql.Date) {
      return Types.DATE;
    } else if (v instanceof java.sql.Timestamp) {
      return Types.TIMESTAMP;
    } else if (v instanceof byte[]) {
      return Types.BINARY;
    } else if (v instanceof Map<?, ?> m) {
      List<Field> fields = new ArrayList<>(m.size());
      m.forEach((k, x) -> fields.add(Types.field((String) k, typeOf(x))));
      return Types.struct(fields);
    } else if (v instanceof List<?> l) {
      DataType element = Types.NULL;
      for (Object x : l) {
        element = Types.merge(element, typeOf(x));
      }
      return Types.array(element);
    }
    throw new IllegalArgumentException("not a record value: " + v.getClass().getName());
  }

  // ------------------------------------------------------------------ writing rows

  /**
   * A row of the schema from a record's fields; fields the schema does not have are an error.
   *
   * @throws IllegalArgumentException when a value does not fit its field's type, naming the field
   */
  public static Row toRow(Map<String, Object> fields, StructType schema) {
    for (String name : fields.keySet()) {
      if (schema.field(name).isEmpty()) {
        throw new IllegalArgumentException(
            "the record has field '" + name + "', which the output's schema does not");
      }
    }
    return structRow(fields, schema, "");
  }

  private static Row structRow(Map<String, Object> fields, StructType schema, String prefix) {
    List<Field> fs = schema.fields();
    Object[] values = new Object[fs.size()];
    for (int i = 0; i < fs.size(); i++) {
      Field f = fs.get(i);
      values[i] = write(fields.get(f.name()), f.type(), prefix + f.name());
    }
    return RowFactory.create(values);
  }

  private static Object write(Object v, DataType t, String path) {
    if (v == null) {
      return null;
    }
    if (t instanceof ChoiceType c) {
      String own = typeOf(v).typeName();
      Object[] slots = new Object[c.members().size()];
      int i = 0;
      for (Map.Entry<String, DataType> m : c.members().entrySet()) {
        if (m.getKey().equals(own)) {
          slots[i] = write(v, m.getValue(), path);
          return RowFactory.create(slots);
        }
        i++;
      }
      throw mismatch(v, t, path);
    }
    if (t instanceof StructType s) {
      Map<String, Object> m = v instanceof LinkedHashMap<?, ?> ? struct(v) : null;
      if (m == null) {
        throw mismatch(v, t, path);
      }
      return structRow(m, s, path + ".");
    }
    if (t instanceof MapType mt) {
      Map<String, Object> m = struct(v);
      if (m == null) {
        throw mismatch(v, t, path);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, write(x, mt.valueType(), path + "." + k)));
      return scalaMap(out);
    }
    if (t instanceof ArrayType a) {
      List<?> l = list(v);
      if (l == null) {
        throw mismatch(v, t, path);
      }
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(write(e, a.elementType(), path + "[]"));
      }
      return scalaSeq(out);
    }
    Object x = plain(v);
    if (t instanceof DecimalType d) {
      if (!(x instanceof BigDecimal b)) {
        throw mismatch(v, t, path);
      }
      return b.setScale(d.scale(), RoundingMode.HALF_UP);
    }
    if (!typeOf(x).equals(t)) {
      throw mismatch(v, t, path);
    }
    return x;
  }

  /** A Scala Seq view, as Spark's row encoders take arrays on Scala 2.12 and 2.13 alike. */
  @SuppressWarnings("deprecation")
  private static scala.collection.Seq<Object> scalaSeq(List<Object> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list);
  }

  /** A Scala Map view, as Spark's row encoders take maps. */
  @SuppressWarnings("deprecation")
  private static scala.collection.Map<String, Object> scalaMap(Map<String, Object> map) {
    return scala.collection.JavaConverters.mapAsScalaMap(map);
  }

  private static IllegalArgumentException mismatch(Object v, DataType t, String path) {
    return new IllegalArgumentException(
        "field '" + path + "' holds a " + kind(v) + ", not a " + t.typeName());
  }
}
