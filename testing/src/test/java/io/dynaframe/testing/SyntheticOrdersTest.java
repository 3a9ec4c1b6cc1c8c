package io.dynaframe.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

@SparkTest
class SyntheticOrdersTest {

  @Test
  void theFiguresItGivesAreThoseOfTheOrdersItGenerates(DynaContext ctx) {
    long n = 123_457; // more than one period of the amounts (100,000), not a whole number of them
    Dataset<Row> orders = SyntheticOrders.generate(ctx.spark(), n, 3);
    Dataset<Row> kept = orders.where(col("status").notEqual("cancelled"));
    Row figures = kept.agg(count(lit(1)), sum("id")).first();

    assertThat(orders.rdd().getNumPartitions()).isEqualTo(3);
    assertThat(figures.getLong(0))
        .isEqualTo(SyntheticOrders.kept(n))
        .isEqualTo(n - SyntheticOrders.cancelled(n));
    assertThat(figures.getLong(1)).isEqualTo(SyntheticOrders.keptIdSum(n));
    assertThat(orders.where(col("amount_text").equalTo("n/a")).count())
        .isEqualTo(SyntheticOrders.notAvailableAmounts(n));
    // try_cast: "n/a" is null, as with Spark 3's default cast and with Spark 4's ANSI mode alike
    assertThat(kept.where(expr("try_cast(amount_text as double)").gt(500)).count())
        .isEqualTo(SyntheticOrders.keptWithAmountAbove(n, 500));
  }
}
