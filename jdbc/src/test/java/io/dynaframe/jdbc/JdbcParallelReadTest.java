package io.dynaframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parallel reads on a real PostgreSQL: each partition is one query, and together they read every
 * row exactly once, rows whose hash field is NULL included.
 */
@SparkTest
class JdbcParallelReadTest {

  @BeforeAll
  static void table() {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS par CASCADE",
        "CREATE SCHEMA par",
        "CREATE TABLE par.events (id BIGINT PRIMARY KEY, month TEXT, amount NUMERIC(12,2),"
            + " at TIMESTAMP)",
        // 1,000 rows; every 13th has no month, ids have gaps and negative values
        "INSERT INTO par.events SELECT g * 3 - 500,"
            + " CASE WHEN g % 13 = 0 THEN NULL ELSE 'm' || (g % 12) END,"
            + " (g * 7 % 1000) / 4.0, TIMESTAMP '2024-01-01' + g * INTERVAL '1 hour'"
            + " FROM generate_series(1, 1000) g",
        "INSERT INTO par.events VALUES (100000, NULL, NULL, NULL)");
  }

  private static Dataset<Row> whole(DynaContext ctx) {
    // the whole table in one plain query, as the expectation
    return ctx.createDynamicFrameFromOptions(
            "postgresql", Postgres.options("dbtable", "par.events"), "", Options.empty(), "")
        .toDF();
  }

  private static DynamicFrame read(DynaContext ctx, Object... opts) {
    Object[] all = new Object[opts.length + 2];
    all[0] = "dbtable";
    all[1] = "par.events";
    System.arraycopy(opts, 0, all, 2, opts.length);
    return ctx.createDynamicFrameFromOptions(
        "postgresql", Postgres.options(all), "", Options.empty(), "");
  }

  @Test
  void hashfieldReadsEveryRowOnceInGluesDefaultSevenPartitions(DynaContext ctx) {
    DynamicFrame f = read(ctx, "hashfield", "month");
    assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(7);
    FrameAssert.assertThat(f).isEqualTo(whole(ctx));
    assertThat(whole(ctx).count()).isEqualTo(1001);
    // the rows are spread: no partition holds them all
    List<Integer> sizes = partitionSizes(f.toDF());
    assertThat(sizes).hasSize(7).allSatisfy(n -> assertThat(n).isLessThan(1001));
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1001);
  }

  @Test
  void hashfieldOfAnyTypeReadsEveryRowOnce(DynaContext ctx) {
    for (String field : List.of("id", "amount", "at")) {
      DynamicFrame f = read(ctx, "hashfield", field, "hashpartitions", 5);
      assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(5);
      FrameAssert.assertThat(f).isEqualTo(whole(ctx));
    }
  }

  @Test
  void hashexpressionSplitsIntoRangesThatCoverEveryRow(DynaContext ctx) {
    DynamicFrame f = read(ctx, "hashexpression", "id", "hashpartitions", "4");
    assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(4);
    FrameAssert.assertThat(f).isEqualTo(whole(ctx));
    // an expression that is NULL for some rows
    DynamicFrame g = read(ctx, "hashexpression", "EXTRACT(HOUR FROM at)::int", "hashpartitions", 6);
    assertThat(g.toDF().rdd().getNumPartitions()).isEqualTo(6);
    FrameAssert.assertThat(g).isEqualTo(whole(ctx));
  }

  @Test
  void morePartitionsThanValuesStillReadEveryRowOnce(DynaContext ctx) {
    DynamicFrame f =
        read(ctx, "hashexpression", "CASE WHEN id > 0 THEN 1 ELSE 0 END", "hashpartitions", 9);
    FrameAssert.assertThat(f).isEqualTo(whole(ctx));
  }

  @Test
  void aPartitionedSampleQueryReadsItsRowsOnce(DynaContext ctx) {
    DynamicFrame f =
        ctx.createDynamicFrameFromOptions(
            "postgresql",
            Postgres.options(
                "sampleQuery", "SELECT id, month FROM par.events WHERE id > 0 AND",
                "enablePartitioningForSampleQuery", "true",
                "hashexpression", "id",
                "hashpartitions", 3),
            "",
            Options.empty(),
            "");
    assertThat(f.toDF().rdd().getNumPartitions()).isEqualTo(3);
    FrameAssert.assertThat(f).isEqualTo(whole(ctx).where("id > 0").select("id", "month"));
  }

  private static List<Integer> partitionSizes(Dataset<Row> df) {
    return df.javaRDD()
        .mapPartitions(
            it -> {
              int n = 0;
              while (it.hasNext()) {
                it.next();
                n++;
              }
              return List.of(n).iterator();
            })
        .collect();
  }
}
