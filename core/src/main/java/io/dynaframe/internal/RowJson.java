package io.dynaframe.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dynaframe.types.SparkTypes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows as JSON objects; a choice is written as the one value it holds, not as its struct.
 */
public final class RowJson {
  private RowJson() {}

  private static final JsonFactory FACTORY = new JsonFactory();

  /** A partition function turning rows of this schema into JSON lines. */
  public static MapPartitionsFunction<Row, String> linesOf(StructType schema) {
    return linesOf(schema, false);
  }

  /**
   * A partition function turning rows of this schema into JSON lines; with {@code nulls}, a null
   * field is written as {@code null} instead of being left out (for people reading the lines).
   */
  public static MapPartitionsFunction<Row, String> linesOf(StructType schema, boolean nulls) {
    return rows ->
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public String next() {
            return toJson(rows.next(), schema, nulls);
          }
        };
  }

  /** One row as a JSON object. */
  public static String toJson(Row row, StructType schema) {
    return toJson(row, schema, false);
  }

  /** One row as a JSON object; with {@code nulls}, null fields are written as {@code null}. */
  public static String toJson(Row row, StructType schema, boolean nulls) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      writeStruct(g, row, schema, nulls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** True when a Spark struct stores a choice (every slot flagged as a choice member). */
  public static boolean isChoiceStruct(StructType s) {
    StructField[] fs = s.fields();
    if (fs.length < 2) {
      return false;
    }
    for (StructField f : fs) {
      if (!f.metadata().contains(SparkTypes.CHOICE_MEMBER)) {
        return false;
      }
    }
    return true;
  }

  private static void writeStruct(JsonGenerator g, Row row, StructType schema, boolean nulls)
      throws IOException {
    g.writeStartObject();
    StructField[] fs = schema.fields();
    for (int i = 0; i < fs.length; i++) {
      if (row.isNullAt(i) && !nulls) {
        continue;
      }
      g.writeFieldName(fs[i].name());
      writeValue(g, row.get(i), fs[i].dataType(), nulls);
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v, DataType type, boolean nulls)
      throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (type instanceof StructType s) {
      Row r = (Row) v;
      if (isChoiceStruct(s)) {
        for (int i = 0; i < s.fields().length; i++) {
          if (!r.isNullAt(i)) {
            writeValue(g, r.get(i), s.fields()[i].dataType(), nulls);
            return;
          }
        }
        g.writeNull();
      } else {
        writeStruct(g, r, s, nulls);
      }
    } else if (type instanceof ArrayType a) {
      g.writeStartArray();
      for (Object e : asList(v)) {
        writeValue(g, e, a.elementType(), nulls);
      }
      g.writeEndArray();
    } else if (type instanceof MapType m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : asMap(v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue(), m.valueType(), nulls);
      }
      g.writeEndObject();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      writeDouble(g, d);
    } else if (v instanceof Float f) {
      writeDouble(g, f.doubleValue());
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof byte[] bytes) {
      g.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof java.sql.Timestamp ts) {
      g.writeString(ts.toInstant().toString());
    } else {
      g.writeString(v.toString());
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeString(Double.toString(d));
    } else {
      g.writeNumber(d);
    }
  }

  /** Elements of an array value, whether Spark hands it over as a Java list or a Scala Seq. */
  static Iterable<Object> asList(Object v) {
    if (v instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) l;
      return list;
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      List<Object> out = new java.util.ArrayList<>();
      scala.collection.Iterator<?> it = s.iterator();
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
    throw new IllegalStateException("not a list: " + v.getClass());
  }

  /** Entries of a map value, whether Spark hands it over as a Java or a Scala map. */
  static Map<Object, Object> asMap(Object v) {
    Map<Object, Object> out = new java.util.LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      out.putAll(m);
      return out;
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it = m.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> t = it.next();
        out.put(t._1(), t._2());
      }
      return out;
    }
    throw new IllegalStateException("not a map: " + v.getClass());
  }
}
