package io.dynaframe.graph;

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

/** The graph module's own classes: only the JDK and Guava underneath. */
class ArchitectureTest {

  /** This module's main classes only, from the folder or jar {@link JobGraph} was loaded from. */
  private static JavaClasses moduleClasses() {
    try {
      Path location =
          Path.of(JobGraph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(List.of(Location.of(location)));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void importsTheModelButNoTests() {
    assertThat(moduleClasses().stream().map(c -> c.getName()))
        .contains(
            JobGraph.class.getName(), JobGraphJson.class.getName(), DotRenderer.class.getName())
        .noneMatch(name -> name.endsWith("Test"));
  }

  @Test
  void graphDependsOnTheJdkAndGuavaOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "com.google.common..", "io.dynaframe.graph..")
        .because(
            "the graph model runs inside javac (the processor) and on Glue (the runtime): no Spark, no JSON library")
        .check(moduleClasses());
  }
}
