package io.dynaframe.examples;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The smallest dynaframe job: reads a bundled file of JSON lines whose fields disagree on their
 * types, prints the schema Glue would print (with choices), the records, and the error record for
 * the line that is not valid JSON.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path lake = Path.of(args.length > 0 ? args[0] : "lake");
    Path input = lake.resolve("source/quickstart/orders.jsonl");
    Files.createDirectories(input.getParent());
    try (InputStream in = QuickStart.class.getResourceAsStream("/quickstart/orders.jsonl")) {
      Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
    }

    DynaContext ctx =
        DynaContext.local().appName("quickstart").dataDir(lake.resolve("spark")).build();
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "json",
            Options.empty(),
            "orders");

    System.out.println("== schema of " + input);
    orders.printSchema();
    System.out.println("== " + orders.count() + " records");
    orders.show(10);
    System.out.println("== " + orders.errorsCount() + " error record(s)");
    orders
        .errorsAsDynamicFrame()
        .toDF()
        .select("error.source", "error.line", "error.msg")
        .show(false);
    ctx.spark().stop();
  }
}
