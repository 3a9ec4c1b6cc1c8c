package io.dynaframe.bench;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * JSON with schema inference: 1,000,000 JSON Lines records of mixed types in 8 files, read with
 * dynaframe's JSON source (per-value types, so {@code zip}, {@code amount} and {@code address.code}
 * become choices) versus {@code spark.read().json(...)} with its own inference. Each side infers
 * the schema (one pass) and then parses every column of every record into a {@code noop} write
 * (second pass).
 */
public final class JsonInferenceBenchmark implements Benchmark {

  static final int RECORDS = 1_000_000;
  static final int FILES = 8;
  private static final String[] TAGS = {"new", "sale", "gift", "bulk", "return", "vip", "promo"};
  private static final String[] CITIES = {
    "Seattle",
    "Dublin",
    "Frankfurt",
    "Tokyo",
    "Sydney",
    "São Paulo",
    "Mumbai",
    "Toronto",
    "Paris",
    "Stockholm"
  };

  private Path input;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    input =
        Inputs.ensure(
            env.dataDir(),
            "v1 records=" + RECORDS + " files=" + FILES,
            JsonInferenceBenchmark::generate);
  }

  private static void generate(Path dir) throws IOException {
    int perFile = RECORDS / FILES;
    StringBuilder sb = new StringBuilder(512);
    for (int f = 0; f < FILES; f++) {
      SplittableRandom r = new SplittableRandom(20261125L + f);
      Path file = dir.resolve(String.format("orders-%02d.json", f));
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = 0; i < perFile; i++) {
          sb.setLength(0);
          record(sb, (long) f * perFile + i, r);
          w.append(sb).append('\n');
        }
      }
    }
  }

  /**
   * One record; about 1 in 100 zips and 1 in 50 address codes are strings, 1 in 10 amounts whole
   * numbers.
   */
  static void record(StringBuilder sb, long id, SplittableRandom r) {
    sb.append("{\"id\":").append(id);
    sb.append(",\"customer\":\"c-").append(r.nextInt(100_000)).append('"');
    if (r.nextInt(100) == 0) {
      sb.append(",\"zip\":\"")
          .append(10_000 + r.nextInt(90_000))
          .append('-')
          .append(1000 + r.nextInt(9000))
          .append('"');
    } else {
      sb.append(",\"zip\":").append(10_000 + r.nextInt(90_000));
    }
    if (r.nextInt(10) == 0) {
      sb.append(",\"amount\":").append(r.nextInt(1000));
    } else {
      sb.append(",\"amount\":").append(r.nextInt(1, 100_000) / 100.0);
    }
    sb.append(",\"qty\":").append(1 + r.nextInt(20));
    sb.append(",\"active\":").append(r.nextBoolean());
    int rating = r.nextInt(10);
    if (rating == 0) {
      sb.append(",\"rating\":null");
    } else if (rating > 1) { // absent in 1 of 10 records
      sb.append(",\"rating\":").append(rating / 2);
    }
    sb.append(",\"ts\":\"2026-")
        .append(two(1 + r.nextInt(12)))
        .append('-')
        .append(two(1 + r.nextInt(28)))
        .append('T')
        .append(two(r.nextInt(24)))
        .append(':')
        .append(two(r.nextInt(60)))
        .append(":00Z\"");
    sb.append(",\"tags\":[");
    int tags = r.nextInt(4);
    for (int t = 0; t < tags; t++) {
      sb.append(t == 0 ? "\"" : ",\"").append(TAGS[r.nextInt(TAGS.length)]).append('"');
    }
    sb.append("],\"address\":{\"city\":\"")
        .append(CITIES[r.nextInt(CITIES.length)])
        .append("\",\"code\":");
    if (r.nextInt(50) == 0) {
      sb.append("\"A-").append(r.nextInt(100)).append('"');
    } else {
      sb.append(r.nextInt(1000));
    }
    sb.append("},\"items\":[");
    int items = 1 + r.nextInt(2);
    for (int t = 0; t < items; t++) {
      sb.append(t == 0 ? "" : ",")
          .append("{\"sku\":\"s-")
          .append(r.nextInt(5000))
          .append("\",\"price\":")
          .append(r.nextInt(1, 10_000) / 100.0)
          .append('}');
    }
    sb.append("]}");
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private DynamicFrame read(BenchEnv env) {
    return env.context()
        .createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "json",
            Options.empty(),
            "orders");
  }

  private Dataset<Row> readBaseline(BenchEnv env) {
    return env.spark().read().json(input.toString());
  }

  @Override
  public void dynaframe(BenchEnv env) {
    read(env).toDF().write().format("noop").mode("overwrite").save();
  }

  @Override
  public void baseline(BenchEnv env) {
    readBaseline(env).write().format("noop").mode("overwrite").save();
  }

  @Override
  public void verify(BenchEnv env) {
    DynamicFrame frame = read(env);
    long records = frame.count();
    long errors = frame.errorsCount();
    long sparkRecords = readBaseline(env).count();
    String choices = frame.schemaString();
    if (records != RECORDS || sparkRecords != RECORDS || errors != 0) {
      throw new IllegalStateException(
          "expected "
              + RECORDS
              + " records on both sides and no errors; dynaframe read "
              + records
              + " with "
              + errors
              + " errors, Spark "
              + sparkRecords);
    }
    for (String member : List.of("zip", "amount", "code")) {
      if (!choices.contains(member + ": choice")) {
        throw new IllegalStateException(
            "expected field " + member + " to be a choice:\n" + choices);
      }
    }
  }
}
