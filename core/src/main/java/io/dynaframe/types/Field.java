package io.dynaframe.types;

import java.io.Serializable;
import java.util.Objects;

/**
 * A named field of a {@link StructType}. Names are kept exactly as found, dots and spaces included.
 */
public record Field(String name, DataType type) implements Serializable {

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + ": " + type;
  }
}
