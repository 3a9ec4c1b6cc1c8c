package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DataSource;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats whose libraries are optional dependencies of core ({@code ion}: ion-java, {@code
 * grokLog}: java-grok, {@code xml} on Spark 3.5: spark-xml) with those libraries really absent:
 * core's pom runs this class alone in a JVM of its own whose class path leaves them out (surefire
 * execution {@code optional-libraries-absent}; the default execution leaves this tag out). Creating
 * the source fails naming the format, the source and its paths, and the artifact with the version
 * the pom builds with (passed in as system properties, so the messages cannot drift from the pom).
 * No Spark session: the check comes when the source is created, before the session is used.
 */
@Tag("optional-libraries-absent")
class OptionalLibrariesAbsentTest {

  @TempDir Path dir;

  @BeforeAll
  static void theLibrariesAreReallyAbsent() {
    for (String c :
        List.of(
            "com.amazon.ion.system.IonReaderBuilder",
            "io.krakens.grok.api.GrokCompiler",
            "com.databricks.spark.xml.DefaultSource")) {
      assertThatThrownBy(() -> Class.forName(c))
          .as("%s must not be on this JVM's class path", c)
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  private static String pomVersion(String property) {
    String v = System.getProperty(property);
    assertThat(v).as("system property %s, set by core's pom", property).isNotBlank();
    return v;
  }

  /** A source in the format, created as the s3 connector creates it (no session: see above). */
  private DataSource create(String format, Options formatOptions) {
    return Sources.create(
        null, Options.of("paths", List.of(dir.toString())), "orders", format, formatOptions);
  }

  private String missing(String format, String artifact, String when) {
    return "format '"
        + format
        + "' of the source 'orders' (paths ["
        + dir
        + "]) needs "
        + artifact
        + when
        + ", which is not on the class path; add that artifact to the job's dependencies";
  }

  @Test
  void ionFailsWhenTheSourceIsCreatedNamingItsArtifact() {
    assertThatThrownBy(() -> create("ion", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            missing("ion", "com.amazon.ion:ion-java:" + pomVersion("dynaframe.ionJava"), ""));
  }

  @Test
  void grokLogFailsWhenTheSourceIsCreatedNamingItsArtifact() {
    assertThatThrownBy(() -> create("grokLog", Options.of("logFormat", "%{COMMONAPACHELOG}")))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            missing("grokLog", "io.krakens:java-grok:" + pomVersion("dynaframe.javaGrok"), ""));
  }

  @Test
  void xmlNeedsSparkXmlOnSpark35AndNothingOnSpark4() {
    String spark = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    Options rowTag = Options.of("rowTag", "order");
    if (spark.startsWith("3.")) {
      assertThatThrownBy(() -> create("xml", rowTag))
          .isInstanceOf(SourceException.class)
          .hasMessage(
              missing(
                  "xml",
                  "com.databricks:spark-xml_2.12:" + pomVersion("dynaframe.sparkXml"),
                  " on Spark " + spark + " (Glue 5; Spark 4, Glue 6, reads XML itself)"));
    } else {
      assertThat(spark).startsWith("4.");
      assertThat(create("xml", rowTag)).isNotNull();
    }
  }
}
