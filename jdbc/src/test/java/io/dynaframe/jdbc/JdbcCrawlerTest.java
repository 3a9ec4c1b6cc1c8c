package io.dynaframe.jdbc;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JDBC crawler on a real PostgreSQL: an include path {@code database/schema/%} through a
 * catalog connection becomes catalog tables as Glue's crawler registers them, readable by {@code
 * createDynamicFrameFromCatalog}; a rerun finds them unchanged, a new column updates one.
 */
@SparkTest
class JdbcCrawlerTest {

  @Test
  void crawlsAnIncludePathIntoReadableTables(DynaContext shared) {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS cr CASCADE",
        "CREATE SCHEMA cr",
        "CREATE TABLE cr.orders (id INTEGER PRIMARY KEY, amount NUMERIC(10,2), note TEXT,"
            + " placed DATE, big BIGINT)",
        "INSERT INTO cr.orders VALUES (1, 12.50, 'first', DATE '2024-01-02', 7)",
        "CREATE TABLE cr.customers (customer_id INTEGER PRIMARY KEY, name VARCHAR(20))",
        "CREATE VIEW cr.big_orders AS SELECT id, amount FROM cr.orders WHERE amount > 10");
    InMemoryCatalog catalog = InMemoryCatalog.create();
    catalog.createDatabase(Database.of("crawled"));
    catalog.createConnection(
        Connection.jdbc("pg", Postgres.url()).withCredentials(Postgres.USER, Postgres.PASSWORD));
    DynaContext ctx = shared.withCatalog(catalog);
    JdbcCrawler crawler =
        JdbcCrawler.builder(ctx, "crawled")
            .name("pg-crawler")
            .connectionName("pg")
            .path("postgres/cr/%")
            .build();

    JdbcCrawler.Report first = crawler.run();
    assertThat(first.tablesCreated())
        .containsExactly(
            "crawled.postgres_cr_big_orders",
            "crawled.postgres_cr_customers",
            "crawled.postgres_cr_orders");
    TableDefinition orders = catalog.getTable(TableIdentifier.of("crawled", "postgres_cr_orders"));
    assertThat(orders.columns())
        .containsExactly(
            Column.of("id", "int"),
            Column.of("amount", "decimal(10,2)"),
            Column.of("note", "string"),
            Column.of("placed", "date"),
            Column.of("big", "bigint"));
    assertThat(orders.location()).contains("postgres.cr.orders");
    assertThat(orders.parameters())
        .containsAllEntriesOf(
            Map.of(
                "classification", "postgresql",
                "connectionName", "pg",
                "typeOfData", "table",
                "compressionType", "none",
                "UPDATED_BY_CRAWLER", "pg-crawler"));
    assertThat(
            catalog.getTable(TableIdentifier.of("crawled", "postgres_cr_big_orders")).parameters())
        .containsEntry("typeOfData", "view");
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("crawled", "postgres_cr_orders"))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, amount DECIMAL(10,2), note STRING, placed DATE, big BIGINT",
                row(1, new BigDecimal("12.50"), "first", java.sql.Date.valueOf("2024-01-02"), 7L)));

    JdbcCrawler.Report again = crawler.run();
    assertThat(again.tablesCreated()).isEmpty();
    assertThat(again.tablesUnchanged()).hasSize(3);

    Postgres.sql("ALTER TABLE cr.customers ADD COLUMN city TEXT");
    JdbcCrawler.Report third = crawler.run();
    assertThat(third.tablesUpdated()).containsExactly("crawled.postgres_cr_customers");
    assertThat(catalog.getTable(TableIdentifier.of("crawled", "postgres_cr_customers")).columns())
        .extracting(Column::name)
        .isEqualTo(List.of("customer_id", "name", "city"));
  }

  @Test
  void aBadIncludePathIsNamed(DynaContext shared) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    catalog.createDatabase(Database.of("crawled"));
    catalog.createConnection(
        Connection.jdbc("pg", Postgres.url()).withCredentials(Postgres.USER, Postgres.PASSWORD));
    DynaContext ctx = shared.withCatalog(catalog);
    assertThatThrownBy(
            () ->
                JdbcCrawler.builder(ctx, "crawled")
                    .connectionName("pg")
                    .path("postgres/%")
                    .build()
                    .run())
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "include path 'postgres/%' of connection 'pg' must be database/schema/table (% is the"
                + " wildcard, as in database/schema/%)");
  }
}
