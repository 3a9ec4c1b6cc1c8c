package io.dynaframe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

  /** Starts a child JVM running {@link #main}, with the given system properties. */
  private static Process startChild(String... properties) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // a short-lived JVM: the quick compiler only and one GC thread spare the CPU (logs unchanged)
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(Arrays.asList(System.getProperty("spark.opens").trim().split("\\s+")));
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Ddynaframe.test.master=local[1]");
    cmd.add("-Ddynaframe.test.hive=false");
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.addAll(Arrays.asList(properties));
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp.split(File.pathSeparator)));
    cmd.add(QuietLogsTest.class.getName());
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** The child's output lines, once it has counted and exited normally. */
  private static List<String> output(Process p, CompletableFuture<byte[]> read)
      throws IOException, InterruptedException, ExecutionException {
    String out = new String(read.get(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("counted 5");
    return out.lines().toList();
  }

  /** Reads the child's output on a thread of its own (the common pool may have only one). */
  private static CompletableFuture<byte[]> drain(Process p) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return p.getInputStream().readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        r -> new Thread(r, "quiet-logs-child-output").start());
  }

  @Test
  void aTestJvmWithoutALogConfigurationIsQuietUnlessAsked() throws Exception {
    // both JVMs at once: each is mostly single-threaded start-up, so together they take little
    // longer than one
    Process quietChild = startChild();
    // the same JVM with Spark's default configuration: the lines the kit spares its users
    Process loudChild = startChild("-Ddynaframe.test.quietLogs=false");
    List<String> quiet;
    List<String> loud;
    try {
      // both outputs drained as they come, so neither child waits on a full pipe
      CompletableFuture<byte[]> quietOut = drain(quietChild);
      CompletableFuture<byte[]> loudOut = drain(loudChild);
      quiet = output(quietChild, quietOut);
      loud = output(loudChild, loudOut);
    } finally {
      quietChild.destroyForcibly();
      loudChild.destroyForcibly();
    }
    assertThat(quiet).noneMatch(l -> l.contains(" INFO ")).noneMatch(l -> l.contains("INFO "));

    assertThat(loud.stream().filter(l -> l.contains(" INFO ")).count()).isGreaterThan(20);
  }
}
