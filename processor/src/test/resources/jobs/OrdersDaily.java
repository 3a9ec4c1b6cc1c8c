package com.example.jobs;

import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;

/** A sample job: daily orders, typed and joined with customers, to the lake; bad amounts to quarantine. */
@Job(name = "orders-daily", description = "Daily orders joined with customers, written to the lake as Parquet")
public class OrdersDaily {

  /** Stands in for DynamicFrame, which the annotations module does not depend on. */
  public interface Frame {}

  @Source(type = "S3 JSON", args = {"paths = s3://landing/orders/", "recurse = true"})
  Frame orders() {
    return null;
  }

  @Source(type = "Data Catalog", args = {"database = sales", "table = customers"})
  Frame customers() {
    return null;
  }

  @Step(type = "ApplyMapping", inputs = "orders",
      args = "mappings = order_id:long, customer_id:long, amount:double, order_date:date")
  Frame typed(Frame orders) {
    return orders;
  }

  @Step(type = "Join", inputs = {"typed", "customers"}, args = "keys = customer_id")
  Frame enriched(Frame typed, Frame customers) {
    return typed;
  }

  @Step(id = "rejects", type = "Filter", inputs = "enriched", args = "condition = amount < 0 or \"currency\" is null")
  Frame negativeAmounts(Frame enriched) {
    return enriched;
  }

  @Sink(type = "S3 Parquet", inputs = "enriched", args = {"path = s3://lake/orders/", "partitionKeys = order_date"})
  void lake(Frame enriched) {}

  @Sink(id = "quarantine", type = "S3 JSON", inputs = "rejects", args = "path = s3://lake/quarantine/orders/")
  void writeRejects(Frame rejects) {}
}
