package io.dynaframe.types;

/**
 * A type without parts: boolean, the integral and floating-point numbers, string, binary, date,
 * timestamp, and {@code null} (the type of a field that is null in every record). The instances are
 * the constants of {@link Types}.
 */
public final class AtomicType implements DataType {
  private static final long serialVersionUID = 1L;

  private final String typeName;
  private final String hiveType;

  AtomicType(String typeName, String hiveType) {
    this.typeName = typeName;
    this.hiveType = hiveType;
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public String hiveType() {
    return hiveType;
  }

  /** True for the integral and floating-point types (decimal is a {@link DecimalType}). */
  public boolean isNumeric() {
    return switch (typeName) {
      case "byte", "short", "int", "long", "float", "double" -> true;
      default -> false;
    };
  }

  private Object readResolve() {
    return Types.atomic(typeName);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AtomicType other && other.typeName.equals(typeName);
  }

  @Override
  public int hashCode() {
    return typeName.hashCode();
  }

  @Override
  public String toString() {
    return typeName;
  }
}
