package io.dynaframe.internal.io;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged Glue type of the values seen at one position, kept as mutable flags and children
 * instead of a new type per record: {@link #type()} equals folding {@link Types#merge} over {@link
 * JsonValues#typeOf} of every value added, in order (one member per type name, struct fields in the
 * order they first appear, array elements merged across all arrays), at a fraction of the cost.
 * Used by the inference pass of text sources.
 */
final class TypeAccumulator {
  private boolean sawInt;
  private boolean sawLong;
  private boolean sawDouble;
  private boolean sawString;
  private boolean sawBoolean;

  /** Types of other atomic values (typed CSV columns of a catalog table), merged. */
  private DataType other;

  /** Non-null once an object was seen: its fields in order of first appearance. */
  private LinkedHashMap<String, TypeAccumulator> fields;

  /** Non-null once an array was seen: the elements of all arrays. */
  private TypeAccumulator element;

  /** Adds one value (see {@link JsonValues}); null adds nothing. */
  void add(Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof String) {
      sawString = true;
    } else if (v instanceof Integer) {
      sawInt = true;
    } else if (v instanceof Long) {
      sawLong = true;
    } else if (v instanceof Double) {
      sawDouble = true;
    } else if (v instanceof Boolean) {
      sawBoolean = true;
    } else if (v instanceof Map<?, ?> m) {
      addFields(m);
    } else if (v instanceof List<?> l) {
      if (element == null) {
        element = new TypeAccumulator();
      }
      for (Object x : l) {
        element.add(x);
      }
    } else {
      DataType t = JsonValues.otherType(v);
      other = other == null ? t : Types.merge(other, t);
    }
  }

  /**
   * Adds one object (a record): a field holding null is known, with type null until a value shows.
   */
  void addFields(Map<?, ?> m) {
    if (fields == null) {
      fields = new LinkedHashMap<>();
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      TypeAccumulator f = fields.get(e.getKey());
      if (f == null) {
        f = new TypeAccumulator();
        fields.put((String) e.getKey(), f);
      }
      f.add(e.getValue());
    }
  }

  /** The merged type; {@link Types#NULL} when nothing but nulls was added. */
  DataType type() {
    DataType t = Types.NULL;
    if (element != null) {
      t = Types.merge(t, Types.array(element.type()));
    }
    if (sawBoolean) {
      t = Types.merge(t, Types.BOOLEAN);
    }
    if (sawDouble) {
      t = Types.merge(t, Types.DOUBLE);
    }
    if (sawInt) {
      t = Types.merge(t, Types.INT);
    }
    if (sawLong) {
      t = Types.merge(t, Types.LONG);
    }
    if (other != null) {
      t = Types.merge(t, other);
    }
    if (sawString) {
      t = Types.merge(t, Types.STRING);
    }
    if (fields != null) {
      List<Field> list = new ArrayList<>(fields.size());
      fields.forEach((name, acc) -> list.add(Types.field(name, acc.type())));
      t = Types.merge(t, Types.struct(list));
    }
    return t;
  }
}
