package io.dynaframe;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The shape of error records, as Glue gives them: {@link DynamicFrame#errorsAsDynamicFrame()} is a
 * frame with one column, {@value #FIELD}, a struct of
 *
 * <ul>
 *   <li>{@code callsite} (struct of {@code site}, the step that failed the record, and {@code
 *       info}, the step's info string),
 *   <li>{@code msg}, the reason,
 *   <li>{@code stackTrace}, the failure's stack trace when an exception caused it,
 *   <li>{@code input}, the raw text of a record a source could not read,
 *   <li>{@code bytesread}, the bytes of the file a source had read (its read-ahead buffer included,
 *       as Glue counts them) when the record failed, when known,
 *   <li>{@code source}, the file the record came from,
 *   <li>{@code dynamicRecord}, the record (as JSON) a transform failed on, or the fields a source
 *       read before a record failed,
 *   <li>{@code line}, the 1-based line of the file where the record starts (dynaframe's own).
 * </ul>
 *
 * <p>So a ported {@code errors.select("error.msg")} works as it does on Glue.
 *
 * <p>Sources and transforms that produce errors emit rows with one extra column, {@value #COLUMN},
 * null for a good record and an error struct ({@link #SCHEMA}) for a failed one; the frame splits
 * the two lazily, so the happy path costs no extra Spark job.
 */
public final class ErrorRecords {
  private ErrorRecords() {}

  /** The staging column that carries a record's error; null on good records. */
  public static final String COLUMN = "__dynaframe_error";

  /** The one column of {@link DynamicFrame#errorsAsDynamicFrame()}, as Glue names it. */
  public static final String FIELD = "error";

  /** The struct of Glue's {@code callsite}: the step and its info string. */
  public static final StructType CALLSITE =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField("site", DataTypes.StringType, true),
            DataTypes.createStructField("info", DataTypes.StringType, true),
          });

  /** The struct of one error (the type of {@value #FIELD} and of the staging column). */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField("callsite", CALLSITE, true),
            DataTypes.createStructField("msg", DataTypes.StringType, true),
            DataTypes.createStructField("stackTrace", DataTypes.StringType, true),
            DataTypes.createStructField("input", DataTypes.StringType, true),
            DataTypes.createStructField("bytesread", DataTypes.LongType, true),
            DataTypes.createStructField("source", DataTypes.StringType, true),
            DataTypes.createStructField("dynamicRecord", DataTypes.StringType, true),
            DataTypes.createStructField("line", DataTypes.LongType, true),
          });

  /** The schema of {@link DynamicFrame#errorsAsDynamicFrame()}: one column {@value #FIELD}. */
  public static final StructType FRAME_SCHEMA =
      DataTypes.createStructType(
          new StructField[] {DataTypes.createStructField(FIELD, SCHEMA, true)});

  /** Raw text longer than this is cut, with a note saying how long it was. */
  public static final int MAX_RAW_CHARS = 64 * 1024;

  /**
   * An error of a source for a staging column: the record's raw text could not be read. {@code
   * line} may be null.
   */
  public static Row error(
      String step, String reason, String source, Long line, String raw, Throwable cause) {
    return create(step, null, reason, cause, truncate(raw), null, source, null, line);
  }

  /**
   * An error of a source for a staging column, with the bytes of the file read when the record
   * failed and the fields read before the failure (as JSON); each may be null.
   */
  public static Row error(
      String step,
      String reason,
      String source,
      Long line,
      String raw,
      Long bytesRead,
      String partialJson,
      Throwable cause) {
    return create(
        step, null, reason, cause, truncate(raw), bytesRead, source, truncate(partialJson), line);
  }

  /**
   * An error of a transform for a staging column: the step failed on a record, given as JSON.
   * {@code info} is the step's info string (may be null).
   */
  public static Row recordError(
      String step, String info, String reason, String recordJson, Throwable cause) {
    return create(step, info, reason, cause, null, null, null, truncate(recordJson), null);
  }

  private static Row create(
      String step,
      String info,
      String reason,
      Throwable cause,
      String input,
      Long bytesRead,
      String source,
      String record,
      Long line) {
    return RowFactory.create(
        RowFactory.create(step, info),
        reason,
        cause == null ? null : stackTrace(cause),
        input,
        bytesRead,
        source,
        record,
        line);
  }

  /**
   * A SQL expression of one error struct for a staging column, from SQL expressions of its parts
   * (each may be {@code NULL}), for transforms that find their errors in Spark expressions.
   */
  public static String sql(String site, String info, String msg, String input, String record) {
    return "named_struct('callsite', named_struct('site', CAST("
        + site
        + " AS STRING), 'info', CAST("
        + info
        + " AS STRING)), 'msg', CAST("
        + msg
        + " AS STRING), 'stackTrace', CAST(NULL AS STRING), 'input', CAST("
        + input
        + " AS STRING), 'bytesread', CAST(NULL AS BIGINT), 'source', CAST(NULL AS STRING), "
        + "'dynamicRecord', CAST("
        + record
        + " AS STRING), 'line', CAST(NULL AS BIGINT))";
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
