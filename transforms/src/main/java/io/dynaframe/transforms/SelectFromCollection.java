package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import java.io.Serializable;
import java.util.Objects;

/**
 * Glue's SelectFromCollection: one frame of a collection by name. As in Glue, a name the collection
 * does not have gives an empty frame (use {@link FrameCollection#get} to fail instead). Its input
 * is a collection, so it is applied with {@link #from} (or the static {@link #apply}) rather than
 * {@code frame.apply(...)}.
 *
 * <pre>{@code
 * DynamicFrame adults = SelectFromCollection.apply(split, "adults", "select1");
 * DynamicFrame same = SelectFromCollection.of("adults").from(split);
 * }</pre>
 */
public final class SelectFromCollection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * Set on the frame selected unless empty (no step makes that frame, so no step name gives it
   * one).
   */
  private final String transformationContext;

  private SelectFromCollection(String key, String transformationContext) {
    this.key = Objects.requireNonNull(key, "key");
    this.transformationContext =
        Objects.requireNonNull(transformationContext, "transformationContext");
  }

  /** Selects the frame named {@code key}. */
  public static SelectFromCollection of(String key) {
    return new SelectFromCollection(key, "");
  }

  /** Glue's {@code SelectFromCollection.apply(dfc, key, transformation_ctx)}. */
  public static DynamicFrame apply(FrameCollection dfc, String key, String transformationCtx) {
    return of(key).withTransformationContext(transformationCtx).from(dfc);
  }

  /** This transform with Glue's {@code transformation_ctx}, set on the frame selected. */
  public SelectFromCollection withTransformationContext(String ctx) {
    return new SelectFromCollection(key, ctx);
  }

  /** The frame named {@code key} in the collection, or an empty frame of that name. */
  public DynamicFrame from(FrameCollection dfc) {
    DynamicFrame f = dfc.select(key);
    return transformationContext.isEmpty() ? f : f.withTransformationContext(transformationContext);
  }

  @Override
  public String toString() {
    return "SelectFromCollection[" + key + "]";
  }
}
