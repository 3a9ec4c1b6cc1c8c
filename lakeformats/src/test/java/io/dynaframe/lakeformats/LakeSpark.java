package io.dynaframe.lakeformats;

import io.dynaframe.DynaContext;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one local Spark of this module's test JVM, made as a Glue job with {@code --datalake-formats
 * iceberg,delta} makes it (the formats' settings are static, so every test class shares it), with
 * the embedded catalog (a Hive metastore on Derby) behind {@code glue_catalog}.
 */
final class LakeSpark {
  private LakeSpark() {}

  private static DynaContext context;
  private static Path dir;

  static synchronized DynaContext context() {
    if (context == null) {
      try {
        dir = Files.createTempDirectory("dynaframe-lake-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      DynaContext.LocalBuilder b =
          DynaContext.local()
              .master("local[2]")
              .appName("dynaframe-lakeformats-tests")
              .dataDir(dir)
              .shufflePartitions(4)
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.default.parallelism", "2")
              // Delta rebuilds a table's state in 50 partitions by default: too many for test data
              .config("spark.databricks.delta.snapshotPartitions", "2");
      context =
          DataLakeFormats.fromArguments(new String[] {"--datalake-formats", "iceberg,delta"})
              .configure(b, dir.resolve("iceberg").toUri().toString())
              .build();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> context.spark().stop(), "lake-test-spark-stop"));
    }
    return context;
  }

  /** A folder of the test JVM's own. */
  static synchronized Path dir() {
    context();
    return dir;
  }

  /** Makes the database in the session's catalog unless it exists. */
  static void database(String name) {
    Catalog c = context().catalog();
    if (!c.databaseExists(DatabaseName.of(name))) {
      c.createDatabase(Database.of(name));
    }
  }
}
