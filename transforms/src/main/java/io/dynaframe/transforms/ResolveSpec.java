package io.dynaframe.transforms;

import java.io.Serializable;
import java.util.Objects;

/**
 * One spec of {@link ResolveChoice}: what to do with the choice at a path, as Glue's {@code (path,
 * action)} tuples and Scala {@code ResolveSpec(path, action)}.
 *
 * <p>Actions: {@code cast:<type>} (every value cast to the type; values that do not convert become
 * null), {@code project:<type>} (values of that type kept, others null), {@code make_cols} (one
 * column {@code <name>_<type>} per member type in place of the field), {@code make_struct} (a plain
 * struct with one field per member type). Paths are dotted, with backticks around names that hold
 * dots and {@code []} to step into arrays: {@code myList[].price}.
 *
 * @param path the path of the field
 * @param action the action, e.g. {@code cast:long}
 */
public record ResolveSpec(String path, String action) implements Serializable {

  /** Requires both parts. */
  public ResolveSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
  }

  /** A spec. */
  public static ResolveSpec of(String path, String action) {
    return new ResolveSpec(path, action);
  }

  @Override
  public String toString() {
    return "(" + path + ", " + action + ")";
  }
}
