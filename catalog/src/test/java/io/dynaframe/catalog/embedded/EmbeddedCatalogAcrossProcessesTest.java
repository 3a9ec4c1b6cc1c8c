package io.dynaframe.catalog.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job registers a partitioned table in the embedded catalog (Hive metastore on Derby) in one JVM;
 * a second JVM with a new SparkSession on the same folder queries it with Spark SQL and reads it
 * back with a push-down predicate, which lists only the matching partition folders: the folder of a
 * non-matching partition is moved away first, and only the unfiltered read trips over it.
 */
@Tag("multiprocess") // run by .ci/run, not by the README's test command
class EmbeddedCatalogAcrossProcessesTest {

  @TempDir Path dir;

  @Test
  void aTableRegisteredByOneJobIsQueryableInTheNext() throws Exception {
    List<String> first = runJava(RegisterJob.class, dir);
    assertThat(first).contains("REGISTERED");
    List<String> second = runJava(QueryJob.class, dir);
    assertThat(second)
        .filteredOn(l -> l.startsWith("SQL "))
        .containsExactly("SQL 2023,12,1,10.5", "SQL 2024,01,2,50.0", "SQL 2024,02,1,40.0");
    assertThat(second)
        .filteredOn(l -> l.startsWith("PUSHDOWN "))
        .containsExactly(
            "PUSHDOWN {\"id\":2,\"amount\":20.0,\"year\":\"2024\",\"month\":\"01\"}",
            "PUSHDOWN {\"id\":3,\"amount\":30.0,\"year\":\"2024\",\"month\":\"01\"}");
    assertThat(second)
        .filteredOn(l -> l.startsWith("UNFILTERED "))
        .singleElement()
        .asString()
        .startsWith("UNFILTERED failed:")
        .contains("year=2023");
  }

  /** Runs a main class in a new JVM with this JVM's class path; returns its output lines. */
  static List<String> runJava(Class<?> main, Path dataDir)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String flag : System.getProperty("dynaframe.test.opens", defaultOpens()).split(" ")) {
      if (!flag.isBlank()) {
        cmd.add(flag);
      }
    }
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add(
        "-Dderby.stream.error.file=" + dataDir.resolve("derby-" + main.getSimpleName() + ".log"));
    String log4j = System.getProperty("log4j2.configurationFile");
    if (log4j != null) {
      cmd.add("-Dlog4j2.configurationFile=" + log4j);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.add(dataDir.toString());
    Path out = dataDir.resolve(main.getSimpleName() + ".out");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(main.getSimpleName() + " did not finish in 5 minutes");
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(
          main.getSimpleName()
              + " failed with exit code "
              + p.exitValue()
              + ":\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }
    return lines;
  }

  private static String defaultOpens() {
    return String.join(
        " ",
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(
                a ->
                    a.startsWith("--add-opens")
                        || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty"))
            .toList());
  }
}
