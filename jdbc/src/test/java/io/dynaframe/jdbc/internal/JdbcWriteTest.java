package io.dynaframe.jdbc.internal;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.jdbc.Postgres;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes into a real PostgreSQL: Glue's append, and the transactional publish. */
@SparkTest
class JdbcWriteTest {

  @BeforeEach
  void table() {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS wr CASCADE",
        "CREATE SCHEMA wr",
        "CREATE TABLE wr.orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL, qty INTEGER)",
        "INSERT INTO wr.orders VALUES (1, 'old-a', 1), (2, 'old-b', 2)");
  }

  private static DynamicFrame frame(DynaContext ctx, Row... rows) {
    return Frames.rows(ctx, "id INT, item STRING, qty INT", rows);
  }

  private static Dataset<Row> table(DynaContext ctx, String name) {
    return ctx.createDynamicFrameFromOptions(
            "postgresql", Postgres.options("dbtable", name), "", Options.empty(), "")
        .toDF();
  }

  private static void write(DynaContext ctx, DynamicFrame f, Object... more) {
    Object[] all = new Object[more.length + 2];
    all[0] = "dbtable";
    all[1] = "wr.orders";
    System.arraycopy(more, 0, all, 2, more.length);
    ctx.writeDynamicFrameFromOptions(
        f, "postgresql", Postgres.options(all), "", Options.empty(), "write_orders");
  }

  @Test
  void appendAddsRowsWithParallelWriters(DynaContext ctx) {
    List<Row> rows = new ArrayList<>();
    for (int i = 10; i < 110; i++) {
      rows.add(row(i, "new-" + i, i % 7));
    }
    write(ctx, frame(ctx, rows.toArray(new Row[0])), "bulkSize", 4, "batchsize", 25);
    List<Row> expected = new ArrayList<>(rows);
    expected.add(row(1, "old-a", 1));
    expected.add(row(2, "old-b", 2));
    FrameAssert.assertThat(table(ctx, "wr.orders"))
        .isEqualTo(frame(ctx, expected.toArray(new Row[0])));
  }

  @Test
  void appendCreatesAMissingTable(DynaContext ctx) {
    DynamicFrame f = frame(ctx, row(5, "e", 50), row(6, "f", null));
    ctx.writeDynamicFrameFromOptions(
        f, "postgresql", Postgres.options("dbtable", "wr.fresh"), "", Options.empty(), "");
    FrameAssert.assertThat(table(ctx, "wr.fresh")).isEqualTo(f);
  }

  @Test
  void publishReplacesTheRowsAndKeepsThePreviousTable(DynaContext ctx) {
    DynamicFrame f = frame(ctx, row(7, "new-g", 70), row(8, "new-h", 80));
    write(ctx, f, "writeMode", "publish", "bulkSize", 2);
    FrameAssert.assertThat(table(ctx, "wr.orders")).isEqualTo(f);
    FrameAssert.assertThat(table(ctx, "wr.orders__previous"))
        .isEqualTo(frame(ctx, row(1, "old-a", 1), row(2, "old-b", 2)));
    // the published table keeps the constraints of the old one
    assertThatThrownBy(() -> Postgres.sql("INSERT INTO wr.orders VALUES (7, 'dup', 1)"))
        .hasStackTraceContaining("duplicate key");
    assertThat(stagingTables()).isEmpty();
    // a second publish keeps only the one before it
    DynamicFrame g = frame(ctx, row(9, "newer", 90));
    write(ctx, g, "writeMode", "publish");
    FrameAssert.assertThat(table(ctx, "wr.orders")).isEqualTo(g);
    FrameAssert.assertThat(table(ctx, "wr.orders__previous")).isEqualTo(f);
  }

  @Test
  void publishCreatesAMissingTable(DynaContext ctx) {
    DynamicFrame f = frame(ctx, row(5, "e", 50));
    ctx.writeDynamicFrameFromOptions(
        f,
        "postgresql",
        Postgres.options("dbtable", "wr.created", "writeMode", "publish"),
        "",
        Options.empty(),
        "");
    FrameAssert.assertThat(table(ctx, "wr.created")).isEqualTo(f);
    assertThat(stagingTables()).isEmpty();
  }

  @Test
  void aPublishThatFailsMidWriteLeavesTheTableUnchanged(DynaContext ctx) {
    List<Row> rows = new ArrayList<>();
    for (int i = 100; i < 400; i++) {
      // one row breaks the table's NOT NULL constraint, after others were written
      rows.add(row(i, i == 350 ? null : "n" + i, i));
    }
    DynamicFrame f = frame(ctx, rows.toArray(new Row[0]));
    Dataset<Row> before = table(ctx, "wr.orders").cache();
    before.count();
    assertThatThrownBy(() -> write(ctx, f, "writeMode", "publish", "bulkSize", 3, "batchsize", 10))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("wr.orders__staging_")
        .hasMessageContaining("null value in column \"item\"")
        .hasMessageNotContaining(Postgres.PASSWORD);
    FrameAssert.assertThat(table(ctx, "wr.orders"))
        .isEqualTo(frame(ctx, row(1, "old-a", 1), row(2, "old-b", 2)));
    assertThat(stagingTables()).isEmpty();
  }

  @Test
  void aPublishThatFailsAtTheSwapLeavesTheTableUnchanged(DynaContext ctx) {
    SwapFaults.failNextCommit(new IllegalStateException("injected before commit"));
    DynamicFrame f = frame(ctx, row(7, "new-g", 70));
    assertThatThrownBy(() -> write(ctx, f, "writeMode", "publish"))
        .hasMessageContaining("injected before commit");
    FrameAssert.assertThat(table(ctx, "wr.orders"))
        .isEqualTo(frame(ctx, row(1, "old-a", 1), row(2, "old-b", 2)));
    assertThat(stagingTables()).isEmpty();
    assertThat(tables()).doesNotContain("orders__previous");
  }

  @Test
  void sinkOptionsAreChecked(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "wr.orders", "bulkSizes", 4),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("did you mean 'bulkSize'?");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "postgresql",
                    Postgres.options("dbtable", "wr.orders", "writeMode", "overwrite"),
                    "",
                    "",
                    Options.empty()))
        .hasMessageContaining("'writeMode' must be 'append'");
  }

  private static List<String> tables() {
    List<String> out = new ArrayList<>();
    try (Connection c = Postgres.admin();
        ResultSet rs = c.getMetaData().getTables(null, "wr", "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static List<String> stagingTables() {
    return tables().stream().filter(t -> t.contains("__staging_")).toList();
  }
}
