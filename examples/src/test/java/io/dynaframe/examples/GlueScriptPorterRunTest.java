package io.dynaframe.examples;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.graph.GlueScriptPorter;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DiagramTool port} end to end: a multi-step Glue-generated script, in the classic {@code
 * ## @} style and in Glue Studio's style, is ported to Java, the generated source is compiled here
 * with javac against the test class path, its {@code run} is invoked on local Spark as a job (with
 * bookmarks on, so {@code job.init}/{@code job.commit} run), and what it writes is compared whole
 * (schema and rows) with what {@link HandPortedOrders} writes from the same input. A script whose
 * Map function is left as TODO compiles, and fails at that step.
 */
@SparkTest
class GlueScriptPorterRunTest {

  @TempDir Path dir;

  @Test
  void theClassicScriptPortedRunsAsItsHandPort(DynaContext shared) throws Exception {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    Path in =
        write(
            "classic/in/orders.json",
            "{\"order_id\": 1, \"customer\": {\"name\": \"ann\"}, \"amount\": 10.5, \"country\": \"NO\", \"note\": null}",
            "{\"order_id\": 2, \"customer\": {\"name\": \"bob\"}, \"amount\": \"7.25\", \"country\": \"SE\"}",
            "{\"order_id\": 3, \"customer\": {\"name\": \"cy\"}, \"amount\": -3, \"country\": \"NO\"}",
            "{\"order_id\": 4, \"customer\": {\"name\": \"dee\"}, \"amount\": 20, \"country\": \"DK\"}",
            "{\"order_id\": 5, \"customer\": {\"name\": \"eve\"}, \"amount\": 12.0, \"country\": \"SE\", \"note\": null}");
    String ported = dir.resolve("classic/ported").toString();
    String hand = dir.resolve("classic/hand").toString();

    Class<?> job = portedJob("orders_classic.py");
    runJob(
        job,
        ctx.spark(),
        "--JOB_NAME",
        "orders_classic",
        "--input_path",
        in.getParent().toString(),
        "--output_path",
        ported,
        "--job-bookmark-option",
        "job-bookmark-enable");
    HandPortedOrders.classic(ctx, in.getParent().toString(), hand);

    DynamicFrame portedOut = read(ctx, ported, "parquet");
    FrameAssert.assertThat(portedOut).isEqualTo(read(ctx, hand, "parquet"));
    FrameAssert.assertThat(portedOut)
        .isEqualTo(
            Frames.rows(
                ctx,
                "order_id BIGINT, customer STRING, amount DOUBLE, country_code STRING",
                row(1L, "ann", 10.5, "NO"),
                row(2L, "bob", 7.25, "SE"),
                row(5L, "eve", 12.0, "SE")));
    // job.commit() of the ported job committed its bookmark state
    Path bookmarks =
        Path.of(URI.create(Lake.at(dir.resolve("lake")).bookmarksPath("orders_classic")));
    try (Stream<Path> files = Files.list(bookmarks)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".json"));
    }
  }

  @Test
  void theGlueStudioScriptPortedRunsAsItsHandPort(DynaContext shared) throws Exception {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    Path orders =
        write(
            "studio/orders/part-1.json",
            "{\"order_id\": 1, \"customer\": {\"name\": \"ann\", \"city\": \"Oslo\"}, \"amount\": 12.5, \"qty\": 2, \"country\": \"NO\"}",
            "{\"order_id\": 1, \"customer\": {\"name\": \"ann\", \"city\": \"Oslo\"}, \"amount\": 12.5, \"qty\": 2, \"country\": \"NO\"}",
            "{\"order_id\": 2, \"customer\": {\"name\": \"bob\", \"city\": \"Bergen\"}, \"amount\": 30.0, \"qty\": 1, \"country\": \"NO\"}",
            "{\"order_id\": 3, \"customer\": {\"name\": \"cy\", \"city\": \"Test\"}, \"amount\": 50.0, \"qty\": 1, \"country\": \"SE\"}",
            "{\"order_id\": 4, \"customer\": {\"name\": \"dee\", \"city\": \"Lund\"}, \"amount\": 5.0, \"qty\": 3, \"country\": \"SE\"}",
            "{\"order_id\": 5, \"customer\": {\"name\": \"eve\", \"city\": \"Malmo\"}, \"amount\": 20.0, \"qty\": 2, \"country\": \"SE\"}",
            "{\"order_id\": 6, \"customer\": {\"name\": \"ann\", \"city\": \"Oslo\"}, \"amount\": 10.0, \"qty\": 1, \"country\": \"NO\"}");
    Path countries = write("studio/countries/countries.csv", "code,region", "NO,North", "SE,East");
    String ported = dir.resolve("studio/ported").toString();
    String hand = dir.resolve("studio/hand").toString();

    Class<?> job = portedJob("orders_studio.py");
    runJob(
        job,
        ctx.spark(),
        "--JOB_NAME",
        "orders_studio",
        "--orders_path",
        orders.getParent().toString(),
        "--countries_path",
        countries.getParent().toString(),
        "--output_path",
        ported);
    DynamicFrame expected =
        HandPortedOrders.studio(
            ctx, orders.getParent().toString(), countries.getParent().toString(), hand);

    DynamicFrame portedOut = read(ctx, ported, "json");
    FrameAssert.assertThat(portedOut).isEqualTo(read(ctx, hand, "json"));
    FrameAssert.assertThat(expected)
        .isEqualTo(
            Frames.rows(
                ctx,
                "region STRING, `sum(total)` DOUBLE, `count(DISTINCT label)` BIGINT",
                row("North", 65.0, 2L),
                row("East", 40.0, 1L)));
  }

  @Test
  void aStudioScriptOfUnpivotUnionSpigotAndSplitsPortedRunsAsItsHandPort(DynaContext shared)
      throws Exception {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    Path sales =
        write(
            "sales/in/sales.json",
            "{\"id\": 1, \"info\": \"a\", \"jan\": 5, \"feb\": 20}",
            "{\"id\": 2, \"info\": \"b\", \"jan\": 12, \"feb\": 3}");
    Path late =
        write(
            "sales/late/late.json",
            "{\"id\": 9, \"info\": \"c\", \"month\": \"mar\", \"value\": 40}");
    String ported = dir.resolve("sales/ported").toString();
    String handSamples = dir.resolve("sales/hand_samples").toString();

    runJob(
        portedJob("sales_studio.py"),
        ctx.spark(),
        "--JOB_NAME",
        "sales_studio",
        "--sales_path",
        sales.getParent().toString(),
        "--late_path",
        late.getParent().toString(),
        "--samples_path",
        ported + "_samples",
        "--output_path",
        ported);
    DynamicFrame expected =
        HandPortedOrders.sales(
            ctx, sales.getParent().toString(), late.getParent().toString(), handSamples);

    DynamicFrame portedOut = read(ctx, ported, "parquet");
    FrameAssert.assertThat(portedOut).isEqualTo(expected);
    FrameAssert.assertThat(portedOut)
        .isEqualTo(
            Frames.rows(
                ctx,
                "id INT, info STRING, value INT",
                row(1, "a", 20),
                row(2, "b", 12),
                row(9, "c", 40)));
    // Spigot wrote the same two records as the hand port's Spigot
    assertThat(jsonLines(ported + "_samples")).hasSize(2).isEqualTo(jsonLines(handSamples));
  }

  @Test
  void aMapLeftAsTodoCompilesAndFailsAtItsStep(DynaContext shared) throws Exception {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    Path in = write("todo/in/orders.json", "{\"id\": 1, \"qty\": 2, \"price\": 3.5}");

    assertThatThrownBy(
            () ->
                runJob(
                    portedJob("orders_todo.py"),
                    ctx.spark(),
                    "--JOB_NAME",
                    "orders_todo",
                    "--input_path",
                    in.getParent().toString()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "TODO(port): orders_todo.py line 19: totals = Map.apply(frame = orders, f = add_total,"
                + " transformation_ctx = \"totals\")");
  }

  /** The scripts ported without a TODO, and the one ported with its Map left as TODO. */
  private static final List<String> SCRIPTS =
      List.of("orders_classic.py", "orders_studio.py", "sales_studio.py", "orders_todo.py");

  private static final String WITH_TODO = "orders_todo.py";

  @TempDir static Path compiled;

  private static URLClassLoader ported;

  /**
   * Ports both script resources and compiles the two Java sources in one javac run (javac's start
   * and its reading of the class path are most of the cost).
   */
  @BeforeAll
  static void portAndCompile() throws Exception {
    List<java.io.File> sources = new java.util.ArrayList<>();
    List<String> texts = new java.util.ArrayList<>();
    for (String script : SCRIPTS) {
      String text;
      try (InputStream in = GlueScriptPorterRunTest.class.getResourceAsStream("/glue/" + script)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      GlueScriptPorter.Port port =
          GlueScriptPorter.port(script, text, "ported.jobs", GlueScriptPorter.classNameFor(script));
      if (script.equals(WITH_TODO)) {
        assertThat(port.warnings())
            .as("statements of %s left as TODO(port)", script)
            .extracting(GlueScriptPorter.Warning::line)
            .containsExactly(19);
      } else {
        assertThat(port.warnings()).as("statements of %s left as TODO(port)", script).isEmpty();
        assertThat(port.source()).doesNotContain("TODO(port)");
      }
      Path src = compiled.resolve("src/ported/jobs/" + port.className() + ".java");
      Files.createDirectories(src.getParent());
      Files.writeString(src, port.source());
      sources.add(src.toFile());
      texts.add(port.source());
    }
    Path classes = Files.createDirectories(compiled.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    boolean ok;
    try (StandardJavaFileManager files =
            javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        OutputStreamWriter log = new OutputStreamWriter(diagnostics, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(sources);
      String classPath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      ok =
          javac
              .getTask(
                  log,
                  files,
                  null,
                  List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"),
                  null,
                  units)
              .call();
    }
    assertThat(ok)
        .as(
            "javac on the ported scripts:\n%s\n%s",
            diagnostics.toString(StandardCharsets.UTF_8), String.join("\n", texts))
        .isTrue();
    ported =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GlueScriptPorterRunTest.class.getClassLoader());
  }

  @AfterAll
  static void closeLoader() throws IOException {
    if (ported != null) {
      ported.close();
    }
  }

  /** The compiled class of a ported script. */
  private static Class<?> portedJob(String script) throws ClassNotFoundException {
    return ported.loadClass("ported.jobs." + GlueScriptPorter.classNameFor(script));
  }

  /** Calls the ported class's {@code run(argv, spark, lake)}, as its {@code main} does. */
  private void runJob(Class<?> job, SparkSession spark, String... argv) throws Exception {
    Method run = job.getMethod("run", String[].class, SparkSession.class, Lake.class);
    try {
      run.invoke(null, argv, spark, Lake.at(dir.resolve("lake")));
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private Path write(String file, String... lines) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    return Files.write(p, List.of(lines));
  }

  /** The lines of the JSON files a sink or a Spigot wrote into a folder, sorted. */
  private static List<String> jsonLines(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      List<String> lines = new java.util.ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
      return lines.stream().sorted().toList();
    }
  }

  private static DynamicFrame read(DynaContext ctx, String path, String format) {
    return ctx.createDynamicFrameFromOptions(
        "s3", Options.of("paths", List.of(path)), format, Options.empty(), "");
  }
}
