package io.dynaframe.catalog;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of a catalog table: a name, a type in Hive's spelling as the Data Catalog stores it
 * ({@code bigint}, {@code decimal(7,2)}, {@code array<struct<a:int,b:string>>}), and an optional
 * comment. The name is kept in lower case, as Glue and Hive store column names.
 */
public final class Column implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String type;
  private final String comment;

  private Column(String name, String type, String comment) {
    this.name = Names.check("column", name);
    this.type = HiveTypes.normalize(Objects.requireNonNull(type, "type"));
    this.comment = comment;
  }

  /**
   * A column of this Hive type; the type string is checked and normalised ({@code BIGINT} becomes
   * {@code bigint}, spaces are dropped).
   *
   * @throws IllegalArgumentException if the type is not a Hive type string
   */
  public static Column of(String name, String hiveType) {
    return new Column(name, hiveType, null);
  }

  /** A column of this type ({@link DataType#hiveType()} gives its Hive spelling). */
  public static Column of(String name, DataType type) {
    return new Column(name, type.hiveType(), null);
  }

  /** The column of a schema field. */
  public static Column of(Field field) {
    return of(field.name(), field.type());
  }

  /** This column with a comment. */
  public Column withComment(String value) {
    return new Column(name, type, value);
  }

  /** The name, in lower case. */
  public String name() {
    return name;
  }

  /** The type in Hive's spelling. */
  public String type() {
    return type;
  }

  /** The type in dynaframe's type model. */
  public DataType dataType() {
    return HiveTypes.parse(type);
  }

  /** The comment, if any. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c
        && c.name.equals(name)
        && c.type.equals(type)
        && Objects.equals(c.comment, comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, comment);
  }

  /** {@code name:type}. */
  @Override
  public String toString() {
    return name + ":" + type;
  }
}
