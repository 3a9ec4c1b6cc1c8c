package io.dynaframe.transforms.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Keeping, dropping, renaming and moving fields at resolved paths, as one projection each. */
public final class Fields {
  private Fields() {}

  /** A tree of the paths to keep: a node with no children keeps its whole field. */
  public static final class Keep {
    final Map<String, Keep> children = new LinkedHashMap<>();
    boolean whole;

    /** Adds a resolved path. */
    public void add(List<String> names) {
      Keep n = this;
      for (String name : names) {
        if (n.whole) {
          return;
        }
        n = n.children.computeIfAbsent(name, k -> new Keep());
      }
      n.whole = true;
      n.children.clear();
    }
  }

  /** The frame with only the fields of the tree, in the frame's order. */
  public static Dataset<Row> select(Dataset<Row> df, Keep keep) {
    List<Rewriter.Slot> out = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      Keep k = keep.children.get(f.name());
      if (k != null) {
        String sql = Sql.ident(f.name());
        prune(sql, f.dataType(), k).ifPresent(v -> out.add(new Rewriter.Slot(f.name(), v, null)));
      }
    }
    return Rewriter.select(df, out);
  }

  private static Optional<String> prune(String sql, DataType type, Keep k) {
    if (k.whole) {
      return Optional.of(sql);
    }
    if (type instanceof ArrayType a) {
      String x = Sql.lambdaVar();
      return prune(x, a.elementType(), k)
          .map(body -> "transform(" + sql + ", " + x + " -> " + body + ")");
    }
    StructType st = (StructType) type;
    List<Rewriter.Slot> slots = new ArrayList<>();
    for (StructField f : st.fields()) {
      Keep c = k.children.get(f.name());
      if (c != null) {
        String fsql = Sql.field(sql, f.name());
        prune(fsql, f.dataType(), c)
            .ifPresent(v -> slots.add(new Rewriter.Slot(f.name(), v, null)));
      }
    }
    return Rewriter.struct(sql, slots);
  }

  /** The frame without the field at a resolved path; a struct left without fields goes too. */
  public static Dataset<Row> drop(Dataset<Row> df, List<String> names) {
    String last = names.get(names.size() - 1);
    List<Rewriter.Slot> slots =
        Rewriter.editAt(
            Rewriter.columns(df.schema()),
            names.subList(0, names.size() - 1),
            fields -> fields.stream().filter(f -> !f.name().equals(last)).toList());
    return Rewriter.select(df, slots);
  }

  /** The frame with the field at a resolved path renamed in place. */
  public static Dataset<Row> rename(Dataset<Row> df, List<String> names, String newName) {
    String last = names.get(names.size() - 1);
    List<Rewriter.Slot> slots =
        Rewriter.editAt(
            Rewriter.columns(df.schema()),
            names.subList(0, names.size() - 1),
            fields ->
                fields.stream()
                    .map(f -> f.name().equals(last) ? new Rewriter.Slot(newName, f.sql(), null) : f)
                    .toList());
    return Rewriter.select(df, slots);
  }

  /**
   * The frame with a value added at {@code parent + rest}: {@code parent} is an existing struct
   * path (empty for the top level), {@code rest} the names below it, structs made for all but the
   * last.
   */
  public static Dataset<Row> insert(
      Dataset<Row> df, List<String> parent, List<String> rest, String valueSql) {
    String value = valueSql;
    for (int i = rest.size() - 1; i >= 1; i--) {
      value = Rewriter.namedStruct(List.of(new Rewriter.Slot(rest.get(i), value, null)));
    }
    String top = rest.get(0);
    String v = value;
    List<Rewriter.Slot> slots =
        Rewriter.editAt(
            Rewriter.columns(df.schema()),
            parent,
            fields -> {
              List<Rewriter.Slot> out = new ArrayList<>(fields);
              out.add(new Rewriter.Slot(top, v, null));
              return out;
            });
    return Rewriter.select(df, slots);
  }
}
