package io.dynaframe.bundle;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import java.util.List;

/**
 * An annotated job that {@link GlueStyleSmokeJob} runs with the job runner, so that the bundle's
 * relocated OpenLineage client writes the run's START and COMPLETE events into the lake's TEMP
 * area, on a classpath of Spark's jars plus the bundle.
 */
@Job(name = "smoke_lineage", description = "JSON orders to Parquet, with OpenLineage events")
public class LineageSmokeJob {
  private final String input;
  private final String output;

  LineageSmokeJob(String input, String output) {
    this.input = input;
    this.output = output;
  }

  @Source(type = "S3 JSON", args = "paths = input")
  DynamicFrame orders(DynaContext ctx) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(input)), "json", Options.empty(), "orders");
  }

  @Sink(type = "S3 Parquet", inputs = "orders", args = "path = output")
  void parquet(DynamicFrame orders, DynaContext ctx) {
    ctx.writeDynamicFrameFromOptions(
        orders, "s3", Options.of("path", output), "parquet", Options.empty(), "");
  }
}
