package io.dynaframe.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A Data Catalog of databases, tables and partitions, shaped like AWS Glue's (and the Hive
 * metastore's). Implementations are picked by name with {@link Catalogs#load}; every one passes the
 * same contract tests.
 *
 * <p>Listings are paged: pass {@code null} as the page token for the first page and the returned
 * {@link Page#nextPageToken()} for the next; {@code pageSize} is an upper bound (a catalog may
 * return fewer items, and a service caps it). The {@code listAll...} defaults read every page.
 *
 * <p>Catalogs never delete data files: dropping a table or partition removes its metadata only.
 * Methods throw the unchecked exceptions of this package: {@link NoSuchDatabaseException}, {@link
 * NoSuchTableException}, {@link NoSuchPartitionException}, {@link AlreadyExistsException}, {@link
 * CommitConflictException}, and {@link CatalogException} for any other failure of the service
 * behind the catalog.
 */
public interface Catalog extends AutoCloseable {

  /**
   * The type name this catalog was loaded by: {@code memory}, {@code embedded}, {@code glue}, ...
   */
  String type();

  // ---------------------------------------------------------------- databases

  /**
   * Creates a database.
   *
   * @throws AlreadyExistsException if a database of that name exists
   */
  void createDatabase(Database database);

  /**
   * The database of this name.
   *
   * @throws NoSuchDatabaseException if there is none
   */
  Database getDatabase(DatabaseName name);

  /** True when the database exists. */
  default boolean databaseExists(DatabaseName name) {
    try {
      getDatabase(name);
      return true;
    } catch (NoSuchDatabaseException e) {
      return false;
    }
  }

  /** One page of the databases, by name. */
  Page<Database> listDatabases(String pageToken, int pageSize);

  /** Every database. */
  default List<Database> listAllDatabases() {
    return readAll(token -> listDatabases(token, 100));
  }

  /**
   * Replaces a database's description, location and parameters.
   *
   * @throws NoSuchDatabaseException if it does not exist
   */
  void updateDatabase(Database database);

  /**
   * Drops a database with the tables and partitions in it (metadata only, as Glue's {@code
   * DeleteDatabase}).
   *
   * @throws NoSuchDatabaseException if it does not exist
   */
  void dropDatabase(DatabaseName name);

  // ---------------------------------------------------------------- tables

  /**
   * Creates a table.
   *
   * @throws NoSuchDatabaseException if its database does not exist
   * @throws AlreadyExistsException if a table of that name exists
   */
  void createTable(TableDefinition table);

  /**
   * The table of this name, with the catalog's {@link TableDefinition#version()}.
   *
   * @throws NoSuchDatabaseException if the database does not exist
   * @throws NoSuchTableException if the table does not exist
   */
  TableDefinition getTable(TableIdentifier identifier);

  /** True when the table exists. */
  default boolean tableExists(TableIdentifier identifier) {
    try {
      getTable(identifier);
      return true;
    } catch (NoSuchTableException | NoSuchDatabaseException e) {
      return false;
    }
  }

  /**
   * One page of the tables of a database, by name.
   *
   * @throws NoSuchDatabaseException if the database does not exist
   */
  Page<TableDefinition> listTables(DatabaseName database, String pageToken, int pageSize);

  /** Every table of a database. */
  default List<TableDefinition> listAllTables(DatabaseName database) {
    return readAll(token -> listTables(database, token, 100));
  }

  /**
   * Replaces a table's definition and returns it as stored, with its new version. When the
   * definition carries a {@link TableDefinition#version()} the update happens only if that is still
   * the table's current version. Partitions are kept.
   *
   * @throws NoSuchTableException if the table does not exist
   * @throws CommitConflictException if the table changed since the given version was read
   */
  TableDefinition updateTable(TableDefinition table);

  /**
   * Drops a table and its partitions (metadata only).
   *
   * @throws NoSuchTableException if the table does not exist
   */
  void dropTable(TableIdentifier identifier);

  // ---------------------------------------------------------------- partitions

  /**
   * Adds a partition to a table.
   *
   * @throws NoSuchTableException if the table does not exist
   * @throws IllegalArgumentException if the number of values is not the number of partition keys
   * @throws AlreadyExistsException if a partition of those values exists
   */
  void createPartition(TableIdentifier table, Partition partition);

  /**
   * Adds partitions in batches (Glue's {@code BatchCreatePartition}, 100 at a time), skipping those
   * whose values exist already; returns the values of the skipped ones.
   *
   * @throws NoSuchTableException if the table does not exist
   */
  List<List<String>> createPartitions(TableIdentifier table, List<Partition> partitions);

  /**
   * The partition of these values.
   *
   * @throws NoSuchTableException if the table does not exist
   * @throws NoSuchPartitionException if it has no such partition
   */
  Partition getPartition(TableIdentifier table, List<String> values);

  /**
   * One page of a table's partitions, in no particular order, optionally filtered by a {@link
   * PartitionExpression} ({@code null} for all).
   *
   * @throws NoSuchTableException if the table does not exist
   * @throws IllegalArgumentException if the expression cannot be read or names a key the table
   *     lacks
   */
  Page<Partition> listPartitions(
      TableIdentifier table, String expression, String pageToken, int pageSize);

  /** Every partition of a table that passes the expression ({@code null} for all). */
  default List<Partition> listAllPartitions(TableIdentifier table, String expression) {
    return readAll(token -> listPartitions(table, expression, token, 1000));
  }

  /**
   * Replaces the location and parameters of the partition with the same values.
   *
   * @throws NoSuchPartitionException if there is no such partition
   */
  void updatePartition(TableIdentifier table, Partition partition);

  /**
   * Drops a partition (metadata only).
   *
   * @throws NoSuchPartitionException if there is no such partition
   */
  void dropPartition(TableIdentifier table, List<String> values);

  /**
   * Drops partitions in batches (Glue's {@code BatchDeletePartition}, 25 at a time); values of
   * partitions that do not exist are ignored.
   *
   * @throws NoSuchTableException if the table does not exist
   */
  void dropPartitions(TableIdentifier table, List<List<String>> values);

  // ---------------------------------------------------------------- connections

  /**
   * Creates a connection (Glue's {@code CreateConnection}). By default a catalog keeps no
   * connections and this fails.
   *
   * @throws AlreadyExistsException if a connection of that name exists
   * @throws UnsupportedOperationException if this catalog keeps no connections
   */
  default void createConnection(Connection connection) {
    throw noConnections();
  }

  /**
   * The connection of this name, its password included (Glue's {@code GetConnection}).
   *
   * @throws NoSuchConnectionException if there is none
   * @throws UnsupportedOperationException if this catalog keeps no connections
   */
  default Connection getConnection(String name) {
    throw noConnections();
  }

  /** True when the connection exists. */
  default boolean connectionExists(String name) {
    try {
      getConnection(name);
      return true;
    } catch (NoSuchConnectionException e) {
      return false;
    }
  }

  /**
   * Deletes a connection (Glue's {@code DeleteConnection}); tables that name it keep the name.
   *
   * @throws NoSuchConnectionException if there is none
   * @throws UnsupportedOperationException if this catalog keeps no connections
   */
  default void deleteConnection(String name) {
    throw noConnections();
  }

  /**
   * One page of the connections, by name (Glue's {@code GetConnections}).
   *
   * @throws UnsupportedOperationException if this catalog keeps no connections
   */
  default Page<Connection> listConnections(String pageToken, int pageSize) {
    throw noConnections();
  }

  /** Every connection. */
  default List<Connection> listAllConnections() {
    return readAll(token -> listConnections(token, 100));
  }

  private UnsupportedOperationException noConnections() {
    return new UnsupportedOperationException(
        "the " + type() + " catalog keeps no connections (Glue's connection objects)");
  }

  /** Releases the catalog's connections; the default does nothing. */
  @Override
  default void close() {}

  /** Reads every page of a listing. */
  private static <T> List<T> readAll(java.util.function.Function<String, Page<T>> pages) {
    List<T> all = new ArrayList<>();
    String token = null;
    do {
      Page<T> page = pages.apply(token);
      all.addAll(page.items());
      token = page.nextPageToken().orElse(null);
    } while (token != null);
    return all;
  }
}
