package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SparkTest
class RoundTripTest {

  @TempDir Path dir;

  private static DynamicFrame sample(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"id\": 1, \"name\": \"a\", \"score\": 1.5, \"region\": \"eu\"}",
            "{\"id\": 2, \"name\": \"b, with comma\", \"score\": 2.25, \"region\": \"us\"}",
            "{\"id\": 3, \"name\": \"c \\\"quoted\\\"\", \"score\": -0.5, \"region\": \"eu\"}")
        .withName("sample");
  }

  private DynamicFrame roundTrip(
      DynaContext ctx,
      DynamicFrame f,
      String format,
      Options writeFormat,
      Options readFormat,
      Options extra) {
    Path out = dir.resolve(format);
    ctx.getSinkWithFormat(
            "s3",
            Options.of("path", out.toString()).withAll(extra),
            "out_" + format,
            format,
            writeFormat)
        .writeDynamicFrame(f);
    return ctx.createDynamicFrameFromOptions(
        "s3",
        Options.of("paths", List.of(out.toString()), "recurse", true),
        format,
        readFormat,
        "back");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "parquet", "orc", "avro"})
  void everyFormatRoundTripsSchemaAndRows(String format, DynaContext ctx) {
    DynamicFrame f = sample(ctx);
    FrameAssert.assertThat(
            roundTrip(ctx, f, format, Options.empty(), Options.empty(), Options.empty()))
        .isEqualTo(f);
  }

  /** A path relative to the working folder (as a user gives one) gets the files, partitions too. */
  @Test
  void aRelativeOutputPathGetsTheFiles(DynaContext ctx) throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path target = Files.createTempDirectory(cwd.resolve("target"), "relative-out-");
    String relative = cwd.relativize(target).resolve("out").toString();
    assertThat(relative).doesNotStartWith("/");
    DynamicFrame f = sample(ctx);
    ctx.writeDynamicFrameFromOptions(
        f,
        "s3",
        Options.of("path", relative, "partitionKeys", List.of("region")),
        "json",
        Options.empty(),
        "rel");

    try (Stream<Path> siblings = Files.list(target)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("out");
    }
    try (Stream<Path> files = Files.walk(target.resolve("out"))) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .filter(p -> !p.getFileName().toString().startsWith(".")) // Hadoop's .crc files
                  .map(
                      p ->
                          target
                              .resolve("out")
                              .relativize(p)
                              .toString()
                              .replaceAll("-part-.*", "")))
          .containsOnly("region=eu/rel-" + ctx.runId(), "region=us/rel-" + ctx.runId());
    }
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(relative), "recurse", true),
                "json",
                Options.empty(),
                "back"))
        .isEqualTo(f.apply("drop_region", new DropRegion()));
  }

  /** Drops {@code region}, which a partitioned write keeps in folder names only. */
  private static final class DropRegion implements io.dynaframe.Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      return input.withRows(input.toDF().drop("region"));
    }
  }

  @Test
  void csvRoundTripsWithItsHeader(DynaContext ctx) {
    DynamicFrame f = sample(ctx);
    DynamicFrame back =
        roundTrip(ctx, f, "csv", Options.empty(), Options.of("withHeader", true), Options.empty());
    // Glue reads CSV back with every value a string
    FrameAssert.assertThat(back).isEqualTo(asStrings(f));
  }

  @Test
  void choicesRoundTripThroughJsonAndParquet(DynaContext ctx) {
    DynamicFrame f =
        Frames.json(ctx, "{\"id\": 1, \"v\": [1, \"x\"]}", "{\"id\": \"a\", \"v\": []}");
    FrameAssert.assertThat(
            roundTrip(ctx, f, "json", Options.empty(), Options.empty(), Options.empty()))
        .isEqualTo(f);
    FrameAssert.assertThat(
            roundTrip(ctx, f, "parquet", Options.empty(), Options.empty(), Options.empty()))
        .isEqualTo(f);
  }

  @Test
  void filesAreNamedAfterTheStepTheRunAndThePart(DynaContext ctx) throws IOException {
    DynaContext run = ctx.withRunId("20261125T210000Z-abcd");
    Path out = dir.resolve("named");
    run.getSinkWithFormat(
            "s3",
            Options.of("path", out.toString(), "partitionKeys", List.of("region")),
            "orders",
            "parquet",
            Options.empty())
        .writeDynamicFrame(sample(run).repartition(2));

    List<String> files;
    try (Stream<Path> s = Files.walk(out)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .map(p -> out.relativize(p).toString())
              .sorted()
              .toList();
    }
    assertThat(files)
        .isNotEmpty()
        .allMatch(
            n ->
                n.matches(
                    "region=(eu|us)/orders-20261125T210000Z-abcd-part-\\d{5}(-c\\d{3})?\\.snappy\\.parquet"));
    assertThat(files).noneMatch(n -> n.contains("staging") || n.contains("_SUCCESS"));
    DynamicFrame back =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(out.resolve("region=eu").toString())),
            "parquet",
            Options.empty(),
            "");
    assertThat(back.count()).isEqualTo(2);
  }

  @Test
  void aPartitionKeyThatIsNotAFieldFailsBeforeWriting(DynaContext ctx) {
    Path out = dir.resolve("bad");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                        "s3",
                        Options.of("path", out.toString(), "partitionKeys", List.of("year")),
                        "x",
                        "parquet",
                        Options.empty())
                    .writeDynamicFrame(sample(ctx)))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("partition key 'year' is not a field of frame 'sample'");
    assertThat(out).doesNotExist();
  }

  @Test
  void gzipCompressedJsonIsReadBack(DynaContext ctx) throws IOException {
    DynamicFrame f = sample(ctx);
    DynamicFrame back =
        roundTrip(
            ctx, f, "json", Options.empty(), Options.empty(), Options.of("compression", "gzip"));
    FrameAssert.assertThat(back).isEqualTo(f);
    try (Stream<Path> s = Files.list(dir.resolve("json"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .isNotEmpty()
          .allMatch(n -> n.matches("out_json-.*-part-00000\\.json\\.gz"));
    }
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

  /**
   * Glue's Parquet writer (format {@code glueparquet}, or {@code useGlueParquetWriter} on parquet)
   * writes the frame as parquet does, but, as AWS's Parquet page says, no schema-only file for an
   * empty frame; Spark's writer (plain parquet) writes one file with the schema and no rows.
   */
  @Test
  void gluesParquetWriterWritesNoFileForAnEmptyFrameAndTheRowsOtherwise(DynaContext ctx)
      throws IOException {
    DynamicFrame f = sample(ctx);
    FrameAssert.assertThat(
            roundTrip(
                ctx,
                f,
                "parquet",
                Options.of("useGlueParquetWriter", true),
                Options.empty(),
                Options.empty()))
        .isEqualTo(f);
    DynamicFrame empty = DynamicFrame.fromDF(f.toDF().where("id < 0"), ctx, "empty");
    Path plain = dir.resolve("empty-parquet");
    Path glue = dir.resolve("empty-glueparquet");
    Path option = dir.resolve("empty-option");
    ctx.writeDynamicFrameFromOptions(
        empty, "s3", Options.of("path", plain.toString()), "parquet", Options.empty(), "plain");
    ctx.writeDynamicFrameFromOptions(
        empty, "s3", Options.of("path", glue.toString()), "glueparquet", Options.empty(), "glue");
    ctx.writeDynamicFrameFromOptions(
        empty,
        "s3",
        Options.of("path", option.toString()),
        "parquet",
        Options.of("useGlueParquetWriter", "true"),
        "option");
    // Glue's option in another case is the option
    Path anyCase = dir.resolve("empty-option-any-case");
    ctx.writeDynamicFrameFromOptions(
        empty,
        "s3",
        Options.of("path", anyCase.toString()),
        "parquet",
        Options.of("USEGLUEPARQUETWRITER", "true"),
        "anyCase");
    assertThat(parquetFiles(plain)).hasSize(1);
    assertThat(parquetFiles(anyCase)).isEmpty();
    assertThat(ctx.spark().read().parquet(plain.toString()).schema()).isEqualTo(f.toDF().schema());
    assertThat(parquetFiles(glue)).isEmpty();
    assertThat(parquetFiles(option)).isEmpty();

    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    Options.of("path", dir.resolve("x").toString()),
                    "",
                    "parquet",
                    Options.of("useGlueParquetWriter", "yes")))
        .isInstanceOf(SinkException.class)
        .hasMessage("format option useGlueParquetWriter is 'yes'; it takes true or false");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    Options.of("path", dir.resolve("y").toString()),
                    "",
                    "json",
                    Options.of("useGlueParquetWriter", true)))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "format option useGlueParquetWriter is an option of format parquet, not of 'json'");
  }

  private static List<Path> parquetFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
  }
}
