package io.dynaframe.transforms.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Glue types of JSON texts, as dynaframe's JSON source types records: objects are structs with
 * their keys in order, whole numbers {@code int} when they fit 32 bits and {@code long} otherwise,
 * other numbers {@code double}, values that disagree a choice (see {@link Types#merge}).
 */
public final class JsonTyping {
  private JsonTyping() {}

  /** The merged type of the texts (one JSON value each); texts that are not JSON are left out. */
  public static DataType typeOfTexts(Iterator<String> texts) {
    JsonFactory factory = new JsonFactory();
    DataType merged = Types.NULL;
    while (texts.hasNext()) {
      String t = texts.next();
      if (t == null) {
        continue;
      }
      try (JsonParser p = factory.createParser(t)) {
        if (p.nextToken() == null) {
          continue;
        }
        DataType one = typeOf(p);
        if (p.nextToken() != null) {
          continue; // more than one value: not JSON for Unbox, the parse makes it an error record
        }
        merged = Types.merge(merged, one);
      } catch (IOException e) {
        // not JSON: the parse makes it an error record
      }
    }
    return merged;
  }

  private static DataType typeOf(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          List<Field> fields = new ArrayList<>();
          List<String> names = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            p.nextToken();
            DataType v = typeOf(p);
            int at = names.indexOf(name);
            if (at >= 0) {
              fields.set(at, Types.field(name, v));
            } else {
              names.add(name);
              fields.add(Types.field(name, v));
            }
          }
          return Types.struct(fields);
        }
      case START_ARRAY:
        {
          DataType element = Types.NULL;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            element = Types.merge(element, typeOf(p));
          }
          return Types.array(element);
        }
      case VALUE_STRING:
        return Types.STRING;
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> Types.INT;
          case LONG -> Types.LONG;
          default -> Types.DOUBLE;
        };
      case VALUE_NUMBER_FLOAT:
        return Types.DOUBLE;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return Types.BOOLEAN;
      case VALUE_NULL:
        return Types.NULL;
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }
}
