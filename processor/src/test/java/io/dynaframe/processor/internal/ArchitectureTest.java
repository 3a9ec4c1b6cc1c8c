package io.dynaframe.processor.internal;

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

/** The processor module's own classes: nothing that javac does not have. */
class ArchitectureTest {

  /**
   * This module's main classes only, from the folder or jar {@link JobDiagramProcessor} was loaded
   * from.
   */
  private static JavaClasses moduleClasses() {
    try {
      Path location =
          Path.of(
              JobDiagramProcessor.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      return new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(List.of(Location.of(location)));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void importsTheProcessorOnly() {
    assertThat(moduleClasses().stream().map(c -> c.getPackageName()))
        .contains("io.dynaframe.processor.internal")
        .allMatch(pkg -> pkg.startsWith("io.dynaframe.processor"));
  }

  @Test
  void processorUsesTheAnnotationsTheGraphGuavaAndTheCompilerApiOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.annotation.processing..",
            "javax.lang.model..",
            "javax.tools..",
            "com.google.common..",
            "io.dynaframe.annotations..",
            "io.dynaframe.graph..",
            "io.dynaframe.processor..")
        .because("the processor runs inside javac, without Spark")
        .check(moduleClasses());
  }
}
