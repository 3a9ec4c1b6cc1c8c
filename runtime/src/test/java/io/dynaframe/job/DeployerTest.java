package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.Lake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying job code to CODE: new version folders, never an object written over, the Glue settings
 * that use them.
 */
class DeployerTest {

  @TempDir Path root;

  /** The Scala binary version of the Spark these tests run with (2.12 or 2.13). */
  private static final String SCALA =
      scala.util.Properties$.MODULE$.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");

  /** A job's jar: its text and the class {@code com.acme.OrdersJob}. */
  private Path jar(String name, String content) throws IOException {
    return jar(name, null, "content.txt", content, "com/acme/OrdersJob.class", "job class");
  }

  /** A bundle as the bundle module makes it: its manifest names its Scala; dynaframe inside. */
  private Path bundle(String name, String scala) throws IOException {
    return jar(name, scala, "io/dynaframe/DynamicFrame.class", "dynaframe " + scala);
  }

  private Path jar(String name, String bundleScala, String... entries) throws IOException {
    Path p = root.resolve("build").resolve(name);
    Files.createDirectories(p.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (bundleScala != null) {
      manifest.getMainAttributes().putValue("Dynaframe-Scala-Binary-Version", bundleScala);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p), manifest)) {
      for (int i = 0; i < entries.length; i += 2) {
        out.putNextEntry(new JarEntry(entries[i]));
        out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return p;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".crc"))
          .sorted()
          .toList(); // Hadoop's checksums aside
    }
  }

  @Test
  void eachDeploymentIsANewVersionFolderWithTheJarsALauncherAndAManifest() throws IOException {
    Lake lake = Lake.at(root.resolve("lake"));
    Path job = jar("orders-job.jar", "v1");
    Path bundle = bundle("dynaframe-bundle_2.12.jar", "2.12");
    Deployer deployer = Deployer.of(lake, new Configuration()).withGlueVersion("5.0");

    Deployment first = deployer.deploy("orders-daily", "com.acme.OrdersJob", List.of(job, bundle));

    Path folder = root.resolve("lake/code/orders-daily").resolve(first.version());
    assertThat(first.version()).matches("v-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
    assertThat(first.location()).isEqualTo(lake.codePath("orders-daily") + "/" + first.version());
    assertThat(Path.of(java.net.URI.create(first.location()))).isEqualTo(folder);
    assertThat(files(folder))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "DynaframeGlueLauncher.scala",
            "deployment.json",
            "dynaframe-bundle_2.12.jar",
            "orders-job.jar");
    assertThat(Files.readAllBytes(folder.resolve("orders-job.jar")))
        .isEqualTo(Files.readAllBytes(job));
    assertThat(Files.readAllBytes(folder.resolve("dynaframe-bundle_2.12.jar")))
        .isEqualTo(Files.readAllBytes(bundle));
    assertThat(Files.readString(folder.resolve("DynaframeGlueLauncher.scala")))
        .contains("object DynaframeGlueLauncher {")
        .contains("def main(sysArgs: Array[String]): Unit = com.acme.OrdersJob.main(sysArgs)");
    assertThat(first.jars())
        .containsExactly(
            first.location() + "/orders-job.jar", first.location() + "/dynaframe-bundle_2.12.jar");

    // the Glue settings name exactly this version's keys
    JsonNode glue = new ObjectMapper().readTree(first.toGlueJobJson());
    assertThat(glue.get("Name").asText()).isEqualTo("orders-daily");
    assertThat(glue.get("GlueVersion").asText()).isEqualTo("5.0");
    assertThat(glue.get("Command").get("Name").asText()).isEqualTo("glueetl");
    assertThat(glue.get("Command").get("ScriptLocation").asText())
        .isEqualTo(first.location() + "/DynaframeGlueLauncher.scala");
    assertThat(glue.get("DefaultArguments").get("--class").asText())
        .isEqualTo("DynaframeGlueLauncher");
    assertThat(glue.get("DefaultArguments").get("--job-language").asText()).isEqualTo("scala");
    assertThat(glue.get("DefaultArguments").get("--extra-jars").asText())
        .isEqualTo(String.join(",", first.jars()));
    JsonNode manifest = new ObjectMapper().readTree(folder.resolve("deployment.json").toFile());
    assertThat(manifest.get("mainClass").asText()).isEqualTo("com.acme.OrdersJob");
    assertThat(manifest.get("glueJob")).isEqualTo(glue);
    assertThat(first.describe())
        .contains("deployed job orders-daily version " + first.version())
        .contains("--extra-jars " + String.join(",", first.jars()));

    // a new build deploys beside the first: the first version's objects are untouched
    byte[] before = Files.readAllBytes(folder.resolve("orders-job.jar"));
    Deployment second =
        deployer.deploy(
            "orders-daily", "com.acme.OrdersJob", List.of(jar("orders-job.jar", "v2"), bundle));
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(files(root.resolve("lake/code/orders-daily"))).hasSize(2);
    assertThat(Files.readAllBytes(folder.resolve("orders-job.jar"))).isEqualTo(before);
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsWritten() throws IOException {
    Lake lake = Lake.at(root.resolve("lake"));
    Deployer deployer = Deployer.of(lake, new Configuration());
    Path job = jar("job.jar", "x");
    assertThatThrownBy(
            () ->
                deployer.deploy(
                    "orders", "com.acme.OrdersJob", List.of(root.resolve("missing.jar"))))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("missing.jar does not exist");
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.Orders Job", List.of(job)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("'com.acme.Orders Job' is not a Java class name");
    assertThatThrownBy(() -> deployer.deploy("../orders", "com.acme.OrdersJob", List.of(job)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("job name '../orders'");
    Path notJar = root.resolve("build/job.zip");
    Files.writeString(notJar, "zip");
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.OrdersJob", List.of(notJar)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("is not a jar");
    Path other = Files.createDirectories(root.resolve("other"));
    Path same = Files.copy(job, other.resolve("job.jar"));
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.OrdersJob", List.of(job, same)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("two jars are named job.jar");
    assertThat(root.resolve("lake/code")).doesNotExist();
  }

  @Test
  void aFailedCopyLeavesNoVersionFolder() throws IOException {
    Path code = root.resolve("lake/code");
    Files.createDirectories(code);
    Path blocker = code.resolve("orders");
    Files.writeString(blocker, "a file where the job's folder would go");
    Deployer deployer = Deployer.of(Lake.at(root.resolve("lake")), new Configuration());
    assertThatThrownBy(
            () ->
                deployer.deploy(
                    "orders",
                    "com.acme.OrdersJob",
                    List.of(jar("job.jar", "x"), bundle("dynaframe-bundle.jar", SCALA))))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("deploying job orders to");
    assertThat(Files.readString(blocker)).startsWith("a file where");
    assertThat(files(code)).containsExactly(blocker);
  }

  @Test
  void aBundleOfTheOtherScalaIsRefused() throws IOException {
    Lake lake = Lake.at(root.resolve("lake"));
    Path job = jar("orders-job.jar", "v1");
    Path bundle213 = bundle("dynaframe-bundle_2.13-0.1.0-SNAPSHOT.jar", "2.13");
    assertThatThrownBy(
            () ->
                Deployer.of(lake, new Configuration())
                    .withGlueVersion("5.0")
                    .deploy("orders", "com.acme.OrdersJob", List.of(job, bundle213)))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "dynaframe-bundle_2.13-0.1.0-SNAPSHOT.jar is dynaframe for Scala 2.13, but Glue 5.0"
                + " runs Spark with Scala 2.12: deploy dynaframe-bundle_2.12-<version>.jar instead,"
                + " or choose --glue-version 6.0");
    Path bundle212 = bundle("dynaframe-bundle_2.12-0.1.0-SNAPSHOT.jar", "2.12");
    assertThatThrownBy(
            () ->
                Deployer.of(lake, new Configuration())
                    .withGlueVersion("6.0")
                    .deploy("orders", "com.acme.OrdersJob", List.of(job, bundle212)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining(
            "dynaframe-bundle_2.12-0.1.0-SNAPSHOT.jar is dynaframe for Scala 2.12, but Glue 6.0"
                + " runs Spark with Scala 2.13");
    // a dynaframe jar without the bundle's manifest (core's own jar): its name says the Scala
    Path core213 =
        jar(
            "dynaframe-core_2.13-0.1.0-SNAPSHOT.jar",
            null,
            "io/dynaframe/DynamicFrame.class",
            "core");
    assertThatThrownBy(
            () ->
                Deployer.of(lake, new Configuration())
                    .withGlueVersion("5.1")
                    .deploy("orders", "com.acme.OrdersJob", List.of(job, core213)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("is dynaframe for Scala 2.13, but Glue 5.1");
    assertThatThrownBy(
            () ->
                Deployer.of(lake, new Configuration())
                    .withGlueVersion("4.0")
                    .deploy("orders", "com.acme.OrdersJob", List.of(job, bundle212)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("Glue version 4.0 is not one dynaframe runs on; use 5.0 or 5.1");
    assertThat(root.resolve("lake/code")).doesNotExist();
  }

  @Test
  void noBundleOrAMainClassInNoJarIsRefused() throws IOException {
    Deployer deployer =
        Deployer.of(Lake.at(root.resolve("lake")), new Configuration()).withGlueVersion("5.0");
    Path job = jar("orders-job.jar", "v1");
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.OrdersJob", List.of(job)))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "none of the jars [orders-job.jar] holds dynaframe (io.dynaframe.DynamicFrame): Glue"
                + " 5.0 does not bring it; add the bundle dynaframe-bundle_2.12-<version>.jar"
                + " (bundle/target of a dynaframe build with the default profile) after the job's"
                + " jar");
    Path bundle = bundle("dynaframe-bundle_2.12-0.1.0-SNAPSHOT.jar", "2.12");
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.OrderJob", List.of(job, bundle)))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "main class com.acme.OrderJob is in none of the jars [orders-job.jar,"
                + " dynaframe-bundle_2.12-0.1.0-SNAPSHOT.jar] (no entry com/acme/OrderJob.class);"
                + " check the class name (package included) and that the job's jar is built and"
                + " listed");
    // the job's main class may come in the bundle's jar too (a fat job jar)
    Path fat =
        jar(
            "orders-fat.jar",
            "2.12",
            "io/dynaframe/DynamicFrame.class",
            "dynaframe",
            "com/acme/OrdersJob.class",
            "job");
    assertThat(deployer.deploy("orders", "com.acme.OrdersJob", List.of(fat)).jars()).hasSize(1);
  }

  @Test
  void anS3LakeWithoutAnS3FileSystemSaysToUseS3a() throws IOException {
    Deployer deployer =
        Deployer.of(Lake.at("s3://my-lake"), new Configuration()).withGlueVersion("5.0");
    List<Path> jars =
        List.of(jar("orders-job.jar", "v1"), bundle("dynaframe-bundle_2.12.jar", "2.12"));
    assertThatThrownBy(() -> deployer.deploy("orders", "com.acme.OrdersJob", jars))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("cannot open the CODE area s3://my-lake/code")
        .hasMessageContaining("No FileSystem for scheme \"s3\"")
        .hasMessageContaining("use an s3a:// lake (for example --lake s3a://my-lake)")
        .hasMessageContaining("add hadoop-aws");
  }

  @Test
  void theCommandLineHelpsAndSaysWhyItRefuses() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Deployer.run(new String[] {"--help"}, print(out), print(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: Deployer (--lake URI | --code URI) --job NAME --class MAIN_CLASS")
        .contains("--glue-version V    5.0, 5.1 or 6.0");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    out.reset();
    assertThat(Deployer.run(new String[] {"--job", "orders", "x.jar"}, print(out), print(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("deploy: missing --lake (or --code), --class\nusage: Deployer");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

    err.reset();
    Path job = jar("orders-job.jar", "v1");
    String[] args = {
      "--lake",
      root.resolve("lake").toString(),
      "--job",
      "orders",
      "--class",
      "com.acme.OrdersJob",
      "--glue-version",
      "5.0",
      job.toString()
    };
    assertThat(Deployer.run(args, print(out), print(err))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("deploy: refused: none of the jars [orders-job.jar] holds dynaframe");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(root.resolve("lake/code")).doesNotExist();
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
