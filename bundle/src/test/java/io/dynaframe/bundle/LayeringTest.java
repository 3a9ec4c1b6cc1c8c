package io.dynaframe.bundle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module layering of DESIGN.md true: the annotations and graph modules have no Spark or
 * Scala, core knows nothing of transforms or catalogs, and no module reaches into another module's
 * internal packages. Classes are imported per module, from the jar or folder each module's marker
 * class was loaded from.
 */
class LayeringTest {

  /** The modules whose layering is checked, and the internal packages each owns. */
  private static final Map<String, List<String>> INTERNAL =
      Map.of(
          "annotations", List.of("io.dynaframe.annotations.internal.."),
          "graph", List.of("io.dynaframe.graph.internal.."),
          "core", List.of("io.dynaframe.internal.."),
          "runtime", List.of("io.dynaframe.job.internal..", "io.dynaframe.lineage.internal.."),
          "transforms", List.of("io.dynaframe.transforms.internal.."),
          "catalog", List.of("io.dynaframe.catalog.internal.."),
          "quality", List.of("io.dynaframe.quality.internal.."),
          "jdbc", List.of("io.dynaframe.jdbc.internal.."),
          "lakeformats", List.of("io.dynaframe.lakeformats.internal.."));

  /** Each module's classes, imported once for all the rules that check them. */
  private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  /**
   * The classes of one module, from its entry on the test classpath: the module's {@code
   * target/.../classes} folder in a reactor build, or its {@code dynaframe-<module>} jar.
   */
  private static JavaClasses module(String name) {
    return IMPORTED.computeIfAbsent(name, LayeringTest::importModule);
  }

  private static JavaClasses importModule(String name) {
    Pattern entry =
        Pattern.compile(
            ".*([/\\\\]"
                + name
                + "[/\\\\]target[/\\\\].*classes[/\\\\]?|dynaframe-"
                + name
                + "[_.-][^/\\\\]*\\.jar)$");
    List<Location> locations = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.matcher(e).matches()) {
        try {
          locations.add(e.endsWith(".jar") ? Location.of(new JarFile(e)) : Location.of(Path.of(e)));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    if (locations.isEmpty()) {
      throw new AssertionError("module " + name + " is not on the test classpath");
    }
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(locations);
    if (name.equals("core") && classes.isEmpty()) {
      throw new AssertionError("no classes found for module core in " + locations);
    }
    return classes;
  }

  @Test
  void annotationsAndGraphHaveNoSparkOrScala() {
    for (String m : List.of("annotations", "graph")) {
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..")
          .because(
              "the annotations and the graph model are read inside javac by the processor, without Spark")
          .allowEmptyShould(true)
          .check(module(m));
    }
  }

  @Test
  void coreDoesNotDependOnTransformsOrCatalogImplementations() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.dynaframe.transforms..",
            "io.dynaframe.catalog.embedded..",
            "io.dynaframe.catalog.glue..",
            "io.dynaframe.crawler..",
            "io.dynaframe.catalog.internal..",
            "io.dynaframe.job..",
            "io.dynaframe.lineage..")
        .because(
            "core is the base every other module builds on; the job runtime observes it through RunObserver")
        .allowEmptyShould(true)
        .check(module("core"));
  }

  @Test
  void qualityBuildsOnCoreOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.dynaframe.transforms..",
            "io.dynaframe.catalog.embedded..",
            "io.dynaframe.catalog.glue..",
            "io.dynaframe.catalog.memory..",
            "io.dynaframe.catalog.internal..",
            "io.dynaframe.crawler..",
            "io.dynaframe.job..",
            "io.dynaframe.lineage..")
        .because(
            "the quality module hands its outcomes to the job runtime through core's RunObserver"
                + " and reads earlier runs' results through it; reference tables come through"
                + " core's Catalog interface, whichever catalog the session has")
        .allowEmptyShould(true)
        .check(module("quality"));
  }

  @Test
  void lakeformatsBuildsOnCoreOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.dynaframe.transforms..",
            "io.dynaframe.catalog.embedded..",
            "io.dynaframe.catalog.glue..",
            "io.dynaframe.catalog.internal..",
            "io.dynaframe.crawler..",
            "io.dynaframe.job..",
            "io.dynaframe.lineage..")
        .because(
            "the lake formats are a connector on core's SPI; their tables live in whichever catalog"
                + " the session has")
        .allowEmptyShould(true)
        .check(module("lakeformats"));
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    for (String owner : INTERNAL.keySet()) {
      for (String user : INTERNAL.keySet()) {
        if (!user.equals(owner)) {
          noClasses()
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(INTERNAL.get(owner).toArray(String[]::new))
              .because(owner + "'s internal packages are not part of its API")
              .allowEmptyShould(true)
              .check(module(user));
        }
      }
    }
  }

  @Test
  void noModuleHasAPackageCycle() {
    for (String m : INTERNAL.keySet()) {
      // io.(**) gives io.dynaframe itself a slice of its own
      slices()
          .matching("io.(**)")
          .should()
          .beFreeOfCycles()
          .because("a module's packages are layered (see DESIGN.md)")
          .allowEmptyShould(true)
          .check(module(m));
    }
  }

  @Test
  void publicSignaturesUseNoGuavaTypes() {
    // The bundle relocates Guava; a Guava type in a public signature would make code compiled
    // against the modules fail to link against the bundle on Glue. Values are Guava immutable
    // collections behind java.util interfaces.
    for (String m : INTERNAL.keySet()) {
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideOutsideOfPackage("..internal..")
          .should()
          .haveRawReturnType(JavaClass.Predicates.resideInAPackage("com.google.common.."))
          .orShould()
          .haveRawParameterTypes(
              DescribedPredicate.anyElementThat(
                  JavaClass.Predicates.resideInAPackage("com.google.common..")))
          .because("the bundle relocates Guava")
          .allowEmptyShould(true)
          .check(module(m));
    }
  }
}
