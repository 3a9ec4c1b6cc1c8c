package io.dynaframe;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The shape of error records: a record that failed to parse or to transform, kept aside with the
 * step that failed it, the reason, its origin (file and line) and its raw text, as {@link
 * DynamicFrame#errorsAsDynamicFrame()} returns them.
 *
 * <p>Sources and transforms that produce errors emit rows with one extra column, {@value #COLUMN},
 * null for a good record and an error struct for a failed one; the frame splits the two lazily, so
 * the happy path costs no extra Spark job.
 */
public final class ErrorRecords {
  private ErrorRecords() {}

  /** The staging column that carries a record's error; null on good records. */
  public static final String COLUMN = "__dynaframe_error";

  /** The columns of an error record. */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField("step", DataTypes.StringType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("source", DataTypes.StringType, true),
            DataTypes.createStructField("line", DataTypes.LongType, true),
            DataTypes.createStructField("raw", DataTypes.StringType, true),
            DataTypes.createStructField("stack_trace", DataTypes.StringType, true),
          });

  /** Raw text longer than this is cut, with a note saying how long it was. */
  public static final int MAX_RAW_CHARS = 64 * 1024;

  /** An error record for a staging column. {@code line} may be null. */
  public static Row error(
      String step, String reason, String source, Long line, String raw, Throwable cause) {
    return RowFactory.create(
        step, reason, source, line, truncate(raw), cause == null ? null : stackTrace(cause));
  }

  /** Cuts text to {@link #MAX_RAW_CHARS}, noting the original length. */
  public static String truncate(String raw) {
    if (raw == null || raw.length() <= MAX_RAW_CHARS) {
      return raw;
    }
    return raw.substring(0, MAX_RAW_CHARS)
        + "... [truncated, "
        + raw.length()
        + " characters in all]";
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
