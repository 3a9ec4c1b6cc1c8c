package io.dynaframe.types;

import com.google.common.base.Preconditions;

/** A fixed-point decimal with a precision (digits in all) and a scale (digits after the point). */
public record DecimalType(int precision, int scale) implements DataType {

  /** Validates precision 1..38 and scale 0..precision, as Spark and Hive do. */
  public DecimalType {
    Preconditions.checkArgument(
        precision >= 1 && precision <= 38,
        "decimal precision must be between 1 and 38, was %s",
        precision);
    Preconditions.checkArgument(
        scale >= 0 && scale <= precision,
        "decimal scale must be between 0 and the precision %s, was %s",
        precision,
        scale);
  }

  @Override
  public String typeName() {
    return "decimal";
  }

  @Override
  public String hiveType() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public String toString() {
    return hiveType();
  }
}
