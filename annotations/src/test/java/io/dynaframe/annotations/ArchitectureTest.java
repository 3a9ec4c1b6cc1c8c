package io.dynaframe.annotations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotations module's own classes: nothing but the JDK's java.* packages. */
class ArchitectureTest {

  /** This module's main classes only, from the folder or jar {@link Job} was loaded from. */
  private static JavaClasses moduleClasses() {
    try {
      Path location =
          Path.of(Job.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(List.of(Location.of(location)));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void importsTheAnnotations() {
    assertThat(moduleClasses().stream().map(c -> c.getSimpleName()))
        .contains("Job", "Source", "Step", "Sink")
        .allMatch(name -> List.of("Job", "Source", "Step", "Sink", "package-info").contains(name));
  }

  @Test
  void annotationsDependOnNothingButJava() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.dynaframe.annotations..")
        .because(
            "dynaframe-annotations has no dependencies: job classes carry it on any class path")
        .check(moduleClasses());
  }
}
