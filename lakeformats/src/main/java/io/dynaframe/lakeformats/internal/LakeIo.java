package io.dynaframe.lakeformats.internal;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What the Iceberg and Delta sources and sinks share. */
final class LakeIo {
  private LakeIo() {}

  /** Fails unless the session was made with the format enabled. */
  static void requireEnabled(
      DynaContext ctx, String format, Function<String, ? extends RuntimeException> error) {
    if (!Formats.enabled(ctx.spark(), format)) {
      throw error.apply(
          format
              + " is not enabled on this Spark session: start the session with "
              + Formats.ARGUMENT
              + " "
              + format
              + " (DataLakeFormats.parse(\""
              + format
              + "\").configure(builder, warehouse)), as a Glue job names it in "
              + Formats.ARGUMENT);
    }
  }

  /** The options as strings, without the given keys (the source's or sink's own). */
  static Map<String, String> passOn(Options options, Set<String> own) {
    Map<String, String> out = new LinkedHashMap<>();
    options
        .asMap()
        .forEach(
            (k, v) -> {
              if (!own.contains(k) && v != null) {
                out.put(k, v.toString());
              }
            });
    return out;
  }

  /** A whole non-negative number option, checked now; null when absent. */
  static Long longOption(
      Options o, String key, Function<String, ? extends RuntimeException> error) {
    if (!o.has(key)) {
      return null;
    }
    String v = String.valueOf(o.get(key).orElse("")).strip();
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw error.apply("option " + key + " must not be negative, got '" + v + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw error.apply("option " + key + " must be a whole number, got '" + v + "'");
    }
  }

  /** The error records of a write that wrote everything: none. */
  static DynamicFrame noErrors(DynaContext ctx, DynamicFrame frame) {
    return DynamicFrame.fromDF(
        ctx.spark().createDataFrame(List.of(), ErrorRecords.SCHEMA), ctx, frame.name() + "_errors");
  }

  /** The name of a frame read by a step: its transformation context, else the given name. */
  static String frameName(String step, String name) {
    return step == null || step.isEmpty() ? name : step;
  }

  /** The innermost message of an exception chain, for error messages. */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
