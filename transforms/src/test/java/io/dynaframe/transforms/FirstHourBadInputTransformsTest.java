package io.dynaframe.transforms;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad-input corpus, transforms in a new user's first hour: a step after an empty input folder, a
 * Filter with a typo in a column name, and Spigot sample folders spelled every way a user may spell
 * a path (relative, {@code ./}, {@code ../}, spaces and non-ASCII characters, {@code file:} URIs,
 * trailing slash).
 */
@SparkTest
class FirstHourBadInputTransformsTest {

  @TempDir static Path tmp;

  private static final String RUN = "spigot-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aMappingAfterAnEmptyInputFolderSaysTheFolderWasEmpty(DynaContext ctx) throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("arrivées du jour"));
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(empty.toString())),
            "json",
            Options.empty(),
            "read_orders");
    assertThatThrownBy(
            () ->
                orders.apply(
                    "map_orders", ApplyMapping.of(MappingSpec.of("id", "long", "id", "long"))))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "the json source 'read_orders' read no records: the folder "
                + empty
                + " is empty, so the frame has no fields: step 'map_orders' (ApplyMapping) cannot"
                + " run on it (ApplyMapping in step 'map_orders': no field 'id' in the frame (case ignored))");
    // Glue's static form says the same
    assertThatThrownBy(
            () ->
                ApplyMapping.apply(
                    orders, List.of(MappingSpec.of("id", "long", "id", "long")), "map_orders"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the folder " + empty + " is empty");
  }

  @Test
  void aFilterWithATypoNamesTheStepTheColumnAndTheFramesColumnsWithoutThePlan(DynaContext ctx) {
    DynamicFrame people =
        Frames.json(ctx, "{\"name\": \"Ann\", \"age\": 30}", "{\"name\": \"Bo\", \"age\": 12}");
    assertThatThrownBy(() -> people.apply("adults", Filter.where("agee > 21")))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "Filter in step 'adults': the condition agee > 21 names column 'agee', which is not"
                + " in the frame; the frame's columns are [name, age]; closest: age")
        .hasMessageNotContaining("dynaframe")
        .hasMessageNotContaining("Project")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () ->
                people.apply(
                    "adults", Filter.where(org.apache.spark.sql.functions.col("nmae").isNotNull())))
        // how a Column prints differs between Spark 3.5 and 4 ("nmae IS NOT NULL",
        // "isNotNull(nmae)")
        .hasMessageStartingWith("Filter in step 'adults': the condition ")
        .hasMessageEndingWith(
            " names column 'nmae', which is not in the frame; the frame's columns are [name, age];"
                + " closest: name");
  }

  @Test
  void textThatDoesNotCastToLongShowsAsNullNotAsAnEmptyRecord(DynaContext ctx) {
    DynamicFrame mapped =
        Frames.csv(ctx, true, "id,name", "12,a", "abc,b")
            .apply(
                ApplyMapping.of(
                    MappingSpec.of("id", "string", "id", "long"),
                    MappingSpec.of("name", "string", "name", "string")));
    assertThat(mapped.showLines(20))
        .containsExactly("{\"id\":12,\"name\":\"a\"}", "{\"id\":null,\"name\":\"b\"}");
    DynamicFrame resolved =
        Frames.json(ctx, "{\"id\": 1}", "{\"id\": \"x\"}", "{\"a\": {\"id\": \"y\"}}")
            .apply(
                ResolveChoice.specs(
                    ResolveSpec.of("id", "cast:long"), ResolveSpec.of("a.id", "cast:long")));
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream console = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      resolved.show();
    } finally {
      System.setOut(console);
    }
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
        .containsExactly(
            "{\"id\":1,\"a\":null}",
            "{\"id\":null,\"a\":null}",
            "{\"id\":null,\"a\":{\"id\":null}}")
        .noneMatch(l -> l.contains("{}"));
  }

  // ---------------------------------------------------------------- Spigot paths

  record Spelling(String label, String given, Path folder) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Spelling> spellings() {
    Path cwd = Path.of("").toAbsolutePath();
    Path spaced = tmp.resolve("échantillons du jour");
    return Stream.of(
        new Spelling("relative", "target/" + RUN + "/rel", cwd.resolve("target/" + RUN + "/rel")),
        new Spelling(
            "dot-relative", "./target/" + RUN + "/dot", cwd.resolve("target/" + RUN + "/dot")),
        new Spelling("dot-dot", "target/" + RUN + "/x/../up", cwd.resolve("target/" + RUN + "/up")),
        new Spelling("space and non-ASCII", spaced.toString(), spaced),
        new Spelling("file: URI", "file:" + tmp.resolve("uri"), tmp.resolve("uri")),
        new Spelling(
            "file:// URI with space", "file://" + tmp.resolve("uri é 2"), tmp.resolve("uri é 2")),
        new Spelling("trailing slash", tmp.resolve("slash") + "/", tmp.resolve("slash")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void spigotWritesItsSampleIntoTheFolderAskedAndReadsItBack(Spelling s, DynaContext ctx)
      throws IOException {
    DynamicFrame orders = Frames.json(ctx, "{\"id\": 1, \"city\": \"Zürich\"}", "{\"id\": 2}");
    orders.apply("sample", Spigot.to(s.given()).withTopk(10));
    List<Path> files;
    try (Stream<Path> f = Files.list(s.folder())) {
      files = f.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
    assertThat(files).isNotEmpty();
    FrameAssert.assertThat(Spigot.read(ctx, s.given())).isEqualTo(orders);
    assertThat(
            Spigot.createTempView(ctx, s.given(), "sample_" + Math.abs(s.label().hashCode()))
                .count())
        .isEqualTo(2);
  }
}
