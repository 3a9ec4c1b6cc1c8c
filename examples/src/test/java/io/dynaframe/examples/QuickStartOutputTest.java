package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README's first command shows a new user: the flagship example's progress lines agree
 * with its run report, its lists are labelled, it says how to see the error records and ends with
 * what to try next; its log configuration keeps Hive's warnings off the console. The job runs with
 * its shop database (embedded PostgreSQL), as the command runs it.
 */
@io.dynaframe.testing.SparkTest
@org.junit.jupiter.api.Tag("slow")
class QuickStartOutputTest {

  @TempDir Path dir;

  /**
   * The flagship's tables of other test classes (one metastore per test JVM) are not this run's.
   */
  @org.junit.jupiter.api.BeforeEach
  void freshCatalog(DynaContext ctx) {
    FlagshipCustomersTest.dropFlagshipDatabases(ctx);
  }

  /** Keeps the messages of one logger while open. */
  static final class CapturedLog extends AbstractAppender implements AutoCloseable {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final org.apache.logging.log4j.core.Logger logger;
    private final Level level;

    CapturedLog(String loggerName) {
      super("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY);
      start();
      logger = (org.apache.logging.log4j.core.Logger) LogManager.getLogger(loggerName);
      level = logger.getLevel();
      logger.addAppender(this);
      logger.setLevel(Level.INFO);
    }

    @Override
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
    }

    @Override
    public void close() {
      logger.removeAppender(this);
      logger.setLevel(level);
      stop();
    }
  }

  private static final Pattern REPORT_ROW =
      Pattern.compile(
          "(?m)^  (source|step|sink) +(\\S+) +.*? +([\\d,]+) in +([\\d,]+) out +([\\d,]+) errors");
  private static final Pattern SINK_ENDED =
      Pattern.compile("sink (\\S+) ended: ([\\d,]+) in / ([\\d,]+) out / ([\\d,]+) in error");
  private static final Pattern COUNT =
      Pattern.compile("(\\S+) ([\\d,]+) in / ([\\d,]+) out / ([\\d,]+) in error");

  private static List<Long> counts(Matcher m, int first) {
    return List.of(
        Long.parseLong(m.group(first).replace(",", "")),
        Long.parseLong(m.group(first + 1).replace(",", "")),
        Long.parseLong(m.group(first + 2).replace(",", "")));
  }

  @Test
  void progressLinesAgreeWithTheReportAndTheRunEndsWithWhatToTryNext(DynaContext ctx) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    List<String> progress;
    try (CapturedLog log = new CapturedLog("io.dynaframe.progress")) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      try (ShopDatabase shop = ShopDatabase.start(dir.resolve("shop-db"))) {
        OrdersPipeline.runBatches(
            ctx, EmbeddedCatalog.of(ctx.spark()), Lake.at(dir.resolve("lake")), shop, 1, 40);
      } finally {
        System.setOut(console);
      }
      progress = List.copyOf(log.messages);
    }
    String out = printed.toString(StandardCharsets.UTF_8);

    String report =
        progress.stream()
            .filter(m -> m.startsWith("job orders_pipeline run "))
            .reduce((a, b) -> b)
            .orElseThrow();
    Map<String, List<Long>> reported = new LinkedHashMap<>();
    Matcher rows = REPORT_ROW.matcher(report);
    while (rows.find()) {
      reported.put(rows.group(2), counts(rows, 3));
    }
    assertThat(reported)
        .containsKeys(
            "read_orders",
            "quarantine_split",
            "relationalize",
            "orders",
            "order_items",
            "read_customers",
            "customers");
    assertThat(reported.get("customers"))
        .as("customers published")
        .isEqualTo(List.of(20L, 20L, 0L));
    assertThat(report)
        .contains("  steps (records in, out and set aside as errors; time):\n")
        .contains("  outputs:\n")
        .contains("  bookmarks (files each source read this run):\n");

    // a step's line never shows counts taken while it was only partly run (Spigot's sample,
    // Relationalize's own pass): only sinks print counts, and they are the report's
    for (String line : progress) {
      if (line.contains(" step ") && line.contains(" defined in ")) {
        assertThat(line).doesNotContain(" in / ");
      }
      Matcher sink = SINK_ENDED.matcher(line);
      if (sink.find()) {
        assertThat(counts(sink, 2)).as(line).isEqualTo(reported.get(sink.group(1)));
      }
    }
    assertThat(progress).anyMatch(l -> SINK_ENDED.matcher(l).find());
    // after the last sink, the counts so far are the report's counts
    String last =
        progress.stream()
            .filter(l -> l.contains("counts so far"))
            .reduce((a, b) -> b)
            .orElseThrow();
    Matcher c = COUNT.matcher(last.substring(last.indexOf("): ") + 3));
    int seen = 0;
    while (c.find()) {
      assertThat(counts(c, 2)).as(c.group(1)).isEqualTo(reported.get(c.group(1)));
      seen++;
    }
    assertThat(seen).isEqualTo(reported.size() - 4); // every step but the four sinks

    assertThat(out)
        .contains("tables created: [raw.raw_orders, raw.raw_customers], updated: []")
        .containsPattern("== \\d+ raw lines could not be read; they are the source's error records")
        .containsPattern("\\| *orders-1-[01]\\.json *\\| *\\d+ *\\|")
        .contains("all of them, each with its raw text: orders.errorsAsDynamicFrame().show()")
        .contains("==== batch 1: 20 new customers in PostgreSQL table shop.customers")
        .contains(
            "== 20 new customers read from PostgreSQL through connection 'shop_db' (bookmark on"
                + " customer_id)");
    assertThat(out.stripTrailing()).endsWith(OrdersPipeline.NEXT_STEPS.stripTrailing());
  }

  @Test
  void theExampleLogConfigurationKeepsHiveWarningsOffTheConsole() throws Exception {
    Path config = Path.of("..", "config", "log4j2-example.properties").toAbsolutePath().normalize();
    assertThat(config).exists();
    LoggerContext lc = new LoggerContext("example-config", null, config.toUri());
    lc.start();
    try {
      for (String hive :
          List.of(
              "org.apache.hadoop.hive.conf.HiveConf",
              "org.apache.hadoop.hive.ql.session.SessionState",
              "hive.log",
              "org.apache.hadoop.hive.metastore.ObjectStore")) {
        assertThat(lc.getLogger(hive).isEnabled(Level.WARN)).as(hive).isFalse();
      }
      assertThat(lc.getLogger("io.dynaframe.progress").isEnabled(Level.INFO)).isTrue();
      assertThat(lc.getLogger("org.apache.spark.SparkContext").isEnabled(Level.WARN)).isTrue();
    } finally {
      lc.stop();
    }
    assertThat(Files.readString(config)).contains("org.apache.hadoop.hive.conf.HiveConf");
  }
}
