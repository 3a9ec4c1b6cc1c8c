package io.dynaframe.types;

import java.util.Objects;

/** A list of values of one element type (which may itself be a choice). */
public record ArrayType(DataType elementType) implements DataType {

  public ArrayType {
    Objects.requireNonNull(elementType, "elementType");
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String hiveType() {
    return "array<" + elementType.hiveType() + ">";
  }

  @Override
  public boolean containsChoice() {
    return elementType.isChoice() || elementType.containsChoice();
  }

  @Override
  public String toString() {
    return "array<" + elementType + ">";
  }
}
