package io.dynaframe.io;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code s3} source options of AWS's "Amazon S3 connection option reference" beyond paths and
 * grouping: {@code attachFilename}, {@code attachTimestamp}, {@code isFailFast}, {@code
 * boundedFiles}/{@code boundedSize} (here without a job: every read takes the same oldest files),
 * {@code excludeStorageClasses}, {@code useS3ListImplementation}, and their checks at creation.
 */
@SparkTest
class S3SourceOptionsTest {

  @TempDir Path dir;

  private static final long T1 = 1_700_000_000_000L;
  private static final long T2 = 1_700_000_060_000L;

  private Path write(String name, String content, long modified) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(p, FileTime.fromMillis(modified));
    return p;
  }

  /** The path as the source lists it (Hadoop's spelling of a local file). */
  private static String listed(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri()).toString();
  }

  private static Options paths(Path p, Object... more) {
    Options o = Options.of("paths", List.of(p.toString()));
    for (int i = 0; i < more.length; i += 2) {
      o = o.with((String) more[i], more[i + 1]);
    }
    return o;
  }

  @Test
  void attachFilenameAndTimestampOnJsonCsvAndParquet(DynaContext ctx) throws IOException {
    Path a = write("json/a.json", "{\"id\": 1}\n{\"id\": 2}\n", T1);
    Path b = write("json/b.json", "{\"id\": 3}\n", T2);
    DynamicFrame json =
        ctx.createDynamicFrameFromOptions(
            "s3",
            paths(dir.resolve("json"), "attachFilename", "file", "attachTimestamp", "modified"),
            "json",
            Options.empty(),
            "");
    FrameAssert.assertThat(json)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, file STRING, modified BIGINT",
                row(1, listed(a), T1),
                row(2, listed(a), T1),
                row(3, listed(b), T2)));

    Path c = write("csv/c.csv", "id,name\n1,x\n2,y\n", T2);
    DynamicFrame csv =
        ctx.createDynamicFrameFromOptions(
            "s3",
            paths(dir.resolve("csv"), "attachFilename", "source_file"),
            "csv",
            Options.of("withHeader", true),
            "");
    FrameAssert.assertThat(csv)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id STRING, name STRING, source_file STRING",
                row("1", "x", listed(c)),
                row("2", "y", listed(c))));

    Path pq = dir.resolve("parquet");
    ctx.spark()
        .createDataFrame(List.of(row(7L, "p"), row(8L, "q")), pqSchema())
        .coalesce(1)
        .write()
        .parquet(pq.toString());
    Path part;
    try (var s = Files.list(pq)) {
      part = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
    Files.setLastModifiedTime(part, FileTime.fromMillis(T1));
    DynamicFrame parquet =
        ctx.createDynamicFrameFromOptions(
            "s3",
            paths(pq, "attachFilename", "file", "attachTimestamp", "modified"),
            "parquet",
            Options.empty(),
            "");
    FrameAssert.assertThat(parquet)
        .isEqualTo(
            Frames.rows(
                ctx,
                "n BIGINT, s STRING, file STRING, modified BIGINT",
                row(7L, "p", listed(part), T1),
                row(8L, "q", listed(part), T1)));
  }

  private static org.apache.spark.sql.types.StructType pqSchema() {
    return org.apache.spark.sql.types.StructType.fromDDL("n BIGINT, s STRING");
  }

  @Test
  void anAttachedColumnTheRecordsAlreadyHoldFailsNamingTheOption(DynaContext ctx)
      throws IOException {
    write("j/a.json", "{\"id\": 1, \"file\": \"mine\"}\n", T1);
    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    paths(dir.resolve("j"), "attachFilename", "file"),
                    "json",
                    Options.empty(),
                    ""))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection option attachFilename names the column 'file', which the records already"
                + " hold; choose another name");
  }

  @Test
  void isFailFastFailsTheReadAtTheFirstMalformedRecordWithFileAndLine(DynaContext ctx)
      throws IOException {
    Path bad = write("bad/x.json", "{\"id\": 1}\n{\"id\": \n{\"id\": 3}\n", T1);
    // without the option: an error record, the rest is read
    DynamicFrame lenient =
        ctx.createDynamicFrameFromOptions(
            "s3", paths(dir.resolve("bad")), "json", Options.empty(), "");
    FrameAssert.assertThat(lenient).isEqualTo(Frames.rows(ctx, "id INT", row(1), row(3)));
    assertThat(lenient.errorsCount()).isEqualTo(1);

    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    paths(dir.resolve("bad"), "isFailFast", "true"),
                    "json",
                    Options.empty(),
                    ""))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("isFailFast: malformed record in " + listed(bad) + " at line 2: ")
        .hasMessageEndingWith("(without isFailFast it would be an error record)");

    Path csv = write("badcsv/y.csv", "a,b\n1,x\n2,y,extra\n", T1);
    assertThatThrownBy(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    paths(dir.resolve("badcsv"), "isFailFast", true),
                    "csv",
                    Options.of("withHeader", true),
                    ""))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("isFailFast: malformed record in " + listed(csv) + " at line 3: ");
  }

  @Test
  void boundedFilesAndSizeWithoutAJobReadTheOldestFilesEveryTime(DynaContext ctx)
      throws IOException {
    write("b/new.json", "{\"id\": 3}\n", T2 + 1000);
    write("b/old.json", "{\"id\": 1}\n", T1);
    write("b/mid.json", "{\"id\": 2}\n", T2);
    DynamicFrame two =
        ctx.createDynamicFrameFromOptions(
            "s3", paths(dir.resolve("b"), "boundedFiles", "2"), "json", Options.empty(), "");
    FrameAssert.assertThat(two).isEqualTo(Frames.rows(ctx, "id INT", row(1), row(2)));
    // each file is 10 bytes: 25 bytes hold two of them
    DynamicFrame bytes =
        ctx.createDynamicFrameFromOptions(
            "s3", paths(dir.resolve("b"), "boundedSize", 25), "json", Options.empty(), "");
    FrameAssert.assertThat(bytes).isEqualTo(Frames.rows(ctx, "id INT", row(1), row(2)));
    // a first file larger than the bound is still read: a run always makes progress
    DynamicFrame one =
        ctx.createDynamicFrameFromOptions(
            "s3", paths(dir.resolve("b"), "boundedSize", 1), "json", Options.empty(), "");
    FrameAssert.assertThat(one).isEqualTo(Frames.rows(ctx, "id INT", row(1)));
  }

  @Test
  void storageClassesAndListingOptionsAreCheckedAndLocalFilesAreAllRead(DynaContext ctx)
      throws IOException {
    write("s/a.json", "{\"id\": 1}\n", T1);
    DynamicFrame f =
        ctx.createDynamicFrameFromOptions(
            "s3",
            paths(
                dir.resolve("s"),
                "excludeStorageClasses",
                List.of("GLACIER", "deep_archive", "STANDARD"),
                "useS3ListImplementation",
                true,
                "maxBand",
                60000,
                "maxFilesInBand",
                10),
            "json",
            Options.empty(),
            "");
    FrameAssert.assertThat(f).isEqualTo(Frames.rows(ctx, "id INT", row(1)));
  }

  @Test
  void connectionOptionNamesAreReadInAnyCaseAndTwoSpellingsOfOneAreRefused(DynaContext ctx)
      throws IOException {
    Path a = write("case/a.json", "{\"id\": 1}\n", T1);
    Path b = write("case/sub/b.json", "{\"id\": 2}\n", T2);
    write("case/skip.json", "{\"id\": 9}\n", T1 - 1000);
    write("case/sub/late.json", "{\"id\": 3}\n", T2 + 1000);
    String folder = dir.resolve("case").toString();
    // every option changes the frame: without recurse b is not read, without exclusions skip.json
    // (the oldest) is, without boundedFiles late.json is, without the attach options no columns
    DynamicFrame documented =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of(
                "paths", List.of(folder),
                "recurse", true,
                "exclusions", "[\"**skip.json\"]",
                "boundedFiles", 2,
                "groupFiles", "inPartition",
                "groupSize", "1048576",
                "attachFilename", "file",
                "attachTimestamp", "modified"),
            "json",
            Options.empty(),
            "");
    DynamicFrame otherCase =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of(
                "PATHS", List.of(folder),
                "Recurse", true,
                "EXCLUSIONS", "[\"**skip.json\"]",
                "boundedfiles", 2,
                "groupfiles", "inPartition",
                "GROUPSIZE", "1048576",
                "attachfilename", "file",
                "ATTACHTIMESTAMP", "modified"),
            "json",
            Options.empty(),
            "");
    DynamicFrame expected =
        Frames.rows(
            ctx,
            "id INT, file STRING, modified BIGINT",
            row(1, listed(a), T1),
            row(2, listed(b), T2));
    FrameAssert.assertThat(documented).isEqualTo(expected);
    FrameAssert.assertThat(otherCase).isEqualTo(expected);

    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    Options.of("paths", List.of(folder), "Recurse", true, "recurse", false),
                    "",
                    "json",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection option of an s3 source 'recurse' is given twice, as 'Recurse' and as"
                + " 'recurse'; give it once");
    // sinks too: PATH is path, and two spellings of one are refused
    assertThat(
            ctx.getSinkWithFormat(
                "s3",
                Options.of("PATH", dir.resolve("out").toString()),
                "",
                "json",
                Options.empty()))
        .isNotNull();
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    Options.of("path", "a", "partitionKeys", List.of(), "partitionkeys", List.of()),
                    "",
                    "json",
                    Options.empty()))
        .isInstanceOf(io.dynaframe.SinkException.class)
        .hasMessage(
            "connection option of an s3 sink 'partitionKeys' is given twice, as 'partitionKeys'"
                + " and as 'partitionkeys'; give it once");
  }

  @Test
  void badValuesFailWhenTheSourceIsCreatedNamingTheOption(DynaContext ctx) {
    Object[][] cases = {
      {
        "boundedFiles",
        -1,
        "connection option boundedFiles must be a number of files, 1 or more, was -1"
      },
      {
        "boundedFiles",
        "many",
        "connection option boundedFiles must be a whole number, was 'many' (a number of files)"
      },
      {
        "boundedSize",
        0,
        "connection option boundedSize must be a number of bytes, 1 or more, was 0"
      },
      {
        "maxBand",
        -5,
        "connection option maxBand must be a number of milliseconds, 0 or more, was -5"
      },
      {
        "maxFilesInBand",
        0,
        "connection option maxFilesInBand must be a number of files, 1 or more, was 0"
      },
      {
        "attachFilename",
        "",
        "connection option attachFilename must name a column (not empty, no surrounding spaces, no '.' or '`'), was ''"
      },
      {
        "attachTimestamp",
        "a.b",
        "connection option attachTimestamp must name a column (not empty, no surrounding spaces, no '.' or '`'), was 'a.b'"
      },
      {"isFailFast", "yes", "connection option isFailFast must be true or false, was 'yes'"},
      {
        "useS3ListImplementation",
        "1",
        "connection option useS3ListImplementation must be true or false, was '1'"
      },
      {
        "excludeStorageClasses",
        List.of("COLD"),
        "connection option excludeStorageClasses names 'COLD', which is not an Amazon S3 storage class; the classes are [STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE]"
      },
    };
    for (Object[] c : cases) {
      assertThatThrownBy(
              () ->
                  ctx.getSourceWithFormat(
                      "s3", paths(dir.resolve("none"), c[0], c[1]), "", "json", Options.empty()))
          .as("%s=%s", c[0], c[1])
          .isInstanceOf(SourceException.class)
          .hasMessage((String) c[2]);
    }
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    paths(dir.resolve("none"), "boundedFiles", 1, "boundedSize", 100),
                    "",
                    "json",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection options boundedFiles and boundedSize are both set; set only one (Glue"
                + " supports a single bound per source)");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    paths(dir.resolve("none"), "attachFilename", "f", "attachTimestamp", "f"),
                    "",
                    "json",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection options attachFilename and attachTimestamp both name the column 'f'; give"
                + " them different names");
  }
}
