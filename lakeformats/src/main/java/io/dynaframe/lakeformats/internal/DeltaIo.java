package io.dynaframe.lakeformats.internal;

import static org.apache.spark.sql.functions.expr;

import io.delta.tables.DeltaTable;
import io.dynaframe.Connector;
import io.dynaframe.DataSink;
import io.dynaframe.DataSource;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.TableDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Delta Lake tables by path (connection type {@code delta}, or {@code s3} with format {@code
 * delta}, as Glue Studio's Delta Lake source) and as catalog tables: read (latest, {@code
 * versionAsOf}, {@code timestampAsOf}) and written (append, overwrite), each write one Delta
 * commit.
 */
final class DeltaIo {
  private DeltaIo() {}

  static final String VERSION_AS_OF = "versionAsOf";
  static final String TIMESTAMP_AS_OF = "timestampAsOf";

  private static final Set<String> OWN = Set.of("path", "paths");

  // ---------------------------------------------------------------- sources

  static DataSource source(Connector.Request r) {
    LakeIo.requireEnabled(r.context(), "delta", SourceException::new);
    String path = path(r.options(), SourceException::new);
    Map<String, String> read = LakeIo.passOn(r.options(), OWN);
    read.putAll(LakeIo.passOn(r.formatOptions(), Set.of()));
    Options all = Options.of(read);
    checkRead(r.context(), path, all);
    String name = path.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    String frameName = name;
    return () -> read(r.context(), path, read, "", r.transformationContext(), frameName);
  }

  static DataSource catalogSource(Connector.TableRequest r, TableDefinition t) {
    LakeIo.requireEnabled(r.context(), "delta", SourceException::new);
    String path = location(t, SourceException::new);
    Map<String, String> read = LakeIo.passOn(r.additionalOptions(), Set.of());
    checkRead(r.context(), path, r.additionalOptions());
    return () ->
        read(r.context(), path, read, r.pushDownPredicate(), r.transformationContext(), r.table());
  }

  private static DynamicFrame read(
      DynaContext ctx,
      String path,
      Map<String, String> options,
      String predicate,
      String step,
      String name) {
    Dataset<Row> df;
    try {
      df = ctx.spark().read().format("delta").options(options).load(path);
    } catch (RuntimeException e) {
      throw new SourceException("cannot read Delta table " + path + ": " + LakeIo.reason(e), e);
    }
    if (predicate != null && !predicate.isBlank()) {
      try {
        df = df.where(expr(predicate));
      } catch (RuntimeException e) {
        throw new SourceException(
            "Delta table " + path + ": bad push-down predicate '" + predicate + "': " + e, e);
      }
    }
    return DynamicFrame.fromDF(df, ctx, LakeIo.frameName(step, name))
        .withTransformationContext(step);
  }

  /** Checks now that the path holds a Delta table and that a version asked for exists. */
  private static void checkRead(DynaContext ctx, String path, Options o) {
    Long version = LakeIo.longOption(o, VERSION_AS_OF, SourceException::new);
    if (version != null && o.has(TIMESTAMP_AS_OF)) {
      throw new SourceException(
          "Delta table "
              + path
              + ": give either "
              + VERSION_AS_OF
              + " or "
              + TIMESTAMP_AS_OF
              + ", not both");
    }
    if (!isDelta(ctx, path)) {
      throw new SourceException(
          "'" + path + "' is not a Delta table: it has no _delta_log folder with a commit");
    }
    if (version != null) {
      long latest = latestVersion(ctx, path);
      if (version > latest) {
        throw new SourceException(
            "Delta table "
                + path
                + " has no version "
                + version
                + " ("
                + VERSION_AS_OF
                + "); its latest is "
                + latest);
      }
    }
  }

  private static boolean isDelta(DynaContext ctx, String path) {
    try {
      return DeltaTable.isDeltaTable(ctx.spark(), path);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static long latestVersion(DynaContext ctx, String path) {
    Row last = DeltaTable.forPath(ctx.spark(), path).history(1).select("version").head();
    return last.getLong(0);
  }

  // ---------------------------------------------------------------- sinks

  static DataSink sink(Connector.Request r) {
    LakeIo.requireEnabled(r.context(), "delta", SinkException::new);
    String path = path(r.options(), SinkException::new);
    Options o = r.options();
    SaveMode mode = mode(o, path);
    List<String> keys = o.getStringList("partitionKeys");
    Map<String, String> pass =
        LakeIo.passOn(o, Set.of("path", "paths", "partitionKeys", "writeMode"));
    pass.putAll(LakeIo.passOn(r.formatOptions(), Set.of()));
    return frame -> write(r.context(), frame, path, mode, keys, pass);
  }

  static DataSink catalogSink(Connector.TableRequest r, TableDefinition t) {
    LakeIo.requireEnabled(r.context(), "delta", SinkException::new);
    String path = location(t, SinkException::new);
    Options o = r.additionalOptions();
    SaveMode mode = mode(o, path);
    Map<String, String> pass = LakeIo.passOn(o, Set.of("writeMode"));
    return frame -> write(r.context(), frame, path, mode, List.of(), pass);
  }

  private static DynamicFrame write(
      DynaContext ctx,
      DynamicFrame frame,
      String path,
      SaveMode mode,
      List<String> keys,
      Map<String, String> options) {
    frame.assertErrorThreshold();
    DataFrameWriter<Row> w = frame.toDF().write().format("delta").mode(mode).options(options);
    if (!keys.isEmpty()) {
      w = w.partitionBy(keys.toArray(new String[0]));
    }
    try {
      w.save(path);
    } catch (RuntimeException e) {
      throw new SinkException("writing Delta table " + path + " failed: " + LakeIo.reason(e), e);
    }
    return LakeIo.noErrors(ctx, frame);
  }

  private static SaveMode mode(Options o, String path) {
    String m = o.getString("writeMode", "append").strip().toLowerCase(Locale.ROOT);
    switch (m) {
      case "append":
        return SaveMode.Append;
      case "overwrite":
        return SaveMode.Overwrite;
      default:
        throw new SinkException(
            "Delta table "
                + path
                + ": option writeMode is '"
                + o.getString("writeMode", "")
                + "'; it may be append or overwrite");
    }
  }

  // ---------------------------------------------------------------- paths

  private static String path(Options o, Function<String, ? extends RuntimeException> error) {
    String path = o.getString("path", "").strip();
    if (path.isEmpty()) {
      List<String> paths = o.getStringList("paths");
      if (paths.size() > 1) {
        throw error.apply(
            "a Delta table is one folder: option paths holds " + paths.size() + " paths " + paths);
      }
      path = paths.isEmpty() ? "" : paths.get(0).strip();
    }
    if (path.isEmpty()) {
      throw error.apply("a delta source or sink needs option path: the table's folder");
    }
    return path;
  }

  private static String location(
      TableDefinition t, Function<String, ? extends RuntimeException> error) {
    return t.location()
        .orElseThrow(() -> error.apply("Delta table " + t.identifier() + " has no location"));
  }
}
