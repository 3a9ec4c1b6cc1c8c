package io.dynaframe;

/** A configured destination for a frame, as Glue's {@code DataSink}. */
public interface DataSink {

  /**
   * Writes the frame and returns the records that could not be written, as Glue's {@code
   * writeDynamicFrame} does (a frame named {@code <name>_errors}). Checks the frame's error
   * thresholds first.
   */
  DynamicFrame writeDynamicFrame(DynamicFrame frame);
}
