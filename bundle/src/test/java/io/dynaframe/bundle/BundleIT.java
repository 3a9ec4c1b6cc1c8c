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
 * Runs a Glue-style job in a child JVM whose classpath holds only Spark's own jars, the bundle and
 * the job's class, as AWS Glue runs a script with {@code --extra-jars}.
 */
class BundleIT {

  @TempDir Path work;

  private static Path bundle() {
    return Path.of(System.getProperty("bundle.jar"));
  }

  @Test
  void manifestNamesTheScalaTheDeployerChecks() throws IOException {
    try (JarFile jar = new JarFile(bundle().toFile())) {
      java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
      String running = scala.util.Properties$.MODULE$.versionNumberString();
      assertThat(running).startsWith(main.getValue("Dynaframe-Scala-Binary-Version") + ".");
      assertThat(main.getValue("Dynaframe-Version")).isNotBlank();
      assertThat(main.getValue("Dynaframe-Spark-Version"))
          .isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
    }
  }

  @Test
  void bundleHoldsOurModulesAndRelocatedGuavaAndOpenLineageOnly() throws IOException {
    List<String> names;
    try (JarFile jar = new JarFile(bundle().toFile())) {
      names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
    }
    assertThat(names)
        .contains(
            "io/dynaframe/DynamicFrame.class",
            "io/dynaframe/types/ChoiceType.class",
            "io/dynaframe/annotations/Job.class",
            "io/dynaframe/graph/JobGraph.class",
            "io/dynaframe/graph/JobGraphJson.class",
            "io/dynaframe/jdbc/JdbcConnector.class",
            "io/dynaframe/jdbc/internal/QuietConnectionProvider.class",
            "io/dynaframe/lakeformats/DynaframeIcebergCatalog.class",
            "io/dynaframe/lakeformats/internal/LakeFormatsConnector.class",
            "io/dynaframe/shaded/com/google/common/collect/ImmutableList.class",
            "io/dynaframe/shaded/openlineage/client/OpenLineage.class",
            "io/dynaframe/shaded/openlineage/client/OpenLineageClient.class",
            "io/dynaframe/shaded/org/apache/hc/client5/http/classic/HttpClient.class");
    assertThat(names)
        .noneMatch(n -> n.startsWith("com/google/common/"))
        .noneMatch(n -> n.startsWith("io/openlineage/"))
        .noneMatch(n -> n.startsWith("org/apache/hc/"))
        .noneMatch(n -> n.startsWith("io/micrometer/"))
        .as("Jackson stays Spark's")
        .noneMatch(n -> n.startsWith("com/fasterxml/"))
        .noneMatch(n -> n.startsWith("org/yaml/"))
        .noneMatch(n -> n.startsWith("org/apache/spark/"))
        .noneMatch(n -> n.startsWith("scala/"))
        .noneMatch(n -> n.startsWith("org/apache/hadoop/"))
        .as("Iceberg and Delta Lake are Glue's")
        .noneMatch(n -> n.startsWith("org/apache/iceberg/"))
        .noneMatch(n -> n.startsWith("io/delta/"))
        .doesNotContain("log4j.properties")
        .as("the annotation processor is not for run time")
        .noneMatch(n -> n.startsWith("io/dynaframe/processor/"))
        .doesNotContain("META-INF/services/javax.annotation.processing.Processor");
    try (JarFile jar = new JarFile(bundle().toFile())) {
      java.util.jar.JarEntry services =
          jar.getJarEntry(
              "META-INF/services/io.dynaframe.shaded.openlineage.client.transports.TransportBuilder");
      assertThat(services).as("OpenLineage's transport services, relocated").isNotNull();
      String text = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text)
          .contains("io.dynaframe.shaded.openlineage.client.transports.")
          .doesNotContain("\nio.openlineage");
    }
  }

  /** The modules the bundle holds, as their folders or jars on this test's class path. */
  private static final java.util.regex.Pattern MODULE =
      java.util.regex.Pattern.compile(
          ".*([/\\\\](annotations|graph|core|runtime|transforms|catalog|jdbc|lakeformats)[/\\\\]target[/\\\\]classes[/\\\\]?"
              + "|dynaframe-(annotations|graph|core|runtime|transforms|catalog|jdbc|lakeformats)[_.-][^/\\\\]*\\.jar)$");

  /** Every service file of every bundled module: file name to the providers it lists. */
  private static java.util.Map<String, java.util.Set<String>> moduleServices() throws IOException {
    java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
    int modules = 0;
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!MODULE.matcher(e).matches()) {
        continue;
      }
      modules++;
      Path entry = Path.of(e);
      if (Files.isDirectory(entry)) {
        Path dir = entry.resolve("META-INF/services");
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
              out.computeIfAbsent(f.getFileName().toString(), k -> new java.util.TreeSet<>())
                  .addAll(providers(Files.readString(f, StandardCharsets.UTF_8)));
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(entry.toFile())) {
          for (java.util.jar.JarEntry je : Collections.list(jar.entries())) {
            String n = je.getName();
            if (n.startsWith("META-INF/services/") && !je.isDirectory()) {
              String text =
                  new String(jar.getInputStream(je).readAllBytes(), StandardCharsets.UTF_8);
              out.computeIfAbsent(
                      n.substring("META-INF/services/".length()), k -> new java.util.TreeSet<>())
                  .addAll(providers(text));
            }
          }
        }
      }
    }
    assertThat(modules).as("the bundled modules on the class path").isGreaterThanOrEqualTo(8);
    return out;
  }

  private static List<String> providers(String serviceFile) {
    return serviceFile
        .lines()
        .map(l -> l.replaceFirst("#.*", "").strip())
        .filter(l -> !l.isEmpty())
        .toList();
  }

  @Test
  void theBundlesServiceFilesMergeEveryModulesProviders() throws IOException {
    java.util.Map<String, java.util.Set<String>> expected = moduleServices();
    // the ones that must be there: connection types of core and jdbc, Spark's JDBC connection
    // provider, the catalogs, the run observer of the runtime
    assertThat(expected)
        .containsKeys(
            "io.dynaframe.Connector",
            "org.apache.spark.sql.jdbc.JdbcConnectionProvider",
            "io.dynaframe.catalog.CatalogProvider",
            "io.dynaframe.RunObserver$Factory");
    assertThat(expected.get("io.dynaframe.Connector"))
        .contains(
            "io.dynaframe.internal.io.FileConnector",
            "io.dynaframe.jdbc.JdbcConnector",
            "io.dynaframe.lakeformats.internal.LakeFormatsConnector");
    try (JarFile jar = new JarFile(bundle().toFile())) {
      for (java.util.Map.Entry<String, java.util.Set<String>> e : expected.entrySet()) {
        java.util.jar.JarEntry merged = jar.getJarEntry("META-INF/services/" + e.getKey());
        assertThat(merged).as("service file %s in the bundle", e.getKey()).isNotNull();
        String text = new String(jar.getInputStream(merged).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(providers(text))
            .as("providers of %s in the bundle", e.getKey())
            .containsAll(e.getValue())
            .doesNotHaveDuplicates();
      }
    }
    assertThat(expected.get("org.apache.spark.sql.jdbc.JdbcConnectionProvider"))
        .containsExactly("io.dynaframe.jdbc.internal.QuietConnectionProvider");
  }

  @Test
  void aJobRunsOnSparksJarsPlusTheBundle() throws Exception {
    Path input = work.resolve("in/orders.json");
    Files.createDirectories(input.getParent());
    Files.writeString(
        input,
        "{\"id\": 1, \"amount\": 2.5}\n{\"id\": \"A-2\", \"amount\": 3}\nnot json\n{\"id\": 3}\n");
    Path lake = work.resolve("lake");

    String sparkJars = Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim();
    String classpath =
        String.join(
            File.pathSeparator, sparkJars, bundle().toString(), System.getProperty("job.classes"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    // a short-lived JVM: the quick compiler only and one GC thread spare the CPU
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(List.of(System.getProperty("spark.opens").trim().split("\\s+")));
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            GlueStyleSmokeJob.class.getName(),
            "--JOB_NAME",
            "smoke",
            "--job-bookmark-option",
            "job-bookmark-enable",
            "--input",
            input.toString(),
            "--lake",
            lake.toString(),
            "--scriptLocation",
            "ignored"));
    Path log = work.resolve("job.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("job finished in time; output:\n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output:\n%s", out).isZero();
    assertThat(out)
        .contains(
            """
        root
        |-- id: choice
        |    |-- int
        |    |-- string
        |-- amount: choice
        |    |-- double
        |    |-- int
        """)
        .contains("rows=3 errors=1");
    try (Stream<Path> files = Files.walk(lake.resolve("load/sales/orders"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .anyMatch(n -> n.matches("orders-.*-part-\\d{5}\\.snappy\\.parquet"));
    }
    try (Stream<Path> states = Files.list(lake.resolve("load/_dynaframe/bookmarks/smoke"))) {
      assertThat(states.map(f -> f.getFileName().toString())).contains("state-00000001.json");
    }

    // OpenLineage events, written by the bundle's relocated client with Spark's own Jackson
    assertThat(out).doesNotContain("OpenLineage events are off");
    Path events;
    try (Stream<Path> files = Files.list(lake.resolve("temp/lineage/smoke_lineage"))) {
      events =
          files
              .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no OpenLineage events in temp/lineage/smoke_lineage; output:\n" + out));
    }
    assertThat(out).contains("lineage events: " + events);
    List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
    assertThat(lines).as("START and COMPLETE events").hasSize(2);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode start = json.readTree(lines.get(0));
    com.fasterxml.jackson.databind.JsonNode complete = json.readTree(lines.get(1));
    assertThat(start.get("eventType").asText()).isEqualTo("START");
    assertThat(complete.get("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(complete.get("job").get("name").asText()).isEqualTo("smoke_lineage");
    assertThat(complete.get("run").get("runId").asText())
        .isEqualTo(start.get("run").get("runId").asText());
    assertThat(complete.get("inputs").get(0).get("name").asText()).isEqualTo(input.toString());
    com.fasterxml.jackson.databind.JsonNode output = complete.get("outputs").get(0);
    assertThat(output.get("name").asText())
        .isEqualTo(lake.resolve("load/sales/orders_lineage").toString());
    assertThat(output.get("outputFacets").get("outputStatistics").get("rowCount").asLong())
        .isEqualTo(3L);
    assertThat(complete.get("producer").asText()).isEqualTo("urn:dynaframe");
  }
}
