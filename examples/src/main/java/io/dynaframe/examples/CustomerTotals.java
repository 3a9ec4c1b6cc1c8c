package io.dynaframe.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import java.util.List;

/**
 * A job written as a class with step annotations. When it compiles, the annotation processor checks
 * the graph and draws it: {@code CustomerTotals.dot} and {@code CustomerTotals.mmd} land next to
 * the class files. {@code JobRunner.run(new CustomerTotals(in, out), ctx)} runs the steps in that
 * order and records the same graph with the counts of the run.
 *
 * <p>It reads raw orders as JSON Lines, resolves the amount (a number in most records, a string in
 * a few), keeps the orders with a positive amount, totals them per customer and writes the totals
 * as JSON Lines.
 */
@Job(name = "customer_totals", description = "Order totals per customer")
public final class CustomerTotals {
  private final String input;
  private final String output;

  /**
   * Reads orders from {@code input} (a folder of JSON Lines) and writes totals into {@code output}.
   */
  public CustomerTotals(String input, String output) {
    this.input = input;
    this.output = output;
  }

  @Source(type = "S3 JSON", args = "paths = input")
  DynamicFrame orders(DynaContext ctx) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(input)), "json", Options.empty(), "orders");
  }

  @Step(type = "ResolveChoice", inputs = "orders", args = "amount = cast:double")
  DynamicFrame resolved(DynamicFrame orders) {
    return ResolveChoice.apply(
        orders, List.of(ResolveSpec.of("amount", "cast:double")), "resolved");
  }

  @Step(type = "ApplyMapping", inputs = "resolved", args = "mappings = customer, amount: double")
  DynamicFrame mapped(DynamicFrame resolved) {
    return ApplyMapping.apply(
        resolved,
        List.of(
            MappingSpec.of("customer", "string", "customer", "string"),
            MappingSpec.of("amount", "double", "amount", "double")),
        "mapped");
  }

  @Step(type = "Filter", inputs = "mapped", args = "condition = amount > 0")
  DynamicFrame valid(DynamicFrame mapped) {
    return mapped.apply("positive", Filter.where(col("amount").gt(0)));
  }

  @Step(type = "Aggregate", inputs = "valid", args = "group by = customer")
  DynamicFrame totals(DynamicFrame valid) {
    return valid.withRows(
        valid
            .toDF()
            .groupBy("customer")
            .agg(count(lit(1)).alias("orders"), round(sum("amount"), 2).alias("total")));
  }

  @Sink(type = "S3 JSON", inputs = "totals", args = "path = output")
  void write(DynamicFrame totals, DynaContext ctx) {
    ctx.writeDynamicFrameFromOptions(
        totals, "s3", Options.of("path", output), "json", Options.empty(), "");
  }
}
