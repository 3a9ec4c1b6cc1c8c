package io.dynaframe.plugins;

import static io.dynaframe.testing.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.Bookmarks;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.Transform;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection types and run observers are plug-ins: the tests' own {@link InlineConnector} and
 * {@link CallLog} are found through META-INF/services exactly as a module's would be.
 */
@SparkTest
class PluginsTest {

  @TempDir Path dir;

  private static final String SCALA =
      scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");

  /** Doubles {@code n}: a transform of the test's own. */
  private static final class Doubled implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      return input.withRows(input.toDF().select(col("id").multiply(2).as("id")));
    }
  }

  @Test
  void aConnectorOnTheClassPathServesItsConnectionTypeForReadsAndWrites(DynaContext ctx) {
    DynamicFrame in =
        ctx.createDynamicFrameFromOptions(
            "inline",
            Options.of("lines", List.of("{\"id\": 1}", "{\"id\": 2}")),
            "",
            Options.empty(),
            "inline_in");
    FrameAssert.assertThat(in).isEqualTo(Frames.rows(ctx, "id BIGINT", row(1L), row(2L)));

    ctx.writeDynamicFrameFromOptions(
        in, "INLINE", Options.of("key", "served"), "", Options.empty(), "inline_out");
    assertThat(InlineConnector.WRITTEN.get("served"))
        .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void aConnectionTypeOfAModuleNotOnTheClassPathNamesTheArtifactToAdd(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "postgresql",
                    Options.of("url", "jdbc:postgresql://localhost/shop", "dbtable", "orders"),
                    "orders",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection type 'postgresql' needs io.dynaframe:dynaframe-jdbc_"
                + SCALA
                + " on the class path; the installed types are [custom.spark, file, inline,"
                + " marketplace.spark, s3]");
    assertThatThrownBy(
            () -> ctx.getSinkWithFormat("iceberg", Options.empty(), "out", "", Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "connection type 'iceberg' needs io.dynaframe:dynaframe-lakeformats_"
                + SCALA
                + " on the class path; the installed types are [custom.spark, file, inline,"
                + " marketplace.spark, s3]");
    // Glue Studio's Delta Lake source: connection type s3 with format delta
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3", Options.of("paths", List.of("/tmp/t")), "", "delta", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection type 'delta' needs io.dynaframe:dynaframe-lakeformats_"
                + SCALA
                + " on the class path; the installed types are [custom.spark, file, inline,"
                + " marketplace.spark, s3]");
    assertThatThrownBy(
            () -> ctx.getSourceWithFormat("mongodbx", Options.empty(), "", "", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection type 'mongodbx' is not supported; the installed types are [custom.spark,"
                + " file, inline, marketplace.spark, s3]");
  }

  @Test
  void misspelledOptionsFailAtTheCallNamingTheClosestKnownOne(DynaContext ctx) throws IOException {
    Path file = Files.writeString(dir.resolve("a.json"), "{\"id\": 1}\n");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    Options.of("paths", List.of(file.toString()), "recurce", true),
                    "in",
                    "json",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection option of an s3 source 'recurce' is not known; did you mean 'recurse'?");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3", Options.of("path", file.toString()), "in", "json", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection option of an s3 source 'path' is not known; did you mean 'paths'?");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "s3",
                    Options.of(
                        "path", dir.resolve("out").toString(), "partitionKey", List.of("id")),
                    "out",
                    "json",
                    Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith(
            "connection option of an s3 sink 'partitionKey' is not known; did you mean"
                + " 'partitionKeys'?");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    Options.of("paths", List.of(file.toString())),
                    "in",
                    "csv",
                    Options.of("withHeadr", true)))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "format option 'withHeadr' is not known for csv; did you mean 'withHeader'?");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "s3",
                    Options.of("paths", List.of(file.toString()), "zzzzzz", 1),
                    "in",
                    "json",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "connection option of an s3 source 'zzzzzz' is not known; the known ones are"
                + " [attachFilename, attachTimestamp, boundedFiles, boundedSize, compressionType,"
                + " excludeStorageClasses, exclusions, groupFiles, groupSize, isFailFast, maxBand,"
                + " maxFilesInBand, paths, recurse, useS3ListImplementation]");
  }

  @Test
  void theObserverOfARunSeesItsSourcesStepsAndSinksAndContextsOfOneRunShareIt(DynaContext ctx) {
    DynaContext run = ctx.withRunId("observed-1");
    // two observers are on the class path: the context chains them, and finds each by its type
    CallLog log = run.observer().find(CallLog.class).orElseThrow();
    StepCount count = run.observer().find(StepCount.class).orElseThrow();
    assertThat(log.runId()).isEqualTo("observed-1");
    assertThat(run.withBookmarks(Bookmarks.NONE).observer()).isSameAs(run.observer());
    assertThat(run.withRunId("observed-2").observer()).isNotSameAs(run.observer());

    DynamicFrame in =
        run.createDynamicFrameFromOptions(
            "inline",
            Options.of("lines", List.of("{\"id\": 1}"), "password", "hunter2"),
            "",
            Options.empty(),
            "orders");
    DynamicFrame doubled = in.apply("double_ids", new Doubled());
    run.writeDynamicFrameFromOptions(
        doubled, "inline", Options.of("key", "observed"), "", Options.empty(), "");

    assertThat(log.calls())
        .containsExactly(
            "source orders INLINE [] {lines={\"id\": 1}, password=*****}",
            "step double_ids Doubled",
            "sink sink INLINE [] {key=observed}");
    assertThat(count.steps()).isEqualTo(1);
    assertThat(InlineConnector.WRITTEN.get("observed")).containsExactly("{\"id\":2}");
  }
}
