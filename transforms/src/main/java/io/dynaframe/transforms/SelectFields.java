package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.transforms.internal.Fields;
import io.dynaframe.transforms.internal.Steps;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's SelectFields: keeps the fields at the given paths and drops the rest. Glue selects
 * top-level fields only; here a nested path keeps its struct with just that field inside ({@code
 * address.city} gives {@code address: struct<city>}), and {@code items[].sku} keeps the array with
 * elements of just {@code sku}. Fields keep the frame's order. Every path must exist (names
 * compared exactly, as Glue's records do); a path that does not fails with the closest paths the
 * frame has.
 *
 * <pre>{@code
 * frame.apply(SelectFields.of("id", "address.city"));
 * SelectFields.apply(frame, List.of("id", "name"), "select1");
 * }</pre>
 */
public final class SelectFields extends FieldPathsTransform {
  private static final long serialVersionUID = 1L;

  private SelectFields(List<String> paths) {
    super(paths);
  }

  /** Keeps these paths. */
  public static SelectFields of(List<String> paths) {
    return new SelectFields(paths);
  }

  /** Keeps these paths. */
  public static SelectFields of(String... paths) {
    return of(Arrays.asList(paths));
  }

  /** Glue's {@code SelectFields.apply(frame, paths, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, List<String> paths, String transformationCtx) {
    return Steps.apply(frame, of(paths), transformationCtx);
  }

  @Override
  Dataset<Row> rewrite(Dataset<Row> df, List<List<String>> kept) {
    Fields.Keep keep = new Fields.Keep();
    kept.forEach(keep::add);
    return Fields.select(df, keep);
  }
}
