package io.dynaframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job that adds {@code dynaframe-jdbc} but not the Secrets Manager SDK: the test's own class path
 * without the SDK's jars, in a class loader whose parent is the platform loader. A secret id then
 * fails naming the artifact to add, and a local secrets file still works.
 */
class SecretsWithoutSdkTest {
  private static URLClassLoader withoutSdk;

  @BeforeAll
  static void loader() throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int dropped = 0;
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.replace('\\', '/').contains("/software/amazon/awssdk/")) {
        dropped++;
        continue;
      }
      urls.add(new File(entry).toURI().toURL());
    }
    assertThat(dropped).as("SDK jars left out of the class path").isPositive();
    withoutSdk = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws Exception {
    withoutSdk.close();
  }

  /** Calls Secrets.resolve(conf, id, error) in the loader without the SDK; returns its toString. */
  private static String resolve(Map<String, String> conf, String secretId) throws Throwable {
    Class<?> secrets = Class.forName("io.dynaframe.jdbc.internal.Secrets", true, withoutSdk);
    UnaryOperator<String> c = k -> conf.getOrDefault(k, "");
    Function<String, RuntimeException> error = IllegalStateException::new;
    try {
      return String.valueOf(
          secrets
              .getMethod("resolve", UnaryOperator.class, String.class, Function.class)
              .invoke(null, c, secretId, error));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void aSecretIdNamesTheArtifactToAdd() {
    assertThatThrownBy(
            () ->
                withoutSdk.loadClass(
                    "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> resolve(Map.of(), "rds/etl"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "secret 'rds/etl' is read from AWS Secrets Manager, whose client is not on the class"
                + " path (no class software.amazon.awssdk.services.secretsmanager.SecretsManagerClient):"
                + " add software.amazon.awssdk:secretsmanager (version 2.x) to the job's dependencies,"
                + " or set spark.dynaframe.secrets.file to a local secrets file");
  }

  @Test
  void aLocalSecretsFileNeedsNoSdk() throws Throwable {
    Path file = Files.createTempFile("dynaframe-secrets", ".json");
    try {
      Files.writeString(
          file, "{\"rds/etl\": \"{\\\"username\\\": \\\"etl\\\", \\\"password\\\": \\\"x1\\\"}\"}");
      assertThat(resolve(Map.of(Secrets.FILE, file.toString()), "rds/etl"))
          .isEqualTo("Credentials[etl, *****]");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
