package io.dynaframe.transforms;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.SparkTest;
import org.junit.jupiter.api.Test;

@SparkTest
class DebugTest {
  @Test
  void t(DynaContext ctx) throws Exception {
    DynamicFrame f = io.dynaframe.testing.Frames.json(ctx, "{\"id\": 1}", "{\"id\": \"a\"}")
        .apply(ResolveChoice.spec("id", "make_cols"));
    java.nio.file.Path p = java.nio.file.Files.createTempDirectory("dbg").resolve("out");
    f.toDF().write().parquet(p.toString());
    System.out.println("READ " + ctx.spark().read().parquet(p.toString()).schema().json());
  }
}
