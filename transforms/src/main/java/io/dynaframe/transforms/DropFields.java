package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Fields;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's DropFields: removes the fields at the given paths, top-level or nested
 * ({@code address.zip}), also inside array elements ({@code items[].note} or
 * {@code items.note}); a struct left with no fields is removed too. Names with dots go in
 * backticks. Every path must exist (names compared exactly); a path that does not fails with
 * the closest paths the frame has.
 *
 * <pre>{@code
 * frame.apply(DropFields.of("person_id", "org_id"));
 * DropFields.apply(frame, List.of("`a.b`", "links[].note"), "drop1");
 * }</pre>
 */
public final class DropFields implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> paths;

  private DropFields(ImmutableList<String> paths) {
    Preconditions.checkArgument(!paths.isEmpty(), "DropFields needs at least one path");
    this.paths = paths;
  }

  /** Drops these paths. */
  public static DropFields of(List<String> paths) {
    return new DropFields(ImmutableList.copyOf(paths));
  }

  /** Drops these paths. */
  public static DropFields of(String... paths) {
    return of(Arrays.asList(paths));
  }

  /** Glue's {@code DropFields.apply(frame, paths, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, List<String> paths, String transformationCtx) {
    return Steps.apply(frame, of(paths), transformationCtx);
  }

  /** The paths dropped. */
  public List<String> paths() {
    return paths;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema());
    List<List<String>> drops = new ArrayList<>();
    for (String p : paths) {
      drops.add(ck.resolve(p, true, true).names());
    }
    Dataset<Row> df = input.toDF();
    for (List<String> d : drops) {
      boolean underAnother = drops.stream().anyMatch(o -> o.size() < d.size() && d.subList(0, o.size()).equals(o));
      if (!underAnother && exists(df, d)) {
        df = Fields.drop(df, d);
      }
    }
    return Steps.finish(input.withRows(df), step);
  }

  private boolean exists(Dataset<Row> df, List<String> names) {
    return Types.typeAt(SparkTypes.fromSpark(df.schema()), names).isPresent();
  }

  @Override
  public String toString() {
    return "DropFields" + paths;
  }
}
