package io.dynaframe.catalog.embedded;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;

/**
 * The second JVM of {@link EmbeddedCatalogAcrossProcessesTest}: a new SparkSession on the same
 * metastore queries the table with Spark SQL, then hides the 2023 partition folder and reads the
 * table back with a push-down predicate; every result is printed as a line.
 */
public final class QueryJob {
  private QueryJob() {}

  public static void main(String[] args) throws IOException {
    Path dataDir = Path.of(args[0]);
    DynaContext ctx = DynaContext.local().dataDir(dataDir).appName("query-job").build();
    for (Row r :
        ctx.spark()
            .sql(
                "SELECT year, month, count(*) AS n, sum(amount) AS total FROM sales.orders "
                    + "GROUP BY year, month ORDER BY year, month")
            .collectAsList()) {
      System.out.println("SQL " + r.mkString(","));
    }
    Path y2023 = dataDir.resolve("lake/orders/year=2023");
    Files.move(y2023, dataDir.resolve("lake/hidden-2023"));
    DynamicFrame jan =
        ctx.createDynamicFrameFromCatalog(
            "sales", "orders", "", "year = '2024' and month = '01'", Options.empty());
    for (String line : jan.toJSON().sort("value").collectAsList()) {
      System.out.println("PUSHDOWN " + line);
    }
    try {
      ctx.createDynamicFrameFromCatalog("sales", "orders").count();
      System.out.println("UNFILTERED read everything");
    } catch (SourceException e) {
      System.out.println("UNFILTERED failed: " + e.getMessage().lines().findFirst().orElse(""));
    }
    ctx.spark().stop();
  }
}
