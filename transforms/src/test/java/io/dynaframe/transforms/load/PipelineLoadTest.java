package io.dynaframe.transforms.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.testing.SyntheticOrders;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000,000-record Glue-style pipeline (spark.range, ApplyMapping, ResolveChoice, Filter,
 * SplitRows, two Parquet writes) on Spark {@code local[2]} in a JVM of its own with a 4 GiB heap
 * ({@link LoadPipeline}) finishes within 5 minutes without running out of memory, and its output
 * has exactly the records the generator implies. A pipeline that held the records in the driver or
 * in one task's memory would not fit.
 *
 * <p>Heavy: it runs only in the Maven profile {@code load} (which sets {@code
 * dynaframe.load=true}): {@code ./mvnw -Dload -pl transforms -am test -Dtest=PipelineLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. {@code dynaframe.load.records} changes the number of
 * records.
 */
@EnabledIfSystemProperty(named = "dynaframe.load", matches = "true")
class PipelineLoadTest {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");

  @TempDir Path dir;

  @Test
  void tenMillionRecordsRunInLocal2WithA4GiBHeapAndEveryRecordIsAccountedFor() throws Exception {
    long n = Long.getLong("dynaframe.load.records", 10_000_000L);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx4g");
    command.add("-XX:+UseParallelGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    // the --add-opens flags and -D settings this test JVM got from the build (Spark needs them on
    // Java 17)
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        command.add(a);
      }
    }
    for (String p : List.of("log4j2.configurationFile", "java.io.tmpdir")) {
      if (System.getProperty(p) != null) {
        command.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    command.add("-Dspark.ui.enabled=false");
    command.add("-Dspark.driver.host=127.0.0.1");
    command.add("-Dspark.driver.bindAddress=127.0.0.1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LoadPipeline.class.getName());
    command.add(Long.toString(n));
    command.add(dir.resolve("out").toString());

    Path log = dir.resolve("load.log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    long start = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    double wall = (System.nanoTime() - start) / 1e9;
    if (!done) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("finished within 5 minutes; output:\n" + tail(output)).isTrue();
    assertThat(p.exitValue())
        .as("exit code (3 is an OutOfMemoryError); output:\n" + tail(output))
        .isZero();

    String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    System.out.printf("PipelineLoadTest: %s wall=%.1fs%n", result, wall);
    Map<String, String> r = new HashMap<>();
    Matcher m = FIELD.matcher(result);
    while (m.find()) {
      r.put(m.group(1), m.group(2));
    }
    assertThat(Long.parseLong(r.get("big")) + Long.parseLong(r.get("rest")))
        .as("kept records")
        .isEqualTo(SyntheticOrders.kept(n));
    assertThat(Long.parseLong(r.get("idSum")))
        .as("sum of the kept order ids: each record exactly once")
        .isEqualTo(SyntheticOrders.keptIdSum(n));
    assertThat(Long.parseLong(r.get("nullAmounts")))
        .as("'n/a' amounts resolved to null")
        .isEqualTo(SyntheticOrders.notAvailableAmounts(n));
    assertThat(Long.parseLong(r.get("big")))
        .as("amounts above 500")
        .isEqualTo(SyntheticOrders.keptWithAmountAbove(n, 500));
    assertThat(Long.parseLong(r.get("maxHeapMiB")))
        .as("the child's heap")
        .isLessThanOrEqualTo(4096);
    assertThat(Long.parseLong(r.get("oldGenPeakMiB")))
        .as("records stream through: the long-lived heap stays small")
        .isLessThan(1024);
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
  }
}
