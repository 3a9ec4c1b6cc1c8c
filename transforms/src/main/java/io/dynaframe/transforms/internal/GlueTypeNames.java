package io.dynaframe.transforms.internal;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Type names as Glue scripts write them in mappings and actions: the atomic names Types parses
 * ({@code long}, {@code bigint}, {@code decimal(10,2)}, ...) and the names of complex kinds ({@code
 * array}, {@code struct}, {@code map}, {@code choice}), which keep a value's type as it is.
 */
public final class GlueTypeNames {
  private GlueTypeNames() {}

  /** The complex kinds a mapping may name to keep a value as it is. */
  public static final List<String> COMPLEX =
      List.of("array", "struct", "map", "choice", "set", "object");

  /** Every name accepted, for suggestions. */
  public static final List<String> KNOWN =
      List.of(
          "boolean",
          "byte",
          "tinyint",
          "short",
          "smallint",
          "int",
          "integer",
          "long",
          "bigint",
          "float",
          "double",
          "decimal",
          "string",
          "varchar",
          "binary",
          "date",
          "timestamp",
          "null",
          "array",
          "struct",
          "map",
          "choice");

  /** True for the names of complex kinds. */
  public static boolean isComplex(String name) {
    return COMPLEX.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  /** The atomic or decimal type of a name; empty for complex kinds. */
  public static Optional<DataType> atomic(String name) {
    if (isComplex(name)) {
      return Optional.empty();
    }
    return Optional.of(Types.parse(name));
  }
}
