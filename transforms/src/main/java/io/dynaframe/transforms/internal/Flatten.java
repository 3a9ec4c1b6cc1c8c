package io.dynaframe.transforms.internal;

import io.dynaframe.types.ArrayType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens nested structs into top-level columns named by their dotted paths ({@code
 * address.city}), as Glue's Unnest and Relationalize name them. Choices, maps and atomic values are
 * leaves; an array is a leaf too, or (for Relationalize) a key into a table of its own.
 */
public final class Flatten {
  private Flatten() {}

  /** A flattened column: its dotted name, its value's SQL, its Glue type. */
  public record Col(String name, String sql, DataType type) {}

  /** An array met while flattening: the column name it had and its value's SQL and element type. */
  public record ArrayRef(String name, String sql, DataType elementType) {}

  /**
   * Adds the columns of one value to {@code out}. With {@code keySql} null, arrays are leaves;
   * otherwise an array's column holds {@code keySql} (null where the array is null) and the array
   * is added to {@code arrays}.
   */
  public static void flatten(
      String name, String sql, DataType type, List<Col> out, List<ArrayRef> arrays, String keySql) {
    if (type instanceof StructType st && !st.fields().isEmpty()) {
      for (Field f : st.fields()) {
        flatten(name + "." + f.name(), Sql.field(sql, f.name()), f.type(), out, arrays, keySql);
      }
    } else if (type instanceof ArrayType a && keySql != null) {
      out.add(
          new Col(
              name,
              "CASE WHEN " + sql + " IS NULL THEN NULL ELSE " + keySql + " END",
              io.dynaframe.types.Types.LONG));
      arrays.add(new ArrayRef(name, sql, a.elementType()));
    } else {
      out.add(new Col(name, sql, type));
    }
  }

  /** The first name two columns share, or null. */
  public static String clash(List<Col> cols) {
    Map<String, Col> seen = new HashMap<>();
    for (Col c : cols) {
      if (seen.put(c.name(), c) != null) {
        return c.name();
      }
    }
    return null;
  }

  /** True when the type holds an array anywhere (choices aside). */
  public static boolean hasArrays(DataType t) {
    if (t instanceof ArrayType) {
      return true;
    }
    if (t instanceof StructType st) {
      return st.fields().stream().anyMatch(f -> hasArrays(f.type()));
    }
    return false;
  }
}
