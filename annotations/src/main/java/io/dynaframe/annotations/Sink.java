package io.dynaframe.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job} class as a sink: it writes the results of the steps named in
 * {@link #inputs()} out of the job (files, a catalog table). Every source and step must lead to at
 * least one sink, otherwise its work is never written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Sink {

  /** The sink's id, unique in the job; empty (the default) means the method's name. */
  String id() default "";

  /**
   * The ids of the sources and steps this sink writes, in the order of the method's frame
   * parameters; at least one.
   */
  String[] inputs();

  /** What kind of sink this is, shown under the id, for example {@code "S3 Parquet"}. */
  String type() default "";

  /**
   * Arguments to show on the diagram, each {@code "name = value"}, for example {@code "path =
   * s3://lake/orders/"}.
   */
  String[] args() default {};
}
