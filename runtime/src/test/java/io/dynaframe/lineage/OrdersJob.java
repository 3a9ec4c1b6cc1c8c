package io.dynaframe.lineage;

import static org.apache.spark.sql.functions.col;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A small annotated job for the lineage tests: orders and customers from JSON, a rename and a cast
 * (plain Dataset operations), a step that sets negative amounts aside as error records, a join, and
 * a Parquet sink.
 */
@Job(name = "orders-daily", description = "Orders and customers to the lake")
public class OrdersJob {
  final Path landing;
  final Path lake;

  OrdersJob(Path landing, Path lake) {
    this.landing = landing;
    this.lake = lake;
  }

  @Source(type = "S3 JSON", args = "paths = landing/orders")
  DynamicFrame orders(DynaContext ctx) {
    return ctx.createDynamicFrameFromOptions(
        "s3",
        Options.of("paths", List.of(landing.resolve("orders").toString())),
        "json",
        Options.empty(),
        "orders");
  }

  @Source(type = "S3 JSON", args = "paths = landing/customers")
  DynamicFrame customers(DynaContext ctx) {
    return ctx.createDynamicFrameFromOptions(
        "s3",
        Options.of("paths", List.of(landing.resolve("customers").toString())),
        "json",
        Options.empty(),
        "customers");
  }

  @Step(
      type = "ApplyMapping",
      inputs = "orders",
      args = "mappings = id -> order_id, amount -> amount: double")
  DynamicFrame mapped(DynamicFrame orders) {
    Dataset<Row> df =
        orders
            .toDF()
            .select(
                col("id").alias("order_id"),
                col("customer"),
                col("amount").cast("double").alias("amount"));
    return orders.withRows(df);
  }

  @Step(type = "Filter", inputs = "mapped", args = "condition = amount >= 0")
  DynamicFrame valid(DynamicFrame mapped) {
    // a nested apply: it belongs to this step, and its error records count for it
    return mapped.apply("reject-negative", new TestTransforms.RejectNegative());
  }

  @Step(
      type = "Join",
      inputs = {"valid", "customers"},
      args = "keys = customer")
  DynamicFrame joined(DynamicFrame valid, DynamicFrame customers) {
    return valid.withRows(valid.toDF().join(customers.toDF(), "customer"));
  }

  @Sink(type = "S3 Parquet", inputs = "joined", args = "path = lake/orders")
  void lakeOrders(DynamicFrame joined, DynaContext ctx) {
    ctx.writeDynamicFrameFromOptions(
        joined,
        "s3",
        Options.of("path", lake.resolve("orders").toString()),
        "parquet",
        Options.empty(),
        "");
  }
}
