package io.dynaframe;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Frames by name, as returned by transforms with several outputs (SplitFields, SplitRows,
 * Relationalize): Glue's {@code DynamicFrameCollection}. Immutable; keeps insertion order.
 */
public final class FrameCollection {
  private final ImmutableMap<String, DynamicFrame> frames;
  private final DynaContext context;

  private FrameCollection(ImmutableMap<String, DynamicFrame> frames, DynaContext context) {
    this.frames = frames;
    this.context = context;
  }

  /** A collection of these frames, in this order. */
  public static FrameCollection of(Map<String, DynamicFrame> frames, DynaContext context) {
    return new FrameCollection(
        ImmutableMap.copyOf(frames), Objects.requireNonNull(context, "context"));
  }

  /** The names of the frames, in order. */
  public Set<String> keys() {
    return frames.keySet();
  }

  /** The frames by name, in order. */
  public Map<String, DynamicFrame> asMap() {
    return frames;
  }

  /** The number of frames. */
  public int size() {
    return frames.size();
  }

  /**
   * The frame with this name; as in Glue, an absent name gives an empty frame rather than an error.
   * Use {@link #get} to fail instead.
   */
  public DynamicFrame select(String key) {
    DynamicFrame f = frames.get(key);
    return f != null ? f : DynamicFrame.empty(context).withName(key);
  }

  /**
   * The frame with this name.
   *
   * @throws IllegalArgumentException naming the key and the keys there are
   */
  public DynamicFrame get(String key) {
    DynamicFrame f = frames.get(key);
    if (f == null) {
      throw new IllegalArgumentException(
          "no frame named '" + key + "' in this collection; it has " + frames.keySet());
    }
    return f;
  }

  /** A collection with {@code fn(frame, name)} applied to every frame. */
  public FrameCollection map(BiFunction<DynamicFrame, String, DynamicFrame> fn) {
    Map<String, DynamicFrame> out = new LinkedHashMap<>();
    frames.forEach((k, v) -> out.put(k, fn.apply(v, k)));
    return of(out, context);
  }

  /**
   * A collection of what {@code fn(frame, name)} returns for every frame, merged in order, as
   * Glue's {@code DynamicFrameCollection.flatmap}: a function that keeps one frame returns a
   * collection of it alone (its name may stay), one that splits a frame returns the parts.
   *
   * @throws IllegalArgumentException when two results hold a frame of the same name
   */
  public FrameCollection flatMap(BiFunction<DynamicFrame, String, FrameCollection> fn) {
    Map<String, DynamicFrame> out = new LinkedHashMap<>();
    frames.forEach(
        (k, v) -> {
          FrameCollection result = Objects.requireNonNull(fn.apply(v, k), "result for " + k);
          result.frames.forEach(
              (name, frame) -> {
                if (out.putIfAbsent(name, frame) != null) {
                  throw new IllegalArgumentException(
                      "flatMap: the results for '"
                          + k
                          + "' and an earlier frame both hold a frame named '"
                          + name
                          + "'");
                }
              });
        });
    return of(out, context);
  }

  @Override
  public String toString() {
    return "FrameCollection" + frames.keySet();
  }
}
