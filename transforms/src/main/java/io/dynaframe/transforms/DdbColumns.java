package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.transforms.internal.Conform;
import io.dynaframe.transforms.internal.DdbJson;
import io.dynaframe.types.Types;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;

/** The output columns of {@link UnnestDDBJson} and {@link SimplifyDDBJson}, built one at a time. */
final class DdbColumns {
  private DdbColumns() {}

  /**
   * Adds the column {@code name} holding {@code v}, typed as {@code v} says; refuses a name that an
   * earlier column (a top-level field or another attribute of {@code Item}) has already taken.
   */
  static void add(
      List<Column> cols,
      Set<String> names,
      String name,
      DdbJson.Value v,
      String kind,
      String step) {
    if (!names.add(name)) {
      throw new TransformException(
          kind,
          step,
          name,
          "the attribute '"
              + name
              + "' of Item clashes with a top-level field of the same name; rename one first",
          List.of());
    }
    cols.add(Conform.typed(expr(v.type() == Types.NULL ? "NULL" : v.sql()), v.type()).as(name));
  }
}
