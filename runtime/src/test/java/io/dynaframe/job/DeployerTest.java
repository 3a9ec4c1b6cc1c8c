package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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

  private Path jar(String name, String content) throws IOException {
    Path p = root.resolve("build").resolve(name);
    Files.createDirectories(p.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p))) {
      out.putNextEntry(new JarEntry("content.txt"));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
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
    Path bundle = jar("dynaframe-bundle_2.12.jar", "bundle");
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
            () -> deployer.deploy("orders", "com.acme.OrdersJob", List.of(jar("job.jar", "x"))))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("deploying job orders to");
    assertThat(Files.readString(blocker)).startsWith("a file where");
    assertThat(files(code)).containsExactly(blocker);
  }
}
