package io.dynaframe.transforms.internal;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.DynamicFrame;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings values of one type to a wider type made by {@link Types#merge}: a field missing on one
 * side becomes null, a value whose type became a choice goes into the choice's slot for its type,
 * decimals widen. This is how frames with different schemas are put together (Union,
 * MergeDynamicFrames) with Glue's rules, as plain projections.
 */
public final class Conform {
  private Conform() {}

  /** The SQL that turns a value of {@code from} into a value of {@code to}. */
  public static String value(String sql, DataType from, DataType to) {
    if (from.equals(to)) {
      return sql;
    }
    if (from == Types.NULL) {
      return to == Types.NULL ? "NULL" : Sql.nullOf(SparkTypes.toSpark(to));
    }
    if (to == Types.NULL) {
      return "NULL";
    }
    if (to instanceof ChoiceType tc) {
      List<Rewriter.Slot> slots = new ArrayList<>();
      for (DataType m : tc.types()) {
        String v;
        if (from instanceof ChoiceType fc) {
          Optional<DataType> fm = fc.member(m.typeName());
          v =
              fm.isPresent()
                  ? value(Sql.field(sql, m.typeName()), fm.get(), m)
                  : Sql.nullOf(SparkTypes.toSpark(m));
        } else {
          v =
              from.typeName().equals(m.typeName())
                  ? value(sql, from, m)
                  : Sql.nullOf(SparkTypes.toSpark(m));
        }
        slots.add(new Rewriter.Slot(m.typeName(), v, null));
      }
      return Sql.nullSafe(sql, Rewriter.namedStruct(slots));
    }
    if (from instanceof StructType fs && to instanceof StructType ts) {
      List<Rewriter.Slot> slots = new ArrayList<>();
      for (Field f : ts.fields()) {
        Optional<Field> have = fs.field(f.name());
        slots.add(
            new Rewriter.Slot(
                f.name(),
                have.isPresent()
                    ? value(Sql.field(sql, f.name()), have.get().type(), f.type())
                    : nullOf(f.type()),
                null));
      }
      return Sql.nullSafe(sql, Rewriter.namedStruct(slots));
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      String x = Sql.lambdaVar();
      return "transform("
          + sql
          + ", "
          + x
          + " -> "
          + value(x, fa.elementType(), ta.elementType())
          + ")";
    }
    if (from instanceof MapType fm && to instanceof MapType tm) {
      String k = Sql.lambdaVar();
      String v = Sql.lambdaVar();
      return "transform_values("
          + sql
          + ", ("
          + k
          + ", "
          + v
          + ") -> "
          + value(v, fm.valueType(), tm.valueType())
          + ")";
    }
    return Sql.tryCast(sql, SparkTypes.toSpark(to));
  }

  private static String nullOf(DataType t) {
    return t == Types.NULL ? "NULL" : Sql.nullOf(SparkTypes.toSpark(t));
  }

  /**
   * The rows of a frame of schema {@code from} in the schema {@code to} (which has every field of
   * {@code from}, maybe wider): fields in {@code to}'s order, choices flagged.
   */
  public static Dataset<Row> rows(Dataset<Row> df, StructType from, StructType to) {
    List<Column> cols = new ArrayList<>();
    for (Field f : to.fields()) {
      Optional<Field> have = from.field(f.name());
      String sql =
          have.isPresent()
              ? value(Sql.ident(f.name()), have.get().type(), f.type())
              : nullOf(f.type());
      cols.add(typed(expr(sql), f.type()).as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }

  /**
   * The column cast to the Spark type of {@code type} when that type holds a choice: the values are
   * already in shape, the cast only flags the choice structs (struct to struct casts that differ in
   * metadata alone change no value).
   */
  public static Column typed(Column c, DataType type) {
    return type.isChoice() || type.containsChoice() ? c.cast(SparkTypes.toSpark(type)) : c;
  }

  /**
   * {@code result} carrying the error records of {@code others} as well as its own (the public
   * frame API carries one frame's errors forward; a union with an empty frame of each other adds
   * theirs, and Spark drops the empty side from the plan).
   */
  public static DynamicFrame withErrorsOf(DynamicFrame result, DynamicFrame... others) {
    DynamicFrame out = result;
    for (DynamicFrame o : others) {
      out = out.union(o.withRows(result.toDF().limit(0)));
    }
    return out.withName(result.name());
  }
}
