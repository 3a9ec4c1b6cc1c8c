package io.dynaframe.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as plain Java objects (maps, lists, Long, Double, String, Boolean, null) and the Glue
 * type of each value: the per-value typing that turns a field holding numbers in some records and
 * strings in others into a choice.
 */
public final class JsonValues {
  private JsonValues() {}

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Values read with {@link #read} as compact JSON text. */
  public static String toJson(Map<String, Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + values.keySet() + " as JSON", e);
    }
  }

  /** Reads the value at the parser's current token (which must have been advanced to). */
  public static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, read(p));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(read(p));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        // as Glue types JSON numbers: int when the value fits 32 bits, else long; beyond a long, a
        // decimal of its digits (as Spark infers it), never a double that drops digits
        return switch (p.getNumberType()) {
          case INT -> (Object) p.getIntValue();
          case LONG -> (Object) p.getLongValue();
          default -> wholeNumber(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        {
          double d = p.getDoubleValue();
          if (Double.isInfinite(d) && !INFINITY.matcher(p.getText()).matches()) {
            throw new OutOfRange("the number " + p.getText() + " is beyond the range of a double");
          }
          return d;
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /** The spellings of infinity that JSON readers accept as a literal (not an overflow). */
  private static final java.util.regex.Pattern INFINITY =
      java.util.regex.Pattern.compile("[+-]?(Infinity|INF)");

  /** The most digits a decimal holds. */
  static final int MAX_DECIMAL_DIGITS = 38;

  private static Object wholeNumber(java.math.BigInteger value) throws OutOfRange {
    int digits = value.abs().toString().length();
    if (digits > MAX_DECIMAL_DIGITS) {
      throw new OutOfRange(
          "the whole number "
              + value
              + " has "
              + digits
              + " digits, more than the "
              + MAX_DECIMAL_DIGITS
              + " of a decimal; it is not read as a rounded double");
    }
    return new Typed(new java.math.BigDecimal(value), Types.decimal(digits, 0));
  }

  /**
   * A JSON number that no type of the frame holds without changing its value: the record is an
   * error record with this message.
   */
  public static final class OutOfRange extends IOException {
    private static final long serialVersionUID = 1L;

    OutOfRange(String message) {
      super(message);
    }
  }

  /** The Glue type of one value. */
  public static DataType typeOf(Object v) {
    if (v == null) {
      return Types.NULL;
    } else if (v instanceof String) {
      return Types.STRING;
    } else if (v instanceof Integer) {
      return Types.INT;
    } else if (v instanceof Long) {
      return Types.LONG;
    } else if (v instanceof Double) {
      return Types.DOUBLE;
    } else if (v instanceof Boolean) {
      return Types.BOOLEAN;
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
    return otherType(v);
  }

  /**
   * The type of a value that JSON does not have but a catalog table's CSV columns give (see {@link
   * CsvFormat}): decimals, dates, timestamps, small numbers, floats, binary.
   */
  static DataType otherType(Object v) {
    if (v instanceof Typed t) {
      return t.type();
    }
    throw new IllegalArgumentException("not a JSON value: " + v.getClass());
  }

  /**
   * A value converted to the type of its catalog column already, with that type: it goes into the
   * slot of that type as it is.
   */
  record Typed(Object value, DataType type) implements java.io.Serializable {}

  /** The type name of one value, as the member of a choice it belongs to. */
  public static String typeNameOf(Object v) {
    if (v instanceof String) {
      return "string";
    } else if (v instanceof Integer) {
      return "int";
    } else if (v instanceof Long) {
      return "long";
    } else if (v instanceof Double) {
      return "double";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof Map) {
      return "struct";
    } else if (v instanceof List) {
      return "array";
    } else if (v instanceof Typed t) {
      return t.type().typeName();
    }
    return "null";
  }

  /** A JSON kind for messages: object, array, string, number, boolean, null. */
  public static String kindOf(Object v) {
    if (v instanceof Map) {
      return "object";
    } else if (v instanceof List) {
      return "array";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof Number || v instanceof Typed) {
      return "number";
    } else if (v instanceof Boolean) {
      return "boolean";
    }
    return "null";
  }
}
