package io.dynaframe.transforms.internal;

import io.dynaframe.types.ArrayType;
import io.dynaframe.types.AtomicType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB JSON (the export format: every value wrapped in its type descriptor, {@code {"S": "a"}},
 * {@code {"N": "5"}}, {@code {"M": {...}}}, {@code {"L": [...]}}) turned into plain values, as
 * AWS's {@code unnest_ddb_json} and {@code simplify_ddb_json} pages print them: S to string, N to
 * the number type (string, the text DynamoDB exports, unless a transform asks for another), B to
 * string (the base64 text), BOOL to boolean, NULL to null, M to a struct of its attributes, SS, NS
 * and BS to arrays (of string, the number type and string), L to an array of its elements' values
 * when they all carry one descriptor other than M; an L whose elements carry several descriptors or
 * maps stays as it is (AWS: "If there're multiple types or Map type in a List type, the elements in
 * the List will not be simplified"). When records of one attribute carry different descriptors (a
 * number in some, a boolean in others), the schema holds both and the value becomes a choice, as
 * any other field whose values have several types.
 */
public final class DdbJson {
  private DdbJson() {}

  /** The descriptors DynamoDB writes. */
  public static final Set<String> DESCRIPTORS =
      Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

  /** A converted value: its SQL and its type. */
  public record Value(String sql, DataType type) {}

  /** True for a struct whose fields are all DynamoDB type descriptors. */
  public static boolean isDdbValue(DataType t) {
    return t instanceof StructType st
        && !st.fields().isEmpty()
        && st.fields().stream().allMatch(f -> DESCRIPTORS.contains(f.name()));
  }

  /**
   * True for a struct whose every field is a DynamoDB value (an item, or the attributes of an M).
   */
  public static boolean isItem(DataType t) {
    return t instanceof StructType st
        && !st.fields().isEmpty()
        && st.fields().stream().allMatch(f -> isDdbValue(f.type()));
  }

  /** A DynamoDB value converted. */
  public static Value convert(String sql, DataType type, DataType numberType) {
    StructType st = (StructType) type;
    Map<String, List<Value>> byKind = new LinkedHashMap<>();
    // the slots of a choice struct follow its members' sorted names (see ChoiceType)
    for (Field f : st.fields()) {
      String d = Sql.field(sql, f.name());
      Value v =
          switch (f.name()) {
            case "S" -> new Value(castTo(d, f.type(), Types.STRING), Types.STRING);
            case "N" -> new Value(castTo(d, f.type(), numberType), numberType);
            case "B" -> new Value(base64(d, f.type()), Types.STRING);
            case "BOOL" -> new Value(castTo(d, f.type(), Types.BOOLEAN), Types.BOOLEAN);
            case "NULL" -> null;
            case "M" -> map(d, f.type(), numberType);
            case "L" -> list(d, f.type(), numberType);
            case "SS" -> set(d, f.type(), Types.STRING, numberType);
            case "NS" -> set(d, f.type(), numberType, numberType);
            case "BS" -> set(d, f.type(), Types.BINARY, numberType);
            default -> throw new IllegalStateException(f.name());
          };
      if (v != null) {
        byKind.computeIfAbsent(v.type().typeName(), k -> new ArrayList<>()).add(v);
      }
    }
    if (byKind.isEmpty()) {
      return new Value("NULL", Types.NULL);
    }
    List<Value> kinds = new ArrayList<>();
    for (List<Value> same : byKind.values()) {
      DataType merged = Types.NULL;
      for (Value v : same) {
        merged = Types.merge(merged, v.type());
      }
      List<String> parts = new ArrayList<>();
      for (Value v : same) {
        parts.add(Conform.value(v.sql(), v.type(), merged));
      }
      kinds.add(
          new Value(
              parts.size() == 1 ? parts.get(0) : "coalesce(" + String.join(", ", parts) + ")",
              merged));
    }
    if (kinds.size() == 1) {
      return kinds.get(0);
    }
    DataType choice = Types.choice(kinds.stream().map(Value::type).toArray(DataType[]::new));
    kinds.sort(java.util.Comparator.comparing(k -> k.type().typeName()));
    List<Rewriter.Slot> slots = new ArrayList<>();
    for (Value k : kinds) {
      slots.add(new Rewriter.Slot(k.type().typeName(), k.sql(), null));
    }
    return new Value(Sql.nullSafe(sql, Rewriter.namedStruct(slots)), choice);
  }

  /**
   * The attributes of an item or an M, each converted; attributes that are not DynamoDB values are
   * kept.
   */
  public static Value item(String sql, StructType st, DataType numberType) {
    List<Rewriter.Slot> slots = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (Field f : st.fields()) {
      Value v =
          isDdbValue(f.type())
              ? convert(Sql.field(sql, f.name()), f.type(), numberType)
              : new Value(Sql.field(sql, f.name()), f.type());
      slots.add(new Rewriter.Slot(f.name(), v.sql(), null));
      fields.add(Types.field(f.name(), v.type()));
    }
    return new Value(Sql.nullSafe(sql, Rewriter.namedStruct(slots)), Types.struct(fields));
  }

  private static Value map(String sql, DataType type, DataType numberType) {
    if (type instanceof StructType st && !st.fields().isEmpty()) {
      return item(sql, st, numberType);
    }
    if (type instanceof MapType m && isDdbValue(m.valueType())) {
      String k = Sql.lambdaVar();
      String v = Sql.lambdaVar();
      Value inner = convert(v, m.valueType(), numberType);
      return new Value(
          "transform_values(" + sql + ", (" + k + ", " + v + ") -> " + inner.sql() + ")",
          Types.map(inner.type()));
    }
    return new Value(sql, type);
  }

  private static Value list(String sql, DataType type, DataType numberType) {
    if (type instanceof ArrayType a
        && isDdbValue(a.elementType())
        && ((StructType) a.elementType()).fields().size() == 1
        && !((StructType) a.elementType()).fields().get(0).name().equals("M")) {
      String x = Sql.lambdaVar();
      Value inner = convert(x, a.elementType(), numberType);
      return new Value(
          "transform(" + sql + ", " + x + " -> " + inner.sql() + ")", Types.array(inner.type()));
    }
    return new Value(sql, type);
  }

  private static Value set(String sql, DataType type, DataType element, DataType numberType) {
    if (!(type instanceof ArrayType a)) {
      return new Value(sql, type);
    }
    String x = Sql.lambdaVar();
    if (element == Types.BINARY) {
      return new Value(
          "transform(" + sql + ", " + x + " -> " + base64(x, a.elementType()) + ")",
          Types.array(Types.STRING));
    }
    String inner = castTo(x, a.elementType(), element);
    return new Value("transform(" + sql + ", " + x + " -> " + inner + ")", Types.array(element));
  }

  /** A B value as the base64 text DynamoDB exports (bytes read by a binary-aware reader too). */
  private static String base64(String sql, DataType from) {
    return from == Types.BINARY ? "base64(" + sql + ")" : castTo(sql, from, Types.STRING);
  }

  private static String castTo(String sql, DataType from, DataType to) {
    if (from.equals(to)) {
      return sql;
    }
    if (from instanceof AtomicType || from instanceof io.dynaframe.types.DecimalType) {
      return Casts.cast(sql, from, to)
          .orElse(Sql.nullOf(io.dynaframe.types.SparkTypes.toSpark(to)));
    }
    return Sql.nullOf(io.dynaframe.types.SparkTypes.toSpark(to));
  }
}
