package io.dynaframe.catalog;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * The name of a table in a database, as a value: {@code TableIdentifier.of("sales", "orders")},
 * printed {@code sales.orders}.
 *
 * <p>Both names follow AWS Glue's rules (1 to 255 characters on one line) and are kept in lower
 * case, as Glue and the Hive metastore store them.
 */
public final class TableIdentifier implements Serializable, Comparable<TableIdentifier> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<TableIdentifier> ORDER =
      Comparator.comparing(TableIdentifier::database).thenComparing(TableIdentifier::name);

  private final DatabaseName database;
  private final String name;

  private TableIdentifier(DatabaseName database, String name) {
    this.database = Objects.requireNonNull(database, "database");
    this.name = Names.check("table", name);
  }

  /** The table {@code table} of database {@code database}. */
  public static TableIdentifier of(String database, String table) {
    return new TableIdentifier(DatabaseName.of(database), table);
  }

  /** The table {@code table} of {@code database}. */
  public static TableIdentifier of(DatabaseName database, String table) {
    return new TableIdentifier(database, table);
  }

  /**
   * The identifier written as {@code database.table}; the database name ends at the first dot.
   *
   * @throws IllegalArgumentException when there is no dot or a name is invalid
   */
  public static TableIdentifier parse(String qualified) {
    Objects.requireNonNull(qualified, "qualified");
    int dot = qualified.indexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1) {
      throw new IllegalArgumentException(
          "a table identifier is written database.table, got '" + qualified + "'");
    }
    return of(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  /** The database. */
  public DatabaseName database() {
    return database;
  }

  /** The table's name in its database, in lower case. */
  public String name() {
    return name;
  }

  @Override
  public int compareTo(TableIdentifier o) {
    return ORDER.compare(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableIdentifier other
        && other.database.equals(database)
        && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return 31 * database.hashCode() + name.hashCode();
  }

  /** {@code database.table}. */
  @Override
  public String toString() {
    return database + "." + name;
  }
}
