package io.dynaframe.internal.lineage;

import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.RunLineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The entry points {@link DynamicFrame} and {@link DynaContext} call so that a run's lineage is
 * recorded (see {@link Recorder}). Each returns what the plain call would have returned, with
 * counting filters added; lineage never makes a job fail: a problem in recording is logged and
 * the job goes on unrecorded.
 */
public final class LineageHooks {
  private LineageHooks() {}

  private static volatile BiFunction<DynamicFrame, Dataset<Row>, DynamicFrame> rewrap;

  static {
    // DynamicFrame installs the rows replacer when it is initialised; make sure it has been
    try {
      Class.forName(DynamicFrame.class.getName(), true, LineageHooks.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Called once by {@link DynamicFrame}: how to make a frame like another (same errors, name,
   * context and thresholds) with new rows.
   */
  public static void install(BiFunction<DynamicFrame, Dataset<Row>, DynamicFrame> rowsReplacer) {
    rewrap = Objects.requireNonNull(rowsReplacer);
  }

  static DynamicFrame rewrap(DynamicFrame frame, Dataset<Row> rows) {
    return rewrap.apply(frame, rows);
  }

  /** A new recorder for a context's run. */
  public static RunLineage newRun(org.apache.spark.sql.SparkSession spark, String runId) {
    return new Recorder(spark, runId);
  }

  /** The recorder of a context, or null when the context has none (or lineage is off). */
  public static Recorder recorder(DynaContext ctx) {
    RunLineage lineage = ctx == null ? null : ctx.lineage();
    return lineage instanceof Recorder r && r.enabled() && rewrap != null ? r : null;
  }

  /** {@code frame.apply(step, transform)}: {@code expand} runs the transform on the frame it is given. */
  public static <O> O step(DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand) {
    Recorder r = recorder(input.context());
    return r == null ? expand.apply(input) : r.step(input, step, kind, expand);
  }

  /** Rows staged with an error column: counts the error records of the step in progress. */
  public static Dataset<Row> staged(DynaContext ctx, Dataset<Row> staged) {
    Recorder r = recorder(ctx);
    return r == null ? staged : r.staged(staged);
  }

  /** A file source of the context: its frame is recorded as a source step when read. */
  public static DataSource source(DynaContext ctx, String connectionType, Options options, String transformationContext,
      String format, DataSource inner) {
    Recorder r = recorder(ctx);
    if (r == null) {
      return inner;
    }
    Options o = options == null ? Options.empty() : options;
    List<String> paths = new ArrayList<>(o.getStringList("paths"));
    if (paths.isEmpty() && o.has("path")) {
      paths.add(o.getString("path", ""));
    }
    String name = blank(transformationContext) ? (blank(format) ? "source" : format.toLowerCase(Locale.ROOT) + "_source")
        : transformationContext;
    return () -> r.source(name, type(connectionType, format), args(o), datasets(paths), inner::getDynamicFrame);
  }

  /** A catalog source of the context, recorded like a file source. */
  public static DataSource catalogSource(DynaContext ctx, String database, String table, String transformationContext,
      DataSource inner) {
    Recorder r = recorder(ctx);
    if (r == null) {
      return inner;
    }
    String name = blank(transformationContext) ? table : transformationContext;
    Map<String, String> args = new LinkedHashMap<>();
    args.put("database", database);
    args.put("table", table);
    return () -> r.source(name, "Data Catalog", args, List.of(LineageDataset.ofTable(database, table)),
        inner::getDynamicFrame);
  }

  /** A sink of the context: each write is recorded as a sink step. */
  public static DataSink sink(DynaContext ctx, String connectionType, Options options, String transformationContext,
      String format, DataSink inner) {
    Recorder r = recorder(ctx);
    if (r == null) {
      return inner;
    }
    Options o = options == null ? Options.empty() : options;
    String path = o.getString("path", "");
    String name;
    if (!blank(transformationContext)) {
      name = transformationContext;
    } else if (!blank(o.getString("catalogTableName", ""))) {
      name = o.getString("catalogTableName", "");
    } else {
      String trimmed = path.replaceAll("/+$", "");
      String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      name = last.isBlank() || last.contains(":") ? (blank(format) ? "sink" : format.toLowerCase(Locale.ROOT) + "_sink")
          : last;
    }
    List<LineageDataset> datasets = datasets(path.isBlank() ? List.of() : List.of(path));
    return frame -> r.sink(name, type(connectionType, format), args(o), datasets, frame, inner::writeDynamicFrame);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String type(String connectionType, String format) {
    String c = blank(connectionType) ? "" : connectionType.toUpperCase(Locale.ROOT);
    String f = blank(format) ? "" : format.toUpperCase(Locale.ROOT);
    return (c + " " + f).strip();
  }

  private static Map<String, String> args(Options options) {
    Map<String, String> out = new LinkedHashMap<>();
    options.asMap().forEach((k, v) -> {
      String text = v instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
          : String.valueOf(v);
      out.put(k, text);
    });
    return Recorder.redact(out);
  }

  private static List<LineageDataset> datasets(List<String> paths) {
    List<LineageDataset> out = new ArrayList<>();
    for (String p : paths) {
      if (!blank(p)) {
        out.add(LineageDataset.ofPath(p));
      }
    }
    return out;
  }
}
