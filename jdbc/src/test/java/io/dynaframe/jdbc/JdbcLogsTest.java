package io.dynaframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.testing.SparkTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * No password reaches a log line, at DEBUG, of dynaframe or of Spark's JDBC data source, while a
 * run reads, writes, publishes and fails.
 */
@SparkTest
class JdbcLogsTest {

  /** Keeps every message logged while it is attached. */
  private static final class Capture extends AbstractAppender {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Capture() {
      super("jdbc-logs-test", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder b = new StringBuilder(event.getMessage().getFormattedMessage());
      for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
        b.append(" | ").append(t);
      }
      lines.add(b.toString());
    }
  }

  @Test
  void noPasswordInAnyLogLine(DynaContext ctx) {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS lg CASCADE",
        "CREATE SCHEMA lg",
        "CREATE TABLE lg.t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
        "INSERT INTO lg.t VALUES (1, 'a'), (2, 'b')");
    LoggerContext lc = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = lc.getConfiguration();
    Capture capture = new Capture();
    capture.start();
    List<String> names = List.of("io.dynaframe", "org.apache.spark.sql.execution.datasources.jdbc");
    for (String name : names) {
      LoggerConfig c = new LoggerConfig(name, Level.DEBUG, false);
      c.addAppender(capture, Level.DEBUG, null);
      cfg.addLogger(name, c);
    }
    lc.updateLoggers();
    try {
      Options o = Postgres.options("dbtable", "lg.t", "hashfield", "v", "hashpartitions", 2);
      String urlWithPassword = Postgres.url() + "?password=" + Postgres.PASSWORD;
      DynamicFrame f =
          ctx.createDynamicFrameFromOptions(
              "postgresql", o.with("url", urlWithPassword), "", Options.empty(), "read_t");
      assertThat(f.count()).isEqualTo(2);
      ctx.writeDynamicFrameFromOptions(
          f,
          "postgresql",
          Postgres.options("dbtable", "lg.copy", "writeMode", "publish"),
          "",
          Options.empty(),
          "publish_t");
      assertThatThrownBy(
          () ->
              ctx.createDynamicFrameFromOptions(
                  "postgresql",
                  Postgres.options("dbtable", "lg.missing"),
                  "",
                  Options.empty(),
                  "read_missing"));
      assertThatThrownBy(
          () ->
              ctx.writeDynamicFrameFromOptions(
                  f.withRows(f.toDF().selectExpr("id", "CAST(NULL AS STRING) AS v")),
                  "postgresql",
                  Postgres.options("dbtable", "lg.t", "writeMode", "publish"),
                  "",
                  Options.empty(),
                  "publish_bad"));
    } finally {
      names.forEach(cfg::removeLogger);
      lc.updateLoggers();
    }
    List<String> lines = new ArrayList<>(capture.lines);
    assertThat(lines)
        .as("log lines (logging through %s)", org.slf4j.LoggerFactory.getILoggerFactory())
        .isNotEmpty();
    assertThat(lines).noneMatch(l -> l.contains(Postgres.PASSWORD));
  }

  @Test
  void noSecretValueInAnyLogLineOrMessage(DynaContext ctx) throws Exception {
    Postgres.sql(
        "DROP SCHEMA IF EXISTS lgs CASCADE",
        "CREATE SCHEMA lgs",
        "CREATE TABLE lgs.t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
        "INSERT INTO lgs.t VALUES (1, 'a'), (2, 'b')");
    String wrong = "Wrong-51c0-never-shown";
    java.nio.file.Path file = java.nio.file.Files.createTempFile("dynaframe-secrets", ".json");
    java.nio.file.Files.writeString(
        file,
        "{\"ok\": {\"username\": \"etl\", \"password\": \""
            + Postgres.PASSWORD
            + "\"}, \"bad\": {\"username\": \"etl\", \"password\": \""
            + wrong
            + "\"}}");
    io.dynaframe.catalog.memory.InMemoryCatalog catalog =
        io.dynaframe.catalog.memory.InMemoryCatalog.create();
    catalog.createConnection(
        io.dynaframe.catalog.Connection.jdbc("ok", Postgres.url()).withSecretId("ok"));
    catalog.createConnection(
        io.dynaframe.catalog.Connection.jdbc("bad", Postgres.url()).withSecretId("bad"));
    catalog.createConnection(
        io.dynaframe.catalog.Connection.jdbc("plain", Postgres.url())
            .withCredentials("etl", wrong));
    DynaContext c = ctx.withCatalog(catalog);
    ctx.spark().conf().set(io.dynaframe.jdbc.internal.Secrets.FILE, file.toString());
    LoggerContext lc = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = lc.getConfiguration();
    Capture capture = new Capture();
    capture.start();
    List<String> names = List.of("io.dynaframe", "org.apache.spark.sql.execution.datasources.jdbc");
    for (String name : names) {
      LoggerConfig lcfg = new LoggerConfig(name, Level.DEBUG, false);
      lcfg.addAppender(capture, Level.DEBUG, null);
      cfg.addLogger(name, lcfg);
    }
    lc.updateLoggers();
    List<String> messages = new ArrayList<>();
    try {
      Options ok = Options.of("useConnectionProperties", "true", "connectionName", "ok");
      DynamicFrame f =
          c.createDynamicFrameFromOptions(
              "postgresql", ok.with("dbtable", "lgs.t"), "", Options.empty(), "read_ok");
      assertThat(f.count()).isEqualTo(2);
      c.writeDynamicFrameFromJdbcConf(
          f, "ok", Options.of("dbtable", "lgs.copy", "writeMode", "publish"), "publish_ok");
      messages.add(String.valueOf(c.getJDBCSink("ok", Options.of("dbtable", "lgs.copy"), "")));
      messages.add(String.valueOf(JdbcConnector.extractJdbcConf(c, "ok")));
      messages.add(String.valueOf(JdbcConnector.extractJdbcConf(c, "plain")));
      messages.add(String.valueOf(catalog.getConnection("plain")));
      for (String conn : List.of("bad", "plain")) {
        Throwable t =
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    c.createDynamicFrameFromOptions(
                            "postgresql",
                            Options.of(
                                "useConnectionProperties", "true",
                                "connectionName", conn,
                                "dbtable", "lgs.t"),
                            "",
                            Options.empty(),
                            "read_" + conn)
                        .count());
        assertThat(t).isNotNull();
        for (Throwable x = t; x != null; x = x.getCause()) {
          messages.add(String.valueOf(x));
        }
      }
    } finally {
      ctx.spark().conf().unset(io.dynaframe.jdbc.internal.Secrets.FILE);
      java.nio.file.Files.deleteIfExists(file);
      names.forEach(cfg::removeLogger);
      lc.updateLoggers();
    }
    List<String> lines = new ArrayList<>(capture.lines);
    assertThat(lines).isNotEmpty();
    assertThat(lines).noneMatch(l -> l.contains(Postgres.PASSWORD) || l.contains(wrong));
    assertThat(messages).hasSizeGreaterThan(5);
    assertThat(messages).noneMatch(l -> l.contains(Postgres.PASSWORD) || l.contains(wrong));
  }
}
