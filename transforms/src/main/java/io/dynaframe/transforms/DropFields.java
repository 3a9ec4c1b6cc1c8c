package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.transforms.internal.Fields;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.Types;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's DropFields: removes the fields at the given paths, top-level or nested ({@code
 * address.zip}), also inside array elements ({@code items[].note} or {@code items.note}); a struct
 * left with no fields is removed too. Names with dots go in backticks. Every path must exist (names
 * compared exactly); a path that does not fails with the closest paths the frame has.
 *
 * <pre>{@code
 * frame.apply(DropFields.of("person_id", "org_id"));
 * DropFields.apply(frame, List.of("`a.b`", "links[].note"), "drop1");
 * }</pre>
 */
public final class DropFields extends FieldPathsTransform {
  private static final long serialVersionUID = 1L;

  private DropFields(List<String> paths) {
    super(paths);
  }

  /** Drops these paths. */
  public static DropFields of(List<String> paths) {
    return new DropFields(paths);
  }

  /** Drops these paths. */
  public static DropFields of(String... paths) {
    return of(Arrays.asList(paths));
  }

  /** Glue's {@code DropFields.apply(frame, paths, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, List<String> paths, String transformationCtx) {
    return Steps.apply(frame, of(paths), transformationCtx);
  }

  @Override
  Dataset<Row> rewrite(Dataset<Row> df, List<List<String>> drops) {
    for (List<String> d : drops) {
      boolean underAnother =
          drops.stream().anyMatch(o -> o.size() < d.size() && d.subList(0, o.size()).equals(o));
      if (!underAnother && exists(df, d)) {
        df = Fields.drop(df, d);
      }
    }
    return df;
  }

  private static boolean exists(Dataset<Row> df, List<String> names) {
    return Types.typeAt(SparkTypes.fromSpark(df.schema()), names).isPresent();
  }
}
