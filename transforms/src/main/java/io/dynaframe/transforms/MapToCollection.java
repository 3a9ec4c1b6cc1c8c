package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Transform;
import java.util.Objects;

/**
 * Glue's MapToCollection: applies a transform (or a lambda of frame and step name) to every frame
 * of a collection, as the step {@code transformationCtx + ":" + key}, keeping the keys. Its input
 * is a collection, so it is applied with the static {@link #apply} methods.
 *
 * <pre>{@code
 * FrameCollection cleaned = MapToCollection.apply(tables, DropNullFields.create(), "dropnulls");
 * }</pre>
 */
public final class MapToCollection {
  private MapToCollection() {}

  /**
   * Applies {@code transform} to every frame. A transform is a function of a frame and a step name,
   * so Glue's callable ports as a lambda: {@code (frame, step) -> ...}.
   */
  public static FrameCollection apply(
      FrameCollection dfc, Transform<DynamicFrame> transform, String transformationCtx) {
    Objects.requireNonNull(transform, "transform");
    return dfc.map(
        (frame, key) -> frame.apply(step(transformationCtx, transform.kind(), key), transform));
  }

  private static String step(String ctx, String kind, String key) {
    return (ctx == null || ctx.isBlank() ? kind : ctx) + ":" + key;
  }
}
