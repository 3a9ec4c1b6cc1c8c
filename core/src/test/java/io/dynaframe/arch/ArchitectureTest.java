package io.dynaframe.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.dynaframe.DynamicFrame;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Core's packages form no cycle: the frame API (io.dynaframe) stands on types, the catalog SPI and
 * plain helpers; file IO and catalog reads are implementations below it, reached through the
 * Connector SPI.
 */
class ArchitectureTest {

  /** Core's main classes, imported once for both rules. */
  private static JavaClasses imported;

  private static synchronized JavaClasses mainClasses() throws URISyntaxException {
    if (imported == null) {
      Path classes =
          Path.of(DynamicFrame.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      imported = new ClassFileImporter().importPath(classes);
    }
    return imported;
  }

  @Test
  void packagesFormNoCycle() throws URISyntaxException {
    // io.(**) puts io.dynaframe itself into a slice of its own ("dynaframe")
    slices().matching("io.(**)").should().beFreeOfCycles().check(mainClasses());
  }

  @Test
  void theApiReachesImplementationsOnlyThroughItsSpis() throws URISyntaxException {
    noClasses()
        .that()
        .resideInAnyPackage("io.dynaframe", "io.dynaframe.types", "io.dynaframe.catalog")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.dynaframe.internal.io..", "io.dynaframe.internal.catalog..")
        .because("sources, sinks and catalog reads are plug-ins found with ServiceLoader")
        .check(mainClasses());
  }
}
