package io.dynaframe.jdbc;

import io.dynaframe.DynaContext;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.jdbc.internal.JdbcCrawl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A crawler of a JDBC data store, as AWS Glue's crawlers crawl one: through a JDBC connection of
 * the catalog, an include path {@code database/schema/%} ({@code database/%} for MySQL; {@code %}
 * is SQL's wildcard, in any part) names the tables and views to catalog, and each becomes a table
 * of the catalog database named {@code <prefix><database>_<schema>_<table>} in lower case, its
 * columns in the catalog's (Hive's) types as Glue maps JDBC types, its location {@code
 * database.schema.table}, classification the connection type, and the parameters {@code
 * connectionName}, {@code typeOfData} ({@code table} or {@code view}), {@code compressionType}
 * {@code none} and {@code UPDATED_BY_CRAWLER}. Those tables are read by {@code
 * createDynamicFrameFromCatalog}. A table whose columns changed is updated; tables are never
 * deleted.
 */
public final class JdbcCrawler {

  /** What a crawl did: the tables created, updated and found unchanged, as {@code db.table}. */
  public record Report(
      List<String> tablesCreated, List<String> tablesUpdated, List<String> tablesUnchanged) {
    /** Copies the lists. */
    public Report {
      tablesCreated = List.copyOf(tablesCreated);
      tablesUpdated = List.copyOf(tablesUpdated);
      tablesUnchanged = List.copyOf(tablesUnchanged);
    }
  }

  private final DynaContext ctx;
  private final DatabaseName database;
  private final String name;
  private final String connectionName;
  private final List<String> paths;
  private final String prefix;

  private JdbcCrawler(Builder b) {
    this.ctx = b.ctx;
    this.database = b.database;
    this.name = b.name;
    this.connectionName = Objects.requireNonNull(b.connectionName, "connectionName");
    this.paths = List.copyOf(b.paths);
    this.prefix = b.prefix;
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("crawler " + name + " has no include path");
    }
  }

  /** A crawler writing into {@code database} of the context's catalog. */
  public static Builder builder(DynaContext ctx, String database) {
    return new Builder(ctx, DatabaseName.of(database));
  }

  /**
   * Crawls every include path.
   *
   * @throws SourceException if the connection cannot be used, or a path does not fit its type
   */
  public Report run() {
    Catalog catalog = ctx.catalog();
    catalog.getDatabase(database);
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String path : paths) {
      for (JdbcCrawl.Found f : JdbcCrawl.crawl(ctx, connectionName, path)) {
        String tableName =
            (prefix + String.join("_", f.location().split("\\.")))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        TableIdentifier id = database.table(tableName);
        TableDefinition.Builder b =
            TableDefinition.builder(id)
                .location(f.location())
                .parameter("classification", f.classification())
                .parameter("connectionName", connectionName)
                .parameter("typeOfData", f.typeOfData())
                .parameter("compressionType", "none")
                .parameter("UPDATED_BY_CRAWLER", name);
        for (Column c : f.columns()) {
          b.column(c);
        }
        TableDefinition t = b.build();
        if (!catalog.tableExists(id)) {
          catalog.createTable(t);
          created.add(id.toString());
        } else {
          TableDefinition old = catalog.getTable(id);
          if (old.columns().equals(t.columns())
              && old.location().equals(t.location())
              && old.parameters().entrySet().containsAll(t.parameters().entrySet())) {
            unchanged.add(id.toString());
          } else {
            catalog.updateTable(t);
            updated.add(id.toString());
          }
        }
      }
    }
    return new Report(created, updated, unchanged);
  }

  @Override
  public String toString() {
    return "JdbcCrawler[" + name + ", " + connectionName + " " + paths + " -> " + database + "]";
  }

  /** Builds a {@link JdbcCrawler}. */
  public static final class Builder {
    private final DynaContext ctx;
    private final DatabaseName database;
    private String name = "dynaframe-jdbc-crawler";
    private String connectionName;
    private final List<String> paths = new ArrayList<>();
    private String prefix = "";

    private Builder(DynaContext ctx, DatabaseName database) {
      this.ctx = Objects.requireNonNull(ctx, "ctx");
      this.database = database;
    }

    /** The crawler's name, kept in {@code UPDATED_BY_CRAWLER}. */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value, "name");
      return this;
    }

    /** The JDBC connection of the catalog to crawl through. */
    public Builder connectionName(String value) {
      this.connectionName = Objects.requireNonNull(value, "connectionName");
      return this;
    }

    /** An include path: {@code database/schema/table} with {@code %} wildcards. */
    public Builder path(String value) {
      this.paths.add(Objects.requireNonNull(value, "path"));
      return this;
    }

    /** The prefix of the tables' names. */
    public Builder tablePrefix(String value) {
      this.prefix = Objects.requireNonNull(value, "prefix");
      return this;
    }

    /** The crawler. */
    public JdbcCrawler build() {
      return new JdbcCrawler(this);
    }
  }
}
