package io.dynaframe.testing;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Test frames in one line: from JSON lines, read with Glue's per-value typing exactly as a JSON
 * source reads them (so mixed types become choices), or from rows and a DDL schema.
 */
public final class Frames {
  private Frames() {}

  /**
   * A frame of these JSON records, one object per string, read by the real JSON source: {@code
   * Frames.json(ctx, "{\"id\": 1}", "{\"id\": \"a\"}")} has {@code id: choice{long, string}}.
   */
  public static DynamicFrame json(DynaContext ctx, String... lines) {
    Path file = writeTemp(".json", String.join("\n", lines) + "\n");
    return ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(file.toString())), "json", Options.empty(), "json")
        .withName("json");
  }

  /**
   * A frame of CSV text (header first when {@code withHeader} is set), read by the real CSV source
   * as Glue reads CSV: every value a string.
   */
  public static DynamicFrame csv(DynaContext ctx, boolean withHeader, String... lines) {
    Path file = writeTemp(".csv", String.join("\n", lines) + "\n");
    return ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(file.toString())),
            "csv",
            Options.of("withHeader", withHeader),
            "csv")
        .withName("csv");
  }

  /**
   * A CSV source reading these lines with these format options, e.g. {@code
   * Options.of("withHeader", true, "typedValues", true)} for values typed one by one.
   */
  public static DynamicFrame csv(DynaContext ctx, Options formatOptions, String... lines) {
    Path file = writeTemp(".csv", String.join("\n", lines) + "\n");
    return ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(file.toString())), "csv", formatOptions, "csv")
        .withName("csv");
  }

  /**
   * A frame of rows with a schema in Spark DDL: {@code Frames.rows(ctx, "id BIGINT, name STRING",
   * row(1L, "a"), row(2L, "b"))}.
   */
  public static DynamicFrame rows(DynaContext ctx, String ddl, Row... rows) {
    StructType schema = StructType.fromDDL(ddl);
    return DynamicFrame.fromDF(
        ctx.spark().createDataFrame(Arrays.asList(rows), schema), ctx, "rows");
  }

  /** A row of values, for {@link #rows}. */
  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /** Rows from lists of values. */
  public static List<Row> rowsOf(List<List<Object>> values) {
    List<Row> out = new ArrayList<>();
    for (List<Object> v : values) {
      out.add(RowFactory.create(v.toArray()));
    }
    return out;
  }

  private static Path writeTemp(String suffix, String content) {
    try {
      Path file = Files.createTempFile("dynaframe-frame-", suffix);
      file.toFile().deleteOnExit();
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write test data", e);
    }
  }
}
