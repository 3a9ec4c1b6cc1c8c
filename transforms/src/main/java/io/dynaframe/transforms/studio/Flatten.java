package io.dynaframe.transforms.studio;

import com.google.common.base.Preconditions;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.Objects;

/**
 * Glue Studio's Flatten: the fields of nested structs become top-level columns named by their path,
 * {@code phone_numbers.home_phone.number}. {@code maxLevels} limits the nesting levels flattened
 * (1: only top-level structs; 0, the default: all); the separator (default {@code "."}) joins the
 * names. Arrays, maps and choices are kept as they are. Fails when two paths would give one column
 * name.
 *
 * <pre>{@code
 * frame.apply("Flatten_node1", Flatten.of().withMaxLevels(1).withSeparator("_"));
 * }</pre>
 */
public final class Flatten implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final int maxLevels;
  private final String separator;

  private Flatten(int maxLevels, String separator) {
    Preconditions.checkArgument(
        maxLevels >= 0, "maxLevels must be >= 0 (0: all), was %s", maxLevels);
    Objects.requireNonNull(separator, "separator");
    Preconditions.checkArgument(!separator.isEmpty(), "the separator must not be empty");
    this.maxLevels = maxLevels;
    this.separator = separator;
  }

  /** Flattens every level, names joined with {@code "."}. */
  public static Flatten of() {
    return new Flatten(0, ".");
  }

  /** Glue Studio's Flatten node: {@code maxLevels} (0: all) and the separator. */
  public static DynamicFrame apply(
      DynamicFrame frame, int maxLevels, String separator, String transformationCtx) {
    return Steps.apply(frame, new Flatten(maxLevels, separator), transformationCtx);
  }

  /** This transform flattening at most {@code n} levels of structs (0: all). */
  public Flatten withMaxLevels(int n) {
    return new Flatten(n, separator);
  }

  /** This transform joining names with {@code s}. */
  public Flatten withSeparator(String s) {
    return new Flatten(maxLevels, s);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return StudioOps.run(
        input, step, in -> StudioOps.flatten(in, step, kind(), maxLevels, separator));
  }

  @Override
  public String toString() {
    return "Flatten[maxLevels=" + maxLevels + ", separator=" + separator + "]";
  }
}
