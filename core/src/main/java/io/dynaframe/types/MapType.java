package io.dynaframe.types;

import java.util.Objects;

/** A map from string keys to values of one type; in Glue's model map keys are always strings. */
public record MapType(DataType valueType) implements DataType {

  public MapType {
    Objects.requireNonNull(valueType, "valueType");
  }

  @Override
  public String typeName() {
    return "map";
  }

  @Override
  public String hiveType() {
    return "map<string," + valueType.hiveType() + ">";
  }

  @Override
  public boolean containsChoice() {
    return valueType.isChoice() || valueType.containsChoice();
  }

  @Override
  public String toString() {
    return "map<string," + valueType + ">";
  }
}
