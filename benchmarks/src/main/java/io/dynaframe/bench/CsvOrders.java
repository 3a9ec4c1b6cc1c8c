package io.dynaframe.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The CSV input of {@code csv-inference} and {@code csv-read}: 1,000,000 orders with a header in 8
 * files, generated once (fixed seeds) into a folder the two benchmarks share. About 1 in 100 {@code
 * zip}s is a ZIP+4 string, 1 in 10 {@code amount}s a whole number, 1 in 10 {@code rating}s empty,
 * and the {@code city} is quoted where it holds a comma.
 */
final class CsvOrders {
  private CsvOrders() {}

  static final int RECORDS = 1_000_000;
  static final int FILES = 8;
  static final String HEADER = "id,customer,zip,amount,qty,active,rating,ts,city,code";
  private static final String[] CITIES = {
    "Seattle",
    "Dublin",
    "\"Frankfurt, Main\"",
    "Tokyo",
    "Sydney",
    "São Paulo",
    "Mumbai",
    "Toronto",
    "\"Paris, France\"",
    "Stockholm"
  };

  /** The shared folder, next to the benchmark's own data folder. */
  static Path prepare(BenchEnv env) throws IOException {
    return Inputs.ensure(
        env.dataDir().resolveSibling("csv-orders"),
        "v1 records=" + RECORDS + " files=" + FILES,
        CsvOrders::generate);
  }

  private static void generate(Path dir) throws IOException {
    int perFile = RECORDS / FILES;
    StringBuilder sb = new StringBuilder(256);
    for (int f = 0; f < FILES; f++) {
      SplittableRandom r = new SplittableRandom(20261207L + f);
      Path file = dir.resolve(String.format("orders-%02d.csv", f));
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.append(HEADER).append('\n');
        for (int i = 0; i < perFile; i++) {
          sb.setLength(0);
          row(sb, (long) f * perFile + i, r);
          w.append(sb).append('\n');
        }
      }
    }
  }

  /** One row of the columns of {@link #HEADER}. */
  static void row(StringBuilder sb, long id, SplittableRandom r) {
    sb.append(id).append(",c-").append(r.nextInt(100_000)).append(',');
    if (r.nextInt(100) == 0) {
      sb.append(10_000 + r.nextInt(90_000)).append('-').append(1000 + r.nextInt(9000));
    } else {
      sb.append(10_000 + r.nextInt(90_000));
    }
    sb.append(',');
    if (r.nextInt(10) == 0) {
      sb.append(r.nextInt(1000));
    } else {
      sb.append(r.nextInt(1, 100_000) / 100.0);
    }
    sb.append(',').append(1 + r.nextInt(20)).append(',').append(r.nextBoolean()).append(',');
    int rating = r.nextInt(10);
    if (rating > 0) {
      sb.append(rating / 2);
    }
    sb.append(",2026-")
        .append(two(1 + r.nextInt(12)))
        .append('-')
        .append(two(1 + r.nextInt(28)))
        .append(' ')
        .append(two(r.nextInt(24)))
        .append(':')
        .append(two(r.nextInt(60)))
        .append(":00,")
        .append(CITIES[r.nextInt(CITIES.length)])
        .append(',')
        .append(r.nextInt(1000));
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
