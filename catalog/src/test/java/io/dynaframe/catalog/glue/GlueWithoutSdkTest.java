package io.dynaframe.catalog.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A project that adds {@code dynaframe-catalog} but not the AWS SDK: the test's own class path
 * without the SDK's jars, in a class loader whose parent is the platform loader (so no class comes
 * from the test's loader, where the SDK is).
 */
class GlueWithoutSdkTest {

  private static URLClassLoader withoutSdk;

  @BeforeAll
  static void loader() throws MalformedURLException {
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

  @Test
  void theClassPathReallyLacksTheSdk() {
    assertThatThrownBy(
            () -> withoutSdk.loadClass("software.amazon.awssdk.services.glue.GlueClient"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(
            () -> withoutSdk.loadClass("software.amazon.awssdk.retries.api.RetryStrategy"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void otherCatalogsWorkAndGlueIsListed() throws Throwable {
    @SuppressWarnings("unchecked")
    Set<Object> types = (Set<Object>) call("types");
    assertThat(types).containsExactly("embedded", "glue", "memory");
    Object memory = call("load", "memory", Map.of());
    assertThat(memory.getClass().getName())
        .isEqualTo("io.dynaframe.catalog.memory.InMemoryCatalog");
    assertThat(memory.getClass().getClassLoader()).isSameAs(withoutSdk);
  }

  @Test
  void choosingGlueSaysWhichArtifactsToAdd() {
    assertThatThrownBy(() -> call("load", "glue", Map.of("region", "eu-west-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the glue catalog needs the AWS SDK for Java 2.x")
        .hasMessageContaining("software.amazon.awssdk:glue")
        .hasMessageContaining("software.amazon.awssdk.services.glue.GlueClient");
  }

  /**
   * Calls a static method of {@code Catalogs} in the loader without the SDK, as the test thread.
   */
  private static Object call(String method, Object... args) throws Throwable {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(withoutSdk);
    try {
      Class<?> catalogs = Class.forName("io.dynaframe.catalog.Catalogs", true, withoutSdk);
      Method m =
          args.length == 0
              ? catalogs.getMethod(method)
              : catalogs.getMethod(method, String.class, Map.class);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      t.setContextClassLoader(before);
    }
  }
}
