package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.S3ProxyServer;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every format is written with the sink and read back with the source through s3a, against an S3
 * API server (S3Proxy) that runs as a separate JVM on loopback; {@code s3://} paths are served by
 * s3a where no other file system serves them.
 */
@SparkTest
class S3aRoundTripTest {

  @TempDir static Path dir;

  private static S3ProxyServer s3;
  private static String bucket;

  @BeforeAll
  static void startS3(SparkSession spark) {
    s3 =
        S3ProxyServer.startInMemory(
            S3ProxyServer.classpathFromSystemProperty(), dir.resolve("s3proxy"));
    // a fresh bucket name per run: Hadoop caches a file system per bucket for the whole JVM
    bucket =
        s3.createBucket(
            "dynaframe-rt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    s3.hadoopOptions(bucket).forEach(conf::set);
  }

  @AfterAll
  static void stopS3(SparkSession spark) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
    } finally {
      s3.hadoopOptions(bucket).keySet().forEach(conf::unset);
      s3.close();
    }
  }

  private static DynamicFrame sample(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"id\": 1, \"name\": \"a\", \"score\": 1.5, \"region\": \"eu\"}",
            "{\"id\": 2, \"name\": \"b, with comma\", \"score\": 2.25, \"region\": \"us\"}",
            "{\"id\": 3, \"name\": \"c \\\"quoted\\\"\", \"score\": -0.5, \"region\": \"eu\"}")
        .withName("sample");
  }

  private static DynamicFrame roundTrip(
      DynaContext ctx,
      DynamicFrame f,
      String path,
      String format,
      Options writeFormat,
      Options readFormat) {
    ctx.getSinkWithFormat("s3", Options.of("path", path), "out_" + format, format, writeFormat)
        .writeDynamicFrame(f);
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path), "recurse", true), format, readFormat, "back");
  }

  private static List<String> objectNames(SparkSession spark, String path) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> names = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
    while (it.hasNext()) {
      names.add(it.next().getPath().getName());
    }
    names.sort(null);
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "parquet", "orc", "avro"})
  void everyFormatRoundTripsThroughS3a(String format, DynaContext ctx, SparkSession spark)
      throws IOException {
    DynamicFrame f = sample(ctx);
    String path = "s3a://" + bucket + "/formats/" + format;

    FrameAssert.assertThat(roundTrip(ctx, f, path, format, Options.empty(), Options.empty()))
        .isEqualTo(f);
    assertThat(objectNames(spark, path))
        .isNotEmpty()
        .allMatch(
            n -> n.startsWith("out_" + format + "-" + ctx.runId() + "-part-"),
            "named after step, run and part");
  }

  @Test
  void csvRoundTripsThroughS3aWithItsHeader(DynaContext ctx) {
    DynamicFrame f = sample(ctx);
    DynamicFrame back =
        roundTrip(
            ctx,
            f,
            "s3a://" + bucket + "/formats/csv",
            "csv",
            Options.empty(),
            Options.of("withHeader", true));
    // Glue reads CSV back with every value a string
    FrameAssert.assertThat(back).isEqualTo(asStrings(f));
  }

  @Test
  void choicesRoundTripThroughS3aAsJsonAndParquet(DynaContext ctx) {
    DynamicFrame f =
        Frames.json(ctx, "{\"id\": 1, \"v\": [1, \"x\"]}", "{\"id\": \"a\", \"v\": []}");
    FrameAssert.assertThat(
            roundTrip(
                ctx,
                f,
                "s3a://" + bucket + "/choices/json",
                "json",
                Options.empty(),
                Options.empty()))
        .isEqualTo(f);
    FrameAssert.assertThat(
            roundTrip(
                ctx,
                f,
                "s3a://" + bucket + "/choices/parquet",
                "parquet",
                Options.empty(),
                Options.empty()))
        .isEqualTo(f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "parquet"})
  void s3SchemePathsAreServedByS3a(String format, DynaContext ctx, SparkSession spark)
      throws IOException {
    DynamicFrame f = sample(ctx);

    DynamicFrame back =
        roundTrip(
            ctx,
            f,
            "s3://" + bucket + "/s3scheme/" + format,
            format,
            Options.empty(),
            Options.empty());

    FrameAssert.assertThat(back).isEqualTo(f);
    assertThat(objectNames(spark, "s3a://" + bucket + "/s3scheme/" + format))
        .isNotEmpty()
        .allMatch(n -> n.startsWith("out_" + format + "-"));
  }

  /** The frame with every column cast to string, as Glue reads a CSV file. */
  private static DynamicFrame asStrings(DynamicFrame f) {
    return f.withRows(
        f.toDF()
            .select(
                java.util.Arrays.stream(f.toDF().columns())
                    .map(c -> org.apache.spark.sql.functions.col(c).cast("string").as(c))
                    .toArray(org.apache.spark.sql.Column[]::new)));
  }
}
