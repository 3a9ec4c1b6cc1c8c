package io.dynaframe.lakeformats.internal;

import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CommitConflictException;
import io.dynaframe.catalog.NoSuchDatabaseException;
import io.dynaframe.catalog.NoSuchTableException;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.types.SparkTypes;
import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.spark.SparkSchemaUtil;

/**
 * The operations of one Iceberg table kept in dynaframe's catalog: the current metadata file is the
 * catalog table's {@code metadata_location}; a commit switches it with an update conditioned on the
 * table's version in the catalog.
 */
public final class CatalogTableOperations extends BaseMetastoreTableOperations {
  private static final String TABLE_TYPE = "table_type";
  private static final String ICEBERG = "ICEBERG";
  private static final String METADATA_LOCATION = "metadata_location";
  private static final String PREVIOUS_METADATA_LOCATION = "previous_metadata_location";

  private final Catalog catalog;
  private final TableIdentifier id;
  private final String fullName;
  private final FileIO io;

  /** Operations on the table {@code id} of the catalog; {@code fullName} names it in messages. */
  public CatalogTableOperations(Catalog catalog, TableIdentifier id, String fullName, FileIO io) {
    this.catalog = catalog;
    this.id = id;
    this.fullName = fullName;
    this.io = io;
  }

  @Override
  protected String tableName() {
    return fullName;
  }

  @Override
  public FileIO io() {
    return io;
  }

  @Override
  protected void doRefresh() {
    String location = null;
    try {
      TableDefinition t = catalog.getTable(id);
      if (!ICEBERG.equalsIgnoreCase(t.parameters().getOrDefault(TABLE_TYPE, ""))) {
        throw new org.apache.iceberg.exceptions.NoSuchIcebergTableException(
            "Not an Iceberg table: %s (the catalog table has no %s=%s)",
            fullName, TABLE_TYPE, ICEBERG);
      }
      location = t.parameters().get(METADATA_LOCATION);
      if (location == null) {
        throw new IllegalStateException(
            "Iceberg table " + fullName + " has no " + METADATA_LOCATION + " in the catalog");
      }
    } catch (NoSuchTableException | NoSuchDatabaseException e) {
      if (currentMetadataLocation() != null) {
        throw new org.apache.iceberg.exceptions.NoSuchTableException(
            "Table does not exist: %s", fullName);
      }
    }
    refreshFromMetadataLocation(location);
  }

  @Override
  protected void doCommit(TableMetadata base, TableMetadata metadata) {
    boolean newTable = base == null;
    String newLocation = writeNewMetadataIfRequired(newTable, metadata);
    boolean committed = false;
    try {
      if (newTable) {
        create(metadata, newLocation);
      } else {
        update(base, metadata, newLocation);
      }
      committed = true;
    } catch (CommitFailedException | org.apache.iceberg.exceptions.AlreadyExistsException e) {
      throw e;
    } catch (NoSuchNamespaceException e) {
      throw e;
    } catch (RuntimeException e) {
      // the catalog may or may not have taken the new location: keep the file, say so
      committed = true;
      throw new CommitStateUnknownException(e);
    } finally {
      if (!committed) {
        io().deleteFile(newLocation);
      }
    }
  }

  private void create(TableMetadata metadata, String location) {
    try {
      catalog.createTable(definition(TableDefinition.builder(id), metadata, location, null));
    } catch (AlreadyExistsException e) {
      throw new org.apache.iceberg.exceptions.AlreadyExistsException(
          "Table already exists: %s", fullName);
    } catch (NoSuchDatabaseException e) {
      throw new NoSuchNamespaceException(
          "Namespace does not exist: %s (create database %s in the catalog first)",
          id.database().name(), id.database().name());
    }
  }

  private void update(TableMetadata base, TableMetadata metadata, String location) {
    TableDefinition current;
    try {
      current = catalog.getTable(id);
    } catch (NoSuchTableException e) {
      throw new CommitFailedException("Cannot commit %s: the table was dropped", fullName);
    }
    String expected = base.metadataFileLocation();
    String found = current.parameters().get(METADATA_LOCATION);
    if (found == null || !found.equals(expected)) {
      throw new CommitFailedException(
          "Cannot commit %s: metadata location %s has changed from %s", fullName, found, expected);
    }
    try {
      catalog.updateTable(definition(current.toBuilder(), metadata, location, expected));
    } catch (CommitConflictException e) {
      throw new CommitFailedException(
          e, "Cannot commit %s: the catalog table changed concurrently", fullName);
    }
  }

  private static TableDefinition definition(
      TableDefinition.Builder b, TableMetadata metadata, String location, String previous) {
    b.columns(SparkTypes.fromSpark(SparkSchemaUtil.convert(metadata.schema())))
        .location(metadata.location())
        .tableType(TableDefinition.EXTERNAL_TABLE)
        .parameter(TABLE_TYPE, ICEBERG)
        .parameter(METADATA_LOCATION, location);
    if (previous != null) {
      b.parameter(PREVIOUS_METADATA_LOCATION, previous);
    }
    return b.build();
  }
}
