package io.dynaframe;

/**
 * A configured source of records; {@link #getDynamicFrame()} reads it into a frame (lazily where
 * the format allows).
 */
public interface DataSource {

  /** Reads the source into a frame. */
  DynamicFrame getDynamicFrame();
}
