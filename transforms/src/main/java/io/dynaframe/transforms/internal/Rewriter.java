package io.dynaframe.transforms.internal;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.types.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rebuilds records with one struct changed somewhere inside: the fields of the struct at a path are
 * handed to an {@link Editor}, and every struct and array on the way is rebuilt around the result
 * with {@code named_struct} and {@code transform}, nulls kept null. The result is one projection
 * Spark's optimiser sees whole.
 */
public final class Rewriter {
  private Rewriter() {}

  /**
   * A field of a struct being rebuilt.
   *
   * @param name the field's name
   * @param sql its value as SQL text
   * @param type its Spark type; null for a field an editor made (it is not navigated again)
   */
  public record Slot(String name, String sql, DataType type) {}

  /** Changes the fields of one struct: drops, renames, replaces or adds. */
  @FunctionalInterface
  public interface Editor {
    List<Slot> edit(List<Slot> fields);
  }

  /** The top-level columns of a frame as slots. */
  public static List<Slot> columns(StructType schema) {
    List<Slot> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(new Slot(f.name(), Sql.ident(f.name()), f.dataType()));
    }
    return out;
  }

  /** The fields of a struct value as slots. */
  public static List<Slot> fieldsOf(String structSql, StructType type) {
    List<Slot> out = new ArrayList<>();
    for (StructField f : type.fields()) {
      out.add(new Slot(f.name(), Sql.field(structSql, f.name()), f.dataType()));
    }
    return out;
  }

  /**
   * The slots with the struct at {@code path} (names as the schema spells them, arrays on the way
   * stepped into) edited; an empty path edits the slots themselves.
   */
  public static List<Slot> editAt(List<Slot> slots, List<String> path, Editor editor) {
    if (path.isEmpty()) {
      return editor.edit(slots);
    }
    List<Slot> out = new ArrayList<>(slots.size());
    boolean found = false;
    for (Slot s : slots) {
      if (!found && s.name().equals(path.get(0))) {
        found = true;
        Optional<String> v = editValue(s.sql(), s.type(), path.subList(1, path.size()), editor);
        v.ifPresent(sql -> out.add(new Slot(s.name(), sql, null)));
      } else {
        out.add(s);
      }
    }
    if (!found) {
      throw new IllegalStateException(
          "no field " + path.get(0) + " among " + slots.stream().map(Slot::name).toList());
    }
    return out;
  }

  /**
   * A value with the struct at {@code path} inside it edited; empty when the struct lost all its
   * fields (the caller drops the field that held it).
   */
  public static Optional<String> editValue(
      String sql, DataType type, List<String> path, Editor editor) {
    if (type instanceof ArrayType a) {
      String x = Sql.lambdaVar();
      Optional<String> inner = editValue(x, a.elementType(), path, editor);
      return inner.map(body -> "transform(" + sql + ", " + x + " -> " + body + ")");
    }
    if (type instanceof StructType st) {
      List<Slot> edited = editAt(fieldsOf(sql, st), path, editor);
      return struct(sql, edited);
    }
    throw new IllegalStateException("cannot reach into " + type.simpleString() + " at " + path);
  }

  /**
   * A value with {@code fn} applied at {@code path} (arrays on the way stepped into); the function
   * gets the value's SQL and type and gives the new SQL.
   */
  public static List<Slot> replaceAt(List<Slot> slots, List<String> path, ValueFunction fn) {
    List<String> parent = path.subList(0, path.size() - 1);
    String last = path.get(path.size() - 1);
    return editAt(
        slots,
        parent,
        fields -> {
          List<Slot> out = new ArrayList<>(fields.size());
          for (Slot s : fields) {
            out.add(
                s.name().equals(last) ? new Slot(s.name(), fn.apply(s.sql(), s.type()), null) : s);
          }
          return out;
        });
  }

  /** Turns a value's SQL and Spark type into new SQL. */
  @FunctionalInterface
  public interface ValueFunction {
    String apply(String sql, DataType type);
  }

  /**
   * A struct of these slots, null where {@code original} is null; empty when there are no slots.
   */
  public static Optional<String> struct(String original, List<Slot> slots) {
    if (slots.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Sql.nullSafe(original, namedStruct(slots)));
  }

  /** {@code named_struct('a', a, ...)} of these slots; there must be at least one. */
  public static String namedStruct(List<Slot> slots) {
    StringBuilder b = new StringBuilder("named_struct(");
    for (int i = 0; i < slots.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(Sql.str(slots.get(i).name())).append(", ").append(slots.get(i).sql());
    }
    return b.append(')').toString();
  }

  /**
   * Applies {@code fn} to every element of an array value or value of a map value, at any depth of
   * arrays.
   */
  public static String mapElements(String sql, DataType type, ValueFunction fn) {
    if (type instanceof ArrayType a) {
      String x = Sql.lambdaVar();
      return "transform(" + sql + ", " + x + " -> " + mapElements(x, a.elementType(), fn) + ")";
    }
    if (type instanceof MapType m) {
      String k = Sql.lambdaVar();
      String v = Sql.lambdaVar();
      return "transform_values("
          + sql
          + ", ("
          + k
          + ", "
          + v
          + ") -> "
          + mapElements(v, m.valueType(), fn)
          + ")";
    }
    return fn.apply(sql, type);
  }

  /**
   * The frame's rows projected to these slots. A column passed through unchanged keeps its
   * metadata. Spark gives a column taken out of a struct the metadata of the struct's field, and
   * ignores an explicitly empty one; so a choice member taken out of its choice ({@code make_cols},
   * a projection) is wrapped in {@code coalesce} to shed the member flag.
   */
  public static Dataset<Row> select(Dataset<Row> df, List<Slot> slots) {
    List<String> existing = List.of(df.columns());
    Column[] cols = new Column[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      boolean passThrough = s.sql().equals(Sql.ident(s.name())) && existing.contains(s.name());
      cols[i] = passThrough ? df.col(s.sql()) : expr(s.sql()).as(s.name());
    }
    Dataset<Row> out = df.select(cols);
    StructField[] fields = out.schema().fields();
    boolean fixed = false;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].metadata().contains(SparkTypes.CHOICE_MEMBER)) {
        cols[i] = expr("coalesce(" + slots.get(i).sql() + ")").as(slots.get(i).name());
        fixed = true;
      }
    }
    return fixed ? df.select(cols) : out;
  }
}
