package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Fields;
import io.dynaframe.transforms.internal.Steps;
import java.util.Arrays;
import java.util.List;

/**
 * Glue's SelectFields: keeps the fields at the given paths and drops the rest. Glue selects
 * top-level fields only; here a nested path keeps its struct with just that field inside
 * ({@code address.city} gives {@code address: struct<city>}), and {@code items[].sku} keeps
 * the array with elements of just {@code sku}. Fields keep the frame's order. Every path must
 * exist (names compared exactly, as Glue's records do); a path that does not fails with the
 * closest paths the frame has.
 *
 * <pre>{@code
 * frame.apply(SelectFields.of("id", "address.city"));
 * SelectFields.apply(frame, List.of("id", "name"), "select1");
 * }</pre>
 */
public final class SelectFields implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> paths;

  private SelectFields(ImmutableList<String> paths) {
    Preconditions.checkArgument(!paths.isEmpty(), "SelectFields needs at least one path");
    this.paths = paths;
  }

  /** Keeps these paths. */
  public static SelectFields of(List<String> paths) {
    return new SelectFields(ImmutableList.copyOf(paths));
  }

  /** Keeps these paths. */
  public static SelectFields of(String... paths) {
    return of(Arrays.asList(paths));
  }

  /** Glue's {@code SelectFields.apply(frame, paths, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, List<String> paths, String transformationCtx) {
    return Steps.apply(frame, of(paths), transformationCtx);
  }

  /** The paths kept. */
  public List<String> paths() {
    return paths;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema());
    Fields.Keep keep = new Fields.Keep();
    for (String p : paths) {
      keep.add(ck.resolve(p, true, true).names());
    }
    return Steps.finish(input.withRows(Fields.select(input.toDF(), keep)), step);
  }

  @Override
  public String toString() {
    return "SelectFields" + paths;
  }
}
