package io.dynaframe;

import io.dynaframe.types.DataType;
import java.util.Objects;

/**
 * How {@link DynamicFrame#toDF(ResolveOption...)} resolves one choice column: keep it as a struct,
 * project one member type (values of other types become null), or cast every member to a type
 * (values that do not cast become null).
 *
 * @param path dotted path of the choice column
 * @param action what to do with it
 * @param target the type for {@code PROJECT} and {@code CAST}; null for {@code KEEP_AS_STRUCT}
 */
public record ResolveOption(String path, Action action, DataType target) {

  /** The three resolutions Glue's {@code toDF} knows. */
  public enum Action {
    PROJECT,
    KEEP_AS_STRUCT,
    CAST
  }

  /** Checks that a target type is given for {@code PROJECT} and {@code CAST}. */
  public ResolveOption {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
    if (action != Action.KEEP_AS_STRUCT && target == null) {
      throw new IllegalArgumentException("target type must be given for " + action + " of " + path);
    }
  }

  /** Keep only values of {@code type}. */
  public static ResolveOption project(String path, DataType type) {
    return new ResolveOption(path, Action.PROJECT, type);
  }

  /** Cast all values to {@code type}. */
  public static ResolveOption cast(String path, DataType type) {
    return new ResolveOption(path, Action.CAST, type);
  }

  /** Leave the choice as a struct with one field per member type. */
  public static ResolveOption keepAsStruct(String path) {
    return new ResolveOption(path, Action.KEEP_AS_STRUCT, null);
  }
}
