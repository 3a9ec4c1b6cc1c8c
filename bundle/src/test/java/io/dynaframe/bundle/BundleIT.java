package io.dynaframe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a Glue-style job in a child JVM whose classpath holds only Spark's own jars, the bundle
 * and the job's class, as AWS Glue runs a script with {@code --extra-jars}.
 */
class BundleIT {

  @TempDir
  Path work;

  private static Path bundle() {
    return Path.of(System.getProperty("bundle.jar"));
  }

  @Test
  void bundleHoldsOurModulesAndRelocatedGuavaOnly() throws IOException {
    List<String> names;
    try (JarFile jar = new JarFile(bundle().toFile())) {
      names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
    }
    assertThat(names).contains("io/dynaframe/DynamicFrame.class", "io/dynaframe/types/ChoiceType.class",
        "io/dynaframe/shaded/com/google/common/collect/ImmutableList.class");
    assertThat(names).noneMatch(n -> n.startsWith("com/google/common/"))
        .noneMatch(n -> n.startsWith("org/apache/spark/"))
        .noneMatch(n -> n.startsWith("scala/"))
        .noneMatch(n -> n.startsWith("org/apache/hadoop/"));
  }

  @Test
  void aJobRunsOnSparksJarsPlusTheBundle() throws Exception {
    Path input = work.resolve("in/orders.json");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "{\"id\": 1, \"amount\": 2.5}\n{\"id\": \"A-2\", \"amount\": 3}\nnot json\n{\"id\": 3}\n");
    Path lake = work.resolve("lake");

    String sparkJars = Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim();
    String classpath = String.join(File.pathSeparator, sparkJars, bundle().toString(), System.getProperty("job.classes"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(List.of(System.getProperty("spark.opens").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", classpath, GlueStyleSmokeJob.class.getName(),
        "--JOB_NAME", "smoke", "--job-bookmark-option", "job-bookmark-enable", "--input", input.toString(), "--lake", lake.toString(), "--scriptLocation", "ignored"));
    Path log = work.resolve("job.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("job finished in time; output:\n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output:\n%s", out).isZero();
    assertThat(out).contains("""
        root
        |-- id: choice
        |    |-- long
        |    |-- string
        |-- amount: choice
        |    |-- double
        |    |-- long
        """).contains("rows=3 errors=1");
    try (Stream<Path> files = Files.walk(lake.resolve("load/sales/orders"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .anyMatch(n -> n.matches("orders-.*-part-\\d{5}\\.snappy\\.parquet"));
    }
    try (Stream<Path> states = Files.list(lake.resolve("load/_dynaframe/bookmarks/smoke"))) {
      assertThat(states.map(f -> f.getFileName().toString())).contains("state-00000001.json");
    }
  }
}
