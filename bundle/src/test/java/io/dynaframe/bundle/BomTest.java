package io.dynaframe.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM ({@code bom/pom.xml}) names every library artifact of the build, for both Scala suffixes,
 * at the build's version, and nothing that is not one. A library module is one of the root pom's
 * modules that makes a -javadoc jar (the others set {@code maven.javadoc.skip}), plus the bundle.
 */
class BomTest {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("bom/pom.xml")) ? here : here.getParent();
  }

  /** The artifactId of the module's pom (the first after its parent's). */
  private static String artifactId(String pom) {
    String own = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
    Matcher m = ARTIFACT.matcher(own);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void namesEveryLibraryArtifactForBothScalaSuffixes() throws IOException {
    Path root = root();
    String rootPom = Files.readString(root.resolve("pom.xml"));
    List<String> expected = new ArrayList<>();
    Matcher modules = MODULE.matcher(rootPom);
    while (modules.find()) {
      String module = modules.group(1);
      if (module.equals("bom")) {
        continue;
      }
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      boolean library =
          module.equals("bundle")
              || (!pom.contains("<maven.javadoc.skip>true</maven.javadoc.skip>")
                  && !pom.contains("<packaging>pom</packaging>")
                  && !pom.contains("<packaging>maven-archetype</packaging>"));
      if (!library) {
        continue;
      }
      String id = artifactId(pom);
      if (id.endsWith("_${scala.binary.version}")) {
        String base = id.substring(0, id.length() - "_${scala.binary.version}".length());
        expected.add(base + "_2.12");
        expected.add(base + "_2.13");
      } else {
        expected.add(id);
      }
    }
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String managed =
        bom.substring(
            bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
    List<String> listed = new ArrayList<>();
    Matcher m = ARTIFACT.matcher(managed);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(expected).contains("dynaframe-core_2.12", "dynaframe-processor");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(managed).doesNotContain("<scope>").doesNotContain("<type>");

    Matcher v = Pattern.compile("<version>([^<]+)</version>").matcher(rootPom);
    assertThat(v.find()).isTrue();
    assertThat(bom).contains("<artifactId>dynaframe-bom</artifactId>\n  <version>" + v.group(1));
    assertThat(bom).doesNotContain("<parent>").contains("<packaging>pom</packaging>");
  }
}
