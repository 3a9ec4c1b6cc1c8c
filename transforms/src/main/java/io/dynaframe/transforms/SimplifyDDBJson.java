package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.DdbJson;
import io.dynaframe.transforms.internal.Rewriter;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;

/**
 * Glue's {@code simplify_ddb_json}: the {@code Item} wrapper of a DynamoDB export is removed (its
 * attributes become top-level fields, as AWS's page prints them) and every DynamoDB JSON value in
 * the frame, at any depth, loses its type descriptor and keeps its place ({@code Item.qty: {"N":
 * "5"}} becomes {@code qty: "5"}). Conversions, as AWS prints them: {@code S} string, {@code N}
 * string (the exported text; {@link #withNumberType} asks for a number type), {@code B} string (the
 * base64 text), {@code BOOL} boolean, {@code NULL} null, {@code M} struct, {@code SS}/{@code
 * NS}/{@code BS} arrays, {@code L} an array of its elements' values unless they carry several
 * descriptors or maps (then it stays as it is). An attribute with different descriptors in
 * different records becomes a choice.
 */
public final class SimplifyDDBJson implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String numberType;

  private SimplifyDDBJson(String numberType) {
    this.numberType = Objects.requireNonNull(numberType, "numberType");
  }

  /** Simplifies as Glue does, numbers as strings. */
  public static SimplifyDDBJson create() {
    return new SimplifyDDBJson("string");
  }

  /** Glue's {@code frame.simplify_ddb_json()}. */
  public static DynamicFrame apply(DynamicFrame frame) {
    return Steps.apply(frame, create(), "");
  }

  /** The type numbers become, as a Glue type name (dynaframe's own; Glue keeps strings). */
  public SimplifyDDBJson withNumberType(String typeName) {
    return new SimplifyDDBJson(typeName);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    DataType number = UnnestDDBJson.numberType(kind(), step, numberType);
    List<Column> cols = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Field f : input.schema().fields()) {
      if (f.name().equals("Item") && DdbJson.isItem(f.type())) {
        for (Field a : ((StructType) f.type()).fields()) {
          DdbColumns.add(
              cols,
              names,
              a.name(),
              simplify(Sql.field(Sql.ident("Item"), a.name()), a.type(), number),
              kind(),
              step);
        }
      } else {
        DdbColumns.add(
            cols, names, f.name(), simplify(Sql.ident(f.name()), f.type(), number), kind(), step);
      }
    }
    return Steps.finish(input.withRows(input.toDF().select(cols.toArray(new Column[0]))), step);
  }

  private static DdbJson.Value simplify(String sql, DataType type, DataType number) {
    if (DdbJson.isDdbValue(type)) {
      return DdbJson.convert(sql, type, number);
    }
    if (type instanceof StructType st && !st.fields().isEmpty()) {
      List<Rewriter.Slot> slots = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      for (Field f : st.fields()) {
        DdbJson.Value v = simplify(Sql.field(sql, f.name()), f.type(), number);
        slots.add(new Rewriter.Slot(f.name(), v.sql(), null));
        fields.add(Types.field(f.name(), v.type()));
      }
      return new DdbJson.Value(
          Sql.nullSafe(sql, Rewriter.namedStruct(slots)), Types.struct(fields));
    }
    if (type instanceof ArrayType a && (a.elementType() instanceof StructType)) {
      String x = Sql.lambdaVar();
      DdbJson.Value inner = simplify(x, a.elementType(), number);
      return new DdbJson.Value(
          "transform(" + sql + ", " + x + " -> " + inner.sql() + ")", Types.array(inner.type()));
    }
    return new DdbJson.Value(sql, type);
  }

  @Override
  public String toString() {
    return "SimplifyDDBJson";
  }
}
