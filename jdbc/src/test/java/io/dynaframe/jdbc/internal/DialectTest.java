package io.dynaframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import java.sql.Types;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The dialects of MySQL, SQL Server, Oracle and Redshift (and PostgreSQL) without a server: URLs,
 * identifier quoting, partition and paging queries, literals, the publish swap and Glue's types.
 */
class DialectTest {

  @Test
  void everyGlueJdbcTypeHasADialect() {
    assertThat(List.of("postgresql", "mysql", "sqlserver", "oracle", "redshift"))
        .allSatisfy(t -> assertThat(Dialect.of(t)).isNotNull());
    assertThat(Dialect.of("SQLServer")).isEqualTo(Dialect.SQLSERVER);
    assertThat(Dialect.of("db2")).isNull();
  }

  @Test
  void urlsMustBeOfTheirDatabase() {
    assertThat(Dialect.MYSQL.checkUrl("jdbc:mysql://h:3306/db")).isNull();
    assertThat(Dialect.SQLSERVER.checkUrl("jdbc:sqlserver://h:1433;databaseName=db")).isNull();
    assertThat(Dialect.ORACLE.checkUrl("jdbc:oracle:thin:@//h:1521/ORCL")).isNull();
    assertThat(Dialect.REDSHIFT.checkUrl("jdbc:redshift://c.r.redshift.amazonaws.com:5439/dev"))
        .isNull();
    assertThat(Dialect.POSTGRESQL.checkUrl("jdbc:postgresql://h/db")).isNull();
    assertThat(Dialect.MYSQL.checkUrl("jdbc:postgresql://h/db"))
        .contains("does not start with 'jdbc:mysql:'");
    assertThat(Dialect.ORACLE.checkUrl("")).isEqualTo("is empty");
    // a wrong URL is shown without its credentials
    assertThat(Dialect.SQLSERVER.checkUrl("jdbc:mysql://u:pw-secret@h/db"))
        .doesNotContain("pw-secret");
  }

  @Test
  void identifiersAreQuotedAsEachDatabaseQuotesThem() {
    assertThat(Dialect.MYSQL.quote("order")).isEqualTo("`order`");
    assertThat(Dialect.MYSQL.quote("a`b")).isEqualTo("`a``b`");
    assertThat(Dialect.SQLSERVER.quote("order")).isEqualTo("[order]");
    assertThat(Dialect.SQLSERVER.quote("a]b")).isEqualTo("[a]]b]");
    assertThat(Dialect.ORACLE.quote("ID")).isEqualTo("\"ID\"");
    assertThat(Dialect.REDSHIFT.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Dialect.POSTGRESQL.quote("id")).isEqualTo("\"id\"");
  }

  @Test
  void hashBucketsUseEachDatabasesHash() {
    assertThat(Dialect.MYSQL.hashBucket("`month`", 7)).isEqualTo("MOD(CRC32(`month`), 7)");
    assertThat(Dialect.SQLSERVER.hashBucket("[month]", 7))
        .isEqualTo("(ABS(CAST(CHECKSUM([month]) AS BIGINT)) % 7)");
    assertThat(Dialect.ORACLE.hashBucket("\"MONTH\"", 7)).isEqualTo("ORA_HASH(\"MONTH\", 6)");
    assertThat(Dialect.REDSHIFT.hashBucket("\"month\"", 7))
        .isEqualTo("MOD(STRTOL(LEFT(MD5(CAST(\"month\" AS VARCHAR)), 7), 16), 7)");
    assertThat(Dialect.POSTGRESQL.hashBucket("\"month\"", 7))
        .isEqualTo("MOD(MOD(HASHTEXT(CAST(\"month\" AS TEXT)), 7) + 7, 7)");
    assertThat(Dialect.SQLSERVER.bucketOf("(id)", 4)).isEqualTo("((((id)) % 4) + 4) % 4");
    assertThat(Dialect.MYSQL.bucketOf("(id)", 4)).isEqualTo("MOD(MOD((id), 4) + 4, 4)");
  }

  @Test
  void pagingAndSubqueries() {
    String q = "SELECT a FROM t ORDER BY a DESC";
    assertThat(Dialect.MYSQL.firstRow(q)).isEqualTo(q + " LIMIT 1");
    assertThat(Dialect.REDSHIFT.firstRow(q)).isEqualTo(q + " LIMIT 1");
    assertThat(Dialect.SQLSERVER.firstRow(q))
        .isEqualTo(q + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY");
    assertThat(Dialect.ORACLE.firstRow(q)).isEqualTo(q + " FETCH FIRST 1 ROWS ONLY");
    assertThat(Dialect.ORACLE.subquery("SELECT 1 FROM dual", "s"))
        .isEqualTo("(SELECT 1 FROM dual) s");
    assertThat(Dialect.SQLSERVER.subquery("SELECT 1", "s")).isEqualTo("(SELECT 1) AS s");
  }

  @Test
  void keyValuesBecomeSafeLiterals() {
    assertThat(Dialect.MYSQL.literal(Types.BIGINT, "42")).isEqualTo("42");
    assertThat(Dialect.ORACLE.literal(Types.NUMERIC, "1e3")).isEqualTo("1000");
    assertThat(Dialect.MYSQL.literal(Types.VARCHAR, "O'Brien")).isEqualTo("'O''Brien'");
    assertThat(Dialect.SQLSERVER.literal(Types.NVARCHAR, "x")).isEqualTo("N'x'");
    assertThat(Dialect.ORACLE.literal(Types.TIMESTAMP, "2024-02-29 13:14:15.0"))
        .isEqualTo("TIMESTAMP '2024-02-29 13:14:15.0'");
    assertThat(Dialect.SQLSERVER.literal(Types.TIMESTAMP, "2024-02-29 13:14:15.0"))
        .isEqualTo("CAST('2024-02-29 13:14:15.0' AS DATETIME2)");
    assertThat(Dialect.MYSQL.literal(Types.DATE, "2024-02-29")).isEqualTo("DATE '2024-02-29'");
    assertThat(Dialect.SQLSERVER.literal(Types.DATE, "2024-02-29"))
        .isEqualTo("CAST('2024-02-29' AS DATE)");
    assertThat(Dialect.REDSHIFT.literal(Types.INTEGER, null)).isEqualTo("NULL");
    assertThatThrownBy(() -> Dialect.MYSQL.literal(Types.INTEGER, "1; DROP TABLE t"))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Dialect.ORACLE.literal(Types.TIMESTAMP, "2024-01-01' OR '1'='1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePublishSwapOfEachDatabase() {
    assertThat(Dialect.MYSQL.swap("db.t", "db.t__staging_1", "db.t__previous", true))
        .containsExactly(
            "DROP TABLE IF EXISTS db.t__previous",
            "RENAME TABLE db.t TO db.t__previous, db.t__staging_1 TO db.t");
    assertThat(Dialect.SQLSERVER.swap("dbo.t", "dbo.t__staging_1", "dbo.t__previous", true))
        .containsExactly(
            "IF OBJECT_ID(N'dbo.t__previous', N'U') IS NOT NULL DROP TABLE dbo.t__previous",
            "EXEC sp_rename N'dbo.t', N't__previous'",
            "EXEC sp_rename N'dbo.t__staging_1', N't'");
    assertThat(Dialect.REDSHIFT.swap("s.t", "s.t__staging_1", "s.t__previous", false))
        .containsExactly("ALTER TABLE s.t__staging_1 RENAME TO t");
    assertThat(Dialect.ORACLE.swap("S.T", "S.T__staging_1", "S.T__previous", true))
        .hasSize(3)
        .last()
        .isEqualTo("ALTER TABLE S.T__staging_1 RENAME TO T");
    assertThat(Dialect.ORACLE.atomicSwap()).isFalse();
    assertThat(Dialect.SQLSERVER.atomicSwap()).isTrue();
    assertThat(Dialect.MYSQL.createLike("db.s", "db.t")).isEqualTo("CREATE TABLE db.s LIKE db.t");
    assertThat(Dialect.SQLSERVER.createLike("s", "t"))
        .isEqualTo("SELECT * INTO s FROM t WHERE 1=0");
  }

  @Test
  void gluesTypeMapping() {
    assertThat(GlueTypes.of(Types.DATE, 0, 0)).isEqualTo(DataTypes.DateType);
    assertThat(GlueTypes.of(Types.VARCHAR, 10, 0)).isEqualTo(DataTypes.StringType);
    assertThat(GlueTypes.of(Types.CHAR, 3, 0)).isEqualTo(DataTypes.StringType);
    assertThat(GlueTypes.of(Types.LONGNVARCHAR, 0, 0)).isEqualTo(DataTypes.StringType);
    assertThat(GlueTypes.of(Types.TIMESTAMP, 0, 0)).isEqualTo(DataTypes.TimestampType);
    assertThat(GlueTypes.of(Types.INTEGER, 10, 0)).isEqualTo(DataTypes.IntegerType);
    assertThat(GlueTypes.of(Types.FLOAT, 0, 0)).isEqualTo(DataTypes.FloatType);
    assertThat(GlueTypes.of(Types.REAL, 0, 0)).isEqualTo(DataTypes.FloatType);
    assertThat(GlueTypes.of(Types.BIT, 1, 0)).isEqualTo(DataTypes.BooleanType);
    assertThat(GlueTypes.of(Types.BOOLEAN, 1, 0)).isEqualTo(DataTypes.BooleanType);
    assertThat(GlueTypes.of(Types.BIGINT, 19, 0)).isEqualTo(DataTypes.LongType);
    assertThat(GlueTypes.of(Types.DECIMAL, 10, 2)).isEqualTo(DataTypes.createDecimalType(10, 2));
    assertThat(GlueTypes.of(Types.NUMERIC, 0, 0)).isEqualTo(DataTypes.createDecimalType(38, 18));
    assertThat(GlueTypes.of(Types.TINYINT, 3, 0)).isEqualTo(DataTypes.ShortType);
    assertThat(GlueTypes.of(Types.SMALLINT, 5, 0)).isEqualTo(DataTypes.ShortType);
    assertThat(GlueTypes.of(Types.DOUBLE, 0, 0)).isEqualTo(DataTypes.DoubleType);
    // not in Glue's mapping: string
    assertThat(GlueTypes.of(Types.ARRAY, 0, 0)).isEqualTo(DataTypes.StringType);
    assertThat(GlueTypes.of(Types.OTHER, 0, 0)).isEqualTo(DataTypes.StringType);
  }

  @Test
  void optionsOfEveryTypeAreCheckedWithoutAServer() {
    JdbcSettings s =
        JdbcSettings.source(
            Dialect.SQLSERVER,
            Options.of(
                "url", "jdbc:sqlserver://h:1433;databaseName=db;password=pw-secret",
                "user", "u",
                "password", "pw-secret",
                "dbtable", "dbo.orders",
                "hashexpression", "id"),
            SourceException::new);
    assertThat(s.hashpartitions).isEqualTo(JdbcSettings.DEFAULT_HASH_PARTITIONS).isEqualTo(7);
    assertThat(s.toString()).doesNotContain("pw-secret").contains("dbo.orders");
    assertThat(s.redact("login failed: pw-secret")).isEqualTo("login failed: *****");
    assertThatThrownBy(
            () ->
                JdbcSettings.source(
                    Dialect.ORACLE,
                    Options.of(
                        "url", "jdbc:oracle:thin:@//h:1521/ORCL",
                        "dbtable", "T",
                        "hashfield", "A",
                        "hashexpression", "B"),
                    SourceException::new))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                JdbcSettings.source(
                    Dialect.REDSHIFT,
                    Options.of(
                        "url", "jdbc:redshift://c:5439/dev",
                        "dbtable", "t",
                        "customJdbcDriverS3Path", "s3://b/driver.jar"),
                    SourceException::new))
        .hasMessageContaining("from the class path");
    assertThatThrownBy(
            () ->
                JdbcSettings.source(
                    Dialect.MYSQL,
                    Options.of(
                        "url", "jdbc:mysql://h/db",
                        "dbtable", "t",
                        "jobBookmarkKeysSortOrder", "up"),
                    SourceException::new))
        .hasMessageContaining("'asc' or 'desc'");
  }

  @Test
  void theDatabaseOptionReplacesTheDatabaseOfAConnectionsUrl() {
    java.util.function.Function<String, RuntimeException> e = SinkException::new;
    assertThat(
            CatalogConnections.withDatabase(
                "jdbc:postgresql://h:5432/shop?ssl=true", "other", "c", e))
        .isEqualTo("jdbc:postgresql://h:5432/other?ssl=true");
    assertThat(CatalogConnections.withDatabase("jdbc:mysql://h:3306", "other", "c", e))
        .isEqualTo("jdbc:mysql://h:3306/other");
    assertThat(
            CatalogConnections.withDatabase(
                "jdbc:redshift://cl.example.com:5439/dev", "analytics", "c", e))
        .isEqualTo("jdbc:redshift://cl.example.com:5439/analytics");
    assertThat(
            CatalogConnections.withDatabase(
                "jdbc:sqlserver://h:1433;databaseName=shop;encrypt=true", "other", "c", e))
        .isEqualTo("jdbc:sqlserver://h:1433;databaseName=other;encrypt=true");
    assertThat(CatalogConnections.withDatabase("jdbc:sqlserver://h:1433", "other", "c", e))
        .isEqualTo("jdbc:sqlserver://h:1433;databaseName=other");
    assertThatThrownBy(
            () ->
                CatalogConnections.withDatabase(
                    "jdbc:oracle:thin:@//h:1521/ORCL", "other", "ora", e))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("connection 'ora'");
    assertThat(CatalogConnections.vendor("jdbc:redshift://h:5439/dev", "c", e))
        .isEqualTo("redshift");
    assertThat(CatalogConnections.vendor("jdbc:oracle:thin:@//h:1521/ORCL", "c", e))
        .isEqualTo("oracle");
    assertThat(JdbcConnections.dbtable("postgres.public.customers")).isEqualTo("public.customers");
    assertThat(JdbcConnections.dbtable("shop.customers")).isEqualTo("shop.customers");
  }
}
