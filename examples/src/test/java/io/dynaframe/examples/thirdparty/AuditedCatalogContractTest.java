package io.dynaframe.examples.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.Page;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.CatalogContract;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * A catalog written outside dynaframe runs dynaframe's catalog contract by extending the exported
 * {@link CatalogContract}: here a catalog that records every call it serves (an audit trail in
 * front of another catalog), in a package of its own.
 */
class AuditedCatalogContractTest
    extends CatalogContract<AuditedCatalogContractTest.AuditedCatalog> {

  private static final AuditedCatalog CATALOG = new AuditedCatalog(InMemoryCatalog.create());

  @Override
  protected AuditedCatalog catalog() {
    return CATALOG;
  }

  @AfterAll
  static void everyKindOfCallWentThroughTheAuditedCatalog() {
    assertThat(CATALOG.calls())
        .containsKeys(
            "createDatabase",
            "dropDatabase",
            "createTable",
            "getTable",
            "updateTable",
            "createPartitions",
            "listPartitions",
            "dropPartitions");
  }

  /**
   * A third party's catalog: serves every call from another catalog and counts the calls by method.
   */
  static final class AuditedCatalog implements Catalog {
    private final Catalog inner;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    AuditedCatalog(Catalog inner) {
      this.inner = inner;
    }

    Map<String, AtomicLong> calls() {
      return calls;
    }

    private void audit(String call) {
      calls.computeIfAbsent(call, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void createConnection(Connection connection) {
      audit("createConnection");
      inner.createConnection(connection);
    }

    @Override
    public Connection getConnection(String name) {
      audit("getConnection");
      return inner.getConnection(name);
    }

    @Override
    public void deleteConnection(String name) {
      audit("deleteConnection");
      inner.deleteConnection(name);
    }

    @Override
    public Page<Connection> listConnections(String pageToken, int pageSize) {
      audit("listConnections");
      return inner.listConnections(pageToken, pageSize);
    }

    @Override
    public String type() {
      return "audited";
    }

    @Override
    public void createDatabase(Database database) {
      audit("createDatabase");
      inner.createDatabase(database);
    }

    @Override
    public Database getDatabase(DatabaseName name) {
      audit("getDatabase");
      return inner.getDatabase(name);
    }

    @Override
    public Page<Database> listDatabases(String pageToken, int pageSize) {
      audit("listDatabases");
      return inner.listDatabases(pageToken, pageSize);
    }

    @Override
    public void updateDatabase(Database database) {
      audit("updateDatabase");
      inner.updateDatabase(database);
    }

    @Override
    public void dropDatabase(DatabaseName name) {
      audit("dropDatabase");
      inner.dropDatabase(name);
    }

    @Override
    public void createTable(TableDefinition table) {
      audit("createTable");
      inner.createTable(table);
    }

    @Override
    public TableDefinition getTable(TableIdentifier identifier) {
      audit("getTable");
      return inner.getTable(identifier);
    }

    @Override
    public Page<TableDefinition> listTables(DatabaseName database, String pageToken, int pageSize) {
      audit("listTables");
      return inner.listTables(database, pageToken, pageSize);
    }

    @Override
    public TableDefinition updateTable(TableDefinition table) {
      audit("updateTable");
      return inner.updateTable(table);
    }

    @Override
    public void dropTable(TableIdentifier identifier) {
      audit("dropTable");
      inner.dropTable(identifier);
    }

    @Override
    public void createPartition(TableIdentifier table, Partition partition) {
      audit("createPartition");
      inner.createPartition(table, partition);
    }

    @Override
    public List<List<String>> createPartitions(TableIdentifier table, List<Partition> partitions) {
      audit("createPartitions");
      return inner.createPartitions(table, partitions);
    }

    @Override
    public Partition getPartition(TableIdentifier table, List<String> values) {
      audit("getPartition");
      return inner.getPartition(table, values);
    }

    @Override
    public Page<Partition> listPartitions(
        TableIdentifier table, String expression, String pageToken, int pageSize) {
      audit("listPartitions");
      return inner.listPartitions(table, expression, pageToken, pageSize);
    }

    @Override
    public void updatePartition(TableIdentifier table, Partition partition) {
      audit("updatePartition");
      inner.updatePartition(table, partition);
    }

    @Override
    public void dropPartition(TableIdentifier table, List<String> values) {
      audit("dropPartition");
      inner.dropPartition(table, values);
    }

    @Override
    public void dropPartitions(TableIdentifier table, List<List<String>> values) {
      audit("dropPartitions");
      inner.dropPartitions(table, values);
    }
  }
}
