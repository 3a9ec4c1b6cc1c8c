package io.dynaframe.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job} class as a source: a step that reads data from outside the job
 * (files, a catalog table, a database) and has no inputs. Its result is the input of the {@link
 * Step}s and {@link Sink}s that name its id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Source {

  /** The step's id, unique in the job; empty (the default) means the method's name. */
  String id() default "";

  /**
   * What kind of source this is, shown under the id, for example {@code "S3 JSON"} or {@code "Data
   * Catalog"}.
   */
  String type() default "";

  /**
   * Arguments to show on the diagram, each {@code "name = value"}, for example {@code "table =
   * orders"}.
   */
  String[] args() default {};
}
