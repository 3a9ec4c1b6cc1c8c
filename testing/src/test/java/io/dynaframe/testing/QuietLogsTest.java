package io.dynaframe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user's test JVM (no log configuration, the kit on the class path) that starts the shared
 * session: quiet by default, Spark's INFO lines when asked for them.
 */
class QuietLogsTest {

  /** What a user's test does: start the kit's session and run a query. */
  public static void main(String[] args) {
    long n = SharedSpark.spark().range(10).filter("id % 2 = 0").count();
    System.out.println("counted " + n);
  }

  private static List<String> runChild(String... properties)
      throws IOException, InterruptedException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(Arrays.asList(System.getProperty("spark.opens").trim().split("\\s+")));
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Ddynaframe.test.master=local[1]");
    cmd.add("-Ddynaframe.test.hive=false");
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.addAll(Arrays.asList(properties));
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp.split(File.pathSeparator)));
    cmd.add(QuietLogsTest.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("counted 5");
    return out.lines().toList();
  }

  @Test
  void aTestJvmWithoutALogConfigurationIsQuietUnlessAsked() throws Exception {
    List<String> quiet = runChild();
    assertThat(quiet).noneMatch(l -> l.contains(" INFO ")).noneMatch(l -> l.contains("INFO "));

    // the same JVM with Spark's default configuration: the lines the kit spares its users
    List<String> loud = runChild("-Ddynaframe.test.quietLogs=false");
    assertThat(loud.stream().filter(l -> l.contains(" INFO ")).count()).isGreaterThan(20);
  }
}
