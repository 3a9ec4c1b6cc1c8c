package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the flagship job with every lake area (CODE, TEMP, SOURCE, LOAD) in a bucket of an S3 API
 * server (S3Proxy in its own JVM on loopback) reached through s3a, with the embedded catalog in a
 * local folder, and compares its tables, read back through the catalog with Spark SQL (schema and
 * every row), with those of the same job on a local lake.
 */
@Tag("s3proxy") // run by .ci/run, not by the README's test command
class FlagshipS3IT {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void theFlagshipOnS3GivesTheSameTablesAsOnALocalLake() throws Exception {
    List<String> local = Flagship.localDump();
    Flagship.assertBookmarksAndQuarantine(local);

    Path s3data = dir.resolve("s3");
    try (S3ProxyServer s3 =
        S3ProxyServer.start(S3ProxyServer.classpathFromSystemProperty(), s3data)) {
      String bucket = s3.createBucket("flagship-lake");
      List<String> jvm = new ArrayList<>();
      s3.hadoopOptions(bucket).forEach((k, v) -> jvm.add("-Dspark.hadoop." + k + "=" + v));
      List<String> onS3 =
          Flagship.run(
              dir, "s3", "s3a://" + bucket + "/lake", jvm, Map.of("SPARK_LOCAL_IP", "127.0.0.1"));

      Flagship.assertBookmarksAndQuarantine(onS3);
      Flagship.assertSameTables("the tables of the run on S3", onS3, local);

      // every area really is in the bucket, and no table data went to the local catalog folder
      Path lake = s3data.resolve("buckets").resolve(bucket).resolve("lake");
      assertThat(files(lake.resolve("code/orders_pipeline")))
          .as("CODE: the deployed job")
          .anyMatch(f -> f.endsWith("/deployment.json"))
          .anyMatch(f -> f.matches(".*/dynaframe-examples.*\\.jar"));
      assertThat(files(lake.resolve("source/orders")))
          .as("SOURCE: raw batches")
          .anyMatch(f -> f.endsWith("batch=2/orders-2-1.json"));
      assertThat(files(lake.resolve("temp/samples/orders_pipeline")))
          .as("TEMP: Spigot samples")
          .isNotEmpty();
      assertThat(files(lake.resolve("temp/staging/orders_pipeline")))
          .as("TEMP: Relationalize staging")
          .isNotEmpty();
      assertThat(files(lake.resolve("load/sales/orders")))
          .as("LOAD: published versions")
          .anyMatch(f -> f.matches(".*/v-[^/]+/order_date=[^/]+/orders-.*\\.parquet"));
      assertThat(files(lake.resolve("load/_dynaframe/bookmarks/orders_pipeline")))
          .as("LOAD: bookmark states")
          .anyMatch(f -> f.endsWith("state-00000002.json"));
      assertThat(files(dir.resolve("s3-catalog")))
          .as("the local catalog folder holds the metastore, no table data")
          .noneMatch(f -> f.endsWith(".parquet") || f.endsWith(".json"));
    }
  }

  private static List<String> files(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> p.toString().replace('\\', '/')).toList();
    }
  }
}
