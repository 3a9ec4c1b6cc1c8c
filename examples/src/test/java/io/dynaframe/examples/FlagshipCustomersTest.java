package io.dynaframe.examples;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship's second source: customers in PostgreSQL (its embedded shop database), read through
 * the catalog connection {@code shop_db} with bookmarks on {@code customer_id} and published as
 * {@code sales.customers}. A rerun reads only the customers added since; the database may come back
 * on another port (the next run of the README's command), and the connection follows it.
 */
@SparkTest
@org.junit.jupiter.api.Tag("slow")
class FlagshipCustomersTest {

  @TempDir Path dir;

  /** Drops the flagship's databases: one metastore serves every test class of the JVM. */
  static void dropFlagshipDatabases(DynaContext ctx) {
    ctx.spark().sql("DROP DATABASE IF EXISTS raw CASCADE");
    ctx.spark().sql("DROP DATABASE IF EXISTS sales CASCADE");
  }

  @BeforeEach
  void freshCatalog(DynaContext ctx) {
    dropFlagshipDatabases(ctx);
  }

  private static final String SCHEMA =
      "customer_id BIGINT, name STRING, country STRING, signed_up DATE";

  /** The customers as the database holds them, read with plain JDBC. */
  private static DynamicFrame inTheDatabase(DynaContext ctx, ShopDatabase shop)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (java.sql.Connection c = DriverManager.getConnection(shop.url(), "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT customer_id, name, country, signed_up FROM shop.customers ORDER BY 1")) {
      while (rs.next()) {
        rows.add(row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4)));
      }
    }
    return Frames.rows(ctx, SCHEMA, rows.toArray(new Row[0]));
  }

  @Test
  void customersComeThroughTheCatalogConnectionAndAResumedJobReadsOnlyTheNewOnes(DynaContext ctx)
      throws Exception {
    Catalog catalog = EmbeddedCatalog.of(ctx.spark());
    Lake lake = Lake.at(dir.resolve("lake"));
    Path data = dir.resolve("shop-db");
    String firstUrl;
    try (ShopDatabase shop = ShopDatabase.start(data)) {
      firstUrl = shop.url();
      OrdersPipeline.Run first = OrdersPipeline.runBatches(ctx, catalog, lake, shop, 1, 20).get(0);
      assertThat(first.customersRead()).isEqualTo(20);
      assertThat(first.published()).contains(OrdersPipeline.CUSTOMERS);
      DynamicFrame all = inTheDatabase(ctx, shop);
      assertThat(all.count()).isEqualTo(20);
      FrameAssert.assertThat(ctx.spark().table("sales.customers")).isEqualTo(all);
      Connection c = catalog.getConnection(ShopDatabase.CONNECTION);
      assertThat(c.properties())
          .containsEntry("JDBC_CONNECTION_URL", shop.url())
          .containsEntry("USERNAME", "etl");
    }

    // the next run of the command: the database starts again on its data, on another port
    try (ShopDatabase shop = ShopDatabase.start(data)) {
      OrdersPipeline.Run second = OrdersPipeline.runBatches(ctx, catalog, lake, shop, 1, 20).get(0);
      assertThat(second.batch()).isEqualTo(2);
      assertThat(second.customersRead()).isEqualTo(2);
      assertThat(catalog.getConnection(ShopDatabase.CONNECTION).properties())
          .containsEntry("JDBC_CONNECTION_URL", shop.url());
      // every customer exactly once: the rerun read customers 21 and 22 only
      DynamicFrame all = inTheDatabase(ctx, shop);
      FrameAssert.assertThat(ctx.spark().table("sales.customers")).isEqualTo(all);
      FrameAssert.assertThat(ctx.spark().table("sales.customers").where("customer_id > 19"))
          .isEqualTo(
              Frames.rows(
                  ctx,
                  SCHEMA,
                  row(20L, "Customer 20, Ltd", "US", java.sql.Date.valueOf("2026-10-21")),
                  row(21L, "Customer 21, Ltd", "NO", java.sql.Date.valueOf("2026-10-22")),
                  row(22L, "Customer 22, Ltd", "PT", java.sql.Date.valueOf("2026-10-23"))));
    }
    assertThat(firstUrl).startsWith("jdbc:postgresql://127.0.0.1:");
  }
}
