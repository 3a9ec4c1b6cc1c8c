package io.dynaframe.catalog;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog table as AWS Glue models it: the data columns (Hive type strings), the partition keys,
 * the location of its files, how they are stored ({@link StorageFormat}), a description and table
 * parameters ({@code classification}, {@code skip.header.line.count}, ...). Build one with {@link
 * #builder(TableIdentifier)}; change one with {@link #toBuilder()}.
 *
 * <p>A table read from a catalog carries the catalog's {@link #version()}. Passing that definition
 * (changed) to {@link Catalog#updateTable} makes the update conditional: it fails with {@link
 * CommitConflictException} when the table changed in between.
 */
public final class TableDefinition implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The table parameter that names the format of the files: {@code parquet}, {@code csv}, ... */
  public static final String CLASSIFICATION = "classification";

  /**
   * The table type of tables whose files the catalog does not own; the only kind dynaframe creates.
   */
  public static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";

  private final TableIdentifier identifier;
  private final ImmutableList<Column> columns;
  private final ImmutableList<Column> partitionKeys;
  private final String location;
  private final StorageFormat format;
  private final ImmutableMap<String, String> parameters;
  private final String description;
  private final String tableType;
  private final String version;

  private TableDefinition(Builder b) {
    this.identifier = Objects.requireNonNull(b.identifier, "identifier");
    this.columns = ImmutableList.copyOf(b.columns);
    this.partitionKeys = ImmutableList.copyOf(b.partitionKeys);
    this.location = b.location;
    this.format = b.format;
    this.parameters = ImmutableMap.copyOf(b.parameters);
    this.description = b.description;
    this.tableType = b.tableType;
    this.version = b.version;
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      Preconditions.checkArgument(
          seen.add(c.name()), "table %s has two columns named %s", identifier, c.name());
    }
    for (Column c : partitionKeys) {
      Preconditions.checkArgument(
          seen.add(c.name()),
          "partition key %s of table %s is also a column or another partition key",
          c.name(),
          identifier);
    }
  }

  /** A builder for a table of this name, with {@link #EXTERNAL_TABLE} as its type. */
  public static Builder builder(TableIdentifier identifier) {
    return new Builder(identifier);
  }

  /** A builder that starts from this definition. */
  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.columns.addAll(columns);
    b.partitionKeys.addAll(partitionKeys);
    b.location = location;
    b.format = format;
    b.parameters.putAll(parameters);
    b.description = description;
    b.tableType = tableType;
    b.version = version;
    return b;
  }

  /** The table's name. */
  public TableIdentifier identifier() {
    return identifier;
  }

  /** The data columns (partition keys not included), in order. */
  public List<Column> columns() {
    return columns;
  }

  /** The partition keys, in order; empty for an unpartitioned table. */
  public List<Column> partitionKeys() {
    return partitionKeys;
  }

  /** The names of the partition keys, in order. */
  public List<String> partitionKeyNames() {
    return partitionKeys.stream().map(Column::name).toList();
  }

  /** The location URI of the table's files, if set. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** How the files are stored. */
  public StorageFormat format() {
    return format;
  }

  /** The table parameters. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The description, if any. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The table type, {@link #EXTERNAL_TABLE} unless set otherwise. */
  public String tableType() {
    return tableType;
  }

  /** The catalog's version of this definition, when it was read from a catalog. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * The format of the files: the {@value #CLASSIFICATION} parameter, else what the storage format's
   * classes say.
   */
  public Optional<String> classification() {
    String c = parameters.get(CLASSIFICATION);
    return c != null && !c.isBlank()
        ? Optional.of(c.toLowerCase(java.util.Locale.ROOT))
        : format.classification();
  }

  /** The schema of the data columns in dynaframe's type model. */
  public StructType dataSchema() {
    return toStruct(columns);
  }

  /** The schema of the partition keys. */
  public StructType partitionSchema() {
    return toStruct(partitionKeys);
  }

  /** The schema of a row: data columns, then partition keys. */
  public StructType schema() {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(partitionKeys);
    return toStruct(all);
  }

  private static StructType toStruct(List<Column> cols) {
    List<Field> fields = new ArrayList<>(cols.size());
    for (Column c : cols) {
      fields.add(Types.field(c.name(), c.dataType()));
    }
    return Types.struct(fields);
  }

  /** True when both define the same table, ignoring {@link #version()}. */
  public boolean sameDefinition(TableDefinition o) {
    return o.identifier.equals(identifier)
        && o.columns.equals(columns)
        && o.partitionKeys.equals(partitionKeys)
        && Objects.equals(o.location, location)
        && o.format.equals(format)
        && o.parameters.equals(parameters)
        && Objects.equals(o.description, description)
        && o.tableType.equals(tableType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableDefinition t
        && sameDefinition(t)
        && Objects.equals(t.version, version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        identifier,
        columns,
        partitionKeys,
        location,
        format,
        parameters,
        description,
        tableType,
        version);
  }

  @Override
  public String toString() {
    return "Table["
        + identifier
        + " "
        + columns
        + (partitionKeys.isEmpty() ? "" : " partitioned by " + partitionKeys)
        + (location == null ? "" : " at " + location)
        + "]";
  }

  /** Builds a {@link TableDefinition}. */
  public static final class Builder {
    private TableIdentifier identifier;
    private final List<Column> columns = new ArrayList<>();
    private final List<Column> partitionKeys = new ArrayList<>();
    private String location;
    private StorageFormat format = StorageFormat.none();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String description;
    private String tableType = EXTERNAL_TABLE;
    private String version;

    private Builder(TableIdentifier identifier) {
      this.identifier = Objects.requireNonNull(identifier, "identifier");
    }

    /** Another name. */
    public Builder identifier(TableIdentifier value) {
      this.identifier = Objects.requireNonNull(value);
      return this;
    }

    /** Adds a data column of this Hive type. */
    public Builder column(String name, String hiveType) {
      columns.add(Column.of(name, hiveType));
      return this;
    }

    /** Adds a data column. */
    public Builder column(Column value) {
      columns.add(Objects.requireNonNull(value));
      return this;
    }

    /** Replaces the data columns. */
    public Builder columns(List<Column> value) {
      columns.clear();
      columns.addAll(value);
      return this;
    }

    /** Replaces the data columns with the fields of a schema. */
    public Builder columns(StructType schema) {
      columns.clear();
      for (Field f : schema.fields()) {
        columns.add(Column.of(f));
      }
      return this;
    }

    /** Adds a partition key of this Hive type. */
    public Builder partitionKey(String name, String hiveType) {
      partitionKeys.add(Column.of(name, hiveType));
      return this;
    }

    /** Replaces the partition keys. */
    public Builder partitionKeys(List<Column> value) {
      partitionKeys.clear();
      partitionKeys.addAll(value);
      return this;
    }

    /** The location URI of the files. */
    public Builder location(String value) {
      this.location = value;
      return this;
    }

    /** How the files are stored. */
    public Builder format(StorageFormat value) {
      this.format = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the {@value #CLASSIFICATION} parameter and, unless a format was set already, the storage
     * format Glue uses for it.
     */
    public Builder classification(String value) {
      parameters.put(CLASSIFICATION, value.toLowerCase(java.util.Locale.ROOT));
      if (format.equals(StorageFormat.none())) {
        format = StorageFormat.forClassification(value);
      }
      return this;
    }

    /** Sets one table parameter. */
    public Builder parameter(String key, String value) {
      parameters.put(
          Objects.requireNonNull(key), Objects.requireNonNull(value, () -> "parameter " + key));
      return this;
    }

    /** Replaces the table parameters. */
    public Builder parameters(Map<String, String> value) {
      parameters.clear();
      parameters.putAll(value);
      return this;
    }

    /** Removes a table parameter. */
    public Builder removeParameter(String key) {
      parameters.remove(key);
      return this;
    }

    /** The description. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** The table type; {@link #EXTERNAL_TABLE} by default. */
    public Builder tableType(String value) {
      this.tableType = Objects.requireNonNull(value);
      return this;
    }

    /** The catalog's version (set by catalogs on the definitions they return). */
    public Builder version(String value) {
      this.version = value;
      return this;
    }

    /** The definition. */
    public TableDefinition build() {
      return new TableDefinition(this);
    }
  }
}
