package io.dynaframe.lakeformats;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.dynaframe.DynaContext;
import io.dynaframe.lakeformats.internal.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The data lake formats of a job, as Glue's {@code --datalake-formats} job argument names them
 * ({@code iceberg}, {@code delta}; comma-separated), and the Spark settings that enable them, as
 * AWS's pages "Using the Iceberg framework in AWS Glue" and "Using the Delta Lake framework in AWS
 * Glue" list them:
 *
 * <ul>
 *   <li>{@code iceberg}: Iceberg's SQL extensions, and the Iceberg catalog {@code glue_catalog}
 *       ({@code org.apache.iceberg.spark.SparkCatalog}) whose tables are kept in dynaframe's
 *       catalog ({@link DynaframeIcebergCatalog}: the embedded Hive metastore locally, as Glue
 *       keeps them in its Data Catalog), new tables under {@code
 *       <warehouse>/<database>.db/<table>}, files through Hadoop's file systems (local paths,
 *       {@code s3a://});
 *   <li>{@code delta}: Delta Lake's SQL extension and its catalog as {@code spark_catalog}.
 * </ul>
 *
 * <p>The settings are static in Spark: they must be given when the session is made.
 *
 * <pre>{@code
 * DynaContext ctx =
 *     DataLakeFormats.fromArguments(args)            // --datalake-formats iceberg,delta
 *         .configure(DynaContext.local(), "/lake/load/iceberg")
 *         .build();
 * }</pre>
 *
 * <p>{@code hudi} is recognised and refused: dynaframe does not support Hudi tables (see the
 * README).
 */
public final class DataLakeFormats {

  /** The job argument, as Glue names it. */
  public static final String ARGUMENT = Formats.ARGUMENT;

  /** The Iceberg catalog's name, as on Glue. */
  public static final String ICEBERG_CATALOG = Formats.ICEBERG_CATALOG;

  /** The formats this module serves. */
  public static final Set<String> SUPPORTED = ImmutableSet.of("iceberg", "delta");

  static final String ICEBERG_EXTENSIONS = Formats.ICEBERG_EXTENSIONS;
  static final String DELTA_EXTENSION = Formats.DELTA_EXTENSION;
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private final ImmutableSet<String> formats;

  private DataLakeFormats(Set<String> formats) {
    this.formats = ImmutableSet.copyOf(formats);
  }

  /**
   * The formats of a {@code --datalake-formats} value: names separated by commas, blanks ignored,
   * in any case.
   *
   * @throws IllegalArgumentException naming a format that is unknown or not supported (hudi)
   */
  public static DataLakeFormats parse(String value) {
    Objects.requireNonNull(value, "value");
    Set<String> out = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String f = part.strip().toLowerCase(Locale.ROOT);
      if (f.isEmpty()) {
        continue;
      }
      if (f.equals("hudi")) {
        throw new IllegalArgumentException(
            ARGUMENT
                + " names 'hudi': dynaframe does not support Hudi tables; supported are "
                + SUPPORTED);
      }
      if (!SUPPORTED.contains(f)) {
        throw new IllegalArgumentException(
            ARGUMENT + " names '" + part.strip() + "', which is not one of " + SUPPORTED);
      }
      out.add(f);
    }
    return new DataLakeFormats(out);
  }

  /** The given formats ({@code "iceberg"}, {@code "delta"}). */
  public static DataLakeFormats of(String... formats) {
    return parse(String.join(",", formats));
  }

  /**
   * The formats of a job's arguments: the value of {@code --datalake-formats} (as {@code
   * --datalake-formats VALUE} or {@code --datalake-formats=VALUE}); none when it is absent.
   */
  public static DataLakeFormats fromArguments(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals(ARGUMENT)) {
        if (i + 1 >= argv.length) {
          throw new IllegalArgumentException(ARGUMENT + " is given without a value");
        }
        return parse(argv[i + 1]);
      }
      if (a.startsWith(ARGUMENT + "=")) {
        return parse(a.substring(ARGUMENT.length() + 1));
      }
    }
    return new DataLakeFormats(Set.of());
  }

  /** The formats, in lower case, in the order given. */
  public Set<String> formats() {
    return formats;
  }

  /** True when the format is among these. */
  public boolean has(String format) {
    return formats.contains(format.toLowerCase(Locale.ROOT));
  }

  /**
   * The Spark settings that enable these formats; {@code warehouse} is where Iceberg places new
   * tables of databases without a location (a local path or a Hadoop URI such as {@code
   * s3a://bucket/lake/iceberg}); it may be null when no Iceberg table is made that way.
   */
  public Map<String, String> sparkConf(String warehouse) {
    Map<String, String> conf = new LinkedHashMap<>();
    List<String> extensions = new ArrayList<>();
    if (has("iceberg")) {
      extensions.add(ICEBERG_EXTENSIONS);
      String c = "spark.sql.catalog." + ICEBERG_CATALOG;
      conf.put(c, "org.apache.iceberg.spark.SparkCatalog");
      conf.put(c + ".catalog-impl", DynaframeIcebergCatalog.class.getName());
      conf.put(c + ".io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
      // every read sees the catalog's current metadata (another job may have committed)
      conf.put(c + ".cache-enabled", "false");
      if (warehouse != null) {
        conf.put(c + ".warehouse", warehouse);
      }
    }
    if (has("delta")) {
      extensions.add(DELTA_EXTENSION);
      conf.put("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    }
    if (!extensions.isEmpty()) {
      conf.put("spark.sql.extensions", String.join(",", extensions));
    }
    return ImmutableMap.copyOf(conf);
  }

  /** The builder with the settings of {@link #sparkConf} added. */
  public DynaContext.LocalBuilder configure(DynaContext.LocalBuilder builder, String warehouse) {
    sparkConf(warehouse).forEach(builder::config);
    return builder;
  }

  /** The builder with the settings of {@link #sparkConf} added. */
  public SparkSession.Builder configure(SparkSession.Builder builder, String warehouse) {
    sparkConf(warehouse).forEach(builder::config);
    return builder;
  }

  /**
   * Whether a session was made with a format enabled: its SQL extension is among the session's
   * {@code spark.sql.extensions}.
   */
  public static boolean enabled(SparkSession spark, String format) {
    return Formats.enabled(spark, format);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataLakeFormats && ((DataLakeFormats) o).formats.equals(formats);
  }

  @Override
  public int hashCode() {
    return formats.hashCode();
  }

  @Override
  public String toString() {
    return ARGUMENT + " " + String.join(",", formats);
  }
}
