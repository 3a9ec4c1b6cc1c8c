package io.dynaframe.catalog;

import java.io.Serializable;

/**
 * The name of a catalog database, as a value.
 *
 * <p>Names follow AWS Glue's rules (1 to 255 characters on one line) and are kept in lower case, as
 * Glue and the Hive metastore store them: {@code DatabaseName.of("Sales")} equals {@code
 * DatabaseName.of("sales")}. Implementations may be stricter (Spark's own catalog accepts only
 * letters, digits and {@code _}) and say so when a name is rejected.
 */
public final class DatabaseName implements Serializable, Comparable<DatabaseName> {
  private static final long serialVersionUID = 1L;

  private final String name;

  private DatabaseName(String name) {
    this.name = name;
  }

  /**
   * The database of this name, in lower case.
   *
   * @throws IllegalArgumentException if the name breaks Glue's rules
   */
  public static DatabaseName of(String name) {
    return new DatabaseName(Names.check("database", name));
  }

  /** The name, in lower case. */
  public String name() {
    return name;
  }

  /** The table of this name in this database. */
  public TableIdentifier table(String table) {
    return TableIdentifier.of(this, table);
  }

  @Override
  public int compareTo(DatabaseName o) {
    return name.compareTo(o.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseName other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** The name. */
  @Override
  public String toString() {
    return name;
  }
}
