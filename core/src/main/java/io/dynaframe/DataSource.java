package io.dynaframe;

/**
 * A configured source of records; {@link #getDynamicFrame()} reads it into a frame (lazily where
 * the format allows).
 */
public interface DataSource {

  /** Reads the source into a frame. */
  DynamicFrame getDynamicFrame();

  /**
   * Reads at most {@code num} records of the source: Glue's {@code DataSource.getSampleFrame(num,
   * **options)}. Options are Glue's sample options ({@code maxSamplePartitions}, {@code
   * maxSampleFilesPerPartition}), checked here; the context's {@code createSampleDynamicFrame...}
   * methods apply them to the listing of an {@code s3} source.
   *
   * @throws SourceException if {@code num} is not positive or an option is unknown or bad
   */
  default DynamicFrame getSampleFrame(int num, Options options) {
    DynaContext.sampleBounds(num, options == null ? Options.empty() : options);
    DynamicFrame frame = getDynamicFrame();
    return frame.withSameRecords(frame.toDF().limit(num));
  }
}
