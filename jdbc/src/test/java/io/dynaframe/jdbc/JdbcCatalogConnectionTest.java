package io.dynaframe.jdbc;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.jdbc.internal.Secrets;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sources and sinks whose URL and credentials come from a connection of the Data Catalog (Glue's
 * {@code useConnectionProperties} + {@code connectionName}, {@code from_jdbc_conf}, {@code
 * extract_jdbc_conf}), a connection's {@code SECRET_ID} resolved through a local secrets file, and
 * catalog tables that point at a database table through a connection, on a real PostgreSQL.
 */
@SparkTest
class JdbcCatalogConnectionTest {

  private static final InMemoryCatalog CATALOG = InMemoryCatalog.create();
  private static Path secrets;

  @BeforeAll
  static void setUp(DynaContext ctx) throws Exception {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS cc CASCADE",
        "CREATE SCHEMA cc",
        "CREATE TABLE cc.customers (customer_id INTEGER PRIMARY KEY, name VARCHAR(20), city TEXT)",
        "INSERT INTO cc.customers VALUES (1, 'Ana', 'Lisbon'), (2, 'Bo', 'Oslo'), (3, 'Cy', NULL)",
        "DROP DATABASE IF EXISTS other",
        "CREATE DATABASE other");
    CATALOG.createConnection(
        Connection.jdbc("pg", Postgres.url()).withCredentials(Postgres.USER, Postgres.PASSWORD));
    CATALOG.createConnection(Connection.jdbc("pg-secret", Postgres.url()).withSecretId("rds/etl"));
    CATALOG.createConnection(
        Connection.jdbc("pg-wrong-secret", Postgres.url()).withSecretId("rds/wrong"));
    CATALOG.createConnection(
        Connection.jdbc("pg-unknown-secret", Postgres.url()).withSecretId("rds/none"));
    CATALOG.createConnection(
        Connection.jdbc("shop", "jdbc:mysql://127.0.0.1:1/shop").withCredentials("u", "p"));
    CATALOG.createConnection(
        Connection.of("net", "NETWORK", java.util.Map.of("JDBC_ENFORCE_SSL", "false")));
    secrets = Files.createTempFile("dynaframe-secrets", ".json");
    Files.writeString(
        secrets,
        "{\"rds/etl\": {\"username\": \"etl\", \"password\": \""
            + Postgres.PASSWORD
            + "\", \"engine\": \"postgres\"},\n"
            + " \"rds/wrong\": {\"username\": \"etl\", \"password\": \"Wrong-4b1e-never-shown\"}}");
    ctx.spark().conf().set(Secrets.FILE, secrets.toString());
  }

  @AfterAll
  static void tearDown(DynaContext ctx) throws Exception {
    ctx.spark().conf().unset(Secrets.FILE);
    Files.deleteIfExists(secrets);
  }

  private static DynaContext withCatalog(DynaContext ctx) {
    return ctx.withCatalog(CATALOG);
  }

  private static DynamicFrame customers(DynaContext ctx) {
    return Frames.rows(
        ctx,
        "customer_id INT, name STRING, city STRING",
        row(1, "Ana", "Lisbon"),
        row(2, "Bo", "Oslo"),
        row(3, "Cy", null));
  }

  private static DynamicFrame read(DynaContext ctx, Options o) {
    return withCatalog(ctx).createDynamicFrameFromOptions("postgresql", o, "", Options.empty(), "");
  }

  @Test
  void readsThroughACatalogConnection(DynaContext ctx) {
    DynamicFrame f =
        read(
            ctx,
            Options.of(
                "useConnectionProperties",
                "true",
                "connectionName",
                "pg",
                "dbtable",
                "cc.customers",
                "hashfield",
                "customer_id",
                "hashpartitions",
                2));
    FrameAssert.assertThat(f).isEqualTo(customers(ctx));
  }

  @Test
  void aSecretIdOfTheConnectionIsResolvedFromTheSecretsFile(DynaContext ctx) {
    DynamicFrame f =
        read(
            ctx,
            Options.of(
                "useConnectionProperties",
                "true",
                "connectionName",
                "pg-secret",
                "dbtable",
                "cc.customers"));
    FrameAssert.assertThat(f).isEqualTo(customers(ctx));
    // the secretId connection option does the same without a catalog connection
    DynamicFrame g =
        read(
            ctx,
            Options.of("url", Postgres.url(), "secretId", "rds/etl", "dbtable", "cc.customers"));
    FrameAssert.assertThat(g).isEqualTo(customers(ctx));
  }

  @Test
  void theSecretsPasswordIsTheOneUsedAndNeverShown(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                read(
                        ctx,
                        Options.of(
                            "useConnectionProperties", "true",
                            "connectionName", "pg-wrong-secret",
                            "dbtable", "cc.customers"))
                    .count())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("as etl")
        .hasMessageNotContaining("Wrong-4b1e-never-shown");
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    Options.of(
                        "useConnectionProperties", "true",
                        "connectionName", "pg-unknown-secret",
                        "dbtable", "cc.customers")))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "secret 'rds/none' is not in the secrets file "
                + secrets
                + " (spark.dynaframe.secrets.file)");
  }

  @Test
  void aBrokenSecretsFileIsNamedWithItsLineNeverItsText(DynaContext ctx) throws Exception {
    Path broken = Files.createTempFile("dynaframe-secrets-broken", ".json");
    Files.writeString(
        broken, "{\"rds/etl\": {\"username\": \"etl\",\n \"password\": Pw-unquoted}}");
    ctx.spark().conf().set(Secrets.FILE, broken.toString());
    try {
      assertThatThrownBy(
              () ->
                  read(
                      ctx,
                      Options.of(
                          "useConnectionProperties", "true",
                          "connectionName", "pg-secret",
                          "dbtable", "cc.customers")))
          .isInstanceOf(SourceException.class)
          .hasMessageStartingWith("the secrets file " + broken)
          .hasMessageContaining("is not valid JSON at line 2, column")
          .hasMessageNotContaining("Pw-unquoted");
    } finally {
      ctx.spark().conf().set(Secrets.FILE, secrets.toString());
      Files.deleteIfExists(broken);
    }
  }

  @Test
  void badConnectionOptionsFailNamingTheirFault(DynaContext ctx) {
    assertThatThrownBy(
            () -> read(ctx, Options.of("useConnectionProperties", "true", "dbtable", "cc.t")))
        .isInstanceOf(SourceException.class)
        .hasMessage("connection option 'useConnectionProperties' needs 'connectionName'");
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    Options.of(
                        "useConnectionProperties",
                        "true",
                        "connectionName",
                        "nope",
                        "dbtable",
                        "cc.t")))
        .isInstanceOf(SourceException.class)
        .hasMessage("the connection 'nope' does not exist in the memory catalog");
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    Options.of(
                        "useConnectionProperties",
                        "true",
                        "connectionName",
                        "pg",
                        "url",
                        Postgres.url(),
                        "dbtable",
                        "cc.t")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("'url' cannot be given with 'useConnectionProperties'");
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    Options.of(
                        "useConnectionProperties",
                        "true",
                        "connectionName",
                        "shop",
                        "dbtable",
                        "t")))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the catalog connection 'shop' is a mysql connection (jdbc:mysql://127.0.0.1:1/shop),"
                + " not a postgresql one");
    assertThatThrownBy(
            () ->
                read(
                    ctx,
                    Options.of(
                        "useConnectionProperties",
                        "true",
                        "connectionName",
                        "net",
                        "dbtable",
                        "t")))
        .isInstanceOf(SourceException.class)
        .hasMessage("the connection 'net' is of type NETWORK, not JDBC");
    assertThatThrownBy(() -> read(ctx, Options.of("connectionName", "pg", "dbtable", "t")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("set 'useConnectionProperties' to 'true'");
  }

  @Test
  void extractJdbcConfGivesUrlUserPasswordAndVendor(DynaContext ctx) {
    JdbcConf conf = JdbcConnector.extractJdbcConf(withCatalog(ctx), "pg-secret");
    assertThat(conf.url()).isEqualTo(Postgres.url());
    assertThat(conf.user()).contains("etl");
    assertThat(conf.password()).contains(Postgres.PASSWORD);
    assertThat(conf.vendor()).isEqualTo("postgresql");
    assertThat(conf.toString())
        .isEqualTo(
            "JdbcConf[vendor=postgresql, url=" + Postgres.url() + ", user=etl, password=*****]");
    assertThat(JdbcConnector.extractJdbcConf(withCatalog(ctx), "shop").vendor()).isEqualTo("mysql");
  }

  @Test
  void writesThroughACatalogConnectionAsFromJdbcConf(DynaContext ctx) {
    DynaContext c = withCatalog(ctx);
    Postgres.sql("DROP TABLE IF EXISTS cc.copy");
    c.writeDynamicFrameFromJdbcConf(
        customers(ctx), "pg-secret", Options.of("dbtable", "cc.copy"), "");
    FrameAssert.assertThat(
            read(ctx, Postgres.options("dbtable", "cc.copy").with("url", Postgres.url())))
        .isEqualTo(customers(ctx));
    // Glue's 'database' option: the same connection, another database of the server
    c.getJDBCSink("pg", Options.of("dbtable", "public.copy", "database", "other"), "")
        .writeDynamicFrame(customers(ctx));
    String otherUrl = Postgres.url().replace("/postgres", "/other");
    FrameAssert.assertThat(
            read(ctx, Postgres.options("dbtable", "public.copy").with("url", otherUrl)))
        .isEqualTo(customers(ctx));
    assertThatThrownBy(() -> c.getJDBCSink("missing", Options.of("dbtable", "cc.copy"), ""))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "catalog connection 'missing' cannot be used: Connection does not exist: missing");
  }

  @Test
  void preactionsAndPostactionsRunAroundTheWrite(DynaContext ctx) {
    DynaContext c = withCatalog(ctx);
    Postgres.sql("DROP TABLE IF EXISTS cc.audit", "DROP TABLE IF EXISTS cc.acted");
    c.writeDynamicFrameFromJdbcConf(
        customers(ctx),
        "pg",
        Options.of(
            "dbtable",
            "cc.acted",
            "preactions",
            "CREATE TABLE cc.audit (step TEXT, n BIGINT); INSERT INTO cc.audit VALUES ('pre',"
                + " (SELECT count(*) FROM information_schema.tables WHERE table_name = 'acted'))",
            "postactions",
            "INSERT INTO cc.audit SELECT 'post', count(*) FROM cc.acted;"),
        "");
    FrameAssert.assertThat(read(ctx, Postgres.options("dbtable", "cc.audit")))
        .isEqualTo(Frames.rows(ctx, "step STRING, n BIGINT", row("pre", 0L), row("post", 3L)));
    // publish: a failing postaction rolls the swap back, the table keeps its rows
    assertThatThrownBy(
            () ->
                c.writeDynamicFrameFromJdbcConf(
                    Frames.rows(
                        ctx, "customer_id INT, name STRING, city STRING", row(9, "Zed", "Zagreb")),
                    "pg",
                    Options.of(
                        "dbtable",
                        "cc.acted",
                        "writeMode",
                        "publish",
                        "postactions",
                        "INSERT INTO cc.no_such_table VALUES (1)"),
                    ""))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("cannot publish into cc.acted")
        .hasMessageContaining("no_such_table");
    FrameAssert.assertThat(read(ctx, Postgres.options("dbtable", "cc.acted")))
        .isEqualTo(customers(ctx));
    // a failing preaction fails before anything is written
    assertThatThrownBy(
            () ->
                c.writeDynamicFrameFromJdbcConf(
                    customers(ctx),
                    "pg",
                    Options.of("dbtable", "cc.acted", "preactions", "SELECT * FROM cc.nothing"),
                    ""))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith(
            "preactions statement [SELECT * FROM cc.nothing] of the write into cc.acted failed")
        .hasMessageEndingWith("; nothing was written");
    FrameAssert.assertThat(read(ctx, Postgres.options("dbtable", "cc.acted")))
        .isEqualTo(customers(ctx));
  }

  @Test
  void fromCatalogReadsATableThatPointsAtAJdbcTable(DynaContext ctx) {
    CATALOG.createDatabase(Database.of("crm"));
    // as Glue's crawler registers a JDBC table: location db.schema.table, classification the
    // engine, the connection in connectionName
    CATALOG.createTable(
        TableDefinition.builder(
                io.dynaframe.catalog.TableIdentifier.of("crm", "postgres_cc_customers"))
            .column("customer_id", "int")
            .column("name", "string")
            .column("city", "string")
            .location("postgres.cc.customers")
            .parameter("classification", "postgresql")
            .parameter("connectionName", "pg-secret")
            .parameter("typeOfData", "table")
            .parameter("compressionType", "none")
            .build());
    DynaContext c = withCatalog(ctx);
    FrameAssert.assertThat(c.createDynamicFrameFromCatalog("crm", "postgres_cc_customers"))
        .isEqualTo(customers(ctx));
    FrameAssert.assertThat(
            c.createDynamicFrameFromCatalog(
                "crm",
                "postgres_cc_customers",
                "",
                "",
                Options.of("hashexpression", "customer_id", "hashpartitions", 3)))
        .isEqualTo(customers(ctx));
    assertThatThrownBy(
            () ->
                c.createDynamicFrameFromCatalog(
                    "crm", "postgres_cc_customers", "", "", Options.of("dbtable", "cc.x")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("additional option 'dbtable' cannot be given");
  }
}
