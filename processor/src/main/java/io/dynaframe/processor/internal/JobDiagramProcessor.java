package io.dynaframe.processor.internal;

import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.processor.internal.JobModel.StepModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * The annotation processor for {@link Job} classes: for each one it extracts the step graph from
 * the {@link Source}, {@link Step} and {@link Sink} methods, reports every problem as a compile
 * error on the annotation value at fault, and, when there is none, writes the job's diagrams
 * ({@code <Class>.dot}, {@code <Class>.mmd}) into the class output and into the folder named by the
 * option {@value #DIAGRAMS_DIR_OPTION}, if given, and the job's graph as JSON into the class output
 * as {@code META-INF/dynaframe/jobs/<binary class name>.json} (read at run time by {@link
 * JobGraph#forJobClass(Class)}).
 *
 * <p>Registered in {@code META-INF/services/javax.annotation.processing.Processor} of the {@code
 * dynaframe-processor} jar, which a build names on the annotation processor path (Maven's {@code
 * annotationProcessorPaths}, Gradle's {@code annotationProcessor} configuration); javac from JDK 23
 * on no longer runs processors it finds on the class path. Each diagram depends on its job class
 * only (Gradle's "isolating" kind). Never claims the annotations.
 */
public class JobDiagramProcessor extends AbstractProcessor {
  /**
   * Processor option naming a folder that receives a copy of every diagram, under the package path.
   */
  public static final String DIAGRAMS_DIR_OPTION = "dynaframe.diagrams.dir";

  private static final List<Class<? extends Annotation>> STEP_ANNOTATIONS =
      List.of(Source.class, Step.class, Sink.class);

  private ErrorReporter errors;
  private JobExtractor extractor;
  private JobValidator validator;
  private DiagramWriter writer;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    errors = new ErrorReporter(env.getMessager());
    extractor = new JobExtractor(env.getElementUtils());
    validator = new JobValidator(errors);
    writer =
        new DiagramWriter(
            env.getFiler(),
            env.getElementUtils(),
            errors,
            env.getOptions().get(DIAGRAMS_DIR_OPTION));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Job.class.getCanonicalName(),
        Source.class.getCanonicalName(),
        Step.class.getCanonicalName(),
        Sink.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(DIAGRAMS_DIR_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(Job.class)) {
      try {
        processJob(element);
      } catch (RuntimeException | LinkageError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        errors.error(
            element,
            JobExtractor.annotation(element, Job.class).orElse(null),
            null,
            "[JobProcessorFailure] the dynaframe job diagram processor failed on "
                + element
                + " with "
                + e
                + "; this is a bug in dynaframe, please report it with this trace:\n"
                + trace);
      }
    }
    for (Class<? extends Annotation> annotationType : STEP_ANNOTATIONS) {
      for (Element method : round.getElementsAnnotatedWith(annotationType)) {
        Element owner = method.getEnclosingElement();
        if (JobExtractor.annotation(owner, Job.class).isEmpty()) {
          errors.error(
              method,
              JobExtractor.annotation(method, annotationType).orElse(null),
              null,
              "[JobStepOutsideJob] @"
                  + annotationType.getSimpleName()
                  + " method "
                  + method.getSimpleName()
                  + " is in "
                  + owner.getSimpleName()
                  + ", which is not a @Job class; add @Job(name = \"...\") to "
                  + owner.getSimpleName()
                  + " or remove the annotation");
        }
      }
    }
    return false; // other processors may want these annotations too
  }

  private void processJob(Element element) {
    Optional<AnnotationMirror> job = JobExtractor.annotation(element, Job.class);
    if (job.isEmpty()) {
      return;
    }
    if (element.getKind() != ElementKind.CLASS) {
      errors.error(
          element,
          job.get(),
          null,
          "[JobNotAClass] @Job marks a class whose methods are the steps; "
              + element.getSimpleName()
              + " is "
              + kindName(element.getKind())
              + ": make it a class");
      return;
    }
    JobModel model = extractor.extract((TypeElement) element, job.get());
    int before = errors.errorCount();
    List<StepModel> steps = validator.validate(model);
    if (errors.errorCount() == before) {
      generate(model, DiagramWriter.graph(model, steps));
    }
  }

  /** Writes the diagrams of a valid job; a seam for tests. */
  void generate(JobModel job, JobGraph graph) {
    writer.write(job, graph);
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
