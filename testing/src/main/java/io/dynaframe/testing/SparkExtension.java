package io.dynaframe.testing;

import io.dynaframe.DynaContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands tests the JVM's shared local Spark: declare a parameter of type
 * {@link SparkSession} or {@link DynaContext} on a test method, constructor or lifecycle method.
 * Use it through {@link SparkTest}.
 */
public final class SparkExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e)
      throws ParameterResolutionException {
    Class<?> type = p.getParameter().getType();
    return type == SparkSession.class || type == DynaContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e)
      throws ParameterResolutionException {
    Class<?> type = p.getParameter().getType();
    return type == SparkSession.class ? SharedSpark.spark() : SharedSpark.context();
  }
}
