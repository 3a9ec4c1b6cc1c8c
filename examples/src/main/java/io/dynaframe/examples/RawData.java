package io.dynaframe.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Messy raw input for the flagship job, the way real feeds arrive: JSON order lines where ids are
 * sometimes strings, amounts sometimes "n/a" or negative, nested item arrays whose quantities are
 * sometimes words, and a few truncated lines; and a customers CSV whose ids are mostly numbers.
 * Deterministic per batch. Files are written through Hadoop's file systems, so the SOURCE area may
 * be a local folder or an {@code s3a://} prefix, and each file is written once, never over an
 * existing one.
 */
final class RawData {
  private RawData() {}

  private static final String[] CITIES = {"Oslo", "Lisbon", "Austin", "Osaka", "Lagos"};
  private static final String[] SKUS = {"A-1", "B-7", "C-3", "D-9", "E-2"};

  /**
   * Writes batch {@code n} of orders (two files of {@code perFile} lines) under {@code
   * <source>/orders/batch=<n>/}; returns the number of lines.
   */
  static int writeOrders(Configuration conf, String sourceArea, int batch, int perFile) {
    Random r = new Random(batch * 7919L);
    Path dir = new Path(sourceArea + "/orders/batch=" + batch);
    int lines = 0;
    for (int file = 0; file < 2; file++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < perFile; i++) {
        int id = batch * 10_000 + file * perFile + i;
        String orderId = r.nextInt(40) == 0 ? "\"" + id + "-X\"" : String.valueOf(id);
        String amount =
            switch (r.nextInt(30)) {
              case 0 -> "\"n/a\"";
              case 1 -> "-" + (1 + r.nextInt(50));
              default -> String.format(Locale.ROOT, "%.2f", 5 + r.nextDouble() * 300);
            };
        StringBuilder items = new StringBuilder("[");
        int n = r.nextInt(3);
        for (int k = 0; k < n; k++) {
          String qty = r.nextInt(25) == 0 ? "\"two\"" : String.valueOf(1 + r.nextInt(5));
          items
              .append(k == 0 ? "" : ", ")
              .append("{\"sku\": \"")
              .append(SKUS[r.nextInt(SKUS.length)])
              .append("\", \"qty\": ")
              .append(qty)
              .append('}');
        }
        items.append(']');
        String line =
            String.format(
                Locale.ROOT,
                "{\"order_id\": %s, \"customer_id\": %d, \"order_date\": \"2026-11-%02d\", \"amount\": %s, "
                    + "\"currency\": \"EUR\", \"items\": %s, \"shipping\": {\"city\": \"%s\"}}",
                orderId,
                1 + r.nextInt(20),
                1 + (batch * 3 + file) % 28,
                amount,
                items,
                CITIES[r.nextInt(CITIES.length)]);
        if (r.nextInt(60) == 0) {
          line = line.substring(0, line.length() / 2); // a truncated line
        }
        b.append(line).append('\n');
        lines++;
      }
      write(conf, new Path(dir, "orders-" + batch + "-" + file + ".json"), b);
    }
    return lines;
  }

  /** Writes the customers CSV once: a SOURCE area that has it already keeps it. */
  static void writeCustomers(Configuration conf, String sourceArea) {
    Path file = new Path(sourceArea + "/customers/customers.csv");
    if (exists(conf, file)) {
      return;
    }
    StringBuilder b = new StringBuilder("customer_id,name,country\n");
    for (int i = 1; i <= 20; i++) {
      b.append(i == 13 ? "C-13" : String.valueOf(i))
          .append(",\"Customer ")
          .append(i)
          .append(", Ltd\",")
          .append(i % 3 == 0 ? "NO" : i % 3 == 1 ? "PT" : "US")
          .append('\n');
    }
    write(conf, file, b);
  }

  /**
   * One more than the highest {@code batch=<n>} folder under {@code <source>/orders}; 1 when there
   * is none.
   */
  static int nextBatch(Configuration conf, String sourceArea) {
    Path orders = new Path(sourceArea + "/orders");
    try {
      FileSystem fs = orders.getFileSystem(conf);
      int max = 0;
      for (FileStatus s : fs.listStatus(orders)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && name.matches("batch=\\d+")) {
          max = Math.max(max, Integer.parseInt(name.substring(6)));
        }
      }
      return max + 1;
    } catch (FileNotFoundException e) {
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the order batches in " + orders, e);
    }
  }

  private static boolean exists(Configuration conf, Path file) {
    try {
      return file.getFileSystem(conf).exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check whether " + file + " exists", e);
    }
  }

  private static void write(Configuration conf, Path file, CharSequence text) {
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write raw input file "
              + file
              + " (raw input is written once; a file of that name may exist already)",
          e);
    }
  }
}
