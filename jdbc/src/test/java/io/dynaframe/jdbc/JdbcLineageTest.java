package io.dynaframe.jdbc;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.RunLineage;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import org.junit.jupiter.api.Test;

/**
 * A run's lineage names the JDBC tables it read and wrote as the OpenLineage naming spec names them
 * ({@code postgres://host:port}, {@code database.schema.table}), through options or a catalog
 * connection.
 */
@SparkTest
class JdbcLineageTest {

  @Test
  void inputsAndOutputsAreNamedAsOpenLineageNamesPostgresTables(DynaContext shared) {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS ln CASCADE",
        "CREATE SCHEMA ln",
        "CREATE TABLE ln.src (id INTEGER PRIMARY KEY, v TEXT)",
        "INSERT INTO ln.src VALUES (1, 'a')");
    InMemoryCatalog catalog = InMemoryCatalog.create();
    catalog.createConnection(
        Connection.jdbc("pg", Postgres.url()).withCredentials(Postgres.USER, Postgres.PASSWORD));
    DynaContext ctx = shared.withRunId(DynaContext.newRunId()).withCatalog(catalog);
    DynamicFrame f =
        ctx.createDynamicFrameFromOptions(
            "postgresql",
            Options.of(
                "useConnectionProperties", "true", "connectionName", "pg", "dbtable", "ln.src"),
            "",
            Options.empty(),
            "read_src");
    ctx.writeDynamicFrameFromOptions(
        f, "postgresql", Postgres.options("dbtable", "ln.dst"), "", Options.empty(), "write_dst");
    ctx.writeDynamicFrameFromJdbcConf(
        Frames.rows(ctx, "id INT, v STRING", row(2, "b")), "pg", Options.of("dbtable", "copy"), "");
    String ns = "postgres://127.0.0.1:" + Postgres.server().getPort();
    assertThat(RunLineage.of(ctx).inputs())
        .containsExactly(new LineageDataset(ns, "postgres.ln.src"));
    assertThat(RunLineage.of(ctx).outputs())
        .containsExactly(
            new LineageDataset(ns, "postgres.ln.dst"),
            new LineageDataset(ns, "postgres.public.copy"));
  }
}
