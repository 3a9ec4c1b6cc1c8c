package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableMap;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import io.dynaframe.transforms.TransformException;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioGroupOps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Glue Studio's Conditional Router: a collection with one frame per output group, holding the rows
 * its condition (a Spark SQL condition, e.g. {@code age >= 18 AND country = 'NO'}) holds for, and a
 * default group ({@code default_group}) with the rows no condition holds for. A row that meets
 * several conditions goes to each of those groups; a condition that is null for a row does not
 * hold. Conditions are analysed when the transform is applied: a column they name that the frame
 * lacks fails then.
 *
 * <pre>{@code
 * FrameCollection routed = people.apply("ConditionalRouter_node1",
 *     ConditionalRouter.of().withGroup("adults", "age >= 18").withGroup("nordics", "country IN ('NO', 'SE')"));
 * DynamicFrame rest = routed.get("default_group");
 * }</pre>
 */
public final class ConditionalRouter implements Transform<FrameCollection> {
  private static final long serialVersionUID = 1L;

  private final ImmutableMap<String, String> groups;
  private final String defaultGroup;

  private ConditionalRouter(Map<String, String> groups, String defaultGroup) {
    this.groups = ImmutableMap.copyOf(groups);
    this.defaultGroup = Objects.requireNonNull(defaultGroup, "defaultGroup");
  }

  /** A router with no group yet; add them with {@link #withGroup}. */
  public static ConditionalRouter of() {
    return new ConditionalRouter(Map.of(), "default_group");
  }

  /** This router with a group {@code name} of the rows {@code condition} holds for. */
  public ConditionalRouter withGroup(String name, String condition) {
    Map<String, String> more = new LinkedHashMap<>(groups);
    if (more.put(
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(condition, "condition"))
            != null
        || name.equals(defaultGroup)) {
      throw new IllegalArgumentException("two groups are named '" + name + "'");
    }
    return new ConditionalRouter(more, defaultGroup);
  }

  /** This router naming the default group {@code name}. */
  public ConditionalRouter withDefaultGroup(String name) {
    if (groups.containsKey(name)) {
      throw new IllegalArgumentException("two groups are named '" + name + "'");
    }
    return new ConditionalRouter(groups, name);
  }

  /** Glue Studio's Conditional Router node: the groups' conditions by name. */
  public static FrameCollection apply(
      DynamicFrame frame, Map<String, String> groups, String transformationCtx) {
    ConditionalRouter r = of();
    for (Map.Entry<String, String> g : groups.entrySet()) {
      r = r.withGroup(g.getKey(), g.getValue());
    }
    return Steps.apply(frame, r, transformationCtx);
  }

  @Override
  public FrameCollection expand(DynamicFrame input, String step) {
    if (groups.isEmpty()) {
      throw new TransformException(kind(), step, "no output group; add one with withGroup");
    }
    return StudioGroupOps.route(input, step, kind(), groups, defaultGroup);
  }

  @Override
  public String toString() {
    return "ConditionalRouter" + groups.keySet();
  }
}
