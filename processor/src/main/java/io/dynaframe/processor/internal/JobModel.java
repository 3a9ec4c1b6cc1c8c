package io.dynaframe.processor.internal;

import com.google.common.collect.ImmutableList;
import io.dynaframe.graph.Node;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A job class as its annotations describe it, before any checks: what {@link JobExtractor} reads
 * and {@link JobValidator} checks. Each value keeps the {@link AnnotationValue} it came from (null
 * where the attribute was left to its default), so that errors point at it.
 *
 * @param type the {@code @Job} class
 * @param annotation its {@code @Job} annotation
 * @param name the job's name
 * @param nameValue where the name is written
 * @param description the job's description
 * @param steps the step methods' annotations, in declaration order (a method with two step
 *     annotations appears twice)
 */
record JobModel(
    TypeElement type,
    AnnotationMirror annotation,
    String name,
    AnnotationValue nameValue,
    String description,
    ImmutableList<StepModel> steps) {

  /** A string from an annotation, and where it is written. */
  record Value(String text, AnnotationValue value) {}

  /**
   * One step annotation on a method.
   *
   * @param method the annotated method
   * @param annotation the {@code @Source}, {@code @Step} or {@code @Sink} annotation
   * @param kind the kind of step the annotation declares
   * @param id the step's id: the {@code id} attribute, or the method's name when that is empty
   * @param idValue where a non-empty {@code id} is written; null when the id is the method name
   * @param type the {@code type} attribute
   * @param inputs the {@code inputs} entries (none for a source)
   * @param inputsValue where {@code inputs} is written; null for a source
   * @param args the {@code args} entries
   */
  record StepModel(
      ExecutableElement method,
      AnnotationMirror annotation,
      Node.Kind kind,
      String id,
      AnnotationValue idValue,
      String type,
      ImmutableList<Value> inputs,
      AnnotationValue inputsValue,
      ImmutableList<Value> args) {

    /** {@code @Source}, {@code @Step} or {@code @Sink}. */
    String annotationName() {
      return switch (kind) {
        case SOURCE -> "@Source";
        case TRANSFORM -> "@Step";
        case SINK -> "@Sink";
      };
    }

    /** How messages name the step: {@code @Step 'mapped'}. */
    String describe() {
      return annotationName() + " '" + id + "'";
    }
  }
}
