package io.dynaframe.types;

import java.io.Serializable;

/**
 * A type in Glue's type model: the type of one value, of a field across records, or of a whole
 * record. Unlike Spark's types it has a {@link ChoiceType}, the type of a field whose values have
 * more than one type across records.
 *
 * <p>Values are immutable and compare by value. Build them with {@link Types}.
 */
public sealed interface DataType extends Serializable
    permits AtomicType, DecimalType, ArrayType, MapType, StructType, ChoiceType {

  /**
   * Glue's name of the type, as printed by {@code printSchema()} and used in {@code cast:<type>}
   * actions and choice member names: {@code long}, {@code string}, {@code struct}, {@code array},
   * {@code choice}, ...
   */
  String typeName();

  /**
   * The type in Hive's DDL spelling, as a Data Catalog column type: {@code bigint}, {@code
   * array<struct<a:int>>}, {@code decimal(7,2)}. A choice has no Hive spelling and is written as
   * the struct it is stored as.
   */
  String hiveType();

  /** True for {@link ChoiceType}. */
  default boolean isChoice() {
    return false;
  }

  /** True when this type, or any type nested in it, is a choice. */
  default boolean containsChoice() {
    return false;
  }
}
