package io.dynaframe.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad-input corpus, paths: every spelling a user may give a source or a sink (relative, {@code ./},
 * {@code ../}, spaces and non-ASCII characters, {@code file:} URIs, a trailing slash) writes the
 * data exactly into the folder asked (relative paths against the working directory) and reads it
 * back.
 */
@SparkTest
class PathSpellingsBadInputTest {

  @TempDir static Path tmp;

  /** Relative spellings live under the module's target folder, one fresh folder per test class. */
  private static final String RUN = "ps-" + UUID.randomUUID().toString().substring(0, 8);

  private static Path cwd() {
    return Path.of("").toAbsolutePath();
  }

  /** A spelling and the folder it must mean. */
  record Spelling(String label, String given, Path folder) {
    @Override
    public String toString() {
      return label + " (" + given + ")";
    }
  }

  static Stream<Spelling> spellings() {
    Path spaced = tmp.resolve("dossier été").resolve("sortie données");
    return Stream.of(
        new Spelling(
            "relative", "target/" + RUN + "/rel/out", cwd().resolve("target/" + RUN + "/rel/out")),
        new Spelling(
            "dot-relative",
            "./target/" + RUN + "/dot/out",
            cwd().resolve("target/" + RUN + "/dot/out")),
        new Spelling(
            "dot-dot",
            "target/" + RUN + "/up/inner/../out",
            cwd().resolve("target/" + RUN + "/up/out")),
        new Spelling(
            "parent of the working directory",
            "../" + cwd().getFileName() + "/target/" + RUN + "/parent/out",
            cwd().resolve("target/" + RUN + "/parent/out")),
        new Spelling("space and non-ASCII", spaced.toString(), spaced),
        new Spelling(
            "relative with space and non-ASCII",
            "target/" + RUN + "/dossier été/où",
            cwd().resolve("target/" + RUN + "/dossier été/où")),
        new Spelling("file: URI", "file:" + tmp.resolve("uri1/out"), tmp.resolve("uri1/out")),
        new Spelling(
            "file:/// URI with space",
            "file://" + tmp.resolve("uri 2/été"),
            tmp.resolve("uri 2/été")),
        new Spelling("trailing slash", tmp.resolve("slash/out") + "/", tmp.resolve("slash/out")),
        new Spelling(
            "relative with trailing slash",
            "target/" + RUN + "/rslash/out/",
            cwd().resolve("target/" + RUN + "/rslash/out")));
  }

  private static DynamicFrame orders;

  @BeforeAll
  static void frame(DynaContext ctx) {
    orders =
        Frames.json(
            ctx,
            "{\"id\": 1, \"city\": \"Zürich\", \"day\": \"a\"}",
            "{\"id\": 2, \"city\": \"Genève\", \"day\": \"b\"}",
            "{\"id\": 3, \"city\": \"Sion\", \"day\": \"a\"}");
  }

  private static List<Path> dataFiles(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void jsonSinkWritesIntoTheFolderAskedAndTheSourceReadsItBack(Spelling s, DynaContext ctx)
      throws IOException {
    ctx.writeDynamicFrameFromOptions(
        orders, "s3", Options.of("path", s.given()), "json", Options.empty(), "orders_json");
    List<Path> files = dataFiles(s.folder());
    assertThat(files).isNotEmpty();
    assertThat(files).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(s.folder()));
    assertThat(files.get(0).getFileName().toString()).startsWith("orders_json-");
    try (Stream<Path> siblings = Files.list(s.folder().getParent())) {
      String name = s.folder().getFileName().toString();
      assertThat(
              siblings
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.startsWith(name))
                  .filter(n -> !n.equals(name + "_pq") && !n.equals(name + "_csv")))
          .as("nothing lands beside the folder asked")
          .containsExactly(name);
    }
    DynamicFrame back =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(s.given())), "json", Options.empty(), "");
    FrameAssert.assertThat(back).isEqualTo(orders);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void partitionedParquetLandsUnderTheFolderAskedAndReadsBack(Spelling s, DynaContext ctx)
      throws IOException {
    Path folder = s.folder().resolveSibling(s.folder().getFileName() + "_pq");
    String given =
        s.given().endsWith("/")
            ? s.given().substring(0, s.given().length() - 1) + "_pq/"
            : s.given() + "_pq";
    ctx.writeDynamicFrameFromOptions(
        orders,
        "s3",
        Options.of("path", given, "partitionKeys", List.of("day")),
        "parquet",
        Options.empty(),
        "orders_pq");
    List<Path> files = dataFiles(folder);
    assertThat(files)
        .extracting(f -> folder.relativize(f.getParent()).toString())
        .containsOnly("day=a", "day=b");
    DynamicFrame back =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(given), "recurse", true),
            "parquet",
            Options.empty(),
            "");
    // the files' own columns (a read of listed files does not add the partition folders' keys)
    FrameAssert.assertThat(back.toDF().select("id", "city"))
        .isEqualTo(orders.toDF().select("id", "city"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void csvSourceReadsAFolderSpelledThisWay(Spelling s, DynaContext ctx) throws IOException {
    Path folder = s.folder().resolveSibling(s.folder().getFileName() + "_csv");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("cités.csv"), "id,city\n1,Zürich\n2,Genève\n");
    String given =
        s.given().endsWith("/")
            ? s.given().substring(0, s.given().length() - 1) + "_csv/"
            : s.given() + "_csv";
    DynamicFrame back =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(given)), "csv", Options.of("withHeader", true), "");
    FrameAssert.assertThat(back)
        .isEqualTo(Frames.csv(ctx, true, "id,city", "1,Zürich", "2,Genève"));
    assertThat(back.errorsCount()).isZero();
  }

  @Test
  void aLakeInALocalFolderWithSpacesAndAccentsKeepsItsAreasThere(DynaContext ctx)
      throws IOException {
    Path root = tmp.resolve("mon lac été");
    Lake lake = Lake.at(root);
    String out = lake.resolve(Lake.Area.LOAD, "ventes/été");
    ctx.writeDynamicFrameFromOptions(
        orders, "s3", Options.of("path", out), "json", Options.empty(), "lake_orders");
    assertThat(dataFiles(root.resolve("load/ventes/été"))).isNotEmpty();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .doesNotContain("mon%20lac%20%C3%A9t%C3%A9");
    }
  }

  @Test
  void aLakeAtARelativeFolderNameIsUnderTheWorkingDirectory() {
    Lake lake = Lake.at("target/" + RUN + "/lake");
    assertThat(lake.load()).isEqualTo("file://" + cwd().resolve("target/" + RUN + "/lake/load"));
    Lake dotted = Lake.at("./target/../target/" + RUN + "/lake2/");
    assertThat(dotted.source())
        .isEqualTo("file://" + cwd().resolve("target/" + RUN + "/lake2/source"));
  }
}
