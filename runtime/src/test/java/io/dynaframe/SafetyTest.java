package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.Publisher;
import io.dynaframe.job.RunResult;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safety: names are validated before they reach a path or SQL and quoted where they reach SQL;
 * paths cannot leave the lake's areas; secrets never reach logs, run reports, diagrams or lineage
 * events.
 */
@SparkTest
class SafetyTest {

  @TempDir Path root;

  // ---------------------------------------------------------------- names

  @Test
  void databaseAndTableNamesAreValidatedBeforeTheyReachAPathOrSql(DynaContext ctx)
      throws IOException {
    assertThatThrownBy(() -> DatabaseName.of("sales\n; DROP DATABASE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "database name must be on one line without control characters: 'sales\\n; DROP DATABASE x'");
    assertThatThrownBy(() -> TableIdentifier.of("sales", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table name must not be empty");
    assertThatThrownBy(() -> TableIdentifier.of("sales", " orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not start or end with white space");
    assertThatThrownBy(() -> TableIdentifier.of("x".repeat(256), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 255 characters");

    // a name that is a valid catalog name but not a safe folder name never becomes a path
    Lake lake = Lake.at(root.resolve("lake"));
    for (String bad : List.of("..", ".", "a/b", "orders; drop table x", "a`b", "../../etc")) {
      assertThatThrownBy(() -> lake.tablePath("sales", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' cannot be used as a name in the lake: use letters, digits, '_', '.', '=' and '-'");
    }
    DynamicFrame frame = Frames.json(ctx, "{\"id\": 1}");
    Catalog untouchable = stubCatalog(Map.of());
    assertThatThrownBy(
            () ->
                Publisher.of(ctx, untouchable, lake)
                    .publish(frame, TableIdentifier.of("sales", "a`b; x"), "parquet", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'a`b; x' cannot be used as a name");
    assertThat(Files.exists(root.resolve("lake/load"))).isFalse();
  }

  @Test
  void partitionKeysAreQuotedInSqlAndPartitionValuesEscapedInPaths(DynaContext ctx)
      throws IOException {
    String key = "we`ird key";
    Path table = root.resolve("table");
    String escapedKey = ExternalCatalogUtils.escapePathName(key);
    // the partition whose value looks like a way out of the table lives in one folder below the
    // table
    Path inside =
        table.resolve(escapedKey + "=" + ExternalCatalogUtils.escapePathName("x/../../outside"));
    Files.createDirectories(inside);
    Files.writeString(inside.resolve("p.json"), "{\"v\": \"inside\"}\n");
    Files.createDirectories(table.resolve(escapedKey + "=a"));
    Files.writeString(table.resolve(escapedKey + "=a/p.json"), "{\"v\": \"a\"}\n");
    Files.createDirectories(root.resolve("outside"));
    Files.writeString(root.resolve("outside/p.json"), "{\"v\": \"escaped the table\"}\n");
    TableIdentifier id = TableIdentifier.of("sales", "events");
    TableDefinition def =
        TableDefinition.builder(id)
            .column("v", "string")
            .partitionKey(key, "string")
            .location(table.toUri().toString())
            .classification("json")
            .build();
    Catalog catalog =
        stubCatalog(
            Map.of(
                "getTable",
                def,
                "listAllPartitions",
                List.of(
                    Partition.of(List.of("a"), null),
                    Partition.of(List.of("x/../../outside"), null))));
    DynaContext withCatalog = ctx.withCatalog(catalog);

    DynamicFrame outside =
        withCatalog.createDynamicFrameFromCatalog(
            "sales", "events", "", "`we``ird key` = 'x/../../outside'", Options.empty());
    DynamicFrame all = withCatalog.createDynamicFrameFromCatalog("sales", "events");

    List<Row> rows = outside.toDF().collectAsList();
    assertThat(rows)
        .extracting(r -> r.getAs("v") + "|" + r.getAs(key))
        .containsExactly("inside|x/../../outside");
    assertThat(all.toDF().orderBy("v").collectAsList())
        .extracting(r -> r.<String>getAs("v"))
        .containsExactly("a", "inside");
  }

  // ---------------------------------------------------------------- paths

  @Test
  void pathsFromOptionsCannotLeaveTheirLakeArea() {
    Lake lake = Lake.at(root.resolve("lake"));
    String source = lake.source();

    assertThat(lake.resolve(Lake.Area.SOURCE, "orders/2026-11"))
        .isEqualTo(source + "/orders/2026-11");
    assertThat(lake.resolve(Lake.Area.SOURCE, root.resolve("lake/source/orders").toString()))
        .isEqualTo(root.resolve("lake/source/orders").toString());
    assertThat(lake.resolve(Lake.Area.SOURCE, source + "/orders/")).isEqualTo(source + "/orders");
    for (String bad :
        List.of("../load/sales", "orders/../../load", "./orders", "orders/..", "..")) {
      assertThatThrownBy(() -> lake.resolve(Lake.Area.SOURCE, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "path '"
                  + bad
                  + "' holds a '.' or '..' segment; paths must stay in the SOURCE area "
                  + source);
    }
    for (String outside :
        List.of(
            "/etc/passwd",
            root.resolve("lake/load/sales").toString(),
            lake.load() + "/x",
            root.resolve("lake/sourcery").toString(),
            "s3://lake/source/x",
            "hdfs://nn/x")) {
      assertThatThrownBy(() -> lake.resolve(Lake.Area.SOURCE, outside))
          .as(outside)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "path '"
                  + outside
                  + "' is outside the SOURCE area "
                  + source
                  + "; give a path inside it, or one relative to it");
    }
    assertThatThrownBy(() -> lake.resolve(Lake.Area.SOURCE, "a\\..\\..\\x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a backslash or a control character");

    Lake s3 = Lake.at("s3://my-lake");
    assertThat(s3.resolve(Lake.Area.LOAD, "s3a://my-lake/load/sales/orders"))
        .isEqualTo("s3a://my-lake/load/sales/orders");
    assertThatThrownBy(() -> s3.resolve(Lake.Area.LOAD, "s3://other-bucket/load/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is outside the LOAD area s3://my-lake/load");
    assertThatThrownBy(() -> s3.resolve(Lake.Area.LOAD, "/load/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is outside the LOAD area");

    assertThatThrownBy(
            () -> Lake.of("s3://b/code", "s3://b/x/../temp", "s3://b/source", "s3://b/load"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the temp area of a lake must not hold '.' or '..' segments: 's3://b/x/../temp'");
    assertThatThrownBy(() -> s3.withLoad("s3://b/.."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the load area");
  }

  @Test
  void runIdsThatWouldNameAParentFolderAreRejected(DynaContext ctx) {
    for (String bad : List.of("..", ".", "a/b", "x y")) {
      assertThatThrownBy(() -> ctx.withRunId(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a run id may hold letters, digits, '.', '_' and '-' only");
    }
    assertThat(ctx.withRunId("20261125T210315Z-5f3a.1").runId())
        .isEqualTo("20261125T210315Z-5f3a.1");
  }

  // ---------------------------------------------------------------- secrets

  static final String ARG_SECRET = "s3cr3t-value";
  static final String OPTION_SECRET = "s3cr3t-option";
  static final String ANNOTATION_SECRET = "s3cr3t-annotation";

  /**
   * A job that is handed secrets every way a job can be: an argument, a source and a sink option, a
   * step argument.
   */
  @io.dynaframe.annotations.Job(name = "secret-job")
  static class SecretJob {
    final Path in;
    final Path out;

    SecretJob(Path in, Path out) {
      this.in = in;
      this.out = out;
    }

    @Source(
        type = "S3 JSON",
        args = {"paths = landing", "api_token = " + ANNOTATION_SECRET})
    DynamicFrame landing(DynaContext ctx) {
      // a connection type that takes a secret, as a database's does (the tests'
      // GuardedFilesConnector)
      return ctx.createDynamicFrameFromOptions(
          "guarded-files",
          Options.of("paths", List.of(in.toString()), "password", OPTION_SECRET),
          "json",
          Options.empty(),
          "landing");
    }

    @Sink(type = "S3 JSON", inputs = "landing", args = "path = out")
    void export(DynamicFrame landing, DynaContext ctx) {
      ctx.writeDynamicFrameFromOptions(
          landing,
          "guarded-files",
          Options.of("path", out.toString(), "aws_secret_access_key", OPTION_SECRET),
          "json",
          Options.empty(),
          "");
    }
  }

  @Test
  void secretsNeverAppearInLogsReportsDiagramsOrLineageEvents(DynaContext ctx) throws IOException {
    Path landing = root.resolve("landing");
    Files.createDirectories(landing);
    Files.writeString(landing.resolve("a.json"), "{\"id\": 1}\n{\"id\": 2}\nnot json\n");
    Path lakeDir = root.resolve("lake");
    String[] argv = {
      "--JOB_NAME", "secret-job", "--db_password=" + ARG_SECRET, "--day", "2026-11-25"
    };

    StringWriter logs = new StringWriter();
    RunResult result;
    Job job;
    try (LogCapture capture = new LogCapture(logs)) {
      job =
          Job.init(
              "secret-job",
              ctx,
              JobArguments.resolve(argv, "JOB_NAME", "db_password", "day"),
              Lake.at(lakeDir));
      LogManager.getLogger("io.dynaframe.test")
          .info(
              "job arguments: {}, options: {}",
              job.arguments(),
              Options.of("password", OPTION_SECRET, "user", "etl"));
      result = JobRunner.run(new SecretJob(landing, root.resolve("out")), job);
    }

    // what the run produced: logs, every file in the lake (report, diagrams, lineage events) and
    // the compile-time diagrams
    Map<String, String> produced = new LinkedHashMap<>();
    produced.put("log", logs.toString());
    try (Stream<Path> files = Files.walk(lakeDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // as Latin-1, so binary files (checksums) are scanned too; the secrets are ASCII
        produced.put(
            lakeDir.relativize(f).toString(),
            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    // the sink's output outside the lake, where a job's export goes
    Path out = root.resolve("out");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        produced.put(
            "output " + out.relativize(f),
            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(produced.keySet()).anyMatch(k -> k.startsWith("output ") && k.endsWith(".json"));
    for (String ext : List.of(".dot", ".mmd")) {
      try (InputStream in = SafetyTest.class.getResourceAsStream("SafetyTest$SecretJob" + ext)) {
        assertThat(in).as("compile-time diagram " + ext).isNotNull();
        produced.put("compile-time" + ext, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    produced.put("report summary", result.report().summary());
    produced.put("report json", result.report().toJson());
    produced.put("graph", io.dynaframe.graph.DotRenderer.render(result.graph()));

    // everything that should be there is there, so the scan below looks at real output
    String runFolder = "temp/reports/secret-job/" + job.runId();
    assertThat(produced)
        .containsKeys(
            runFolder + "/report.json",
            runFolder + "/lineage.dot",
            runFolder + "/lineage.mmd",
            "temp/lineage/secret-job/" + job.runId() + ".jsonl");
    assertThat(produced.get("log"))
        .contains("job secret-job run " + job.runId())
        .contains("job arguments: JobArguments{")
        .contains("db_password=*****")
        .contains("password=*****");
    assertThat(produced.get(runFolder + "/report.json"))
        .contains("\"db_password\" : \"*****\"")
        .contains("\"api_token\" : \"*****\"")
        .contains("\"recordsInError\" : 1");
    assertThat(produced.get("compile-time.dot")).contains("api_token = *****");

    List<String> leaks = new ArrayList<>();
    produced.forEach(
        (what, text) -> {
          for (String secret : List.of(ARG_SECRET, OPTION_SECRET, ANNOTATION_SECRET)) {
            if (text.contains(secret)) {
              leaks.add(secret + " in " + what);
            }
          }
        });
    assertThat(leaks).isEmpty();
  }

  /**
   * Failures whose cause is right next to a secret (a misspelt option beside a password, an unknown
   * connection type, a source that cannot be read, a missing job argument): the exception's whole
   * text (messages and stack trace of every cause) names what is wrong and never the secret.
   */
  @Test
  void secretsNeverAppearInExceptionMessages(DynaContext ctx) {
    Path missing = root.resolve("no-such-folder");
    List<Runnable> failing =
        List.of(
            () ->
                ctx.createDynamicFrameFromOptions(
                    "s3",
                    Options.of("paths", List.of(missing.toString()), "pasword", OPTION_SECRET),
                    "json",
                    Options.empty(),
                    "misspelt"),
            () ->
                ctx.createDynamicFrameFromOptions(
                    "postgresql",
                    Options.of("url", "jdbc:postgresql://db/x", "password", OPTION_SECRET),
                    "json",
                    Options.empty(),
                    "uninstalled"),
            () ->
                ctx.createDynamicFrameFromOptions(
                        "guarded-files",
                        Options.of("paths", List.of(missing.toString()), "password", OPTION_SECRET),
                        "json",
                        Options.empty(),
                        "unreadable")
                    .count(),
            () ->
                JobArguments.resolve(
                    new String[] {"--db_password=" + ARG_SECRET}, "JOB_NAME", "db_password"),
            () ->
                ctx.writeDynamicFrameFromOptions(
                    Frames.json(ctx, "{\"id\": 1}"),
                    "s3",
                    Options.of("path", root.resolve("o").toString(), "secret_key", OPTION_SECRET),
                    "no-such-format",
                    Options.empty(),
                    ""));
    List<String> leaks = new ArrayList<>();
    int failed = 0;
    for (Runnable r : failing) {
      try {
        r.run();
      } catch (RuntimeException e) {
        failed++;
        StringWriter trace = new StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        for (String secret : List.of(ARG_SECRET, OPTION_SECRET)) {
          if (trace.toString().contains(secret)) {
            leaks.add(secret + " in " + e);
          }
        }
      }
    }
    assertThat(failed).as("every call failed").isEqualTo(failing.size());
    assertThat(leaks).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  /** A catalog that answers the named methods with the given values and refuses everything else. */
  private static Catalog stubCatalog(Map<String, Object> answers) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getName().equals("type")) {
            return "stub";
          }
          if (answers.containsKey(method.getName())) {
            return answers.get(method.getName());
          }
          if (method.getName().equals("toString")) {
            return "StubCatalog";
          }
          throw new UnsupportedOperationException("the stub catalog does not " + method.getName());
        };
    return (Catalog)
        Proxy.newProxyInstance(
            SafetyTest.class.getClassLoader(), new Class<?>[] {Catalog.class}, h);
  }

  /** Sends every log event (INFO and up, dynaframe's own from DEBUG) to a writer while open. */
  private static final class LogCapture implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender;
    private final Level rootLevel;
    private final Level ownLevel = LogManager.getLogger("io.dynaframe").getLevel();

    LogCapture(StringWriter target) {
      Configuration config = context.getConfiguration();
      appender =
          WriterAppender.newBuilder()
              .setName("safety-test")
              .setTarget(target)
              .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build())
              .build();
      appender.start();
      config.addAppender(appender);
      LoggerConfig rootConfig = config.getRootLogger();
      rootLevel = rootConfig.getLevel();
      rootConfig.addAppender(appender, Level.ALL, null);
      rootConfig.setLevel(Level.INFO);
      for (LoggerConfig lc : config.getLoggers().values()) {
        if (lc != rootConfig) {
          lc.addAppender(appender, Level.ALL, null);
        }
      }
      org.apache.logging.log4j.core.config.Configurator.setLevel("io.dynaframe", Level.DEBUG);
      context.updateLoggers();
    }

    @Override
    public void close() {
      Configuration config = context.getConfiguration();
      for (LoggerConfig lc : config.getLoggers().values()) {
        lc.removeAppender(appender.getName());
      }
      config.getRootLogger().removeAppender(appender.getName());
      config.getRootLogger().setLevel(rootLevel);
      org.apache.logging.log4j.core.config.Configurator.setLevel("io.dynaframe", ownLevel);
      context.updateLoggers();
      appender.stop();
    }
  }
}
