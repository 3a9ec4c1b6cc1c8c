package io.dynaframe.internal.io;

import io.dynaframe.internal.ScalaCollections;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.AtomicType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.DecimalType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns parsed values (see {@link JsonValues}) into the values Spark stores for a Glue type: a
 * value goes into the choice slot of its own type; under a declared schema, numbers and strings
 * convert where no information is lost, and anything else fails with a message that names the
 * field.
 */
public final class ValueConverter {
  private ValueConverter() {}

  /** A value that does not fit its field's type; the message names the field. */
  public static final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    ConversionException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The record as a Spark row of the struct type, with one extra trailing slot when {@code
   * extraSlot}.
   */
  public static Object[] rowValues(Map<String, Object> record, StructType type, int extraSlots)
      throws ConversionException {
    List<Field> fields = type.fields();
    Object[] values = new Object[fields.size() + extraSlots];
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      values[i] = convert(record.get(f.name()), f.type(), f.name());
    }
    return values;
  }

  /** One value of the given type, for Spark. */
  public static Object convert(Object v, DataType t, String path) throws ConversionException {
    if (v == null) {
      return null;
    }
    if (v instanceof JsonValues.Typed typed) {
      if (t instanceof ChoiceType c && c.members().containsKey(typed.type().typeName())) {
        Object[] slots = new Object[c.members().size()];
        int i = 0;
        for (String member : c.members().keySet()) {
          if (member.equals(typed.type().typeName())) {
            slots[i] = typed.value();
          }
          i++;
        }
        return RowFactory.create(slots);
      }
      if (t.equals(typed.type())) {
        return typed.value();
      }
      throw new ConversionException(
          "field '"
              + path
              + "' holds a "
              + typed.type().typeName()
              + " value, not "
              + t.typeName());
    }
    if (t instanceof ChoiceType c) {
      Object[] slots = new Object[c.members().size()];
      String own = JsonValues.typeNameOf(v);
      int i = 0;
      int target = -1;
      for (String member : c.members().keySet()) {
        if (member.equals(own)) {
          target = i;
        }
        i++;
      }
      if (target < 0) {
        throw new ConversionException(
            "field '"
                + path
                + "' holds a "
                + JsonValues.kindOf(v)
                + " value, not one of "
                + c.members().keySet());
      }
      slots[target] = convert(v, c.members().get(own), path);
      return RowFactory.create(slots);
    }
    if (t instanceof StructType s) {
      if (!(v instanceof Map<?, ?> m)) {
        throw new ConversionException(
            "field '"
                + path
                + "' should be an object, found "
                + JsonValues.kindOf(v)
                + " "
                + preview(v));
      }
      List<Field> fields = s.fields();
      Object[] values = new Object[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        values[i] = convert(m.get(f.name()), f.type(), path + "." + f.name());
      }
      return RowFactory.create(values);
    }
    if (t instanceof ArrayType a) {
      if (!(v instanceof List<?> l)) {
        throw new ConversionException(
            "field '"
                + path
                + "' should be an array, found "
                + JsonValues.kindOf(v)
                + " "
                + preview(v));
      }
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(convert(e, a.elementType(), path + "[]"));
      }
      return ScalaCollections.seq(out);
    }
    if (t instanceof MapType mt) {
      if (!(v instanceof Map<?, ?> m)) {
        throw new ConversionException(
            "field '"
                + path
                + "' should be an object, found "
                + JsonValues.kindOf(v)
                + " "
                + preview(v));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(
            (String) e.getKey(), convert(e.getValue(), mt.valueType(), path + "." + e.getKey()));
      }
      return ScalaCollections.map(out);
    }
    if (t instanceof DecimalType d) {
      BigDecimal b = decimal(v, path, d);
      if (b.precision() - b.scale() > d.precision() - d.scale()) {
        throw new ConversionException(
            "field '" + path + "' value " + preview(v) + " does not fit " + d.hiveType());
      }
      return b.setScale(d.scale(), RoundingMode.HALF_UP);
    }
    return atomic(v, (AtomicType) t, path);
  }

  private static BigDecimal decimal(Object v, String path, DecimalType d)
      throws ConversionException {
    try {
      if (v instanceof Long l) {
        return BigDecimal.valueOf(l);
      }
      if (v instanceof Integer l) {
        return BigDecimal.valueOf(l);
      }
      if (v instanceof BigDecimal b) {
        return b;
      }
      if (v instanceof Double x) {
        return BigDecimal.valueOf(x);
      }
      if (v instanceof String s) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ConversionException(
        "field '" + path + "' value " + preview(v) + " is not a " + d.hiveType());
  }

  private static Object atomic(Object v, AtomicType t, String path) throws ConversionException {
    String name = t.typeName();
    switch (name) {
      case "string":
        if (v instanceof String) {
          return v;
        }
        if (v instanceof Map || v instanceof List) {
          throw mismatch(v, name, path);
        }
        return v.toString();
      case "long":
      case "int":
      case "short":
      case "byte":
        {
          long l;
          if (v instanceof Long x) {
            l = x;
          } else if (v instanceof Integer x) {
            l = x;
          } else if (v instanceof Double x && x == Math.rint(x) && Math.abs(x) < 9.0e15) {
            l = x.longValue();
          } else if (v instanceof String s && s.trim().matches("[-+]?\\d{1,19}")) {
            try {
              l = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
              throw mismatch(v, name, path);
            }
          } else {
            throw mismatch(v, name, path);
          }
          return switch (name) {
            case "long" -> l;
            case "int" -> {
              if (l != (int) l) {
                throw mismatch(v, name, path);
              }
              yield (int) l;
            }
            case "short" -> {
              if (l != (short) l) {
                throw mismatch(v, name, path);
              }
              yield (short) l;
            }
            default -> {
              if (l != (byte) l) {
                throw mismatch(v, name, path);
              }
              yield (byte) l;
            }
          };
        }
      case "double":
      case "float":
        {
          double d;
          if (v instanceof Long x) {
            d = x;
          } else if (v instanceof Integer x) {
            d = x;
          } else if (v instanceof Double x) {
            d = x;
          } else if (v instanceof String s) {
            try {
              d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
              throw mismatch(v, name, path);
            }
          } else {
            throw mismatch(v, name, path);
          }
          return name.equals("double") ? (Object) d : (Object) (float) d;
        }
      case "boolean":
        if (v instanceof Boolean) {
          return v;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
          return Boolean.parseBoolean(s);
        }
        throw mismatch(v, name, path);
      case "date":
        if (v instanceof String s) {
          try {
            return java.sql.Date.valueOf(java.time.LocalDate.parse(s.trim()));
          } catch (java.time.DateTimeException e) {
            throw mismatch(v, name, path);
          }
        }
        throw mismatch(v, name, path);
      case "timestamp":
        if (v instanceof String s) {
          return timestamp(s.trim(), v, path);
        }
        if (v instanceof Long l) {
          return new java.sql.Timestamp(l * 1000);
        }
        if (v instanceof Integer l) {
          return new java.sql.Timestamp(l * 1000L);
        }
        throw mismatch(v, name, path);
      case "binary":
        if (v instanceof String s) {
          return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw mismatch(v, name, path);
      case "null":
        throw mismatch(v, name, path);
      default:
        throw mismatch(v, name, path);
    }
  }

  private static java.sql.Timestamp timestamp(String s, Object v, String path)
      throws ConversionException {
    try {
      return java.sql.Timestamp.from(java.time.OffsetDateTime.parse(s).toInstant());
    } catch (java.time.DateTimeException e) {
      // try without an offset
    }
    try {
      return java.sql.Timestamp.from(
          java.time.LocalDateTime.parse(s.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC));
    } catch (java.time.DateTimeException e) {
      throw mismatch(v, "timestamp", path);
    }
  }

  private static ConversionException mismatch(Object v, String type, String path) {
    return new ConversionException(
        "field '" + path + "' value " + preview(v) + " is not a " + type);
  }

  private static String preview(Object v) {
    String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** Builds a row from values. */
  static Row row(Object[] values) {
    return RowFactory.create(values);
  }
}
