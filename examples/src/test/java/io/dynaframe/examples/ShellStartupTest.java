package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The shell's startup script ({@code dynaframe-shell} runs it in jshell from the repository's
 * root): every snippet compiles against the examples' class path, the Glue transforms are imported,
 * and the data its banner suggests exists. The two snippets that start Spark are left out (the
 * script is evaluated in this JVM).
 */
class ShellStartupTest {

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("examples")) ? here : here.getParent();
  }

  private static String value(JShell js, String expression) {
    List<SnippetEvent> events = js.eval(expression);
    assertThat(events).as(expression).isNotEmpty();
    SnippetEvent last = events.get(events.size() - 1);
    assertThat(last.exception()).as(expression).isNull();
    assertThat(last.status()).as(expression).isEqualTo(Snippet.Status.VALID);
    return last.value();
  }

  @Test
  void theStartupCompilesImportsTheTransformsAndSuggestsDataThatExists() throws IOException {
    Path root = root();
    String startup = Files.readString(root.resolve("examples/src/main/jshell/startup.jsh"));
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try (JShell js = JShell.builder().executionEngine("local").build()) {
      js.addToClasspath(classPath);
      SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
      String rest = startup;
      int evaluated = 0;
      while (!rest.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
        String snippet = info.source();
        rest = info.remaining();
        if (snippet == null) {
          break;
        }
        if (snippet.contains("DynaContext.local()") || snippet.contains("ctx.spark()")) {
          continue; // starts Spark
        }
        if (snippet.contains("System.out.println")) {
          continue; // the banner needs the session
        }
        for (SnippetEvent e : js.eval(snippet)) {
          assertThat(e.status())
              .as("snippet of startup.jsh: %s%s", snippet, js.diagnostics(e.snippet()).toList())
              .isIn(Snippet.Status.VALID, Snippet.Status.RECOVERABLE_DEFINED);
        }
        evaluated++;
      }
      assertThat(evaluated).isGreaterThan(5);
      assertThat(value(js, "ApplyMapping.class.getName()"))
          .isEqualTo("\"io.dynaframe.transforms.ApplyMapping\"");
      assertThat(value(js, "ResolveChoice.class.getName()"))
          .isEqualTo("\"io.dynaframe.transforms.ResolveChoice\"");
      assertThat(value(js, "Map.class.getName()")).isEqualTo("\"java.util.Map\"");
      String example = value(js, "example");
      String path = example.substring(1, example.length() - 1);
      // the shell runs from the repository's root; here the working folder is the module's
      assertThat(root.resolve(path)).isDirectory();
      assertThat(startup).contains("DynamicFrame f = read(\"json\", \"%s\");");
    }
  }
}
