package io.dynaframe.types;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Constants and factories for {@link DataType}s, Glue's rules for merging the types seen in
 * different records, and parsing of Glue type names as used in mappings and casts.
 */
public final class Types {
  private Types() {}

  public static final AtomicType NULL = new AtomicType("null", "void");
  public static final AtomicType BOOLEAN = new AtomicType("boolean", "boolean");
  public static final AtomicType BYTE = new AtomicType("byte", "tinyint");
  public static final AtomicType SHORT = new AtomicType("short", "smallint");
  public static final AtomicType INT = new AtomicType("int", "int");
  public static final AtomicType LONG = new AtomicType("long", "bigint");
  public static final AtomicType FLOAT = new AtomicType("float", "float");
  public static final AtomicType DOUBLE = new AtomicType("double", "double");
  public static final AtomicType STRING = new AtomicType("string", "string");
  public static final AtomicType BINARY = new AtomicType("binary", "binary");
  public static final AtomicType DATE = new AtomicType("date", "date");
  public static final AtomicType TIMESTAMP = new AtomicType("timestamp", "timestamp");

  private static final Map<String, AtomicType> ATOMIC = new LinkedHashMap<>();

  static {
    for (AtomicType t :
        List.of(
            NULL, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, BINARY, DATE,
            TIMESTAMP)) {
      ATOMIC.put(t.typeName(), t);
    }
  }

  static AtomicType atomic(String typeName) {
    AtomicType t = ATOMIC.get(typeName);
    if (t == null) {
      throw new IllegalArgumentException("not an atomic type: " + typeName);
    }
    return t;
  }

  /** A decimal with this precision and scale. */
  public static DecimalType decimal(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  /** An array of {@code element}. */
  public static ArrayType array(DataType element) {
    return new ArrayType(element);
  }

  /** A map from strings to {@code value}. */
  public static MapType map(DataType value) {
    return new MapType(value);
  }

  /** A field. */
  public static Field field(String name, DataType type) {
    return new Field(name, type);
  }

  /** A struct of these fields, in this order. */
  public static StructType struct(Field... fields) {
    return new StructType(ImmutableList.copyOf(fields));
  }

  /** A struct of these fields, in this order. */
  public static StructType struct(List<Field> fields) {
    return new StructType(ImmutableList.copyOf(fields));
  }

  /**
   * The choice of these types. Members are merged by type name first, so {@code choice(LONG,
   * STRING, LONG)} is {@code choice{long, string}}; when only one type remains it is returned as
   * is.
   */
  public static DataType choice(DataType... types) {
    DataType result = NULL;
    for (DataType t : types) {
      result = merge(result, t);
    }
    return result;
  }

  /**
   * The type of a type name as written in Glue mappings and casts: {@code long}, {@code bigint},
   * {@code int}, {@code integer}, {@code string}, {@code double}, {@code decimal(10,2)}, {@code
   * timestamp}, ... (case-insensitive; Hive spellings too).
   *
   * @throws IllegalArgumentException naming the type when it is not known
   */
  public static DataType parse(String name) {
    String n = name.trim().toLowerCase(java.util.Locale.ROOT);
    switch (n) {
      case "bigint":
        return LONG;
      case "integer":
        return INT;
      case "tinyint":
        return BYTE;
      case "smallint":
        return SHORT;
      case "real":
        return FLOAT;
      case "varchar":
      case "char":
      case "text":
        return STRING;
      case "bool":
        return BOOLEAN;
      case "void":
        return NULL;
      case "decimal":
        return decimal(10, 2);
      default:
        break;
    }
    if (ATOMIC.containsKey(n)) {
      return ATOMIC.get(n);
    }
    if (n.startsWith("decimal(") && n.endsWith(")")) {
      String[] ps = n.substring(8, n.length() - 1).split(",");
      try {
        return decimal(
            Integer.parseInt(ps[0].trim()), ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a type: '" + name + "'");
      }
    }
    if ((n.startsWith("varchar(") || n.startsWith("char(")) && n.endsWith(")")) {
      return STRING;
    }
    throw new IllegalArgumentException(
        "not a type: '"
            + name
            + "' (expected one of "
            + String.join(", ", ATOMIC.keySet())
            + ", decimal(p,s))");
  }

  /**
   * Merges the types of the same field seen in two records, following Glue's rules: null merged
   * with T is T; equal types stay; structs merge field by field (fields missing on one side are
   * simply absent there); arrays and maps merge their element or value types; any other difference
   * gives a choice of both, and a choice merges member by member.
   */
  public static DataType merge(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a == NULL) {
      return b;
    }
    if (b == NULL) {
      return a;
    }
    if (a instanceof StructType sa && b instanceof StructType sb) {
      return mergeStructs(sa, sb);
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return array(merge(aa.elementType(), ab.elementType()));
    }
    if (a instanceof MapType ma && b instanceof MapType mb) {
      return map(merge(ma.valueType(), mb.valueType()));
    }
    TreeMap<String, DataType> members = new TreeMap<>();
    addMembers(members, a);
    addMembers(members, b);
    if (members.size() == 1) {
      return members.firstEntry().getValue();
    }
    return new ChoiceType(ImmutableSortedMap.copyOf(members));
  }

  private static void addMembers(TreeMap<String, DataType> members, DataType t) {
    if (t instanceof ChoiceType c) {
      for (DataType m : c.types()) {
        addMembers(members, m);
      }
      return;
    }
    if (t == NULL) {
      return;
    }
    // one member per type name; two decimals of different size merge to the wider one
    members.merge(
        t.typeName(),
        t,
        (x, y) ->
            x instanceof DecimalType dx && y instanceof DecimalType dy
                ? widerDecimal(dx, dy)
                : merge(x, y));
  }

  private static DecimalType widerDecimal(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int integral = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return decimal(Math.min(38, integral + scale), Math.min(scale, Math.min(38, integral + scale)));
  }

  private static StructType mergeStructs(StructType a, StructType b) {
    Map<String, DataType> merged = new LinkedHashMap<>();
    for (Field f : a.fields()) {
      merged.put(f.name(), f.type());
    }
    for (Field f : b.fields()) {
      merged.merge(f.name(), f.type(), Types::merge);
    }
    List<Field> fields = new ArrayList<>(merged.size());
    merged.forEach((n, t) -> fields.add(field(n, t)));
    return struct(fields);
  }

  /** The type at a dotted path in a struct ({@code address.city}), looking through arrays. */
  public static Optional<DataType> typeAt(StructType root, List<String> path) {
    DataType current = root;
    for (String part : path) {
      while (current instanceof ArrayType at) {
        current = at.elementType();
      }
      if (!(current instanceof StructType st)) {
        return Optional.empty();
      }
      Optional<Field> f = st.field(part);
      if (f.isEmpty()) {
        return Optional.empty();
      }
      current = f.get().type();
    }
    return Optional.of(current);
  }
}
