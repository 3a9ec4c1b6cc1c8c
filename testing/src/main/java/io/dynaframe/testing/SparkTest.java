package io.dynaframe.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses Spark: its test methods may take a {@link
 * org.apache.spark.sql.SparkSession} or an {@link io.dynaframe.DynaContext} parameter, both backed
 * by the one local session of the test JVM (see {@link SharedSpark}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SparkExtension.class)
public @interface SparkTest {}
