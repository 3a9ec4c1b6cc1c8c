package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.RecordFunctions;
import io.dynaframe.transforms.internal.StepOptions;
import java.util.Objects;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Glue's Filter: keeps the records that satisfy a condition.
 *
 * <ul>
 *   <li>{@link #where(Column)} and {@link #where(String)} take a Spark condition; Spark's
 *       optimiser sees it (pushes it into the scan, prunes columns). A record for which the
 *       condition is null is dropped. The condition is checked against the frame when the
 *       transform is applied.</li>
 *   <li>{@link #of(FilterFunction)} takes a Java predicate over each record as a
 *       {@link Row} (fields by name with {@code row.getAs("age")}; a choice is a Row of its
 *       members). A record the predicate throws on becomes an error record with the
 *       exception and its stack trace, and the job goes on (Glue's behaviour for exceptions
 *       other than the three it treats as "false"). Slower: each record goes through
 *       Spark's Row encoder.</li>
 * </ul>
 *
 * <pre>{@code
 * frame.apply(Filter.where(col("age").gt(21)));
 * frame.apply(Filter.of(r -> r.<String>getAs("name").startsWith("A")));
 * Filter.apply(frame, r -> r.getAs("ok"), "filter1");
 * }</pre>
 */
public final class Filter implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final transient Column condition;
  private final FilterFunction<Row> predicate;
  private final StepOptions options;

  private Filter(Column condition, FilterFunction<Row> predicate, StepOptions options) {
    this.condition = condition;
    this.predicate = predicate;
    this.options = options;
  }

  /** Keeps the records for which the Spark condition is true. */
  public static Filter where(Column condition) {
    return new Filter(Objects.requireNonNull(condition, "condition"), null, StepOptions.DEFAULT);
  }

  /** Keeps the records for which the Spark SQL condition is true, e.g. {@code "age > 21 AND country = 'US'"}. */
  public static Filter where(String sqlCondition) {
    return where(functions.expr(sqlCondition));
  }

  /** Keeps the records for which the Java predicate returns true. */
  public static Filter of(FilterFunction<Row> predicate) {
    return new Filter(null, Objects.requireNonNull(predicate, "predicate"), StepOptions.DEFAULT);
  }

  /** Glue's {@code Filter.apply(frame, f, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, FilterFunction<Row> f, String transformationCtx) {
    Filter t = of(f).withTransformationContext(transformationCtx);
    return frame.apply(StepOptions.stepName(transformationCtx, t.kind()), t);
  }

  /** This transform with Glue's {@code transformation_ctx}, set on the output frame. */
  public Filter withTransformationContext(String ctx) {
    return new Filter(condition, predicate, options.withTransformationContext(ctx));
  }

  /** This transform with Glue's {@code info}, put before the reason of the step's error records. */
  public Filter withInfo(String info) {
    return new Filter(condition, predicate, options.withInfo(info));
  }

  /** This transform with Glue's error thresholds, set on the output frame (0 = no limit). */
  public Filter withThresholds(long stageThreshold, long totalThreshold) {
    return new Filter(condition, predicate, options.withThresholds(stageThreshold, totalThreshold));
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    if (predicate != null) {
      return options.finish(input.withStagedRows(
          RecordFunctions.filter(input.toDF(), predicate, step, options.info())));
    }
    if (condition == null) {
      throw new TransformException(kind(), step, "this Filter was deserialized without its Column condition; "
          + "build it where it is applied");
    }
    try {
      return options.finish(input.withRows(input.toDF().where(condition)));
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        throw new TransformException(kind(), step, null, "the condition " + condition + " does not fit the frame: "
            + e.getMessage(), java.util.List.of());
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "Filter[" + (condition != null ? condition.toString() : "predicate") + "]";
  }
}
