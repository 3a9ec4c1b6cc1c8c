package io.dynaframe.lakeformats;

import io.dynaframe.lakeformats.internal.CatalogTableOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseMetastoreCatalog;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.spark.sql.SparkSession;

/**
 * An Iceberg catalog that keeps its tables in dynaframe's catalog, as Iceberg's Glue catalog keeps
 * them in the AWS Glue Data Catalog: one catalog table per Iceberg table, with the parameters
 * {@code table_type=ICEBERG} and {@code metadata_location} (the table's current metadata file), its
 * columns and its location. A commit writes a new metadata file and switches {@code
 * metadata_location} with an update conditioned on the catalog table's version, so of two
 * concurrent commits one fails with Iceberg's retryable {@code CommitFailedException}.
 *
 * <p>The catalog is the Spark session's dynaframe catalog ({@code spark.dynaframe.catalog}: the
 * embedded Hive metastore on Derby by default); files are read and written with Hadoop's file
 * systems (local paths, {@code s3a://}). {@link DataLakeFormats} configures it as {@code
 * glue_catalog}; its properties are Iceberg's {@code warehouse} (where new tables go when their
 * database has no location: {@code <warehouse>/<database>.db/<table>}).
 */
public final class DynaframeIcebergCatalog extends BaseMetastoreCatalog implements Configurable {

  /** The table parameter that marks an Iceberg table, as Glue's Data Catalog marks it. */
  public static final String TABLE_TYPE = "table_type";

  /** The value of {@link #TABLE_TYPE} for Iceberg tables. */
  public static final String ICEBERG = "ICEBERG";

  /** The table parameter holding the location of the table's current metadata file. */
  public static final String METADATA_LOCATION = "metadata_location";

  /** The table parameter holding the location of the metadata file before the last commit. */
  public static final String PREVIOUS_METADATA_LOCATION = "previous_metadata_location";

  private String name = "glue_catalog";
  private String warehouse;
  private Configuration conf;
  private FileIO fileIo;

  /** A catalog to be initialized by Iceberg ({@code catalog-impl}). */
  public DynaframeIcebergCatalog() {}

  @Override
  public void initialize(String catalogName, Map<String, String> properties) {
    this.name = catalogName;
    String w = properties.get(CatalogProperties.WAREHOUSE_LOCATION);
    this.warehouse = w == null ? null : w.replaceAll("/+$", "");
    if (conf == null) {
      conf = spark().sessionState().newHadoopConf();
    }
    String ioImpl = properties.get(CatalogProperties.FILE_IO_IMPL);
    this.fileIo =
        ioImpl == null ? new HadoopFileIO(conf) : CatalogUtil.loadFileIO(ioImpl, properties, conf);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void setConf(Configuration value) {
    this.conf = value;
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  private static SparkSession spark() {
    return SparkSession.active();
  }

  /** The dynaframe catalog of the active session, where the tables are kept. */
  static io.dynaframe.catalog.Catalog catalog() {
    return io.dynaframe.DynaContext.of(spark()).catalog();
  }

  @Override
  protected boolean isValidIdentifier(TableIdentifier id) {
    return id.namespace().levels().length == 1;
  }

  @Override
  protected TableOperations newTableOps(TableIdentifier id) {
    return new CatalogTableOperations(catalog(), toDyna(id), name + "." + id, fileIo);
  }

  @Override
  protected String defaultWarehouseLocation(TableIdentifier id) {
    io.dynaframe.catalog.Database db;
    try {
      db = catalog().getDatabase(io.dynaframe.catalog.DatabaseName.of(database(id.namespace())));
    } catch (io.dynaframe.catalog.NoSuchDatabaseException e) {
      throw new NoSuchNamespaceException(e, "Namespace does not exist: %s", id.namespace());
    }
    if (db.location().isPresent()) {
      return db.location().get().replaceAll("/+$", "") + "/" + id.name();
    }
    if (warehouse == null) {
      throw new IllegalStateException(
          "catalog "
              + name
              + " has no warehouse (spark.sql.catalog."
              + name
              + ".warehouse) and database "
              + id.namespace()
              + " has no location: cannot place table "
              + id);
    }
    return warehouse + "/" + database(id.namespace()) + ".db/" + id.name();
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    List<TableIdentifier> out = new ArrayList<>();
    try {
      for (io.dynaframe.catalog.TableDefinition t :
          catalog().listAllTables(io.dynaframe.catalog.DatabaseName.of(database(namespace)))) {
        if (isIceberg(t)) {
          out.add(TableIdentifier.of(namespace, t.identifier().name()));
        }
      }
    } catch (io.dynaframe.catalog.NoSuchDatabaseException e) {
      throw new NoSuchNamespaceException(e, "Namespace does not exist: %s", namespace);
    }
    return out;
  }

  @Override
  public boolean dropTable(TableIdentifier id, boolean purge) {
    if (!isValidIdentifier(id)) {
      return false;
    }
    io.dynaframe.catalog.TableIdentifier tid = toDyna(id);
    TableOperations ops = newTableOps(id);
    TableMetadata last;
    try {
      last = ops.current();
    } catch (NoSuchTableException e) {
      return false;
    }
    if (last == null) {
      return false;
    }
    try {
      catalog().dropTable(tid);
    } catch (io.dynaframe.catalog.NoSuchTableException e) {
      return false;
    }
    if (purge) {
      CatalogUtil.dropTableData(ops.io(), last);
    }
    return true;
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    throw new UnsupportedOperationException(
        "catalog " + name + " does not rename tables (" + from + " to " + to + ")");
  }

  /** True when a catalog table is an Iceberg table ({@code table_type=ICEBERG}). */
  public static boolean isIceberg(io.dynaframe.catalog.TableDefinition t) {
    return ICEBERG.equalsIgnoreCase(t.parameters().getOrDefault(TABLE_TYPE, ""));
  }

  private static String database(Namespace ns) {
    if (ns.levels().length != 1) {
      throw new NoSuchNamespaceException("Namespace must have one level (a database): %s", ns);
    }
    return ns.level(0);
  }

  private static io.dynaframe.catalog.TableIdentifier toDyna(TableIdentifier id) {
    return io.dynaframe.catalog.TableIdentifier.of(database(id.namespace()), id.name());
  }
}
