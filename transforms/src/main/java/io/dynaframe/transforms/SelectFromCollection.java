package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.transforms.internal.StepOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * Glue's SelectFromCollection: one frame of a collection by name. As in Glue, a name the
 * collection does not have gives an empty frame (use {@link FrameCollection#get} to fail
 * instead). Its input is a collection, so it is applied with {@link #from} (or the static
 * {@link #apply}) rather than {@code frame.apply(...)}.
 *
 * <pre>{@code
 * DynamicFrame adults = SelectFromCollection.apply(split, "adults", "select1");
 * DynamicFrame same = SelectFromCollection.of("adults").from(split);
 * }</pre>
 */
public final class SelectFromCollection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final StepOptions options;

  private SelectFromCollection(String key, StepOptions options) {
    this.key = Objects.requireNonNull(key, "key");
    this.options = options;
  }

  /** Selects the frame named {@code key}. */
  public static SelectFromCollection of(String key) {
    return new SelectFromCollection(key, StepOptions.DEFAULT);
  }

  /** Glue's {@code SelectFromCollection.apply(dfc, key, transformation_ctx)}. */
  public static DynamicFrame apply(FrameCollection dfc, String key, String transformationCtx) {
    return of(key).withTransformationContext(transformationCtx).from(dfc);
  }

  /** This transform with Glue's {@code transformation_ctx}, set on the frame selected. */
  public SelectFromCollection withTransformationContext(String ctx) {
    return new SelectFromCollection(key, options.withTransformationContext(ctx));
  }

  /** The frame named {@code key} in the collection, or an empty frame of that name. */
  public DynamicFrame from(FrameCollection dfc) {
    DynamicFrame f = dfc.select(key);
    return options.transformationContext().isEmpty() ? f : f.withTransformationContext(options.transformationContext());
  }

  @Override
  public String toString() {
    return "SelectFromCollection[" + key + "]";
  }
}
