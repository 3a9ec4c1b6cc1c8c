package io.dynaframe.lakeformats.internal;

import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The names the formats' session settings use, and whether a session has a format enabled; the
 * public {@code DataLakeFormats} builds on these (the internal package does not depend on it).
 */
public final class Formats {
  private Formats() {}

  /** Glue's job argument. */
  public static final String ARGUMENT = "--datalake-formats";

  /** The Iceberg catalog's name, as on Glue. */
  public static final String ICEBERG_CATALOG = "glue_catalog";

  /** Iceberg's SQL extensions. */
  public static final String ICEBERG_EXTENSIONS =
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";

  /** Delta Lake's SQL extension. */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  /** True when the session was made with the format ({@code iceberg}, {@code delta}) enabled. */
  public static boolean enabled(SparkSession spark, String format) {
    String ext = spark.sparkContext().getConf().get("spark.sql.extensions", "");
    switch (format.toLowerCase(Locale.ROOT)) {
      case "iceberg":
        return ext.contains(ICEBERG_EXTENSIONS)
            && spark.conf().contains("spark.sql.catalog." + ICEBERG_CATALOG);
      case "delta":
        return ext.contains(DELTA_EXTENSION);
      default:
        return false;
    }
  }
}
