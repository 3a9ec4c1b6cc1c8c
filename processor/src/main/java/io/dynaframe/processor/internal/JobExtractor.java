package io.dynaframe.processor.internal;

import com.google.common.collect.ImmutableList;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.graph.Node;
import io.dynaframe.processor.internal.JobModel.StepModel;
import io.dynaframe.processor.internal.JobModel.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads a {@code @Job} class and its step methods into a {@link JobModel}; checks nothing. */
final class JobExtractor {
  private static final Map<String, Node.Kind> STEP_ANNOTATIONS =
      Map.of(
          Source.class.getCanonicalName(), Node.Kind.SOURCE,
          Step.class.getCanonicalName(), Node.Kind.TRANSFORM,
          Sink.class.getCanonicalName(), Node.Kind.SINK);

  private final Elements elements;

  JobExtractor(Elements elements) {
    this.elements = elements;
  }

  /** The model of a class carrying the given {@code @Job} annotation. */
  JobModel extract(TypeElement type, AnnotationMirror job) {
    ImmutableList.Builder<StepModel> steps = ImmutableList.builder();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
        Node.Kind kind = STEP_ANNOTATIONS.get(annotationName(annotation));
        if (kind != null) {
          steps.add(step(method, annotation, kind));
        }
      }
    }
    return new JobModel(
        type,
        job,
        string(job, "name"),
        explicit(job, "name"),
        string(job, "description"),
        steps.build());
  }

  private StepModel step(ExecutableElement method, AnnotationMirror annotation, Node.Kind kind) {
    String id = string(annotation, "id");
    AnnotationValue idValue = explicit(annotation, "id");
    if (id.isEmpty()) {
      id = method.getSimpleName().toString();
      idValue = null;
    }
    boolean hasInputs = kind != Node.Kind.SOURCE;
    return new StepModel(
        method,
        annotation,
        kind,
        id,
        idValue,
        string(annotation, "type"),
        hasInputs ? strings(annotation, "inputs") : ImmutableList.of(),
        hasInputs ? explicit(annotation, "inputs") : null,
        strings(annotation, "args"));
  }

  /** The annotation of the given type on an element, if it has one. */
  static Optional<AnnotationMirror> annotation(Element element, Class<?> annotationType) {
    return element.getAnnotationMirrors().stream()
        .filter(a -> annotationName(a).equals(annotationType.getCanonicalName()))
        .map(a -> (AnnotationMirror) a)
        .findFirst();
  }

  private static String annotationName(AnnotationMirror annotation) {
    return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** The value written for an attribute, or null when it is left to its default. */
  private static AnnotationValue explicit(AnnotationMirror annotation, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  private AnnotationValue withDefault(AnnotationMirror annotation, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(annotation).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A string attribute; empty when missing or not a string (javac has then reported the error). */
  private String string(AnnotationMirror annotation, String attribute) {
    AnnotationValue value = withDefault(annotation, attribute);
    return value != null && value.getValue() instanceof String s ? s : "";
  }

  /** A string-array attribute's entries, each with its position. */
  private ImmutableList<Value> strings(AnnotationMirror annotation, String attribute) {
    AnnotationValue value = withDefault(annotation, attribute);
    if (value == null) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<Value> values = ImmutableList.builder();
    if (value.getValue() instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof AnnotationValue v && v.getValue() instanceof String s) {
          values.add(new Value(s, v));
        }
      }
    }
    return values.build();
  }
}
