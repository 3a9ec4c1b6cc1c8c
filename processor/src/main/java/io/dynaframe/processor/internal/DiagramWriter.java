package io.dynaframe.processor.internal;

import io.dynaframe.graph.DotRenderer;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.JobGraphJson;
import io.dynaframe.graph.MermaidRenderer;
import io.dynaframe.graph.Node;
import io.dynaframe.processor.internal.JobModel.StepModel;
import io.dynaframe.processor.internal.JobModel.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns a checked job into its {@link JobGraph} and writes the graph's DOT and Mermaid text: into
 * the class output, in the job class's package, as {@code <Class>.dot} and {@code <Class>.mmd},
 * and, when a diagrams folder is configured, into that folder under the package path. It also
 * writes the graph's JSON ({@link JobGraphJson}) into the class output as {@code
 * META-INF/dynaframe/jobs/<binary class name>.json}, the resource the runtime reads with {@link
 * JobGraph#forJobClass(Class)}. Every file has the job class as originating element, for
 * incremental builds.
 */
final class DiagramWriter {
  private final Filer filer;
  private final Elements elements;
  private final ErrorReporter errors;
  private final String diagramsDir;

  /** {@code diagramsDir} is the value of the processor option, or null. */
  DiagramWriter(Filer filer, Elements elements, ErrorReporter errors, String diagramsDir) {
    this.filer = filer;
    this.elements = elements;
    this.errors = errors;
    this.diagramsDir = diagramsDir;
  }

  /**
   * The graph of a job whose steps passed {@link JobValidator}, nodes and inputs in declaration
   * order, each node with the name of its method.
   */
  static JobGraph graph(JobModel job, List<StepModel> steps) {
    JobGraph.Builder graph = JobGraph.builder(job.name()).description(job.description());
    for (StepModel step : steps) {
      Node node =
          Node.of(step.kind(), step.id())
              .withType(step.type())
              .withMethod(step.method().getSimpleName().toString());
      for (Value arg : step.args()) {
        int eq = arg.text().indexOf('=');
        node =
            node.withArg(arg.text().substring(0, eq).strip(), arg.text().substring(eq + 1).strip());
      }
      graph.node(node);
    }
    for (StepModel step : steps) {
      step.inputs().forEach(input -> graph.edge(input.text(), step.id()));
    }
    return graph.build();
  }

  /**
   * Writes the diagrams and the JSON graph; reports (and does not throw) a file that cannot be
   * written.
   */
  void write(JobModel job, JobGraph graph) {
    TypeElement type = job.type();
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String binary = elements.getBinaryName(type).toString();
    String base = pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1);
    Map<String, String> files = new LinkedHashMap<>();
    files.put(base + ".dot", DotRenderer.render(graph));
    files.put(base + ".mmd", MermaidRenderer.render(graph));
    for (Map.Entry<String, String> file : files.entrySet()) {
      writeToClassOutput(job, pkg, file.getKey(), file.getValue(), "the diagram " + file.getKey());
    }
    String json = JobGraphJson.resourceName(binary);
    writeToClassOutput(job, "", json, JobGraphJson.write(graph), "the job graph " + json);
    if (diagramsDir != null && !diagramsDir.isBlank()) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        try {
          Path dir = Path.of(diagramsDir, pkg.isEmpty() ? new String[0] : pkg.split("\\."));
          Files.createDirectories(dir);
          Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
          errors.error(
              type,
              job.annotation(),
              null,
              "[JobDiagramWriteFailed] could not write the diagram "
                  + file.getKey()
                  + " of job "
                  + job.name()
                  + " into the folder given by -A"
                  + JobDiagramProcessor.DIAGRAMS_DIR_OPTION
                  + "="
                  + diagramsDir
                  + ": "
                  + e
                  + "; make the option name a folder that can be written");
        }
      }
    }
  }

  private void writeToClassOutput(JobModel job, String pkg, String name, String text, String what) {
    TypeElement type = job.type();
    try {
      FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, pkg, name, type);
      try (OutputStream out = resource.openOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      errors.error(
          type,
          job.annotation(),
          null,
          "[JobDiagramWriteFailed] could not write "
              + what
              + " of job "
              + job.name()
              + " to the class output: "
              + e);
    }
  }
}
