package io.dynaframe.testing;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Gives a test JVM without a log configuration of its own the kit's quiet one ({@code
 * io/dynaframe/testing/log4j2-quiet.properties}: Spark and Hadoop at WARN, dynaframe at INFO)
 * before Spark starts, instead of Spark's default that prints hundreds of INFO lines. A
 * configuration the user gave ({@code log4j2.configurationFile}, a {@code log4j2-test.*} or {@code
 * log4j2.*} file on the class path) is left alone, and so is everything with {@code
 * -Ddynaframe.test.quietLogs=false}.
 */
final class QuietLogs {
  private QuietLogs() {}

  static final String RESOURCE = "io/dynaframe/testing/log4j2-quiet.properties";

  /** Applies the quiet configuration if log4j has none but its own or Spark's default. */
  static synchronized void applyUnlessConfigured() {
    if ("false".equalsIgnoreCase(System.getProperty("dynaframe.test.quietLogs"))
        || System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null) {
      return;
    }
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return; // another logging back end: not ours to configure
    }
    if (!isDefault(context.getConfiguration())) {
      return;
    }
    URL quiet = QuietLogs.class.getClassLoader().getResource(RESOURCE);
    if (quiet == null) {
      return;
    }
    try {
      Configurator.reconfigure(quiet.toURI());
    } catch (URISyntaxException e) {
      // a resource URL is a URI; nothing to do otherwise
    }
  }

  /** Log4j's fallback (no file found) or Spark's defaults, which Spark installs in that case. */
  private static boolean isDefault(Configuration c) {
    if (c instanceof DefaultConfiguration) {
      return true;
    }
    String source =
        c.getConfigurationSource() == null ? "" : c.getConfigurationSource().getLocation();
    return source != null && source.endsWith("org/apache/spark/log4j2-defaults.properties");
  }
}
