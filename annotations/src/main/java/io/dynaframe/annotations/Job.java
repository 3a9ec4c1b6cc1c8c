package io.dynaframe.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a job: a graph of steps declared by its methods annotated with {@link Source},
 * {@link Step} and {@link Sink}. Only methods declared in the class itself are steps.
 *
 * <p>At compile time the graph is checked and drawn: the diagram files {@code <Class>.dot} and
 * {@code <Class>.mmd} are written next to the compiled class (see the package documentation).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Job {

  /**
   * The job's name, as it is known where it runs (for example the Glue job name); the diagram's
   * title.
   */
  String name();

  /** One or two sentences on what the job does; shown under the title. */
  String description() default "";
}
