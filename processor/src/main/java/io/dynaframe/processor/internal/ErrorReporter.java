package io.dynaframe.processor.internal;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports compile errors on the most precise position known: the annotation value, else the
 * annotation, else the element. Reporting does not stop processing, so that every problem of a job
 * is reported in one compilation.
 */
final class ErrorReporter {
  private final Messager messager;
  private int errors;

  ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error; {@code annotation} and {@code value} may be null when not known. */
  void error(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    errors++;
    if (annotation != null && value != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    } else if (annotation != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }

  /** The number of errors reported so far. */
  int errorCount() {
    return errors;
  }
}
