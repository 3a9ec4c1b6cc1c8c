package io.dynaframe.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job} class as a transform step: it reads the results of the steps
 * named in {@link #inputs()} and produces a result that later steps or sinks read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {

  /** The step's id, unique in the job; empty (the default) means the method's name. */
  String id() default "";

  /**
   * The ids of the sources and steps this step reads, in the order of the method's frame
   * parameters; at least one. A {@link Sink} cannot be an input: it produces nothing.
   */
  String[] inputs();

  /**
   * What the step does, shown under the id, usually the transform's name, for example {@code
   * "ApplyMapping"}.
   */
  String type() default "";

  /**
   * Arguments to show on the diagram, each {@code "name = value"}, for example {@code "keys =
   * customer_id"}.
   */
  String[] args() default {};
}
