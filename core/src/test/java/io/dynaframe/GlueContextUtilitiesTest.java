package io.dynaframe;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GlueContext's utilities on local files: {@code purge_s3_path} with AWS's options and manifests,
 * {@code transition_s3_path} checked and refused, {@code add_ingestion_time_columns}, and the
 * DataFrame, RDD and sample entry points.
 */
@SparkTest
class GlueContextUtilitiesTest {

  @TempDir Path dir;

  private Path file(String relative, String content, long ageHours) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(
        f, FileTime.from(Instant.now().minus(ageHours, ChronoUnit.HOURS).minusSeconds(60)));
    return f;
  }

  private List<String> filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  // ---------------------------------------------------------------- purge_s3_path

  @Test
  void purgeKeepsFilesNewerThanTheRetentionPeriodAndWritesTheManifests(DynaContext ctx)
      throws IOException {
    Path data = dir.resolve("data");
    Path old = file("data/a/old.json", "{}", 200); // older than the default 168 hours
    file("data/a/new.json", "{}", 0);
    Path twoHours = file("data/b/two-hours.json", "{}", 2);
    Path manifest = dir.resolve("manifest");

    ctx.purgeS3Path(data.toString(), Options.of("manifestFilePath", manifest.toString()), "");

    assertThat(filesUnder(data)).containsExactly("a/new.json", "b/two-hours.json");
    assertThat(filesUnder(manifest)).containsExactly("Failed.csv", "Success.csv");
    assertThat(Files.readString(manifest.resolve("Success.csv"))).isEqualTo(old + "\n");
    assertThat(Files.readString(manifest.resolve("Failed.csv"))).isEmpty();

    // AWS's example: retentionPeriod 1 (hour), a manifest folder per transformation context
    ctx.purgeS3Path(
        data.toString(),
        Options.of(
            "retentionPeriod",
            1,
            "excludeStorageClasses",
            List.of("STANDARD_IA"),
            "manifestFilePath",
            manifest.toString()),
        "purge_b");
    assertThat(filesUnder(data)).containsExactly("a/new.json");
    assertThat(Files.readString(manifest.resolve("purge_b/Success.csv")))
        .isEqualTo(twoHours + "\n");
    assertThat(Files.readString(manifest.resolve("purge_b/Failed.csv"))).isEmpty();

    // retentionPeriod 0 keeps nothing
    ctx.purgeS3Path(data.toString(), Options.of("retentionPeriod", 0), "");
    assertThat(filesUnder(data)).isEmpty();
  }

  @Test
  void purgeWithAPartitionPredicateDeletesOnlyThePartitionsThatPass(DynaContext ctx)
      throws IOException {
    Path data = dir.resolve("sales");
    Path march = file("sales/year=2024/month=march/part-0.json", "{}", 10);
    Path march2 = file("sales/year=2023/month=march/part-0.json", "{}", 10);
    file("sales/year=2024/month=april/part-0.json", "{}", 10);
    file("sales/year=2024/month=march/fresh.json", "{}", 0); // within the retention period
    Path manifest = dir.resolve("m");

    ctx.purgeS3Path(
        data.toString(),
        Options.of(
            "partitionPredicate",
            "(month=='march')",
            "retentionPeriod",
            1,
            "manifestFilePath",
            manifest.toString()),
        "");

    assertThat(filesUnder(data))
        .containsExactly("year=2024/month=april/part-0.json", "year=2024/month=march/fresh.json");
    assertThat(Files.readString(manifest.resolve("Success.csv")).lines().toList())
        .containsExactly(march2.toString(), march.toString());

    ctx.purgeS3Path(
        data.toString(),
        Options.of("partitionPredicate", "year = 2024 and month <> 'march'", "retentionPeriod", 1),
        "");
    assertThat(filesUnder(data)).containsExactly("year=2024/month=march/fresh.json");
  }

  @Test
  void localFilesAreOfTheStandardStorageClass(DynaContext ctx) throws IOException {
    Path data = dir.resolve("d");
    file("d/x.csv", "a", 300);
    ctx.purgeS3Path(data.toString(), Options.of("excludeStorageClasses", List.of("STANDARD")), "");
    assertThat(filesUnder(data)).containsExactly("x.csv");
    ctx.purgeS3Path(
        data.toString(),
        Options.of("excludeStorageClasses", "[\"GLACIER\", \"DEEP_ARCHIVE\"]"),
        "");
    assertThat(filesUnder(data)).isEmpty();
  }

  @Test
  void badPurgeOptionsFailBeforeAnyFileIsDeleted(DynaContext ctx) throws IOException {
    Path data = dir.resolve("keep");
    file("keep/x.json", "{}", 500);
    String p = data.toString();
    assertThatThrownBy(() -> ctx.purgeS3Path(p, Options.of("retentionPeriods", 1), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("option of purge_s3_path 'retentionPeriods' is not known")
        .hasMessageContaining("did you mean 'retentionPeriod'?");
    assertThatThrownBy(
            () ->
                ctx.purgeS3Path(p, Options.of("excludeStorageClasses", List.of("STANDARD-IA")), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'STANDARD-IA'")
        .hasMessageContaining("STANDARD_IA");
    assertThatThrownBy(() -> ctx.purgeS3Path(p, Options.of("retentionPeriod", -1), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("retentionPeriod must be a number of hours, 0 or more, was -1");
    assertThatThrownBy(() -> ctx.purgeS3Path(p, Options.of("retentionPeriod", "a week"), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("retentionPeriod");
    assertThatThrownBy(
            () -> ctx.purgeS3Path(p, Options.of("partitionPredicate", "month = 'march'"), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("needs partition folders (key=value) below " + p);
    assertThatThrownBy(() -> ctx.purgeS3Path(dir.resolve("nope").toString(), Options.empty(), ""))
        .isInstanceOf(StorageException.class)
        .hasMessage("purge_s3_path: the path does not exist: " + dir.resolve("nope"));
    assertThat(filesUnder(data)).containsExactly("x.json");
  }

  @Test
  void aPartitionPredicateThatIsNotSqlIsNamed(DynaContext ctx) throws IOException {
    file("p/k=1/x.json", "{}", 500);
    String p = dir.resolve("p").toString();
    assertThatThrownBy(
            () ->
                ctx.purgeS3Path(
                    p, Options.of("partitionPredicate", "nokey = 1", "retentionPeriod", 0), ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("option partitionPredicate 'nokey = 1' is not a valid condition")
        .hasMessageContaining("[k]");
    assertThat(filesUnder(dir.resolve("p"))).containsExactly("k=1/x.json");
  }

  // ---------------------------------------------------------------- transition_s3_path

  @Test
  void transitionChecksItsArgumentsThenRefusesALocalFileSystem(DynaContext ctx) throws IOException {
    file("t/x.json", "{}", 500);
    String p = dir.resolve("t").toString();
    // AWS's example options, on a local path
    Options aws =
        Options.of(
            "retentionPeriod",
            1,
            "excludeStorageClasses",
            List.of("STANDARD_IA"),
            "manifestFilePath",
            dir.resolve("m").toString(),
            "accountId",
            "12345678901",
            "roleArn",
            "arn:aws:iam::123456789012:user/example-username");
    assertThatThrownBy(() -> ctx.transitionS3Path(p, "STANDARD_IA", aws, ""))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "transition_s3_path cannot move "
                + p
                + " to storage class STANDARD_IA: its file system (file) has no storage classes;"
                + " only Amazon S3 objects have one");
    assertThatThrownBy(() -> ctx.transitionS3Path(p, "COLD", aws, ""))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("transition_to 'COLD' is not an Amazon S3 storage class");
    assertThatThrownBy(
            () ->
                ctx.transitionS3Path(
                    p, "GLACIER", Options.of("roleArn", "arn:aws:iam::1:role/r"), ""))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "transition_s3_path: option accountId is mandatory (Glue runs the transition as them)");
    assertThat(filesUnder(dir.resolve("t"))).containsExactly("x.json");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  // ---------------------------------------------------------------- add_ingestion_time_columns

  @Test
  void ingestionTimeColumnsAreAppendedToTheGranularity(DynaContext ctx) {
    Dataset<Row> df = Frames.rows(ctx, "id INT", row(1), row(2)).toDF();
    Instant before = Instant.now();
    List<Row> rows = ctx.addIngestionTimeColumns(df, "hour").collectAsList();
    Instant after = Instant.now();
    assertThat(ctx.addIngestionTimeColumns(df, "hour").schema())
        .isEqualTo(
            StructType.fromDDL(
                "id INT, ingest_year STRING NOT NULL, ingest_month STRING NOT NULL,"
                    + " ingest_day STRING NOT NULL, ingest_hour STRING NOT NULL"));
    DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy|MM|dd|HH").withZone(ZoneOffset.UTC);
    List<String> allowed = List.of(hour.format(before), hour.format(after));
    assertThat(rows).hasSize(2);
    for (Row r : rows) {
      String got = String.join("|", r.getString(1), r.getString(2), r.getString(3), r.getString(4));
      assertThat(got).isIn(allowed);
    }
    assertThat(rows.get(0).getInt(0) + rows.get(1).getInt(0)).isEqualTo(3);

    assertThat(ctx.addIngestionTimeColumns(df, "day").columns())
        .containsExactly("id", "ingest_year", "ingest_month", "ingest_day");
    Row minute = ctx.addIngestionTimeColumns(df, "minute").first();
    assertThat(minute.size()).isEqualTo(6);
    assertThat(minute.getString(5)).matches("[0-5][0-9]");
    assertThatThrownBy(() -> ctx.addIngestionTimeColumns(df, "week"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeGranularity must be \"day\", \"hour\" or \"minute\", was \"week\"");
  }

  // ---------------------------------------------------------------- entry points

  @Test
  void createDataFrameFromOptionsReadsAsTheDynamicFrameDoes(DynaContext ctx) throws IOException {
    Path f =
        file("in/people.json", "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n", 0);
    Dataset<Row> df =
        ctx.createDataFrameFromOptions(
            "s3", Options.of("paths", List.of(f.toString())), "json", Options.empty(), "people");
    FrameAssert.assertThat(df)
        .isEqualTo(
            ctx.createDynamicFrameFromOptions(
                    "s3", Options.of("paths", List.of(f.toString())), "json", Options.empty(), "")
                .toDF());
    FrameAssert.assertThat(df)
        .isEqualTo(Frames.rows(ctx, "id INT, name STRING", row(1, "a"), row(2, "b")).toDF());
  }

  @Test
  void aFrameCollectionIsWrittenFrameByFrameUnderItsNames(DynaContext ctx) throws IOException {
    DynamicFrame big = Frames.rows(ctx, "id BIGINT, amount DOUBLE", row(1L, 900.0), row(2L, 750.5));
    DynamicFrame rest = Frames.rows(ctx, "id BIGINT, amount DOUBLE", row(3L, 12.0));
    FrameCollection split =
        FrameCollection.of(
            new java.util.LinkedHashMap<>(java.util.Map.of("big", big, "rest", rest)), ctx);
    Path out = dir.resolve("out");

    FrameCollection errors =
        ctx.writeFromOptions(
            split, "s3", Options.of("path", out + "/"), "parquet", Options.empty(), "write_split");

    assertThat(errors.keys()).containsExactlyInAnyOrder("big", "rest");
    assertThat(errors.get("big").count()).isZero();
    for (var e : java.util.Map.of("big", big, "rest", rest).entrySet()) {
      DynamicFrame back =
          ctx.createDynamicFrameFromOptions(
              "s3",
              Options.of("paths", List.of(out.resolve(e.getKey()).toString())),
              "parquet",
              Options.empty(),
              "");
      FrameAssert.assertThat(back).isEqualTo(e.getValue());
    }
    assertThat(filesUnder(out)).allMatch(f -> f.startsWith("big/") || f.startsWith("rest/"));
  }

  @Test
  void flatMapMergesWhatEachFrameBecomes(DynaContext ctx) {
    DynamicFrame a = Frames.rows(ctx, "id BIGINT", row(1L), row(2L), row(3L));
    DynamicFrame b = Frames.rows(ctx, "id BIGINT", row(4L));
    java.util.Map<String, DynamicFrame> in = new java.util.LinkedHashMap<>();
    in.put("a", a);
    in.put("b", b);
    FrameCollection both = FrameCollection.of(in, ctx);

    FrameCollection out =
        both.flatMap(
            (frame, name) ->
                name.equals("a")
                    ? FrameCollection.of(
                        java.util.Map.of(
                            "a_odd",
                            frame.withRows(frame.toDF().where("id % 2 = 1")),
                            "a_even",
                            frame.withRows(frame.toDF().where("id % 2 = 0"))),
                        ctx)
                    : FrameCollection.of(java.util.Map.of(name, frame), ctx));

    assertThat(out.keys()).containsExactlyInAnyOrder("a_odd", "a_even", "b");
    FrameAssert.assertThat(out.get("a_odd"))
        .isEqualTo(Frames.rows(ctx, "id BIGINT", row(1L), row(3L)));
    FrameAssert.assertThat(out.get("a_even")).isEqualTo(Frames.rows(ctx, "id BIGINT", row(2L)));
    FrameAssert.assertThat(out.get("b")).isEqualTo(b);
    assertThatThrownBy(
            () ->
                both.flatMap(
                    (frame, name) -> FrameCollection.of(java.util.Map.of("x", frame), ctx)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "flatMap: the results for 'b' and an earlier frame both hold a frame named 'x'");
  }

  @Test
  void aFrameCollectionWithBadOptionsWritesNothing(DynaContext ctx) {
    FrameCollection split =
        FrameCollection.of(java.util.Map.of("big", Frames.rows(ctx, "id BIGINT", row(1L))), ctx);
    Path out = dir.resolve("nothing");
    assertThatThrownBy(
            () ->
                ctx.writeFromOptions(
                    split, "s3", Options.of("path", out.toString()), "jsn", Options.empty(), ""))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("jsn");
    assertThatThrownBy(
            () ->
                ctx.writeFromOptions(
                    split, "s3", Options.of("paths", List.of("x")), "json", Options.empty(), ""))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "writing a frame collection to connection type 's3' needs option path: each frame is"
                + " written to <path>/<its name>; for a database or table target, write each frame"
                + " with writeDynamicFrameFromOptions");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void aFrameFromAnRddOfRows(DynaContext ctx) {
    StructType schema = StructType.fromDDL("id BIGINT, name STRING");
    var rdd =
        JavaSparkContext.fromSparkContext(ctx.spark().sparkContext())
            .parallelize(List.of(row(1L, "a"), row(2L, "b")));
    DynamicFrame f = ctx.createDynamicFrameFromRDD(rdd, "people", schema, "from_rdd");
    FrameAssert.assertThat(f)
        .isEqualTo(Frames.rows(ctx, "id BIGINT, name STRING", row(1L, "a"), row(2L, "b")));
    assertThat(f.name()).isEqualTo("people");
    assertThat(f.transformationContext()).isEqualTo("from_rdd");
    assertThatThrownBy(() -> ctx.createDynamicFrameFromRDD(rdd, "people", null))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "createDynamicFrameFromRDD 'people': an RDD of Java rows needs its schema (a"
                + " StructType)");
  }

  @Test
  void aSampleReadsTheFirstFoldersAndFilesAndAtMostNumRecords(DynaContext ctx) throws IOException {
    for (String folder : List.of("p1", "p2", "p3")) {
      for (int i = 1; i <= 2; i++) {
        file("s/" + folder + "/f" + i + ".json", "{\"where\": \"" + folder + "/f" + i + "\"}\n", 0);
      }
    }
    Options conn = Options.of("paths", List.of(dir.resolve("s").toString()), "recurse", true);
    DynamicFrame sample =
        ctx.createSampleDynamicFrameFromOptions(
            "s3",
            conn,
            10,
            Options.of("maxSamplePartitions", 2, "maxSampleFilesPerPartition", 1),
            "json",
            Options.empty(),
            "");
    FrameAssert.assertThat(sample)
        .isEqualTo(Frames.rows(ctx, "where STRING", row("p1/f1"), row("p2/f1")));

    // the defaults (10 and 10) read every file here; num bounds the records
    DynamicFrame all =
        ctx.createSampleDynamicFrameFromOptions(
            "s3", conn, 100, Options.empty(), "json", Options.empty(), "");
    FrameAssert.assertThat(all)
        .isEqualTo(
            Frames.rows(
                ctx,
                "where STRING",
                row("p1/f1"),
                row("p1/f2"),
                row("p2/f1"),
                row("p2/f2"),
                row("p3/f1"),
                row("p3/f2")));
    List<Row> two =
        ctx.createSampleDynamicFrameFromOptions(
                "s3", conn, 2, Options.empty(), "json", Options.empty(), "")
            .toDF()
            .collectAsList();
    assertThat(two).hasSize(2);
    assertThat(two)
        .allSatisfy(
            r ->
                assertThat(r.getString(0))
                    .isIn("p1/f1", "p1/f2", "p2/f1", "p2/f2", "p3/f1", "p3/f2"));

    assertThatThrownBy(
            () ->
                ctx.createSampleDynamicFrameFromOptions(
                    "s3", conn, 0, Options.empty(), "json", Options.empty(), ""))
        .isInstanceOf(SourceException.class)
        .hasMessage("num, the most records a sample holds, must be 1 or more: 0");
    assertThatThrownBy(
            () ->
                ctx.createSampleDynamicFrameFromOptions(
                    "s3",
                    conn,
                    5,
                    Options.of("maxSamplePartition", 2),
                    "json",
                    Options.empty(),
                    ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("sample option 'maxSamplePartition' is not known")
        .hasMessageContaining("did you mean 'maxSamplePartitions'?");
    assertThatThrownBy(
            () ->
                ctx.createSampleDynamicFrameFromOptions(
                    "s3",
                    conn,
                    5,
                    Options.of("maxSampleFilesPerPartition", 0),
                    "json",
                    Options.empty(),
                    ""))
        .isInstanceOf(SourceException.class)
        .hasMessage("sample option maxSampleFilesPerPartition must be 1 or more, was 0");
  }
}
