package io.dynaframe.it;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogProvider;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.Page;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;

/**
 * The embedded catalog with a stop inside the first Iceberg data commit of the JVM (a commit made
 * by Iceberg's {@code SnapshotProducer}: an append or an overwrite, not a property change or a
 * snapshot expiry), for {@link IcebergCommitCrashIT}. Catalog type {@code pausing} ({@code
 * spark.dynaframe.catalog=pausing}); property {@code pauseAt} stops the commit for good (to be
 * killed there) at:
 *
 * <ul>
 *   <li>{@code commit}: the commit has started (it reads the table's current metadata): every data
 *       file is written, no manifest yet;
 *   <li>{@code swap}: the new metadata file (and its manifests) is written, the catalog not yet
 *       switched to it;
 *   <li>{@code swapped}: the catalog points at the new metadata file; Iceberg and Spark have not
 *       yet returned;
 *   <li>{@code hold:<file>}: where {@code commit} stops, it waits until the file exists (at most 3
 *       minutes), then goes on.
 * </ul>
 *
 * <p>Property {@code race=true} instead holds the first data commit's switch until another commit
 * has switched the table ({@link #WAITING} opens when it starts waiting), so that the held commit
 * was prepared on a table that has changed since; and it holds the first creation of an Iceberg
 * table until another one has made it.
 */
public final class PausingCatalog implements Catalog {
  /** Opens when the held commit of {@code race=true} starts waiting. */
  static final CountDownLatch WAITING = new CountDownLatch(1);

  private static final CountDownLatch OTHER_SWITCHED = new CountDownLatch(1);
  private static final AtomicBoolean FIRST = new AtomicBoolean(true);

  private static final CountDownLatch OTHER_CREATED = new CountDownLatch(1);
  private static final AtomicBoolean FIRST_CREATE = new AtomicBoolean(true);

  private final Catalog inner;
  private final String pauseAt;
  private final boolean race;

  PausingCatalog(Catalog inner, String pauseAt, boolean race) {
    this.inner = inner;
    this.pauseAt = pauseAt;
    this.race = race;
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(3, TimeUnit.MINUTES)) {
        throw new IllegalStateException("no other " + what + " in 3 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Type {@code pausing}: the embedded catalog of the session with the stops above. */
  public static final class Provider implements CatalogProvider {
    public Provider() {}

    @Override
    public String type() {
      return "pausing";
    }

    @Override
    public Catalog create(Map<String, String> properties, SparkSession session) {
      return new PausingCatalog(
          EmbeddedCatalog.of(session != null ? session : SparkSession.active()),
          properties.getOrDefault("pauseAt", ""),
          Boolean.parseBoolean(properties.getOrDefault("race", "false")));
    }
  }

  /** Prints where it stopped and waits to be killed. */
  static void pauseForever(String phase) {
    System.out.println("dynaframe: iceberg commit paused at " + phase);
    System.out.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting for the kill
      }
    }
  }

  private static boolean inIcebergDataCommit() {
    for (StackTraceElement f : Thread.currentThread().getStackTrace()) {
      if (f.getClassName().equals("org.apache.iceberg.SnapshotProducer")
          && f.getMethodName().equals("commit")) {
        return true;
      }
    }
    return false;
  }

  private boolean icebergSwitch(TableDefinition table) {
    if (!"ICEBERG".equalsIgnoreCase(table.parameters().getOrDefault("table_type", ""))) {
      return false;
    }
    String now = inner.getTable(table.identifier()).parameters().get("metadata_location");
    return !Objects.equals(now, table.parameters().get("metadata_location"))
        && inIcebergDataCommit();
  }

  @Override
  public TableDefinition getTable(TableIdentifier identifier) {
    if (pauseAt.equals("commit") && inIcebergDataCommit() && FIRST.compareAndSet(true, false)) {
      pauseForever("commit");
    }
    if (pauseAt.startsWith("hold:") && inIcebergDataCommit() && FIRST.compareAndSet(true, false)) {
      holdUntil(Path.of(pauseAt.substring("hold:".length())));
    }
    return inner.getTable(identifier);
  }

  /** Prints that the commit is held and waits until the file exists (at most 3 minutes). */
  private static void holdUntil(Path release) {
    System.out.println("dynaframe: iceberg commit held at commit");
    System.out.flush();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(release) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    System.out.println("dynaframe: iceberg commit released");
    System.out.flush();
  }

  @Override
  public TableDefinition updateTable(TableDefinition table) {
    if (!icebergSwitch(table)) {
      return inner.updateTable(table);
    }
    if (race) {
      if (FIRST.compareAndSet(true, false)) {
        System.out.println("dynaframe: iceberg commit waiting for another commit");
        System.out.flush();
        WAITING.countDown();
        await(OTHER_SWITCHED, "commit switched the table");
        return inner.updateTable(table);
      }
      TableDefinition out = inner.updateTable(table);
      OTHER_SWITCHED.countDown();
      return out;
    }
    if (pauseAt.equals("swap") && FIRST.compareAndSet(true, false)) {
      System.out.println("dynaframe: new metadata " + table.parameters().get("metadata_location"));
      pauseForever("swap");
    }
    TableDefinition out = inner.updateTable(table);
    if (pauseAt.equals("swapped") && FIRST.compareAndSet(true, false)) {
      pauseForever("swapped");
    }
    return out;
  }

  // ------------------------------------------------------------ the rest: the embedded catalog's

  @Override
  public String type() {
    return "pausing";
  }

  @Override
  public void createDatabase(Database database) {
    inner.createDatabase(database);
  }

  @Override
  public Database getDatabase(DatabaseName name) {
    return inner.getDatabase(name);
  }

  @Override
  public Page<Database> listDatabases(String pageToken, int pageSize) {
    return inner.listDatabases(pageToken, pageSize);
  }

  @Override
  public void updateDatabase(Database database) {
    inner.updateDatabase(database);
  }

  @Override
  public void dropDatabase(DatabaseName name) {
    inner.dropDatabase(name);
  }

  /**
   * With {@code race=true} the first Iceberg table made waits until another publish has made it, so
   * that its own making fails (the table exists).
   */
  @Override
  public void createTable(TableDefinition table) {
    boolean iceberg = "ICEBERG".equalsIgnoreCase(table.parameters().getOrDefault("table_type", ""));
    if (race && iceberg && FIRST_CREATE.compareAndSet(true, false)) {
      System.out.println("dynaframe: iceberg table creation waiting for another one");
      System.out.flush();
      WAITING.countDown();
      await(OTHER_CREATED, "creation of the table");
      inner.createTable(table);
      return;
    }
    inner.createTable(table);
    if (race && iceberg) {
      OTHER_CREATED.countDown();
    }
  }

  @Override
  public Page<TableDefinition> listTables(DatabaseName database, String pageToken, int pageSize) {
    return inner.listTables(database, pageToken, pageSize);
  }

  @Override
  public void dropTable(TableIdentifier identifier) {
    inner.dropTable(identifier);
  }

  @Override
  public void createPartition(TableIdentifier table, Partition partition) {
    inner.createPartition(table, partition);
  }

  @Override
  public List<List<String>> createPartitions(TableIdentifier table, List<Partition> partitions) {
    return inner.createPartitions(table, partitions);
  }

  @Override
  public Partition getPartition(TableIdentifier table, List<String> values) {
    return inner.getPartition(table, values);
  }

  @Override
  public Page<Partition> listPartitions(
      TableIdentifier table, String expression, String pageToken, int pageSize) {
    return inner.listPartitions(table, expression, pageToken, pageSize);
  }

  @Override
  public void updatePartition(TableIdentifier table, Partition partition) {
    inner.updatePartition(table, partition);
  }

  @Override
  public void dropPartition(TableIdentifier table, List<String> values) {
    inner.dropPartition(table, values);
  }

  @Override
  public void dropPartitions(TableIdentifier table, List<List<String>> values) {
    inner.dropPartitions(table, values);
  }

  @Override
  public void createConnection(Connection connection) {
    inner.createConnection(connection);
  }

  @Override
  public Connection getConnection(String name) {
    return inner.getConnection(name);
  }

  @Override
  public void deleteConnection(String name) {
    inner.deleteConnection(name);
  }

  @Override
  public Page<Connection> listConnections(String pageToken, int pageSize) {
    return inner.listConnections(pageToken, pageSize);
  }

  @Override
  public void close() {
    inner.close();
  }
}
