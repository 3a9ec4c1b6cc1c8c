package io.dynaframe.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the flagship job through {@link FlagshipDriver} in a child JVM (Spark's jars, the bundle and
 * the examples jar, as a cluster or Glue gets them) and returns its dump. The run on a local lake,
 * which every flagship test compares with, is made once per test JVM.
 */
final class Flagship {
  private Flagship() {}

  /**
   * Raw order lines per file in the tests (the job's default is 150): small data, same code paths.
   */
  static final int ORDERS_PER_FILE = 40;

  /** Two runs: the second must read only the batch landed after the first. */
  static final int RUNS = 2;

  private static List<String> localDump;

  static List<String> classpath() {
    List<String> cp = new ArrayList<>(ChildJvm.classpathFile("spark.classpath.file"));
    cp.addAll(ChildJvm.classpathFile("app.classpath.file"));
    cp.add(Path.of(System.getProperty("test.classes")).toString());
    return cp;
  }

  /**
   * Runs the flagship on {@code lake} with its catalog in {@code <dir>/<name>-catalog}, logging to
   * {@code <dir>/<name>.log}; fails with the job's output unless it ends well within the time.
   */
  static List<String> run(
      Path dir, String name, String lake, List<String> jvmArgs, Map<String, String> env)
      throws Exception {
    Path dump = dir.resolve(name + ".dump");
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Dspark.ui.enabled=false"));
    jvm.addAll(jvmArgs);
    long start = System.nanoTime();
    ChildJvm.Result r =
        ChildJvm.run(
            ChildJvm.command(
                classpath(),
                jvm,
                FlagshipDriver.class.getName(),
                List.of(
                    "--lake",
                    lake,
                    "--catalog-dir",
                    dir.resolve(name + "-catalog").toString(),
                    "--dump",
                    dump.toString(),
                    "--orders-per-file",
                    String.valueOf(ORDERS_PER_FILE),
                    "--runs",
                    String.valueOf(RUNS))),
            env,
            dir.resolve(name + ".log"),
            8);
    assertThat(r.exitCode())
        .as("exit code of the flagship run '%s' (-1: timed out); its output:%n%s", name, r.output())
        .isZero();
    System.out.printf(
        "flagship run '%s' took %d s%n", name, (System.nanoTime() - start) / 1_000_000_000L);
    return Files.readAllLines(dump, StandardCharsets.UTF_8);
  }

  /** The dump of the flagship on a local lake in local Spark, made once per JVM. */
  static synchronized List<String> localDump() throws Exception {
    if (localDump == null) {
      Path dir =
          Files.createTempDirectory(
              Path.of(System.getProperty("java.io.tmpdir")), "flagship-local-");
      localDump =
          List.copyOf(
              run(
                  dir,
                  "local",
                  dir.resolve("lake").toString(),
                  List.of(),
                  Map.of("SPARK_LOCAL_IP", "127.0.0.1")));
    }
    return localDump;
  }

  /**
   * Asserts that two dumps are the same, line for line; the message shows the first line that
   * differs, with its neighbours, rather than two lists of hundreds of rows.
   */
  static void assertSameTables(String what, List<String> actual, List<String> expected) {
    int n = Math.min(actual.size(), expected.size());
    int first = 0;
    while (first < n && actual.get(first).equals(expected.get(first))) {
      first++;
    }
    if (first == n && actual.size() == expected.size()) {
      return;
    }
    int from = Math.max(0, first - 2);
    throw new AssertionError(
        what
            + " differ from the local run's at line "
            + (first + 1)
            + " (of "
            + actual.size()
            + " vs "
            + expected.size()
            + ")\n  got:      "
            + String.join(
                "\n            ", actual.subList(from, Math.min(actual.size(), first + 3)))
            + "\n  expected: "
            + String.join(
                "\n            ", expected.subList(from, Math.min(expected.size(), first + 3))));
  }

  /**
   * Checks what holds of every correct flagship dump: the first run read batch 1 only, the second
   * batch 2 only (bookmarks); each order is published once; the quarantine holds orders of both
   * batches; every table has rows.
   */
  static void assertBookmarksAndQuarantine(List<String> dump) {
    assertThat(dump).filteredOn(l -> l.startsWith("run ")).hasSize(2);
    assertThat(dump.get(0))
        .matches(
            "run 1 batch 1 errors \\d+ read "
                + "\\[orders/batch=1/orders-1-0\\.json, orders/batch=1/orders-1-1\\.json\\]");
    assertThat(dump.get(1))
        .as("the second run reads only the new batch")
        .matches(
            "run 2 batch 2 errors \\d+ read \\[orders/batch=2/orders-2-0\\.json, orders/batch=2/orders-2-1\\.json\\]");
    String orders = line(dump, "check sales.orders ");
    assertThat(orders)
        .as("each order published once, from both batches")
        .matches("check sales.orders \\{\"n\":(\\d+),\"ids\":\\1,\"batches\":\\[1,2\\]\\}");
    assertThat(line(dump, "check sales.orders_quarantine "))
        .as("quarantined orders of both batches")
        .matches("check sales.orders_quarantine \\{\"n\":[1-9]\\d*,\"batches\":\\[1,2\\]\\}");
    for (String table : List.of("sales.orders", "sales.order_items", "sales.orders_quarantine")) {
      assertThat(line(dump, "rows " + table + " ")).matches("rows " + table + " [1-9]\\d*");
    }
  }

  private static String line(List<String> dump, String prefix) {
    return dump.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in the dump"));
  }
}
