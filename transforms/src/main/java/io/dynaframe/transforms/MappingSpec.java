package io.dynaframe.transforms;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One mapping of {@link ApplyMapping}: the value at {@code sourcePath} goes to {@code targetPath},
 * cast to {@code targetType}. Glue's mapping tuples of 2, 3 or 4 strings:
 *
 * <ul>
 *   <li>{@code of(source, target)}: the value keeps its type;
 *   <li>{@code of(source, target, targetType)}: the value is cast (Glue leaves the meaning of its
 *       3-tuple undocumented; this is the reading that needs no source type);
 *   <li>{@code of(source, sourceType, target, targetType)}: Glue's usual form. The source type
 *       documents what the script expects and must be a known type name; the value is read as the
 *       frame holds it and cast to the target type.
 * </ul>
 *
 * Paths are dotted ({@code address.state}), with backticks around names that hold dots ({@code
 * `this.old.name`}). Type names are Glue's and Hive's ({@code long}, {@code bigint}, {@code
 * decimal(10,2)}, ...); {@code array}, {@code struct}, {@code map} and {@code choice} keep the
 * value as it is.
 *
 * @param sourcePath where the value is read
 * @param sourceType the type the script expects there, or null
 * @param targetPath where the value is written
 * @param targetType the type it is cast to, or null to keep its type
 */
public record MappingSpec(
    String sourcePath, String sourceType, String targetPath, String targetType)
    implements Serializable {

  /** Requires both paths. */
  public MappingSpec {
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(targetPath, "targetPath");
  }

  /** A mapping that moves a value and keeps its type. */
  public static MappingSpec of(String sourcePath, String targetPath) {
    return new MappingSpec(sourcePath, null, targetPath, null);
  }

  /** A mapping that moves a value and casts it. */
  public static MappingSpec of(String sourcePath, String targetPath, String targetType) {
    return new MappingSpec(
        sourcePath, null, targetPath, Objects.requireNonNull(targetType, "targetType"));
  }

  /** Glue's four-part mapping. */
  public static MappingSpec of(
      String sourcePath, String sourceType, String targetPath, String targetType) {
    return new MappingSpec(
        sourcePath,
        Objects.requireNonNull(sourceType, "sourceType"),
        targetPath,
        Objects.requireNonNull(targetType, "targetType"));
  }

  /**
   * A mapping from a Glue tuple of 2, 3 or 4 strings, in the order of {@link #of}.
   *
   * @throws IllegalArgumentException for another length
   */
  public static MappingSpec fromTuple(List<String> tuple) {
    return switch (tuple.size()) {
      case 2 -> of(tuple.get(0), tuple.get(1));
      case 3 -> of(tuple.get(0), tuple.get(1), tuple.get(2));
      case 4 -> of(tuple.get(0), tuple.get(1), tuple.get(2), tuple.get(3));
      default ->
          throw new IllegalArgumentException(
              "a mapping has 2, 3 or 4 parts, got " + tuple.size() + ": " + tuple);
    };
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("(").append(sourcePath);
    if (sourceType != null) {
      b.append(", ").append(sourceType);
    }
    b.append(", ").append(targetPath);
    if (targetType != null) {
      b.append(", ").append(targetType);
    }
    return b.append(')').toString();
  }
}
