package io.dynaframe.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Messy raw input for the flagship job, the way real feeds arrive: JSON order lines where ids
 * are sometimes strings, amounts sometimes "n/a" or negative, nested item arrays whose
 * quantities are sometimes words, and a few truncated lines; and a customers CSV whose ids
 * are mostly numbers. Deterministic per batch.
 */
final class RawData {
  private RawData() {}

  private static final String[] CITIES = {"Oslo", "Lisbon", "Austin", "Osaka", "Lagos"};
  private static final String[] SKUS = {"A-1", "B-7", "C-3", "D-9", "E-2"};

  /** Writes batch {@code n} of orders (two files) under {@code source/orders/batch=<n>/}; returns the number of lines. */
  static int writeOrders(Path sourceArea, int batch, int perFile) throws IOException {
    Random r = new Random(batch * 7919L);
    Path dir = sourceArea.resolve("orders").resolve("batch=" + batch);
    Files.createDirectories(dir);
    int lines = 0;
    for (int file = 0; file < 2; file++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < perFile; i++) {
        int id = batch * 10_000 + file * perFile + i;
        String orderId = r.nextInt(40) == 0 ? "\"" + id + "-X\"" : String.valueOf(id);
        String amount = switch (r.nextInt(30)) {
          case 0 -> "\"n/a\"";
          case 1 -> "-" + (1 + r.nextInt(50));
          default -> String.format(Locale.ROOT, "%.2f", 5 + r.nextDouble() * 300);
        };
        StringBuilder items = new StringBuilder("[");
        int n = r.nextInt(3);
        for (int k = 0; k < n; k++) {
          String qty = r.nextInt(25) == 0 ? "\"two\"" : String.valueOf(1 + r.nextInt(5));
          items.append(k == 0 ? "" : ", ").append("{\"sku\": \"").append(SKUS[r.nextInt(SKUS.length)])
              .append("\", \"qty\": ").append(qty).append('}');
        }
        items.append(']');
        String line = String.format(Locale.ROOT,
            "{\"order_id\": %s, \"customer_id\": %d, \"order_date\": \"2026-11-%02d\", \"amount\": %s, "
                + "\"currency\": \"EUR\", \"items\": %s, \"shipping\": {\"city\": \"%s\"}}",
            orderId, 1 + r.nextInt(20), 1 + (batch * 3 + file) % 28, amount, items, CITIES[r.nextInt(CITIES.length)]);
        if (r.nextInt(60) == 0) {
          line = line.substring(0, line.length() / 2); // a truncated line
        }
        b.append(line).append('\n');
        lines++;
      }
      Files.writeString(dir.resolve("orders-" + batch + "-" + file + ".json"), b, StandardCharsets.UTF_8);
    }
    return lines;
  }

  /** Writes the customers CSV once. */
  static void writeCustomers(Path sourceArea) throws IOException {
    Path dir = sourceArea.resolve("customers");
    if (Files.exists(dir.resolve("customers.csv"))) {
      return;
    }
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder("customer_id,name,country\n");
    for (int i = 1; i <= 20; i++) {
      b.append(i == 13 ? "C-13" : String.valueOf(i)).append(",\"Customer ").append(i).append(", Ltd\",")
          .append(i % 3 == 0 ? "NO" : i % 3 == 1 ? "PT" : "US").append('\n');
    }
    Files.writeString(dir.resolve("customers.csv"), b, StandardCharsets.UTF_8);
  }
}
