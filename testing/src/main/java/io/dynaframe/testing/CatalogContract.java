package io.dynaframe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
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
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Catalog} implementation passes, for dynaframe's own catalogs and for
 * yours: extend it in a JUnit 5 test class ({@code class MyCatalogTest extends
 * CatalogContract<MyCatalog>}) and supply the catalog. A subclass supplies the catalog and says,
 * with the capability flags, what its implementation cannot do; tests of those things are then
 * skipped by assumption. Every test works in a database of its own, so the catalog may be shared
 * between tests.
 *
 * @param <C> the implementation
 */
public abstract class CatalogContract<C extends Catalog> {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** The catalog under test; may be the same instance for every test. */
  protected abstract C catalog();

  /** Whether {@link Catalog#updateTable} detects a stale version. */
  protected boolean supportsCommitConflicts() {
    return true;
  }

  /** Whether the catalog keeps Glue's connection objects ({@link Catalog#createConnection}). */
  protected boolean supportsConnections() {
    return true;
  }

  /** How many partitions the batch tests add (more than 100 exercises Glue's chunking). */
  protected int batchSize() {
    return 130;
  }

  /** A location URI for a table or partition. */
  protected String location(String relative) {
    return "file:/tmp/dynaframe-contract/" + relative;
  }

  protected DatabaseName db;
  private final List<DatabaseName> created = new ArrayList<>();
  private final List<String> connections = new ArrayList<>();

  @BeforeEach
  public void newDatabase() {
    db =
        DatabaseName.of(
            "contract_"
                + getClass().getSimpleName().toLowerCase()
                + "_"
                + COUNTER.incrementAndGet());
    createDb(db);
  }

  @AfterEach
  public void dropDatabases() {
    for (String c : connections) {
      if (catalog().connectionExists(c)) {
        catalog().deleteConnection(c);
      }
    }
    connections.clear();
    for (DatabaseName d : created) {
      if (catalog().databaseExists(d)) {
        catalog().dropDatabase(d);
      }
    }
    created.clear();
  }

  private void createDb(DatabaseName name) {
    catalog()
        .createDatabase(
            Database.of(name)
                .withDescription("contract test")
                .withParameters(Map.of("owner", "tests")));
    created.add(name);
  }

  private TableDefinition.Builder table(String name) {
    return TableDefinition.builder(db.table(name))
        .column("id", "bigint")
        .column(Column.of("name", "string").withComment("the name"))
        .column("price", "decimal(7,2)")
        .column("items", "array<struct<a:int,b:string>>")
        .column("tags", "map<string,bigint>")
        .partitionKey("year", "string")
        .partitionKey("month", "int")
        .location(location(db + "/" + name))
        .classification("parquet")
        .parameter("k", "v")
        .description("a table");
  }

  private TableDefinition unpartitioned(String name) {
    return TableDefinition.builder(db.table(name))
        .column("id", "bigint")
        .location(location(db + "/" + name))
        .classification("csv")
        .parameter("skip.header.line.count", "1")
        .build();
  }

  private static List<String> valuesOf(Partition p) {
    return p.values();
  }

  // ---------------------------------------------------------------- databases

  @Test
  public void createsAndGetsADatabase() {
    Database d = catalog().getDatabase(db);
    assertThat(d.name()).isEqualTo(db);
    assertThat(d.description()).contains("contract test");
    assertThat(d.parameters()).containsEntry("owner", "tests");
    assertThat(catalog().databaseExists(db)).isTrue();
  }

  @Test
  public void databaseNamesAreLowerCase() {
    assertThat(catalog().getDatabase(DatabaseName.of(db.name().toUpperCase())).name())
        .isEqualTo(db);
  }

  @Test
  public void rejectsADuplicateDatabase() {
    assertThatThrownBy(() -> catalog().createDatabase(Database.of(db)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Database already exists: " + db);
  }

  @Test
  public void failsOnAMissingDatabase() {
    DatabaseName missing = DatabaseName.of(db + "_missing");
    assertThatThrownBy(() -> catalog().getDatabase(missing))
        .isInstanceOf(NoSuchDatabaseException.class)
        .hasMessage("Database does not exist: " + missing);
    assertThat(catalog().databaseExists(missing)).isFalse();
    assertThatThrownBy(() -> catalog().listTables(missing, null, 10))
        .isInstanceOf(NoSuchDatabaseException.class);
    assertThatThrownBy(
            () ->
                catalog()
                    .createTable(
                        unpartitioned("t").toBuilder().identifier(missing.table("t")).build()))
        .isInstanceOf(NoSuchDatabaseException.class);
  }

  @Test
  public void listsDatabasesInPages() {
    DatabaseName a = DatabaseName.of(db + "_a");
    DatabaseName b = DatabaseName.of(db + "_b");
    createDb(a);
    createDb(b);
    Set<DatabaseName> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      Page<Database> page = catalog().listDatabases(token, 1);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
      page.items().forEach(d -> seen.add(d.name()));
      token = page.nextPageToken().orElse(null);
      pages++;
    } while (token != null);
    assertThat(seen).contains(db, a, b);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(catalog().listAllDatabases()).extracting(Database::name).contains(db, a, b);
  }

  @Test
  public void updatesADatabase() {
    catalog()
        .updateDatabase(
            catalog()
                .getDatabase(db)
                .withDescription("changed")
                .withParameters(Map.of("owner", "someone else")));
    Database d = catalog().getDatabase(db);
    assertThat(d.description()).contains("changed");
    assertThat(d.parameters()).containsEntry("owner", "someone else");
  }

  @Test
  public void dropsADatabaseWithItsTables() {
    DatabaseName other = DatabaseName.of(db + "_drop");
    createDb(other);
    catalog().createTable(unpartitioned("t").toBuilder().identifier(other.table("t")).build());
    catalog().dropDatabase(other);
    assertThat(catalog().databaseExists(other)).isFalse();
    assertThat(catalog().tableExists(other.table("t"))).isFalse();
    assertThatThrownBy(() -> catalog().dropDatabase(other))
        .isInstanceOf(NoSuchDatabaseException.class);
  }

  // ---------------------------------------------------------------- tables

  @Test
  public void createsAndGetsATable() {
    TableDefinition t = table("orders").build();
    catalog().createTable(t);
    TableDefinition got = catalog().getTable(db.table("orders"));
    assertThat(got.identifier()).isEqualTo(db.table("orders"));
    assertThat(got.columns()).isEqualTo(t.columns());
    assertThat(got.partitionKeys()).isEqualTo(t.partitionKeys());
    assertThat(got.location()).isEqualTo(t.location());
    assertThat(got.classification()).contains("parquet");
    assertThat(got.format().serializationLibrary()).isEqualTo(t.format().serializationLibrary());
    assertThat(got.format().inputFormat()).isEqualTo(t.format().inputFormat());
    assertThat(got.format().outputFormat()).isEqualTo(t.format().outputFormat());
    assertThat(got.parameters()).containsEntry("k", "v").containsEntry("classification", "parquet");
    assertThat(got.description()).contains("a table");
    assertThat(got.tableType()).isEqualTo(TableDefinition.EXTERNAL_TABLE);
    assertThat(catalog().tableExists(db.table("orders"))).isTrue();
  }

  @Test
  public void readsColumnTypesIntoTheTypeModel() {
    catalog().createTable(table("typed").build());
    TableDefinition got = catalog().getTable(db.table("typed"));
    assertThat(got.schema())
        .isEqualTo(
            Types.struct(
                Types.field("id", Types.LONG),
                Types.field("name", Types.STRING),
                Types.field("price", Types.decimal(7, 2)),
                Types.field(
                    "items",
                    Types.array(
                        Types.struct(Types.field("a", Types.INT), Types.field("b", Types.STRING)))),
                Types.field("tags", Types.map(Types.LONG)),
                Types.field("year", Types.STRING),
                Types.field("month", Types.INT)));
  }

  @Test
  public void keepsCsvFormatDetails() {
    TableDefinition t =
        TableDefinition.builder(db.table("csv"))
            .column("a", "string")
            .column("b", "bigint")
            .location(location(db + "/csv"))
            .format(StorageFormat.csv("|"))
            .parameter("classification", "csv")
            .parameter("skip.header.line.count", "1")
            .build();
    catalog().createTable(t);
    TableDefinition got = catalog().getTable(db.table("csv"));
    assertThat(got.classification()).contains("csv");
    assertThat(got.format().serdeParameters()).containsEntry("field.delim", "|");
    assertThat(got.parameters()).containsEntry("skip.header.line.count", "1");
  }

  @Test
  public void tableNamesAreLowerCase() {
    catalog().createTable(unpartitioned("Mixed_Case"));
    assertThat(
            catalog()
                .getTable(TableIdentifier.of(db.name().toUpperCase(), "MIXED_CASE"))
                .identifier())
        .isEqualTo(db.table("mixed_case"));
  }

  @Test
  public void rejectsADuplicateTable() {
    catalog().createTable(unpartitioned("t"));
    assertThatThrownBy(() -> catalog().createTable(unpartitioned("t")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Table already exists: " + db + ".t");
  }

  @Test
  public void failsOnAMissingTable() {
    assertThatThrownBy(() -> catalog().getTable(db.table("nope")))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("Table does not exist: " + db + ".nope");
    assertThat(catalog().tableExists(db.table("nope"))).isFalse();
    assertThatThrownBy(() -> catalog().dropTable(db.table("nope")))
        .isInstanceOf(NoSuchTableException.class);
    assertThatThrownBy(() -> catalog().updateTable(unpartitioned("nope")))
        .isInstanceOf(NoSuchTableException.class);
    assertThatThrownBy(() -> catalog().listPartitions(db.table("nope"), null, null, 10))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  public void listsTablesInPages() {
    for (int i = 0; i < 5; i++) {
      catalog().createTable(unpartitioned("t" + i));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      Page<TableDefinition> page = catalog().listTables(db, token, 2);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(t -> names.add(t.identifier().name()));
      token = page.nextPageToken().orElse(null);
    } while (token != null);
    assertThat(names).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    assertThat(catalog().listAllTables(db)).hasSize(5);
  }

  @Test
  public void updatesATableAndKeepsItsPartitions() {
    catalog().createTable(table("t").build());
    catalog()
        .createPartition(
            db.table("t"), Partition.of(List.of("2024", "1"), location(db + "/t/2024/1")));
    TableDefinition read = catalog().getTable(db.table("t"));
    TableDefinition changed =
        read.toBuilder().column("extra", "string").parameter("k", "w").build();
    TableDefinition stored = catalog().updateTable(changed);
    assertThat(stored.version()).isNotEqualTo(read.version());
    TableDefinition got = catalog().getTable(db.table("t"));
    assertThat(got.columns())
        .extracting(Column::name)
        .containsExactly("id", "name", "price", "items", "tags", "extra");
    assertThat(got.parameters()).containsEntry("k", "w");
    assertThat(got.version()).isEqualTo(stored.version());
    assertThat(catalog().listAllPartitions(db.table("t"), null))
        .extracting(CatalogContract::valuesOf)
        .containsExactly(List.of("2024", "1"));
  }

  @Test
  public void rejectsAnUpdateOfAStaleVersion() {
    assumeTrue(supportsCommitConflicts(), "this catalog has no table versions");
    catalog().createTable(unpartitioned("t"));
    TableDefinition first = catalog().getTable(db.table("t"));
    assertThat(first.version()).isPresent();
    catalog().updateTable(first.toBuilder().parameter("by", "first").build());
    assertThatThrownBy(
            () -> catalog().updateTable(first.toBuilder().parameter("by", "second").build()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining(db + ".t");
    assertThat(catalog().getTable(db.table("t")).parameters()).containsEntry("by", "first");
  }

  @Test
  public void dropsATable() {
    catalog().createTable(table("t").build());
    catalog()
        .createPartition(db.table("t"), Partition.of(List.of("2024", "1"), location(db + "/t/a")));
    catalog().dropTable(db.table("t"));
    assertThat(catalog().tableExists(db.table("t"))).isFalse();
    catalog().createTable(table("t").build());
    assertThat(catalog().listAllPartitions(db.table("t"), null)).isEmpty();
  }

  // ---------------------------------------------------------------- partitions

  @Test
  public void createsAndGetsAPartition() {
    catalog().createTable(table("t").build());
    Partition p =
        Partition.of(List.of("2024", "5"), location(db + "/t/year=2024/month=5"))
            .withParameters(Map.of("source", "test"));
    catalog().createPartition(db.table("t"), p);
    Partition got = catalog().getPartition(db.table("t"), List.of("2024", "5"));
    assertThat(got.values()).containsExactly("2024", "5");
    assertThat(got.location()).isEqualTo(p.location());
    assertThat(got.parameters()).containsEntry("source", "test");
  }

  @Test
  public void rejectsBadPartitions() {
    catalog().createTable(table("t").build());
    Partition p = Partition.of(List.of("2024", "5"), location(db + "/t/p"));
    catalog().createPartition(db.table("t"), p);
    assertThatThrownBy(() -> catalog().createPartition(db.table("t"), p))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(db + ".t")
        .hasMessageContaining("[2024, 5]");
    assertThatThrownBy(() -> catalog().getPartition(db.table("t"), List.of("2024", "6")))
        .isInstanceOf(NoSuchPartitionException.class)
        .hasMessage("Partition does not exist: " + db + ".t [2024, 6]");
    assertThatThrownBy(
            () ->
                catalog()
                    .createPartition(db.table("t"), Partition.of(List.of("2024"), location("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 partition keys [year, month]");
    assertThatThrownBy(() -> catalog().createPartition(db.table("nope"), p))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  public void createsPartitionsInBatchesAndSkipsExistingOnes() {
    catalog().createTable(table("t").build());
    catalog()
        .createPartition(
            db.table("t"), Partition.of(List.of("2000", "1"), location(db + "/t/first")));
    List<Partition> batch = new ArrayList<>();
    for (int i = 0; i < batchSize(); i++) {
      batch.add(
          Partition.of(
              List.of(String.valueOf(2000 + i / 12), String.valueOf(1 + i % 12)),
              location(db + "/t/" + i)));
    }
    List<List<String>> skipped = catalog().createPartitions(db.table("t"), batch);
    assertThat(skipped).containsExactly(List.of("2000", "1"));
    List<Partition> all = catalog().listAllPartitions(db.table("t"), null);
    assertThat(all).hasSize(batchSize());
    assertThat(catalog().getPartition(db.table("t"), List.of("2000", "1")).location())
        .contains(location(db + "/t/first"));
  }

  @Test
  public void listsPartitionsByExpressionAndInPages() {
    catalog().createTable(table("t").build());
    List<Partition> batch = new ArrayList<>();
    for (String year : List.of("2023", "2024")) {
      for (int month = 1; month <= 12; month++) {
        batch.add(
            Partition.of(
                List.of(year, String.valueOf(month)), location(db + "/t/" + year + "/" + month)));
      }
    }
    catalog().createPartitions(db.table("t"), batch);
    List<Partition> selected =
        catalog().listAllPartitions(db.table("t"), "year = '2024' and month > 9");
    assertThat(selected)
        .extracting(CatalogContract::valuesOf)
        .containsExactlyInAnyOrder(
            List.of("2024", "10"), List.of("2024", "11"), List.of("2024", "12"));
    assertThat(catalog().listAllPartitions(db.table("t"), "month in (1, 2) and not year = '2023'"))
        .extracting(CatalogContract::valuesOf)
        .containsExactlyInAnyOrder(List.of("2024", "1"), List.of("2024", "2"));

    Set<List<String>> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      Page<Partition> page = catalog().listPartitions(db.table("t"), null, token, 5);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
      page.items().forEach(p -> seen.add(p.values()));
      token = page.nextPageToken().orElse(null);
      pages++;
    } while (token != null);
    assertThat(seen).hasSize(24);
    assertThat(pages).isGreaterThanOrEqualTo(5);
  }

  @Test
  public void rejectsAnExpressionOnAnUnknownKey() {
    catalog().createTable(table("t").build());
    assertThatThrownBy(() -> catalog().listPartitions(db.table("t"), "day = '1'", null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day");
  }

  @Test
  public void updatesAPartition() {
    catalog().createTable(table("t").build());
    catalog()
        .createPartition(
            db.table("t"), Partition.of(List.of("2024", "5"), location(db + "/t/old")));
    catalog()
        .updatePartition(
            db.table("t"),
            Partition.of(List.of("2024", "5"), location(db + "/t/new"))
                .withParameters(Map.of("run", "2")));
    Partition got = catalog().getPartition(db.table("t"), List.of("2024", "5"));
    assertThat(got.location()).contains(location(db + "/t/new"));
    assertThat(got.parameters()).containsEntry("run", "2");
    assertThatThrownBy(
            () ->
                catalog()
                    .updatePartition(
                        db.table("t"), Partition.of(List.of("1999", "1"), location("x"))))
        .isInstanceOf(NoSuchPartitionException.class);
  }

  @Test
  public void dropsPartitions() {
    catalog().createTable(table("t").build());
    List<Partition> batch = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      batch.add(Partition.of(List.of("2024", String.valueOf(i)), location(db + "/t/" + i)));
    }
    catalog().createPartitions(db.table("t"), batch);
    catalog().dropPartition(db.table("t"), List.of("2024", "1"));
    assertThatThrownBy(() -> catalog().dropPartition(db.table("t"), List.of("2024", "1")))
        .isInstanceOf(NoSuchPartitionException.class);
    List<List<String>> drop = new ArrayList<>();
    for (int i = 1; i <= 28; i++) {
      drop.add(List.of("2024", String.valueOf(i)));
    }
    catalog().dropPartitions(db.table("t"), drop);
    assertThat(catalog().listAllPartitions(db.table("t"), null))
        .extracting(CatalogContract::valuesOf)
        .containsExactlyInAnyOrder(List.of("2024", "29"), List.of("2024", "30"));
  }

  // ---------------------------------------------------------------- connections

  /** A connection name of this test, deleted after it. */
  private String connectionName(String suffix) {
    String name = db.name().replace('_', '-') + "-" + suffix;
    connections.add(name);
    return name;
  }

  @Test
  public void createsAndGetsAJdbcConnection() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    String name = connectionName("Orders");
    Connection c =
        Connection.jdbc(name, "jdbc:postgresql://db.example.com:5432/sales")
            .withCredentials("etl", "s3cr3t-Pa55")
            .withProperty(Connection.JDBC_ENFORCE_SSL, "false")
            .withDescription("the sales database");
    catalog().createConnection(c);
    Connection got = catalog().getConnection(name);
    assertThat(got).isEqualTo(c);
    assertThat(got.name()).isEqualTo(name);
    assertThat(got.connectionType()).isEqualTo("JDBC");
    assertThat(got.properties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "JDBC_CONNECTION_URL", "jdbc:postgresql://db.example.com:5432/sales",
                "USERNAME", "etl",
                "PASSWORD", "s3cr3t-Pa55",
                "JDBC_ENFORCE_SSL", "false"));
    assertThat(got.toString()).doesNotContain("s3cr3t-Pa55").contains("*****").contains(name);
    assertThat(catalog().connectionExists(name)).isTrue();
  }

  @Test
  public void keepsASecretIdInsteadOfAPassword() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    String name = connectionName("secret");
    Connection c =
        Connection.jdbc(name, "jdbc:mysql://db.example.com:3306/shop")
            .withSecretId("arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-AbCdEf");
    catalog().createConnection(c);
    Connection got = catalog().getConnection(name);
    assertThat(got).isEqualTo(c);
    assertThat(got.secretId())
        .contains("arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-AbCdEf");
    assertThat(got.password()).isEmpty();
    assertThat(got.username()).isEmpty();
  }

  @Test
  public void rejectsADuplicateConnection() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    String name = connectionName("dup");
    catalog().createConnection(Connection.jdbc(name, "jdbc:postgresql://a:5432/x"));
    assertThatThrownBy(
            () -> catalog().createConnection(Connection.jdbc(name, "jdbc:postgresql://b:5432/y")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(name);
    assertThat(catalog().getConnection(name).jdbcUrl()).contains("jdbc:postgresql://a:5432/x");
  }

  @Test
  public void failsOnAMissingConnection() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    String name = connectionName("missing");
    assertThatThrownBy(() -> catalog().getConnection(name))
        .isInstanceOf(NoSuchConnectionException.class)
        .hasMessageContaining(name);
    assertThatThrownBy(() -> catalog().deleteConnection(name))
        .isInstanceOf(NoSuchConnectionException.class)
        .hasMessageContaining(name);
    assertThat(catalog().connectionExists(name)).isFalse();
  }

  @Test
  public void deletesAConnection() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    String keep = connectionName("keep");
    String gone = connectionName("gone");
    catalog().createConnection(Connection.jdbc(keep, "jdbc:postgresql://a:5432/x"));
    catalog().createConnection(Connection.jdbc(gone, "jdbc:postgresql://b:5432/y"));
    catalog().deleteConnection(gone);
    assertThat(catalog().connectionExists(gone)).isFalse();
    assertThat(catalog().getConnection(keep).jdbcUrl()).contains("jdbc:postgresql://a:5432/x");
  }

  @Test
  public void listsConnectionsInPages() {
    assumeTrue(supportsConnections(), "the catalog keeps no connections");
    List<Connection> made = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Connection c =
          Connection.jdbc(connectionName("list" + i), "jdbc:postgresql://h" + i + ":5432/d")
              .withCredentials("u" + i, "p" + i);
      catalog().createConnection(c);
      made.add(c);
    }
    List<Connection> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Page<Connection> page = catalog().listConnections(token, 1);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
      seen.addAll(page.items());
      token = page.nextPageToken().orElse(null);
      pages++;
    } while (token != null);
    assertThat(seen).containsAll(made);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(catalog().listAllConnections()).containsAll(made);
  }
}
