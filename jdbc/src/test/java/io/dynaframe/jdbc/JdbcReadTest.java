package io.dynaframe.jdbc;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.Connector;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads from a real PostgreSQL: tables, queries, sample queries, Glue's types, errors. */
@SparkTest
class JdbcReadTest {

  @BeforeAll
  static void tables() {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS rd CASCADE",
        "CREATE SCHEMA rd",
        "CREATE TABLE rd.customer_tbl (id INTEGER PRIMARY KEY, name VARCHAR(20), location TEXT)",
        "INSERT INTO rd.customer_tbl VALUES (1, 'Ana', 'Lisbon'), (999, 'Bo', 'Oslo'),"
            + " (1000, 'Cy', 'Rome'), (1001, 'Di', NULL), (2000, NULL, 'Kyiv')",
        "CREATE TABLE rd.types (s SMALLINT, i INTEGER, b BIGINT, r REAL, d DOUBLE PRECISION,"
            + " n NUMERIC(10,2), f BOOLEAN, dt DATE, ts TIMESTAMP, v VARCHAR(10), c CHAR(3),"
            + " t TEXT, u UUID, j JSON)",
        "INSERT INTO rd.types VALUES (7, 70000, 7000000000, 1.5, 2.25, 12.34, true,"
            + " DATE '2024-02-29', TIMESTAMP '2024-02-29 13:14:15', 'vee', 'abc', 'tee',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": 1}')",
        "INSERT INTO rd.types VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, NULL)");
  }

  private static DynamicFrame read(DynaContext ctx, Options options) {
    return ctx.createDynamicFrameFromOptions("postgresql", options, "", Options.empty(), "");
  }

  @Test
  void readsATableWithGluesTypes(DynaContext ctx) {
    DynamicFrame f = read(ctx, Postgres.options("dbtable", "rd.types"));
    FrameAssert.assertThat(f)
        .hasSchema(
            """
            root
            |-- s: short
            |-- i: int
            |-- b: long
            |-- r: float
            |-- d: double
            |-- n: decimal(10,2)
            |-- f: boolean
            |-- dt: date
            |-- ts: timestamp
            |-- v: string
            |-- c: string
            |-- t: string
            |-- u: string
            |-- j: string
            """);
    FrameAssert.assertThat(f)
        .isEqualTo(
            Frames.rows(
                ctx,
                "s SHORT, i INT, b BIGINT, r FLOAT, d DOUBLE, n DECIMAL(10,2), f BOOLEAN, dt DATE,"
                    + " ts TIMESTAMP, v STRING, c STRING, t STRING, u STRING, j STRING",
                row(
                    (short) 7,
                    70000,
                    7000000000L,
                    1.5f,
                    2.25,
                    new BigDecimal("12.34"),
                    true,
                    Date.valueOf("2024-02-29"),
                    Timestamp.valueOf("2024-02-29 13:14:15"),
                    "vee",
                    "abc",
                    "tee",
                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                    "{\"k\": 1}"),
                row(
                    null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null)));
  }

  private static DynamicFrame customers(DynaContext ctx, int... ids) {
    java.util.Map<Integer, org.apache.spark.sql.Row> all = new java.util.LinkedHashMap<>();
    all.put(1, row(1, "Ana", "Lisbon"));
    all.put(999, row(999, "Bo", "Oslo"));
    all.put(1000, row(1000, "Cy", "Rome"));
    all.put(1001, row(1001, "Di", null));
    all.put(2000, row(2000, null, "Kyiv"));
    return Frames.rows(
        ctx,
        "id INT, name STRING, location STRING",
        java.util.Arrays.stream(ids).mapToObj(all::get).toArray(org.apache.spark.sql.Row[]::new));
  }

  @Test
  void readsATableLazilyAndAQuery(DynaContext ctx) {
    FrameAssert.assertThat(read(ctx, Postgres.options("dbtable", "rd.customer_tbl")))
        .isEqualTo(customers(ctx, 1, 999, 1000, 1001, 2000));
    FrameAssert.assertThat(
            read(
                ctx,
                Postgres.options(
                    "query", "SELECT id, name, location FROM rd.customer_tbl WHERE id < 1000")))
        .isEqualTo(customers(ctx, 1, 999));
  }

  @Test
  void aSampleQueryPushesItsPredicateDown(DynaContext ctx) {
    DynamicFrame f =
        read(
            ctx,
            Postgres.options(
                "dbtable",
                "rd.customer_tbl",
                "sampleQuery",
                "select name, location from rd.customer_tbl WHERE id>=1000"));
    FrameAssert.assertThat(f)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, location STRING",
                row("Cy", "Rome"),
                row("Di", null),
                row(null, "Kyiv")));
  }

  @Test
  void awsPartitionedSampleQueryExample(DynaContext ctx) {
    // AWS's example: the sample query ends with AND, partitioned by a column it does not select
    DynamicFrame f =
        read(
            ctx,
            Postgres.options(
                "dbtable", "rd.customer_tbl",
                "sampleQuery", "select name, location from rd.customer_tbl WHERE id>=1000 AND",
                "enablePartitioningForSampleQuery", true,
                "hashfield", "id",
                "hashpartitions", 36));
    assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(36);
    FrameAssert.assertThat(f)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, location STRING",
                row("Cy", "Rome"),
                row("Di", null),
                row(null, "Kyiv")));
  }

  @Test
  void sampleSizeLimitsTheRows(DynaContext ctx) {
    DynamicFrame f =
        read(
            ctx,
            Postgres.options(
                "sampleQuery", "select id from rd.customer_tbl order by id", "sampleSize", 2));
    FrameAssert.assertThat(f).inOrder().isEqualTo(Frames.rows(ctx, "id INT", row(1), row(999)));
  }

  @Test
  void optionNamesAreReadInAnyCaseAndTwoSpellingsOfOneAreRefused(DynaContext ctx) {
    // AWS's partitioned sample query, every option name in another case than Glue's
    DynamicFrame f =
        read(
            ctx,
            Options.of(
                "URL",
                Postgres.url(),
                "User",
                Postgres.USER,
                "PASSWORD",
                Postgres.PASSWORD,
                "DbTable",
                "rd.customer_tbl",
                "SAMPLEQUERY",
                "select name, location from rd.customer_tbl WHERE id>=1000 AND",
                "EnablePartitioningForSampleQuery",
                true,
                "hashField",
                "id",
                "HashPartitions",
                3));
    assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(3);
    FrameAssert.assertThat(f)
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, location STRING",
                row("Cy", "Rome"),
                row("Di", null),
                row(null, "Kyiv")));
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "rd.customer_tbl", "DBTABLE", "rd.types"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection option of a postgresql source 'dbtable' is given twice, as 'dbtable' and"
                + " as 'DBTABLE'; give it once");
    // an option in another case is the option: refused as Glue's spelling is
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "t", "customjdbcdrivers3path", "s3://b/d.jar"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("connection option 'customJdbcDriverS3Path' is not supported");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "postgresql",
                    Postgres.options("DbTable", "a", "dbTable", "b"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(io.dynaframe.SinkException.class)
        .hasMessage(
            "connection option of a postgresql sink 'dbtable' is given twice, as 'DbTable' and as"
                + " 'dbTable'; give it once");
  }

  @Test
  void anUnknownOptionSaysWhichOneWasMeant(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "rd.customer_tbl", "hashfeild", "id"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("'hashfeild' is not known")
        .hasMessageContaining("did you mean 'hashfield'?");
  }

  @Test
  void badOptionsFailWhenTheSourceIsMade(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat("postgresql", Postgres.options(), "", "", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("needs 'dbtable', 'query' or 'sampleQuery'");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "t").with("url", "jdbc:mysql://h/db"),
                    "",
                    "",
                    Options.empty()))
        .hasMessageContaining("'url'")
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Postgres.options(
                        "sampleQuery", "select * from rd.customer_tbl where id > 3",
                        "enablePartitioningForSampleQuery", "true",
                        "hashfield", "id"),
                    "",
                    "",
                    Options.empty()))
        .hasMessageContaining("must end with WHERE");
  }

  @Test
  void aMissingDriverNamesTheArtifactToAdd(DynaContext ctx) {
    // no Oracle driver is on the tests' class path
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "oracle",
                    Options.of("url", "jdbc:oracle:thin:@//127.0.0.1:1521/ORCL", "dbtable", "T"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("oracle.jdbc.OracleDriver")
        .hasMessageContaining("add com.oracle.database.jdbc:ojdbc11");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "redshift",
                    Options.of("url", "jdbc:redshift://127.0.0.1:5439/dev", "dbtable", "t"),
                    "",
                    "",
                    Options.empty()))
        .hasMessageContaining("add com.amazon.redshift:redshift-jdbc42");
  }

  @Test
  void aMissingTableAndBadCredentialsGiveOneClearErrorEach(DynaContext ctx) {
    DataSource missing =
        ctx.getSourceWithFormat(
            "postgresql", Postgres.options("dbtable", "rd.nope"), "", "", Options.empty());
    assertThatThrownBy(missing::getDynamicFrame)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("table rd.nope")
        .hasMessageContaining("does not exist");
    DataSource badPassword =
        ctx.getSourceWithFormat(
            "postgresql",
            Postgres.options(
                "dbtable", "rd.customer_tbl", "password", "wrong-" + Postgres.PASSWORD),
            "",
            "",
            Options.empty());
    assertThatThrownBy(badPassword::getDynamicFrame)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageContaining("password authentication failed for user \"etl\"")
        .hasMessageNotContaining(Postgres.PASSWORD);
  }

  @Test
  void thePasswordIsNeverShown(DynaContext ctx) {
    Options withUrlPassword =
        Postgres.options("dbtable", "rd.nope")
            .with("url", Postgres.url() + "?password=" + Postgres.PASSWORD);
    DataSource s = ctx.getSourceWithFormat("postgresql", withUrlPassword, "", "", Options.empty());
    assertThat(s.toString()).doesNotContain(Postgres.PASSWORD);
    DataSource plain =
        new JdbcConnector()
            .source(
                new Connector.Request(ctx, "postgresql", withUrlPassword, "", "", Options.empty()));
    assertThat(plain.toString()).doesNotContain(Postgres.PASSWORD).contains("rd.nope");
    assertThat(withUrlPassword.toString()).doesNotContain(Postgres.PASSWORD);
    assertThat(Options.withoutUserInfo(withUrlPassword.getString("url", "")))
        .doesNotContain(Postgres.PASSWORD);
    assertThatThrownBy(s::getDynamicFrame)
        .isInstanceOf(SourceException.class)
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(Postgres.PASSWORD));
    DataSource bad =
        ctx.getSourceWithFormat(
            "postgresql",
            Postgres.options("query", "SELECT '" + Postgres.PASSWORD + "' AS x FROM rd.nope"),
            "",
            "",
            Options.empty());
    assertThatThrownBy(bad::getDynamicFrame)
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(Postgres.PASSWORD));
  }

  private static String fullText(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }
}
