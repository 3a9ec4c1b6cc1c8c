package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.Transform;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input corpus, the first hour of a new user: an empty input folder, a CSV read with the wrong
 * separator, a dangling symbolic link, two writes to one path in one run, an S3 path without the
 * S3A file system. Each says what happened and what to do, naming the folder, file, link or step.
 */
@SparkTest
class FirstHourBadInputMessagesTest {

  @TempDir Path dir;

  private static DynamicFrame read(DynaContext ctx, String path, String format, Options fo) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path)), format, fo, "read_input");
  }

  @Test
  void anEmptyInputFolderIsNamedWhenAStepFindsNoField(DynaContext ctx) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("incoming"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    DynamicFrame frame = read(ctx, empty.toString(), "json", Options.empty());
    assertThat(frame.emptyReason())
        .contains(
            "the json source 'read_input' read no records: the folder " + empty + " is empty");
    Transform<DynamicFrame> pick =
        new Transform<>() {
          @Override
          public DynamicFrame expand(DynamicFrame input, String step) {
            if (input.schema().field("id").isEmpty()) {
              throw new IllegalArgumentException("no field 'id' in the frame");
            }
            return input;
          }

          @Override
          public String kind() {
            return "Pick";
          }
        };
    assertThatThrownBy(() -> frame.apply("pick_ids", pick))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the json source 'read_input' read no records: the folder "
                + empty
                + " is empty, so the frame has no fields: step 'pick_ids' (Pick) cannot run on it"
                + " (no field 'id' in the frame)");
    // a frame with fields keeps the step's own failure
    DynamicFrame full = Frames.json(ctx, "{\"name\": \"x\"}");
    assertThatThrownBy(() -> full.apply("pick_ids", pick))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no field 'id' in the frame");
  }

  @Test
  void aCsvHeaderThatSplitsIntoOneColumnSuggestsTheSeparator(DynaContext ctx) throws IOException {
    Path f = dir.resolve("clients.csv");
    Files.writeString(f, "id;name;city\n1;Anne;Lyon\n2;Paul;Nice\n");
    assertThatThrownBy(() -> read(ctx, f.toString(), "csv", Options.of("withHeader", true)))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the CSV header of file:"
                + f
                + " splits into one column, 'id;name;city', with the separator ',', but it holds"
                + " ';': is the file separated by ';'? Set the format option separator, e.g."
                + " Options.of(\"withHeader\", true, \"separator\", \";\")");
    Path tabs = dir.resolve("tabs.csv");
    Files.writeString(tabs, "id\tname\n1\tAnne\n");
    assertThatThrownBy(() -> read(ctx, tabs.toString(), "csv", Options.of("withHeader", true)))
        .hasMessageContaining("splits into one column, 'id\\tname'")
        .hasMessageContaining("\"separator\", \"\\t\")");
    // with the separator given, the same file reads as three columns
    DynamicFrame ok =
        read(ctx, f.toString(), "csv", Options.of("withHeader", true, "separator", ";"));
    assertThat(ok.toDF().columns()).containsExactly("id", "name", "city");
    // a true one-column file reads as it is
    Path single = dir.resolve("single.csv");
    Files.writeString(single, "name\nAnne\n");
    assertThat(read(ctx, single.toString(), "csv", Options.of("withHeader", true)).count())
        .isEqualTo(1);
  }

  @Test
  void aDanglingSymbolicLinkAmongTheInputsIsNamed(DynaContext ctx) throws IOException {
    Path in = Files.createDirectories(dir.resolve("links"));
    Path target = dir.resolve("moved-away.json");
    Path link = Files.createSymbolicLink(in.resolve("orders.json"), target);
    assertThatThrownBy(() -> read(ctx, in.toString(), "json", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the source folder "
                + in
                + " holds a symbolic link whose target does not exist: "
                + link
                + " -> "
                + target
                + "; restore its target or remove the link");
    assertThatThrownBy(() -> read(ctx, link.toString(), "json", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the source path "
                + link
                + " is a symbolic link whose target does not exist: "
                + link
                + " -> "
                + target);
    // with the target back, the link reads
    Files.writeString(target, "{\"id\": 1}\n");
    assertThat(read(ctx, in.toString(), "json", Options.empty()).count()).isEqualTo(1);
  }

  @Test
  void writingTwiceToOnePathInOneRunNamesTheStepThatWroteIt(DynaContext ctx) throws IOException {
    DynamicFrame orders = Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}").withName("orders");
    Path out = dir.resolve("out");
    Options where = Options.of("path", out.toString());
    ctx.writeDynamicFrameFromOptions(orders, "s3", where, "json", Options.empty(), "");
    List<Path> first;
    try (Stream<Path> s = Files.list(out)) {
      first = s.sorted().toList();
    }
    assertThatThrownBy(
            () ->
                ctx.writeDynamicFrameFromOptions(orders, "s3", where, "json", Options.empty(), ""))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith(out + " was already written by step 'orders' in this run (orders-")
        .hasMessageEndingWith(
            " exists); write each output to its own path, or give this sink a transformation"
                + " context of its own so that its files get their own names")
        .hasMessageNotContaining("run ids");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.sorted().toList()).as("the first write's files are untouched").isEqualTo(first);
    }
    // another transformation context gets files of its own beside the first
    ctx.writeDynamicFrameFromOptions(orders, "s3", where, "json", Options.empty(), "again");
    assertThat(read(ctx, out.toString(), "json", Options.empty()).count()).isEqualTo(4);
  }

  @Test
  void anS3PathWithoutTheS3aFileSystemSaysWhichArtifactToAdd(DynaContext ctx) {
    // as on a class path without hadoop-aws: the s3a file system's class cannot be loaded
    ctx.spark().conf().set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.NotOnTheClassPath");
    try {
      String expected =
          " needs the S3A file system, which is not on the class path (Class"
              + " org.apache.hadoop.fs.s3a.NotOnTheClassPath not found): add"
              + " org.apache.hadoop:hadoop-aws, of the version of your Hadoop client (3.3.4 for"
              + " Glue 5 and Spark 3.5, 3.4.x for Glue 6), with its AWS SDK; dynaframe reads s3://"
              + " paths as s3a:// where no s3:// file system is installed (Glue and EMR bring one)";
      assertThatThrownBy(() -> read(ctx, "s3://first-hour-bucket/in/", "json", Options.empty()))
          .isInstanceOf(SourceException.class)
          .hasMessage("s3://first-hour-bucket/in/" + expected);
      DynamicFrame f = Frames.json(ctx, "{\"id\": 1}");
      assertThatThrownBy(
              () ->
                  ctx.writeDynamicFrameFromOptions(
                      f,
                      "s3",
                      Options.of("path", "s3://first-hour-bucket/out"),
                      "json",
                      Options.empty(),
                      ""))
          .isInstanceOf(SinkException.class)
          .hasMessage("s3://first-hour-bucket/out" + expected);
    } finally {
      ctx.spark().conf().unset("fs.s3a.impl");
    }
  }
}
