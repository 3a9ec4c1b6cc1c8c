package io.dynaframe.transforms;

import com.google.common.collect.ImmutableList;
import io.dynaframe.DynaFrameException;
import java.util.List;
import java.util.Optional;

/**
 * A transform cannot be applied to a frame as asked: a path that is not in the frame, an unknown
 * type name, a bad operator or action, two outputs with the same name. Thrown when the transform is
 * applied (the input's schema is known), before any Spark job runs.
 *
 * <p>The message names the transform, the step and, when the problem is a path, the path and the
 * closest paths the frame does have:
 *
 * <pre>
 * ApplyMapping in step 'map_orders': no field 'adress.city' in the frame; closest: address.city, address.country
 * </pre>
 */
public final class TransformException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  private final String transform;
  private final String step;
  private final String path;
  private final ImmutableList<String> closestPaths;

  /**
   * A failure of {@code transform} in {@code step}.
   *
   * @param transform the transform's kind, e.g. {@code ApplyMapping}
   * @param step the step's name
   * @param path the path at fault, or null when the problem is not about a path
   * @param problem what is wrong
   * @param closestPaths the frame's paths closest to {@code path}, best first (may be empty)
   */
  public TransformException(
      String transform, String step, String path, String problem, List<String> closestPaths) {
    super(message(transform, step, problem, closestPaths));
    this.transform = transform;
    this.step = step;
    this.path = path;
    this.closestPaths = ImmutableList.copyOf(closestPaths);
  }

  /** A failure that is not about one path. */
  public TransformException(String transform, String step, String problem) {
    this(transform, step, null, problem, List.of());
  }

  private static String message(
      String transform, String step, String problem, List<String> closest) {
    StringBuilder b =
        new StringBuilder(transform)
            .append(" in step '")
            .append(step)
            .append("': ")
            .append(problem);
    if (!closest.isEmpty()) {
      b.append("; closest: ").append(String.join(", ", closest));
    }
    return b.toString();
  }

  /** The kind of transform that failed, e.g. {@code ResolveChoice}. */
  public String transform() {
    return transform;
  }

  /** The name of the step that failed. */
  public String step() {
    return step;
  }

  /** The path at fault, when the problem is about a path. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** The frame's paths closest to the one at fault, best first; empty when none is close. */
  public List<String> closestPaths() {
    return closestPaths;
  }
}
