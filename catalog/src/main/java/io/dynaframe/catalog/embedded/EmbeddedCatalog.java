package io.dynaframe.catalog.embedded;

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
import io.dynaframe.catalog.internal.Checks;
import io.dynaframe.catalog.internal.Paging;
import io.dynaframe.catalog.internal.Scala;
import io.dynaframe.catalog.internal.Sql;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogDatabase;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.types.StructField;

/**
 * Spark's own catalog as the Data Catalog: with Hive support on (as {@code DynaContext.local()}
 * sets it up when spark-hive is on the class path) that is a Hive metastore on Derby in a local
 * folder, so every table registered here is queryable with {@code spark.sql("SELECT ... FROM
 * db.table")}, in this process and in later ones that open the same folder. Type name {@code
 * embedded}; it takes no properties and uses the session it is given (or the active one).
 *
 * <p>Tables are Hive {@code EXTERNAL} tables made with Spark SQL DDL (every identifier and literal
 * quoted), so dropping one never deletes files. Partitions and databases go through Spark's {@code
 * ExternalCatalog}. Parquet, ORC, Avro and CSV tables are readable by Spark SQL as they are; a JSON
 * table (Glue's OpenX JSON SerDe) needs that SerDe's jar on Spark's class path to be read with SQL
 * (dynaframe's catalog source reads it without).
 *
 * <p>Limits, from Spark and Hive: names hold only letters, digits and {@code _}; the table
 * parameters {@code comment}, {@code location}, {@code provider}, {@code owner} and {@code
 * external} are reserved ({@code table_type}, which Spark 4 reserves, is kept under another name
 * and given back as it was); the table version is a table parameter ({@value #VERSION}), and an
 * update drops and re-creates the table (keeping its partitions when the partition keys stay), so
 * it is not atomic against a concurrent writer; dropping a database deletes its folder, as Hive
 * does (tables dynaframe registers live elsewhere).
 *
 * <p>Glue's connection objects have no place of their own in a Hive metastore: they are kept as
 * parameters of a database of their own, {@value #CONNECTIONS_DATABASE} (made when the first
 * connection is created and left out of {@link #listDatabases}), one parameter {@code
 * connection.<name>} per connection holding its type, description and properties as JSON. The
 * metastore keeps them in plain text, as it keeps everything; prefer {@link Connection#SECRET_ID}
 * over a password. Creating and deleting connections is atomic within one process only.
 */
public final class EmbeddedCatalog implements Catalog {

  /** The table parameter that holds the table's version. */
  public static final String VERSION = "dynaframe.version";

  /**
   * Table parameter holding the SerDe a table was defined with when the metastore was given a
   * stand-in.
   */
  static final String SERDE = "dynaframe.serde";

  private static final String LAZY_SIMPLE_SERDE =
      "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

  private static final String DESCRIPTION = "dynaframe.description";

  /** The database whose parameters hold the catalog's connections. */
  public static final String CONNECTIONS_DATABASE = "dynaframe_connections";

  private static final String CONNECTION_PREFIX = "connection.";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Set<String> HIDDEN =
      Set.of(
          VERSION,
          SERDE,
          "transient_lastDdlTime",
          "EXTERNAL",
          "numFiles",
          "totalSize",
          "numRows",
          "rawDataSize",
          "COLUMN_STATS_ACCURATE",
          "last_modified_by",
          "last_modified_time",
          "numFilesErasureCoded",
          "bucketing_version");
  private static final String HIVE_TYPE_STRING = "HIVE_TYPE_STRING";

  private final SparkSession spark;

  private EmbeddedCatalog(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  /** The catalog of this session. */
  public static EmbeddedCatalog of(SparkSession spark) {
    return new EmbeddedCatalog(spark);
  }

  /**
   * Whether the session's catalog is a Hive metastore (else Spark's in-memory catalog, gone with
   * the JVM).
   */
  public boolean isPersistent() {
    return "hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  @Override
  public String type() {
    return "embedded";
  }

  private ExternalCatalog external() {
    return spark.sharedState().externalCatalog();
  }

  private static String check(String kind, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "the embedded catalog (Spark's) accepts only letters, digits and _ in "
              + kind
              + " names, got '"
              + name
              + "'");
    }
    return name;
  }

  /**
   * A column or partition key name as Glue's crawler gives it ({@code drg definition}, {@code
   * total-discharges}): anything but the characters Hive's metastore uses to write a struct type
   * ({@code ,}, {@code :}, {@code <}, {@code >}) and control characters; it is quoted in the DDL.
   */
  private static String checkColumn(String kind, String name) {
    if (name.isEmpty()
        || name.chars().anyMatch(c -> c == ',' || c == ':' || c == '<' || c == '>' || c < 0x20)) {
      throw new IllegalArgumentException(
          "the embedded catalog (Hive's metastore) cannot store the "
              + kind
              + " name '"
              + name
              + "': it may not be empty or hold , : < > or control characters");
    }
    return name;
  }

  // ---------------------------------------------------------------- databases

  @Override
  public synchronized void createDatabase(Database database) {
    String db = check("database", database.name().name());
    if (external().databaseExists(db)) {
      throw new AlreadyExistsException("Database already exists: " + db);
    }
    URI location =
        database
            .location()
            .map(EmbeddedCatalog::uriOf)
            .orElseGet(
                () ->
                    new Path(new Path(spark.conf().get("spark.sql.warehouse.dir")), db + ".db")
                        .toUri());
    run(
        "create database " + db,
        () -> {
          external()
              .createDatabase(
                  new CatalogDatabase(
                      db,
                      database.description().orElse(""),
                      location,
                      Scala.map(database.parameters())),
                  false);
          return null;
        });
  }

  @Override
  public Database getDatabase(DatabaseName name) {
    CatalogDatabase d = db(name);
    Map<String, String> params = Scala.javaMap(d.properties());
    String description =
        params.containsKey(DESCRIPTION) ? params.remove(DESCRIPTION) : d.description();
    Database out =
        Database.of(name).withParameters(params).withLocation(locationOf(d.locationUri()));
    return description == null || description.isEmpty() ? out : out.withDescription(description);
  }

  private CatalogDatabase db(DatabaseName name) {
    if (!NAME.matcher(name.name()).matches() || !external().databaseExists(name.name())) {
      throw new NoSuchDatabaseException("Database does not exist: " + name);
    }
    return run("get database " + name, () -> external().getDatabase(name.name()));
  }

  @Override
  public Page<Database> listDatabases(String pageToken, int pageSize) {
    List<String> names = Scala.javaList(external().listDatabases());
    names.remove(CONNECTIONS_DATABASE);
    names.sort(null);
    Page<String> page = Paging.page(names, pageToken, pageSize);
    List<Database> out = new ArrayList<>();
    for (String n : page.items()) {
      out.add(getDatabase(DatabaseName.of(n)));
    }
    return Page.of(out, page.nextPageToken().orElse(null));
  }

  @Override
  public synchronized void updateDatabase(Database database) {
    CatalogDatabase old = db(database.name());
    URI location = database.location().map(EmbeddedCatalog::uriOf).orElse(old.locationUri());
    run(
        "update database " + database.name(),
        () -> {
          // Hive keeps the description it was created with: a changed one is kept as a parameter
          Map<String, String> params = new LinkedHashMap<>(database.parameters());
          params.put(DESCRIPTION, database.description().orElse(""));
          external()
              .alterDatabase(
                  new CatalogDatabase(
                      old.name(), database.description().orElse(""), location, Scala.map(params)));
          return null;
        });
  }

  @Override
  public synchronized void dropDatabase(DatabaseName name) {
    db(name);
    run(
        "drop database " + name,
        () -> spark.sql("DROP DATABASE " + Sql.id(name.name()) + " CASCADE"));
    spark.sessionState().catalog().invalidateAllCachedTables();
  }

  // ---------------------------------------------------------------- tables

  @Override
  public synchronized void createTable(TableDefinition table) {
    TableIdentifier id = table.identifier();
    check("table", id.name());
    CatalogDatabase db = db(id.database());
    if (external().tableExists(id.database().name(), id.name())) {
      throw new AlreadyExistsException("Table already exists: " + id);
    }
    createTable(table, 1, db);
  }

  private void createTable(TableDefinition table, long version, CatalogDatabase db) {
    TableIdentifier id = table.identifier();
    for (Column c : table.columns()) {
      checkColumn("column", c.name());
    }
    for (Column c : table.partitionKeys()) {
      checkColumn("partition key", c.name());
    }
    String location =
        table
            .location()
            .map(l -> locationOf(uriOf(l)))
            .orElseGet(() -> new Path(new Path(db.locationUri()), id.name()).toString());
    StringBuilder ddl =
        new StringBuilder("CREATE EXTERNAL TABLE ")
            .append(Sql.id(id.database().name()))
            .append('.')
            .append(Sql.id(id.name()))
            .append(columns(table.columns()));
    table.description().ifPresent(d -> ddl.append(" COMMENT ").append(Sql.str(d)));
    if (!table.partitionKeys().isEmpty()) {
      ddl.append(" PARTITIONED BY ").append(columns(table.partitionKeys()));
    }
    StorageFormat f = table.format();
    Map<String, String> extra = new LinkedHashMap<>();
    if (f.serializationLibrary().isPresent()) {
      String serde = f.serializationLibrary().get();
      if (!onClasspath(serde)) {
        // The metastore insists on loading a table's SerDe (Glue's OpenX JSON SerDe is not on a
        // Spark classpath); keep the name in a parameter and give Hive one it has.
        extra.put(SERDE, serde);
        serde = LAZY_SIMPLE_SERDE;
      }
      ddl.append(" ROW FORMAT SERDE ").append(Sql.str(serde));
      if (!f.serdeParameters().isEmpty()) {
        ddl.append(" WITH SERDEPROPERTIES ").append(Sql.properties(f.serdeParameters()));
      }
    }
    if (f.inputFormat().isPresent() && f.outputFormat().isPresent()) {
      ddl.append(" STORED AS INPUTFORMAT ")
          .append(Sql.str(f.inputFormat().get()))
          .append(" OUTPUTFORMAT ")
          .append(Sql.str(f.outputFormat().get()));
    }
    ddl.append(" LOCATION ").append(Sql.str(location));
    Map<String, String> props = stored(table.parameters());
    props.putAll(extra);
    props.put(VERSION, String.valueOf(version));
    ddl.append(" TBLPROPERTIES ").append(Sql.properties(props));
    run("create table " + id, () -> spark.sql(ddl.toString()));
  }

  /**
   * Table parameters Glue uses that Spark reserves in its DDL ({@code table_type}, which marks an
   * Iceberg table, is refused by Spark 4's {@code TBLPROPERTIES}): kept in the metastore under
   * {@value #RESERVED_PREFIX} and the name.
   */
  private static final Set<String> SPARK_RESERVED = Set.of("table_type");

  private static final String RESERVED_PREFIX = "dynaframe.param.";

  /** The parameters as the metastore keeps them. */
  private static Map<String, String> stored(Map<String, String> parameters) {
    Map<String, String> out = new LinkedHashMap<>();
    parameters.forEach((k, v) -> out.put(SPARK_RESERVED.contains(k) ? RESERVED_PREFIX + k : k, v));
    return out;
  }

  /** The parameters as the metastore kept them, under their own names. */
  private static Map<String, String> unstored(Map<String, String> props) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach(
        (k, v) ->
            out.put(
                k.startsWith(RESERVED_PREFIX)
                        && SPARK_RESERVED.contains(k.substring(RESERVED_PREFIX.length()))
                    ? k.substring(RESERVED_PREFIX.length())
                    : k,
                v));
    return out;
  }

  private static String columns(List<Column> cols) {
    List<String> parts = new ArrayList<>();
    for (Column c : cols) {
      parts.add(
          Sql.id(c.name())
              + " "
              + c.type()
              + c.comment().map(x -> " COMMENT " + Sql.str(x)).orElse(""));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  @Override
  public TableDefinition getTable(TableIdentifier identifier) {
    return fromSpark(identifier.database(), table(identifier));
  }

  private CatalogTable table(TableIdentifier id) {
    db(id.database());
    if (!NAME.matcher(id.name()).matches()
        || !external().tableExists(id.database().name(), id.name())) {
      throw new NoSuchTableException("Table does not exist: " + id);
    }
    return run("get table " + id, () -> external().getTable(id.database().name(), id.name()));
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, EmbeddedCatalog.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static TableDefinition fromSpark(DatabaseName database, CatalogTable t) {
    TableDefinition.Builder b =
        TableDefinition.builder(TableIdentifier.of(database, t.identifier().table()));
    b.columns(columnsOf(t.dataSchema().fields()));
    b.partitionKeys(columnsOf(t.partitionSchema().fields()));
    CatalogStorageFormat s = t.storage();
    URI location = Scala.orNull(s.locationUri());
    b.location(location == null ? null : locationOf(location));
    Map<String, String> props = Scala.javaMap(t.properties());
    String serde = props.containsKey(SERDE) ? props.get(SERDE) : Scala.orNull(s.serde());
    b.format(
        StorageFormat.of(
            Scala.orNull(s.inputFormat()),
            Scala.orNull(s.outputFormat()),
            serde,
            Scala.javaMap(s.properties())));
    String version = props.getOrDefault(VERSION, "0");
    props.keySet().removeIf(k -> HIDDEN.contains(k) || k.startsWith("spark.sql."));
    b.parameters(unstored(props));
    b.description(Scala.orNull(t.comment()));
    b.version(version);
    return b.build();
  }

  private static List<Column> columnsOf(StructField[] fields) {
    List<Column> out = new ArrayList<>();
    for (StructField f : fields) {
      String type =
          f.metadata().contains(HIVE_TYPE_STRING)
              ? f.metadata().getString(HIVE_TYPE_STRING)
              : f.dataType().catalogString();
      Column c = Column.of(f.name(), type);
      String comment = Scala.orNull(f.getComment());
      out.add(comment == null ? c : c.withComment(comment));
    }
    return out;
  }

  @Override
  public Page<TableDefinition> listTables(DatabaseName database, String pageToken, int pageSize) {
    db(database);
    List<String> names = Scala.javaList(external().listTables(database.name()));
    names.sort(null);
    Page<String> page = Paging.page(names, pageToken, pageSize);
    List<TableDefinition> out = new ArrayList<>();
    for (String n : page.items()) {
      out.add(getTable(TableIdentifier.of(database, n)));
    }
    return Page.of(out, page.nextPageToken().orElse(null));
  }

  @Override
  public synchronized TableDefinition updateTable(TableDefinition table) {
    TableIdentifier id = table.identifier();
    CatalogTable old = table(id);
    long current = Long.parseLong(Scala.javaMap(old.properties()).getOrDefault(VERSION, "0"));
    if (table.version().isPresent() && !table.version().get().equals(String.valueOf(current))) {
      throw new CommitConflictException(
          "Table "
              + id
              + " was changed concurrently: expected version "
              + table.version().get()
              + ", found "
              + current);
    }
    TableDefinition before = fromSpark(id.database(), old);
    boolean sameKeys = before.partitionKeys().equals(table.partitionKeys());
    if (sameKeys
        && before.columns().equals(table.columns())
        && before.format().equals(table.format())
        && before.description().equals(table.description())) {
      // only location and parameters change: switch them in place, the location in one metastore
      // update, so readers see the old files or the new ones (how publishing switches versions)
      String name = Sql.id(id.database().name()) + "." + Sql.id(id.name());
      Map<String, String> props = stored(table.parameters());
      props.put(VERSION, String.valueOf(current + 1));
      Set<String> removed = new java.util.HashSet<>(stored(before.parameters()).keySet());
      removed.removeAll(props.keySet());
      if (!removed.isEmpty()) {
        List<String> quoted = new ArrayList<>();
        removed.forEach(k -> quoted.add(Sql.str(k)));
        run(
            "update table " + id,
            () ->
                spark.sql(
                    "ALTER TABLE "
                        + name
                        + " UNSET TBLPROPERTIES IF EXISTS ("
                        + String.join(", ", quoted)
                        + ")"));
      }
      run(
          "update table " + id,
          () -> spark.sql("ALTER TABLE " + name + " SET TBLPROPERTIES " + Sql.properties(props)));
      if (table.location().isPresent() && !table.location().equals(before.location())) {
        run(
            "update table " + id,
            () ->
                spark.sql(
                    "ALTER TABLE "
                        + name
                        + " SET LOCATION "
                        + Sql.str(locationOf(uriOf(table.location().get())))));
      }
      spark.sessionState().catalog().invalidateAllCachedTables();
      return getTable(id);
    }
    List<CatalogTablePartition> partitions =
        sameKeys && !before.partitionKeys().isEmpty()
            ? Scala.javaList(
                external().listPartitions(id.database().name(), id.name(), Scala.option(null)))
            : List.of();
    CatalogDatabase db = db(id.database());
    run(
        "update table " + id,
        () -> spark.sql("DROP TABLE " + Sql.id(id.database().name()) + "." + Sql.id(id.name())));
    createTable(table, current + 1, db);
    if (!partitions.isEmpty()) {
      run(
          "restore the partitions of " + id,
          () -> {
            external()
                .createPartitions(id.database().name(), id.name(), Scala.list(partitions), true);
            return null;
          });
    }
    spark.sessionState().catalog().invalidateAllCachedTables();
    return getTable(id);
  }

  @Override
  public synchronized void dropTable(TableIdentifier identifier) {
    table(identifier);
    run(
        "drop table " + identifier,
        () ->
            spark.sql(
                "DROP TABLE "
                    + Sql.id(identifier.database().name())
                    + "."
                    + Sql.id(identifier.name())));
  }

  // ---------------------------------------------------------------- partitions

  private scala.collection.immutable.Map<String, String> spec(
      TableDefinition t, List<String> values) {
    Map<String, String> spec = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      spec.put(t.partitionKeys().get(i).name(), values.get(i));
    }
    return Scala.map(spec);
  }

  private CatalogTablePartition toSpark(TableDefinition t, Partition p) {
    StorageFormat f = t.format();
    URI location = p.location().map(EmbeddedCatalog::uriOf).orElse(null);
    CatalogStorageFormat storage =
        new CatalogStorageFormat(
            Scala.option(location),
            Scala.option(f.inputFormat().orElse(null)),
            Scala.option(f.outputFormat().orElse(null)),
            Scala.option(
                f.serializationLibrary()
                    .map(x -> onClasspath(x) ? x : LAZY_SIMPLE_SERDE)
                    .orElse(null)),
            false,
            Scala.map(f.serdeParameters()));
    return new CatalogTablePartition(
        spec(t, p.values()),
        storage,
        Scala.map(p.parameters()),
        System.currentTimeMillis(),
        -1L,
        Scala.option(null));
  }

  private static Partition fromSpark(TableDefinition t, CatalogTablePartition p) {
    Map<String, String> spec = Scala.javaMap(p.spec());
    List<String> values = new ArrayList<>();
    for (Column k : t.partitionKeys()) {
      values.add(spec.get(k.name()));
    }
    URI location = Scala.orNull(p.storage().locationUri());
    Map<String, String> params = Scala.javaMap(p.parameters());
    params.keySet().removeIf(HIDDEN::contains);
    return Partition.of(values, location == null ? null : locationOf(location))
        .withParameters(params);
  }

  private CatalogTablePartition find(TableDefinition t, List<String> values) {
    TableIdentifier id = t.identifier();
    return Scala.orNull(
        external().getPartitionOption(id.database().name(), id.name(), spec(t, values)));
  }

  @Override
  public synchronized void createPartition(TableIdentifier table, Partition partition) {
    TableDefinition t = getTable(table);
    Checks.partition(t, partition);
    if (find(t, partition.values()) != null) {
      throw new AlreadyExistsException(
          "Partition already exists: " + table + " " + partition.values());
    }
    run(
        "create partition " + partition.values() + " of " + table,
        () -> {
          external()
              .createPartitions(
                  table.database().name(),
                  table.name(),
                  Scala.list(List.of(toSpark(t, partition))),
                  false);
          return null;
        });
    spark.sessionState().catalog().invalidateAllCachedTables();
  }

  @Override
  public synchronized List<List<String>> createPartitions(
      TableIdentifier table, List<Partition> partitions) {
    TableDefinition t = getTable(table);
    partitions.forEach(p -> Checks.partition(t, p));
    Set<List<String>> existing = new HashSet<>();
    for (Partition p : allPartitions(t)) {
      existing.add(p.values());
    }
    List<List<String>> skipped = new ArrayList<>();
    List<CatalogTablePartition> fresh = new ArrayList<>();
    for (Partition p : partitions) {
      if (!existing.add(p.values())) {
        skipped.add(p.values());
      } else {
        fresh.add(toSpark(t, p));
      }
    }
    if (!fresh.isEmpty()) {
      run(
          "create partitions of " + table,
          () -> {
            external()
                .createPartitions(table.database().name(), table.name(), Scala.list(fresh), true);
            return null;
          });
      spark.sessionState().catalog().invalidateAllCachedTables();
    }
    return skipped;
  }

  private List<Partition> allPartitions(TableDefinition t) {
    TableIdentifier id = t.identifier();
    if (t.partitionKeys().isEmpty()) {
      return List.of();
    }
    List<CatalogTablePartition> ps =
        run(
            "list partitions of " + id,
            () ->
                Scala.javaList(
                    external()
                        .listPartitions(id.database().name(), id.name(), Scala.option(null))));
    List<Partition> out = new ArrayList<>(ps.size());
    for (CatalogTablePartition p : ps) {
      out.add(fromSpark(t, p));
    }
    return out;
  }

  @Override
  public Partition getPartition(TableIdentifier table, List<String> values) {
    TableDefinition t = getTable(table);
    Checks.values(t, values);
    CatalogTablePartition p = find(t, values);
    if (p == null) {
      throw new NoSuchPartitionException(Checks.noPartition(t, values));
    }
    return fromSpark(t, p);
  }

  @Override
  public Page<Partition> listPartitions(
      TableIdentifier table, String expression, String pageToken, int pageSize) {
    TableDefinition t = getTable(table);
    PartitionExpression e = Checks.expression(t, expression);
    List<Partition> all = new ArrayList<>();
    for (Partition p : allPartitions(t)) {
      if (e == null || e.matches(t.partitionKeys(), p.values())) {
        all.add(p);
      }
    }
    return Paging.page(all, pageToken, pageSize);
  }

  @Override
  public synchronized void updatePartition(TableIdentifier table, Partition partition) {
    TableDefinition t = getTable(table);
    getPartition(table, partition.values());
    run(
        "update partition " + partition.values() + " of " + table,
        () -> {
          external()
              .alterPartitions(
                  table.database().name(),
                  table.name(),
                  Scala.list(List.of(toSpark(t, partition))));
          return null;
        });
    spark.sessionState().catalog().invalidateAllCachedTables();
  }

  @Override
  public synchronized void dropPartition(TableIdentifier table, List<String> values) {
    TableDefinition t = getTable(table);
    getPartition(table, values);
    drop(t, List.of(values), false);
  }

  @Override
  public synchronized void dropPartitions(TableIdentifier table, List<List<String>> values) {
    TableDefinition t = getTable(table);
    values.forEach(v -> Checks.values(t, v));
    Set<List<String>> existing = new HashSet<>();
    for (Partition p : allPartitions(t)) {
      existing.add(p.values());
    }
    List<List<String>> present = values.stream().filter(existing::contains).toList();
    if (!present.isEmpty()) {
      drop(t, present, true);
    }
  }

  private void drop(TableDefinition t, List<List<String>> values, boolean ignoreMissing) {
    TableIdentifier id = t.identifier();
    List<scala.collection.immutable.Map<String, String>> specs =
        values.stream().map(v -> spec(t, v)).toList();
    run(
        "drop partitions of " + id,
        () -> {
          // retainData = true: the catalog never deletes files
          external()
              .dropPartitions(
                  id.database().name(), id.name(), Scala.list(specs), ignoreMissing, false, true);
          return null;
        });
    spark.sessionState().catalog().invalidateAllCachedTables();
  }

  // ---------------------------------------------------------------- errors

  // ---------------------------------------------------------------- connections

  @Override
  public synchronized void createConnection(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    if (!external().databaseExists(CONNECTIONS_DATABASE)) {
      createDatabase(
          Database.of(CONNECTIONS_DATABASE)
              .withDescription("Glue connection objects kept by dynaframe's embedded catalog"));
    }
    Map<String, String> params = connectionParameters();
    String key = CONNECTION_PREFIX + connection.name();
    if (params.containsKey(key)) {
      throw new AlreadyExistsException("Connection already exists: " + connection.name());
    }
    params.put(key, toJson(connection));
    storeConnections(params, "create connection " + connection.name());
  }

  @Override
  public synchronized Connection getConnection(String name) {
    Objects.requireNonNull(name, "connection name");
    String json = connectionParameters().get(CONNECTION_PREFIX + name);
    if (json == null) {
      throw new NoSuchConnectionException("Connection does not exist: " + name);
    }
    return fromJson(name, json);
  }

  @Override
  public synchronized void deleteConnection(String name) {
    Map<String, String> params = connectionParameters();
    if (params.remove(CONNECTION_PREFIX + Objects.requireNonNull(name, "connection name"))
        == null) {
      throw new NoSuchConnectionException("Connection does not exist: " + name);
    }
    storeConnections(params, "delete connection " + name);
  }

  @Override
  public synchronized Page<Connection> listConnections(String pageToken, int pageSize) {
    List<Connection> all = new ArrayList<>();
    new java.util.TreeMap<>(connectionParameters())
        .forEach(
            (k, v) -> {
              if (k.startsWith(CONNECTION_PREFIX)) {
                all.add(fromJson(k.substring(CONNECTION_PREFIX.length()), v));
              }
            });
    return Paging.page(all, pageToken, pageSize);
  }

  /** The parameters of the connections' database; empty when it does not exist yet. */
  private Map<String, String> connectionParameters() {
    if (!external().databaseExists(CONNECTIONS_DATABASE)) {
      return new LinkedHashMap<>();
    }
    return Scala.javaMap(
        run("read connections", () -> external().getDatabase(CONNECTIONS_DATABASE)).properties());
  }

  private void storeConnections(Map<String, String> params, String what) {
    CatalogDatabase old = run(what, () -> external().getDatabase(CONNECTIONS_DATABASE));
    run(
        what,
        () -> {
          external()
              .alterDatabase(
                  new CatalogDatabase(
                      old.name(), old.description(), old.locationUri(), Scala.map(params)));
          return null;
        });
  }

  private static String toJson(Connection c) {
    com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
    o.put("ConnectionType", c.connectionType());
    c.description().ifPresent(d -> o.put("Description", d));
    com.fasterxml.jackson.databind.node.ObjectNode p = o.putObject("ConnectionProperties");
    c.properties().forEach(p::put);
    return o.toString();
  }

  private static Connection fromJson(String name, String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode o = JSON.readTree(json);
      Map<String, String> props = new LinkedHashMap<>();
      o.path("ConnectionProperties")
          .fields()
          .forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
      Connection c = Connection.of(name, o.path("ConnectionType").asText(), props);
      return o.hasNonNull("Description") ? c.withDescription(o.get("Description").asText()) : c;
    } catch (java.io.IOException | RuntimeException e) {
      // the message never holds the JSON: it has the password
      throw new CatalogException(
          "embedded catalog: the stored connection '"
              + name
              + "' in database "
              + CONNECTIONS_DATABASE
              + " cannot be read");
    }
  }

  private static <T> T run(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException
        | io.dynaframe.DynaFrameException
        | CatalogException
        | NoSuchTableException
        | NoSuchDatabaseException
        | NoSuchPartitionException
        | AlreadyExistsException
        | CommitConflictException e) {
      throw e; // already says what is wrong
    } catch (RuntimeException e) {
      throw new CatalogException("embedded catalog: cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedCatalog["
        + spark.conf().get("spark.sql.catalogImplementation", "in-memory")
        + "]";
  }

  /**
   * A location as the metastore stores it: a path without a scheme is a local folder, relative to
   * the working directory (Hive refuses a relative URI); spaces and other characters are escaped in
   * the URI once, as Hadoop's paths do.
   */
  static URI uriOf(String location) {
    Path p = new Path(location);
    if (p.toUri().getScheme() == null) {
      p =
          new Path(
              "file",
              null,
              java.nio.file.Path.of(location).toAbsolutePath().normalize().toString());
    }
    return p.toUri();
  }

  /**
   * A stored location as the catalog's values give it: a path a Hadoop {@code Path} reads back as
   * the same folder ({@code file:/tmp/my lake}, not the URI's {@code my%20lake}).
   */
  static String locationOf(URI uri) {
    return new Path(uri).toString();
  }
}
