package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Steps;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glue's SplitFields: two frames from one, the first with the fields at the given paths (as {@link
 * SelectFields}), the second with all the others (as {@link DropFields}). Named {@code name1} and
 * {@code name2}; by default the input's name (or {@code frame}) followed by 1 and 2, as in Glue.
 *
 * <pre>{@code
 * FrameCollection parts = frame.apply(SplitFields.of("id", "name").withNames("people", "rest"));
 * }</pre>
 */
public final class SplitFields implements Transform<FrameCollection> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> paths;
  private final String name1;
  private final String name2;

  private SplitFields(ImmutableList<String> paths, String name1, String name2) {
    Preconditions.checkArgument(!paths.isEmpty(), "SplitFields needs at least one path");
    this.paths = paths;
    this.name1 = name1;
    this.name2 = name2;
  }

  /** Splits off these paths. */
  public static SplitFields of(List<String> paths) {
    return new SplitFields(ImmutableList.copyOf(paths), null, null);
  }

  /** Splits off these paths. */
  public static SplitFields of(String... paths) {
    return of(Arrays.asList(paths));
  }

  /** Glue's {@code SplitFields.apply(frame, paths, name1, name2, transformation_ctx)}. */
  public static FrameCollection apply(
      DynamicFrame frame,
      List<String> paths,
      String name1,
      String name2,
      String transformationCtx) {
    return Steps.apply(frame, of(paths).withNames(name1, name2), transformationCtx);
  }

  /** The names of the two frames (null for the default). */
  public SplitFields withNames(String name1, String name2) {
    return new SplitFields(paths, name1, name2);
  }

  @Override
  public FrameCollection expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private FrameCollection build(DynamicFrame input, String step) {
    String base = input.name().isEmpty() ? "frame" : input.name();
    String n1 = name1 != null ? name1 : base + "1";
    String n2 = name2 != null ? name2 : base + "2";
    if (n1.equals(n2)) {
      throw new TransformException(
          kind(), step, "both output frames are named '" + n1 + "'; give them two names");
    }
    DynamicFrame selected = SelectFields.of(paths).expand(input, step);
    DynamicFrame rest = DropFields.of(paths).expand(input, step);
    Map<String, DynamicFrame> out = new LinkedHashMap<>();
    out.put(n1, Steps.finish(selected.withName(n1), step));
    out.put(n2, Steps.finish(rest.withName(n2), step));
    return FrameCollection.of(out, input.context());
  }

  @Override
  public String toString() {
    return "SplitFields" + paths;
  }
}
