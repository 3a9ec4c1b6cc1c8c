package io.dynaframe.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection types custom.spark and marketplace.spark hand className and the other options to a
 * Spark data source; Spark's own JSON and Parquet sources stand in for a connector's.
 */
@SparkTest
class SparkConnectorTest {

  @TempDir Path dir;

  @Test
  void customSparkReadsThroughTheDataSourceClassWithTheOtherOptions(DynaContext ctx)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("people.json"),
            "[{\"id\": 1, \"name\": \"Ann\"},\n {\"id\": 2, \"name\": \"Bob\"}]\n");

    DynamicFrame f =
        ctx.createDynamicFrameFromOptions(
            "custom.spark",
            Options.of(
                "className",
                "org.apache.spark.sql.execution.datasources.json.JsonFileFormat",
                "connectionName",
                "my-connector-connection",
                "path",
                file.toString(),
                "multiLine",
                "true"),
            "",
            Options.empty(),
            "people");

    FrameAssert.assertThat(f)
        .isEqualTo(
            Frames.rows(
                ctx, "id BIGINT, name STRING", Frames.row(1L, "Ann"), Frames.row(2L, "Bob")));
    assertThat(f.name()).isEqualTo("people");
  }

  @Test
  void marketplaceSparkWritesThroughTheDataSource(DynaContext ctx) {
    DynamicFrame frame = Frames.json(ctx, "{\"id\": 1, \"city\": \"Oslo\"}", "{\"id\": 2}");
    Path out = dir.resolve("out");

    DynamicFrame errors =
        ctx.getSinkWithFormat(
                "marketplace.spark",
                Options.of("className", "parquet", "path", out.toString()),
                "out",
                "",
                Options.empty())
            .writeDynamicFrame(frame);

    assertThat(errors.count()).isZero();
    FrameAssert.assertThat(ctx.spark().read().parquet(out.toString())).isEqualTo(frame.toDF());
  }

  @Test
  void aMissingOrUnknownClassNameFailsWhenTheSourceIsMade(DynaContext ctx) {
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "custom.spark", Options.of("path", "/x"), "", "", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection type custom.spark needs the connection option className");
    assertThatThrownBy(
            () ->
                ctx.getSourceWithFormat(
                    "marketplace.spark",
                    Options.of("className", "com.example.NoSuchConnector"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "connection type marketplace.spark: className 'com.example.NoSuchConnector' is not a"
                + " Spark data source on the class path");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "custom.spark",
                    Options.of("className", "parquet", "secretId", "s"),
                    "",
                    "",
                    Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith("connection option secretId");
  }
}
