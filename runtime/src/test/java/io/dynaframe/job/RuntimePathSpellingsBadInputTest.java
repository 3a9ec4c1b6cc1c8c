package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad-input corpus, paths in the runtime: a lake root spelled every way a user may spell it
 * (relative, {@code ./}, {@code ../}, spaces and non-ASCII characters, {@code file:} URIs, a
 * trailing slash) keeps the job's bookmarks and its deployed code exactly in that folder (a
 * relative one under the working directory), and bookmarks on a source path spelled the same way
 * read each file once.
 */
@SparkTest
class RuntimePathSpellingsBadInputTest {

  @TempDir static Path tmp;

  private static final String RUN = "rps-" + UUID.randomUUID().toString().substring(0, 8);

  record Spelling(String label, String given, Path folder) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Spelling> spellings() {
    Path cwd = Path.of("").toAbsolutePath();
    String rel = "target/" + RUN;
    return Stream.of(
        new Spelling("relative", rel + "/lake", cwd.resolve(rel + "/lake")),
        new Spelling("dot-relative", "./" + rel + "/dot", cwd.resolve(rel + "/dot")),
        new Spelling("dot-dot", rel + "/x/../dd", cwd.resolve(rel + "/dd")),
        new Spelling(
            "parent of the working directory",
            "../" + cwd.getFileName() + "/" + rel + "/parent",
            cwd.resolve(rel + "/parent")),
        new Spelling(
            "relative with space and non-ASCII", rel + "/lac été", cwd.resolve(rel + "/lac été")),
        new Spelling(
            "absolute with space and non-ASCII",
            tmp.resolve("mon lac été").toString(),
            tmp.resolve("mon lac été")),
        new Spelling("file: URI", "file:" + tmp.resolve("uri"), tmp.resolve("uri")),
        new Spelling(
            "file:// URI with space", "file://" + tmp.resolve("lac 2"), tmp.resolve("lac 2")),
        new Spelling("trailing slash", tmp.resolve("slash") + "/", tmp.resolve("slash")));
  }

  private static final String[] ENABLE = {
    "--JOB_NAME", "events", "--job-bookmark-option", "job-bookmark-enable"
  };

  private static void land(Path folder, String file, int... ids) throws IOException {
    Files.createDirectories(folder);
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append("{\"id\": ").append(id).append("}\n");
    }
    Files.writeString(folder.resolve(file), b);
  }

  private static List<Long> run(DynaContext ctx, Lake lake, String source) {
    Job job = Job.init("events", ctx, JobArguments.resolve(ENABLE, "JOB_NAME"), lake);
    try {
      DynamicFrame events =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3", Options.of("paths", List.of(source)), "json", Options.empty(), "events");
      List<Long> ids =
          events.count() == 0
              ? List.of()
              : events.toDF().select("id").as(Encoders.LONG()).collectAsList();
      job.commit();
      return new ArrayList<>(ids);
    } catch (RuntimeException e) {
      job.fail(e);
      throw e;
    }
  }

  /** The Scala binary version of the Spark these tests run with (2.12 or 2.13). */
  private static final String SCALA =
      scala.util.Properties$.MODULE$.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");

  private static Path jar(Path p, String bundleScala, String entry) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (bundleScala != null) {
      manifest.getMainAttributes().putValue("Dynaframe-Scala-Binary-Version", bundleScala);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p), manifest)) {
      out.putNextEntry(new JarEntry(entry));
      out.write("class".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return p;
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void bookmarksOfALakeSpelledThisWayLiveInItAndReadEachFileOnce(Spelling s, DynaContext ctx)
      throws IOException {
    Lake lake = Lake.at(s.given());
    Path landing = s.folder().resolve("source/événements");
    String source = (s.given().endsWith("/") ? s.given() : s.given() + "/") + "source/événements/";
    land(landing, "a.json", 1, 2);
    assertThat(run(ctx, lake, source)).containsExactlyInAnyOrder(1L, 2L);
    land(landing, "b.json", 3);
    assertThat(run(ctx, lake, source)).containsExactly(3L);
    assertThat(run(ctx, lake, source)).isEmpty();

    Path bookmarks =
        Path.of(new org.apache.hadoop.fs.Path(lake.bookmarksPath("events")).toUri().getPath());
    assertThat(bookmarks).startsWith(s.folder());
    assertThat(tree(bookmarks)).anyMatch(p -> !p.isEmpty());
    assertThat(tree(s.folder())).noneMatch(p -> p.contains("%"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void codeDeployedToALakeSpelledThisWayLandsInIt(Spelling s) throws IOException {
    Path build = Files.createDirectories(tmp.resolve("build-" + UUID.randomUUID()));
    Path jar = jar(build.resolve("orders-job.jar"), null, "com/acme/OrdersJob.class");
    Path bundle =
        jar(
            build.resolve("dynaframe-bundle_" + SCALA + ".jar"),
            SCALA,
            "io/dynaframe/DynamicFrame.class");
    Deployment d =
        Deployer.of(Lake.at(s.given()), new Configuration())
            .deploy("orders", "com.acme.OrdersJob", List.of(jar, bundle));
    Path folder = s.folder().resolve("code/orders").resolve(d.version());
    assertThat(Files.readAllBytes(folder.resolve("orders-job.jar")))
        .isEqualTo(Files.readAllBytes(jar));
    assertThat(tree(s.folder())).noneMatch(p -> p.contains("%"));
  }
}
