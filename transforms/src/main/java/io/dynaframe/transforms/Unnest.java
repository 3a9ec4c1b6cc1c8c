package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Flatten;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Glue's Unnest ({@code UnnestFrame}): nested structs become top-level fields named by their dotted
 * paths ({@code address.city}); arrays, maps and choices stay as they are (use {@link
 * Relationalize} to pivot arrays into tables of their own). A flattened name that an existing
 * top-level field already has (a field literally named {@code address.city}) is refused.
 *
 * <pre>{@code
 * DynamicFrame flat = frame.apply(Unnest.create());
 * }</pre>
 */
public final class Unnest implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private Unnest() {}

  /** An Unnest. */
  public static Unnest create() {
    return new Unnest();
  }

  /** Glue's {@code UnnestFrame.apply(frame, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, String transformationCtx) {
    return Steps.apply(frame, create(), transformationCtx);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    List<Flatten.Col> cols = new ArrayList<>();
    for (Field f : input.schema().fields()) {
      Flatten.flatten(f.name(), Sql.ident(f.name()), f.type(), cols, new ArrayList<>(), null);
    }
    String clash = Flatten.clash(cols);
    if (clash != null) {
      throw new TransformException(
          kind(),
          step,
          clash,
          "two fields would be named '"
              + clash
              + "' (a nested field and a top-level field with dots in its name); rename one first",
          List.of());
    }
    Column[] select = cols.stream().map(c -> expr(c.sql()).as(c.name())).toArray(Column[]::new);
    return Steps.finish(input.withRows(input.toDF().select(select)), step);
  }

  @Override
  public String toString() {
    return "Unnest";
  }
}
