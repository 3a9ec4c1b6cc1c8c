package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.FieldPath;
import io.dynaframe.transforms.internal.Fields;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's RenameField: gives the field at {@code oldName} the path {@code newName}; both are full
 * paths ({@code renameField("address.state", "address.state_code")}), names with dots in backticks
 * ({@code "`old.name`"}). A new path under the same parent renames in place and keeps the field's
 * position, also inside array elements ({@code items[].sku} to {@code items[].code}); a new path
 * elsewhere moves the value there (structs on the way are made as needed; not out of or into
 * arrays).
 *
 * <pre>{@code
 * frame.apply(RenameField.of("id", "org_id"));
 * RenameField.apply(frame, "`this.old.name`", "thisNewName", "rename1");
 * }</pre>
 *
 * Fails when {@code oldName} is not in the frame (naming the closest paths) or {@code newName} is
 * already taken.
 */
public final class RenameField implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String oldName;
  private final String newName;

  private RenameField(String oldName, String newName) {
    this.oldName = Objects.requireNonNull(oldName, "oldName");
    this.newName = Objects.requireNonNull(newName, "newName");
  }

  /** Renames (or moves) the field at {@code oldName} to {@code newName}. */
  public static RenameField of(String oldName, String newName) {
    return new RenameField(oldName, newName);
  }

  /** Glue's {@code RenameField.apply(frame, old_name, new_name, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, String oldName, String newName, String transformationCtx) {
    return Steps.apply(frame, of(oldName, newName), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
    Checker.Resolved from = ck.resolve(oldName, true, true);
    FieldPath to = ck.parse(newName);
    List<String> src = from.names();
    List<String> dst = to.names();
    if (dst.equals(src)) {
      return Steps.finish(input.withRows(input.toDF()), step);
    }
    StructType schema = input.schema();
    if (Types.typeAt(schema, dst).isPresent()) {
      throw ck.failAt(
          newName,
          "cannot rename '"
              + oldName
              + "' to '"
              + newName
              + "': the frame already has '"
              + newName
              + "'",
          List.of());
    }
    Dataset<Row> df = input.toDF();
    if (dst.size() == src.size()
        && dst.subList(0, dst.size() - 1).equals(src.subList(0, src.size() - 1))) {
      df = Fields.rename(df, src, dst.get(dst.size() - 1));
      return Steps.finish(input.withRows(df), step);
    }
    if (from.throughArray() || to.hasArraySteps()) {
      throw ck.failAt(
          newName,
          "cannot move '"
              + oldName
              + "' to '"
              + newName
              + "': a field moves within its struct only when arrays are on the way",
          List.of());
    }
    int existing = 0;
    while (existing < dst.size() - 1) {
      var t = Types.typeAt(schema, dst.subList(0, existing + 1));
      if (t.isEmpty()) {
        break;
      }
      DataType dt = t.get();
      if (!(dt instanceof StructType)) {
        throw ck.failAt(
            newName,
            "cannot move '"
                + oldName
                + "' to '"
                + newName
                + "': '"
                + FieldPath.render(dst.subList(0, existing + 1))
                + "' is "
                + dt
                + ", not a struct",
            List.of());
      }
      existing++;
    }
    String value = Sql.path(src);
    Dataset<Row> moved =
        Fields.insert(df, dst.subList(0, existing), dst.subList(existing, dst.size()), value);
    Dataset<Row> out = Fields.drop(moved, src);
    return Steps.finish(input.withRows(out), step);
  }

  @Override
  public String toString() {
    return "RenameField[" + oldName + " -> " + newName + "]";
  }
}
