package io.dynaframe.catalog.glue;

import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogException;
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
import io.dynaframe.catalog.PartitionExpression;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The AWS Glue Data Catalog through the AWS SDK v2 {@link GlueClient}. Type name {@code glue}; see
 * {@link GlueCatalogProvider} for its properties.
 *
 * <p>It maps the catalog model one to one onto Glue's: a {@link TableDefinition} is a {@code
 * TableInput} whose {@code StorageDescriptor} holds the columns, location and format; a {@link
 * Partition} gets a storage descriptor like its table's with its own location (as Glue's crawlers
 * and writers make them). Listings page with Glue's {@code NextToken}. {@link #listPartitions}
 * sends the expression to {@code GetPartitions}, so the service prunes partitions. {@link
 * #createPartitions} calls {@code BatchCreatePartition} with 100 partitions at a time and {@link
 * #dropPartitions} {@code BatchDeletePartition} with 25, the service's limits. Table versions are
 * Glue's {@code VersionId}; a stale one gives {@link CommitConflictException}. Throttling is
 * retried with backoff by the client's retry strategy (the provider configures one).
 */
public final class GlueCatalog implements Catalog {

  /** Glue's limit for {@code BatchCreatePartition}. */
  public static final int CREATE_BATCH = 100;

  /** Glue's limit for {@code BatchDeletePartition}. */
  public static final int DELETE_BATCH = 25;

  private final GlueClient glue;
  private final String catalogId;
  private final boolean ownsClient;

  private GlueCatalog(GlueClient glue, String catalogId, boolean ownsClient) {
    this.glue = Objects.requireNonNull(glue, "glue");
    this.catalogId = catalogId == null || catalogId.isBlank() ? null : catalogId;
    this.ownsClient = ownsClient;
  }

  /**
   * A catalog on this client; {@code catalogId} is the AWS account id of the catalog, or null for
   * the caller's own. The caller keeps the client and closes it.
   */
  public static GlueCatalog of(GlueClient glue, String catalogId) {
    return new GlueCatalog(glue, catalogId, false);
  }

  static GlueCatalog owning(GlueClient glue, String catalogId) {
    return new GlueCatalog(glue, catalogId, true);
  }

  /**
   * The SDK's standard retry strategy with this many attempts and exponential backoff with jitter,
   * used for throttling too; the client-side circuit breaker is off so that a batch job waits out
   * throttling instead of failing fast. (The strategy a glue catalog made by {@link
   * io.dynaframe.catalog.Catalogs} uses, for clients built by the caller.)
   */
  public static software.amazon.awssdk.retries.api.RetryStrategy retryStrategy(
      int maxAttempts, java.time.Duration baseDelay, java.time.Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
    }
    software.amazon.awssdk.retries.api.BackoffStrategy backoff =
        software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
    return software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  /** The catalog id sent with every request, if set. */
  public java.util.Optional<String> catalogId() {
    return java.util.Optional.ofNullable(catalogId);
  }

  @Override
  public String type() {
    return "glue";
  }

  // ---------------------------------------------------------------- databases

  @Override
  public void createDatabase(Database database) {
    call(
        "CreateDatabase " + database.name(),
        () -> glue.createDatabase(r -> r.catalogId(catalogId).databaseInput(toInput(database))),
        database.name(),
        null);
  }

  @Override
  public Database getDatabase(DatabaseName name) {
    return call(
        "GetDatabase " + name,
        () -> {
          var d = glue.getDatabase(r -> r.catalogId(catalogId).name(name.name())).database();
          Database out = Database.of(d.name()).withParameters(d.parameters());
          if (d.description() != null) {
            out = out.withDescription(d.description());
          }
          if (d.locationUri() != null) {
            out = out.withLocation(d.locationUri());
          }
          return out;
        },
        name,
        null);
  }

  @Override
  public Page<Database> listDatabases(String pageToken, int pageSize) {
    GetDatabasesResponse res =
        call(
            "GetDatabases",
            () ->
                glue.getDatabases(
                    r ->
                        r.catalogId(catalogId)
                            .nextToken(pageToken)
                            .maxResults(Math.min(pageSize, 100))),
            null,
            null);
    List<Database> out = new ArrayList<>();
    for (var d : res.databaseList()) {
      Database db = Database.of(d.name()).withParameters(d.parameters());
      if (d.description() != null) {
        db = db.withDescription(d.description());
      }
      if (d.locationUri() != null) {
        db = db.withLocation(d.locationUri());
      }
      out.add(db);
    }
    return Page.of(out, res.nextToken());
  }

  @Override
  public void updateDatabase(Database database) {
    call(
        "UpdateDatabase " + database.name(),
        () ->
            glue.updateDatabase(
                r ->
                    r.catalogId(catalogId)
                        .name(database.name().name())
                        .databaseInput(toInput(database))),
        database.name(),
        null);
  }

  @Override
  public void dropDatabase(DatabaseName name) {
    call(
        "DeleteDatabase " + name,
        () -> glue.deleteDatabase(r -> r.catalogId(catalogId).name(name.name())),
        name,
        null);
  }

  private static DatabaseInput toInput(Database d) {
    return DatabaseInput.builder()
        .name(d.name().name())
        .description(d.description().orElse(null))
        .locationUri(d.location().orElse(null))
        .parameters(d.parameters())
        .build();
  }

  // ---------------------------------------------------------------- tables

  @Override
  public void createTable(TableDefinition table) {
    TableIdentifier id = table.identifier();
    call(
        "CreateTable " + id,
        () ->
            glue.createTable(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(id.database().name())
                        .tableInput(toInput(table))),
        id.database(),
        id);
  }

  @Override
  public TableDefinition getTable(TableIdentifier identifier) {
    Table t =
        call(
            "GetTable " + identifier,
            () ->
                glue.getTable(
                        r ->
                            r.catalogId(catalogId)
                                .databaseName(identifier.database().name())
                                .name(identifier.name()))
                    .table(),
            identifier.database(),
            identifier);
    return fromGlue(identifier.database(), t);
  }

  @Override
  public Page<TableDefinition> listTables(DatabaseName database, String pageToken, int pageSize) {
    GetTablesResponse res =
        call(
            "GetTables " + database,
            () ->
                glue.getTables(
                    r ->
                        r.catalogId(catalogId)
                            .databaseName(database.name())
                            .nextToken(pageToken)
                            .maxResults(Math.min(pageSize, 100))),
            database,
            null);
    return Page.of(
        res.tableList().stream().map(t -> fromGlue(database, t)).toList(), res.nextToken());
  }

  @Override
  public TableDefinition updateTable(TableDefinition table) {
    TableIdentifier id = table.identifier();
    call(
        "UpdateTable " + id,
        () ->
            glue.updateTable(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(id.database().name())
                        .tableInput(toInput(table))
                        .versionId(table.version().orElse(null))),
        id.database(),
        id);
    return getTable(id);
  }

  @Override
  public void dropTable(TableIdentifier identifier) {
    call(
        "DeleteTable " + identifier,
        () ->
            glue.deleteTable(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(identifier.database().name())
                        .name(identifier.name())),
        identifier.database(),
        identifier);
  }

  static TableInput toInput(TableDefinition t) {
    return TableInput.builder()
        .name(t.identifier().name())
        .description(t.description().orElse(null))
        .tableType(t.tableType())
        .parameters(t.parameters())
        .partitionKeys(t.partitionKeys().stream().map(GlueCatalog::toGlue).toList())
        .storageDescriptor(descriptor(t, t.location().orElse(null)))
        .build();
  }

  private static StorageDescriptor descriptor(TableDefinition t, String location) {
    StorageFormat f = t.format();
    return StorageDescriptor.builder()
        .columns(t.columns().stream().map(GlueCatalog::toGlue).toList())
        .location(location)
        .inputFormat(f.inputFormat().orElse(null))
        .outputFormat(f.outputFormat().orElse(null))
        .serdeInfo(
            SerDeInfo.builder()
                .serializationLibrary(f.serializationLibrary().orElse(null))
                .parameters(f.serdeParameters())
                .build())
        .compressed(false)
        .build();
  }

  private static software.amazon.awssdk.services.glue.model.Column toGlue(Column c) {
    return software.amazon.awssdk.services.glue.model.Column.builder()
        .name(c.name())
        .type(c.type())
        .comment(c.comment().orElse(null))
        .build();
  }

  private static Column fromGlue(software.amazon.awssdk.services.glue.model.Column c) {
    Column col = Column.of(c.name(), c.type());
    return c.comment() == null ? col : col.withComment(c.comment());
  }

  static TableDefinition fromGlue(DatabaseName database, Table t) {
    TableDefinition.Builder b =
        TableDefinition.builder(TableIdentifier.of(database, t.name()))
            .parameters(t.parameters())
            .description(t.description())
            .version(t.versionId());
    if (t.tableType() != null) {
      b.tableType(t.tableType());
    }
    b.partitionKeys(t.partitionKeys().stream().map(GlueCatalog::fromGlue).toList());
    StorageDescriptor sd = t.storageDescriptor();
    if (sd != null) {
      b.columns(sd.columns().stream().map(GlueCatalog::fromGlue).toList());
      b.location(sd.location());
      SerDeInfo serde = sd.serdeInfo();
      b.format(
          StorageFormat.of(
              sd.inputFormat(),
              sd.outputFormat(),
              serde == null ? null : serde.serializationLibrary(),
              serde == null ? java.util.Map.of() : serde.parameters()));
    }
    return b.build();
  }

  // ---------------------------------------------------------------- partitions

  @Override
  public void createPartition(TableIdentifier table, Partition partition) {
    TableDefinition t = getTable(table);
    io.dynaframe.catalog.internal.Checks.partition(t, partition);
    call(
        "CreatePartition " + table + " " + partition.values(),
        () ->
            glue.createPartition(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(table.database().name())
                        .tableName(table.name())
                        .partitionInput(toInput(t, partition))),
        table.database(),
        table,
        partition.values());
  }

  @Override
  public List<List<String>> createPartitions(TableIdentifier table, List<Partition> partitions) {
    TableDefinition t = getTable(table);
    partitions.forEach(p -> io.dynaframe.catalog.internal.Checks.partition(t, p));
    List<List<String>> skipped = new ArrayList<>();
    for (int from = 0; from < partitions.size(); from += CREATE_BATCH) {
      List<PartitionInput> chunk =
          partitions.subList(from, Math.min(partitions.size(), from + CREATE_BATCH)).stream()
              .map(p -> toInput(t, p))
              .toList();
      BatchCreatePartitionResponse res =
          call(
              "BatchCreatePartition " + table,
              () ->
                  glue.batchCreatePartition(
                      r ->
                          r.catalogId(catalogId)
                              .databaseName(table.database().name())
                              .tableName(table.name())
                              .partitionInputList(chunk)),
              table.database(),
              table);
      for (PartitionError e : res.errors()) {
        String code = e.errorDetail() == null ? "" : e.errorDetail().errorCode();
        if ("AlreadyExistsException".equals(code)) {
          skipped.add(List.copyOf(e.partitionValues()));
        } else {
          throw new CatalogException(
              "BatchCreatePartition "
                  + table
                  + " failed for partition "
                  + e.partitionValues()
                  + ": "
                  + code
                  + ": "
                  + (e.errorDetail() == null ? "" : e.errorDetail().errorMessage()));
        }
      }
    }
    return skipped;
  }

  @Override
  public Partition getPartition(TableIdentifier table, List<String> values) {
    var p =
        call(
            "GetPartition " + table + " " + values,
            () ->
                glue.getPartition(
                        r ->
                            r.catalogId(catalogId)
                                .databaseName(table.database().name())
                                .tableName(table.name())
                                .partitionValues(values))
                    .partition(),
            table.database(),
            table,
            values);
    return fromGlue(p);
  }

  @Override
  public Page<Partition> listPartitions(
      TableIdentifier table, String expression, String pageToken, int pageSize) {
    String expr =
        expression == null || expression.isBlank()
            ? null
            : PartitionExpression.parse(expression).expression();
    GetPartitionsResponse res =
        call(
            "GetPartitions " + table,
            () ->
                glue.getPartitions(
                    r ->
                        r.catalogId(catalogId)
                            .databaseName(table.database().name())
                            .tableName(table.name())
                            .expression(expr)
                            .nextToken(pageToken)
                            .maxResults(Math.min(pageSize, 1000))),
            table.database(),
            table);
    return Page.of(res.partitions().stream().map(GlueCatalog::fromGlue).toList(), res.nextToken());
  }

  @Override
  public void updatePartition(TableIdentifier table, Partition partition) {
    TableDefinition t = getTable(table);
    io.dynaframe.catalog.internal.Checks.partition(t, partition);
    call(
        "UpdatePartition " + table + " " + partition.values(),
        () ->
            glue.updatePartition(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(table.database().name())
                        .tableName(table.name())
                        .partitionValueList(partition.values())
                        .partitionInput(toInput(t, partition))),
        table.database(),
        table,
        partition.values());
  }

  @Override
  public void dropPartition(TableIdentifier table, List<String> values) {
    call(
        "DeletePartition " + table + " " + values,
        () ->
            glue.deletePartition(
                r ->
                    r.catalogId(catalogId)
                        .databaseName(table.database().name())
                        .tableName(table.name())
                        .partitionValues(values)),
        table.database(),
        table,
        values);
  }

  @Override
  public void dropPartitions(TableIdentifier table, List<List<String>> values) {
    for (int from = 0; from < values.size(); from += DELETE_BATCH) {
      List<PartitionValueList> chunk =
          values.subList(from, Math.min(values.size(), from + DELETE_BATCH)).stream()
              .map(v -> PartitionValueList.builder().values(v).build())
              .toList();
      BatchDeletePartitionResponse res =
          call(
              "BatchDeletePartition " + table,
              () ->
                  glue.batchDeletePartition(
                      r ->
                          r.catalogId(catalogId)
                              .databaseName(table.database().name())
                              .tableName(table.name())
                              .partitionsToDelete(chunk)),
              table.database(),
              table);
      for (PartitionError e : res.errors()) {
        String code = e.errorDetail() == null ? "" : e.errorDetail().errorCode();
        if (!"EntityNotFoundException".equals(code)) {
          throw new CatalogException(
              "BatchDeletePartition "
                  + table
                  + " failed for partition "
                  + e.partitionValues()
                  + ": "
                  + code
                  + ": "
                  + (e.errorDetail() == null ? "" : e.errorDetail().errorMessage()));
        }
      }
    }
  }

  private static PartitionInput toInput(TableDefinition t, Partition p) {
    return PartitionInput.builder()
        .values(p.values())
        .parameters(p.parameters())
        .storageDescriptor(descriptor(t, p.location().orElse(null)))
        .build();
  }

  private static Partition fromGlue(software.amazon.awssdk.services.glue.model.Partition p) {
    String location = p.storageDescriptor() == null ? null : p.storageDescriptor().location();
    return Partition.of(p.values(), location).withParameters(p.parameters());
  }

  // ---------------------------------------------------------------- connections

  @Override
  public void createConnection(Connection connection) {
    java.util.Objects.requireNonNull(connection, "connection");
    connectionCall(
        "CreateConnection " + connection.name(),
        connection.name(),
        () ->
            glue.createConnection(
                r ->
                    r.catalogId(catalogId)
                        .connectionInput(
                            i ->
                                i.name(connection.name())
                                    .connectionType(connection.connectionType())
                                    .description(connection.description().orElse(null))
                                    .connectionPropertiesWithStrings(connection.properties()))));
  }

  @Override
  public Connection getConnection(String name) {
    java.util.Objects.requireNonNull(name, "connection name");
    return connectionCall(
        "GetConnection " + name,
        name,
        () ->
            fromGlue(
                glue.getConnection(r -> r.catalogId(catalogId).name(name).hidePassword(false))
                    .connection()));
  }

  @Override
  public void deleteConnection(String name) {
    java.util.Objects.requireNonNull(name, "connection name");
    connectionCall(
        "DeleteConnection " + name,
        name,
        () -> glue.deleteConnection(r -> r.catalogId(catalogId).connectionName(name)));
  }

  @Override
  public Page<Connection> listConnections(String pageToken, int pageSize) {
    var res =
        connectionCall(
            "GetConnections",
            null,
            () ->
                glue.getConnections(
                    r ->
                        r.catalogId(catalogId)
                            .hidePassword(false)
                            .nextToken(pageToken)
                            .maxResults(Math.min(pageSize, 1000))));
    List<Connection> out = new ArrayList<>();
    for (var c : res.connectionList()) {
      out.add(fromGlue(c));
    }
    return Page.of(out, res.nextToken());
  }

  private static Connection fromGlue(software.amazon.awssdk.services.glue.model.Connection c) {
    Connection out =
        Connection.of(c.name(), c.connectionTypeAsString(), c.connectionPropertiesAsStrings());
    return c.description() == null || c.description().isEmpty()
        ? out
        : out.withDescription(c.description());
  }

  /** Runs a connection request; Glue's errors become the catalog's exceptions. */
  private <T> T connectionCall(String what, String name, Supplier<T> request) {
    try {
      return request.get();
    } catch (EntityNotFoundException e) {
      throw new NoSuchConnectionException("Connection does not exist: " + name, e);
    } catch (software.amazon.awssdk.services.glue.model.AlreadyExistsException e) {
      throw new AlreadyExistsException("Connection already exists: " + name, e);
    } catch (RuntimeException e) {
      return call(
          what,
          () -> {
            throw e;
          },
          null,
          null);
    }
  }

  // ---------------------------------------------------------------- errors

  private <T> T call(
      String what, Supplier<T> request, DatabaseName database, TableIdentifier table) {
    return call(what, request, database, table, null);
  }

  /** Runs a request and turns Glue's errors into the catalog's exceptions. */
  private <T> T call(
      String what,
      Supplier<T> request,
      DatabaseName database,
      TableIdentifier table,
      List<String> partition) {
    try {
      return request.get();
    } catch (EntityNotFoundException e) {
      throw notFound(e, database, table, partition);
    } catch (software.amazon.awssdk.services.glue.model.AlreadyExistsException e) {
      String msg =
          partition != null
              ? "Partition already exists: " + table + " " + partition
              : table != null
                  ? "Table already exists: " + table
                  : "Database already exists: " + database;
      throw new AlreadyExistsException(msg, e);
    } catch (ConcurrentModificationException e) {
      throw new CommitConflictException(
          "Table " + table + " was changed concurrently: " + e.awsErrorDetails().errorMessage(), e);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(
          what + ": Glue rejected the input: " + e.awsErrorDetails().errorMessage(), e);
    } catch (GlueException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      throw new CatalogException(
          what
              + " failed: "
              + code
              + ": "
              + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()),
          e);
    } catch (SdkException e) {
      throw new CatalogException(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Tells a missing database from a missing table or partition; asks Glue when the message does not
   * say.
   */
  private RuntimeException notFound(
      EntityNotFoundException e,
      DatabaseName database,
      TableIdentifier table,
      List<String> partition) {
    if (table == null) {
      return new NoSuchDatabaseException("Database does not exist: " + database, e);
    }
    boolean dbExists;
    try {
      glue.getDatabase(r -> r.catalogId(catalogId).name(database.name()));
      dbExists = true;
    } catch (EntityNotFoundException missing) {
      dbExists = false;
    }
    if (!dbExists) {
      return new NoSuchDatabaseException("Database does not exist: " + database, e);
    }
    if (partition != null) {
      try {
        glue.getTable(r -> r.catalogId(catalogId).databaseName(database.name()).name(table.name()));
        return new NoSuchPartitionException(
            "Partition does not exist: " + table + " " + partition, e);
      } catch (EntityNotFoundException missing) {
        return new NoSuchTableException("Table does not exist: " + table, e);
      }
    }
    return new NoSuchTableException("Table does not exist: " + table, e);
  }

  @Override
  public void close() {
    if (ownsClient) {
      glue.close();
    }
  }

  @Override
  public String toString() {
    return "GlueCatalog" + (catalogId == null ? "" : "[" + catalogId + "]");
  }
}
