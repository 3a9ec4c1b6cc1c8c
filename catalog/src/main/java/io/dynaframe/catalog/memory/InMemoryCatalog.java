package io.dynaframe.catalog.memory;

import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CommitConflictException;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.NoSuchConnectionException;
import io.dynaframe.catalog.NoSuchDatabaseException;
import io.dynaframe.catalog.NoSuchPartitionException;
import io.dynaframe.catalog.NoSuchTableException;
import io.dynaframe.catalog.Page;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.PartitionExpression;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.internal.Checks;
import io.dynaframe.catalog.internal.Paging;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A catalog held in memory, for unit tests: the same contract as the others, nothing kept when the
 * JVM ends. Thread-safe. Type name {@code memory}; it takes no properties.
 */
public final class InMemoryCatalog implements Catalog {

  private final Map<DatabaseName, Db> databases = new TreeMap<>();
  private final Map<String, Connection> connections = new TreeMap<>();

  private static final class Db {
    Database database;
    final Map<String, Tbl> tables = new TreeMap<>();

    Db(Database database) {
      this.database = database;
    }
  }

  private static final class Tbl {
    TableDefinition definition;
    long version = 1;
    final Map<List<String>, Partition> partitions = new LinkedHashMap<>();

    Tbl(TableDefinition definition) {
      this.definition = definition;
    }

    TableDefinition withVersion() {
      return definition.toBuilder().version(String.valueOf(version)).build();
    }
  }

  private InMemoryCatalog() {}

  /** A new, empty catalog. */
  public static InMemoryCatalog create() {
    return new InMemoryCatalog();
  }

  @Override
  public String type() {
    return "memory";
  }

  @Override
  public synchronized void createDatabase(Database database) {
    Objects.requireNonNull(database, "database");
    if (databases.containsKey(database.name())) {
      throw new AlreadyExistsException("Database already exists: " + database.name());
    }
    databases.put(database.name(), new Db(database));
  }

  @Override
  public synchronized Database getDatabase(DatabaseName name) {
    return db(name).database;
  }

  @Override
  public synchronized Page<Database> listDatabases(String pageToken, int pageSize) {
    List<Database> all = databases.values().stream().map(d -> d.database).toList();
    return Paging.page(all, pageToken, pageSize);
  }

  @Override
  public synchronized void updateDatabase(Database database) {
    db(database.name()).database = database;
  }

  @Override
  public synchronized void dropDatabase(DatabaseName name) {
    db(name);
    databases.remove(name);
  }

  @Override
  public synchronized void createTable(TableDefinition table) {
    Db db = db(table.identifier().database());
    if (db.tables.containsKey(table.identifier().name())) {
      throw new AlreadyExistsException("Table already exists: " + table.identifier());
    }
    db.tables.put(table.identifier().name(), new Tbl(table.toBuilder().version(null).build()));
  }

  @Override
  public synchronized TableDefinition getTable(TableIdentifier identifier) {
    return tbl(identifier).withVersion();
  }

  @Override
  public synchronized Page<TableDefinition> listTables(
      DatabaseName database, String pageToken, int pageSize) {
    List<TableDefinition> all =
        db(database).tables.values().stream().map(Tbl::withVersion).toList();
    return Paging.page(all, pageToken, pageSize);
  }

  @Override
  public synchronized TableDefinition updateTable(TableDefinition table) {
    Tbl t = tbl(table.identifier());
    if (table.version().isPresent() && !table.version().get().equals(String.valueOf(t.version))) {
      throw new CommitConflictException(
          "Table "
              + table.identifier()
              + " was changed concurrently: expected version "
              + table.version().get()
              + ", found "
              + t.version);
    }
    t.definition = table.toBuilder().version(null).build();
    t.version++;
    return t.withVersion();
  }

  @Override
  public synchronized void dropTable(TableIdentifier identifier) {
    tbl(identifier);
    databases.get(identifier.database()).tables.remove(identifier.name());
  }

  @Override
  public synchronized void createPartition(TableIdentifier table, Partition partition) {
    Tbl t = tbl(table);
    Checks.partition(t.definition, partition);
    if (t.partitions.containsKey(partition.values())) {
      throw new AlreadyExistsException(
          "Partition already exists: " + table + " " + partition.values());
    }
    t.partitions.put(partition.values(), partition);
  }

  @Override
  public synchronized List<List<String>> createPartitions(
      TableIdentifier table, List<Partition> partitions) {
    Tbl t = tbl(table);
    partitions.forEach(p -> Checks.partition(t.definition, p));
    List<List<String>> skipped = new ArrayList<>();
    for (Partition p : partitions) {
      if (t.partitions.putIfAbsent(p.values(), p) != null) {
        skipped.add(p.values());
      }
    }
    return skipped;
  }

  @Override
  public synchronized Partition getPartition(TableIdentifier table, List<String> values) {
    Tbl t = tbl(table);
    Checks.values(t.definition, values);
    Partition p = t.partitions.get(List.copyOf(values));
    if (p == null) {
      throw new NoSuchPartitionException(Checks.noPartition(t.definition, values));
    }
    return p;
  }

  @Override
  public synchronized Page<Partition> listPartitions(
      TableIdentifier table, String expression, String pageToken, int pageSize) {
    Tbl t = tbl(table);
    PartitionExpression e = Checks.expression(t.definition, expression);
    List<Partition> all =
        t.partitions.values().stream()
            .filter(p -> e == null || e.matches(t.definition.partitionKeys(), p.values()))
            .toList();
    return Paging.page(all, pageToken, pageSize);
  }

  @Override
  public synchronized void updatePartition(TableIdentifier table, Partition partition) {
    getPartition(table, partition.values());
    tbl(table).partitions.put(partition.values(), partition);
  }

  @Override
  public synchronized void dropPartition(TableIdentifier table, List<String> values) {
    getPartition(table, values);
    tbl(table).partitions.remove(List.copyOf(values));
  }

  @Override
  public synchronized void dropPartitions(TableIdentifier table, List<List<String>> values) {
    Tbl t = tbl(table);
    for (List<String> v : values) {
      t.partitions.remove(List.copyOf(v));
    }
  }

  @Override
  public synchronized void createConnection(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    if (connections.containsKey(connection.name())) {
      throw new AlreadyExistsException("Connection already exists: " + connection.name());
    }
    connections.put(connection.name(), connection);
  }

  @Override
  public synchronized Connection getConnection(String name) {
    Connection c = connections.get(Objects.requireNonNull(name, "connection name"));
    if (c == null) {
      throw new NoSuchConnectionException("Connection does not exist: " + name);
    }
    return c;
  }

  @Override
  public synchronized void deleteConnection(String name) {
    getConnection(name);
    connections.remove(name);
  }

  @Override
  public synchronized Page<Connection> listConnections(String pageToken, int pageSize) {
    return Paging.page(List.copyOf(connections.values()), pageToken, pageSize);
  }

  private Db db(DatabaseName name) {
    Db db = databases.get(Objects.requireNonNull(name, "database name"));
    if (db == null) {
      throw new NoSuchDatabaseException("Database does not exist: " + name);
    }
    return db;
  }

  private Tbl tbl(TableIdentifier id) {
    Tbl t = db(id.database()).tables.get(id.name());
    if (t == null) {
      throw new NoSuchTableException("Table does not exist: " + id);
    }
    return t;
  }

  @Override
  public String toString() {
    return "InMemoryCatalog" + databases.keySet();
  }
}
