package io.dynaframe.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.Transform;
import io.dynaframe.lineage.ErrorSample;
import io.dynaframe.lineage.RunLineage;
import io.dynaframe.testing.SparkTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.spark.sql.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The run page without a browser: a run with source errors (a line that is not JSON), transform
 * errors, a sample and a sink, whose column names and values carry HTML; the page is read with the
 * JDK's XML parser (it is well-formed XML) and checked element by element.
 */
@SparkTest
class RunPageTest {
  /** A column name and values that would be markup if the page did not escape them. */
  static final String EVIL_COLUMN = "<img src=x onerror=alert(1)>";

  static final String EVIL_VALUE = "</td><script>alert(2)</script>";
  static final String EVIL_LINE = "not json <script>alert(3)</script> & \"quoted\"";

  @TempDir Path root;

  private DynaContext jobContext;

  /** Lands the orders: line 3 is not JSON; order 2 has a negative amount. */
  static Path landOrders(Path landing) throws IOException {
    Path dir = landing.resolve("orders");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("part-1.json"),
        String.join(
                "\n",
                "{\"id\": 1, \"" + jsonEscape(EVIL_COLUMN) + "\": \"a\", \"amount\": 5}",
                "{\"id\": 2, \""
                    + jsonEscape(EVIL_COLUMN)
                    + "\": \""
                    + jsonEscape(EVIL_VALUE)
                    + "\", \"amount\": -1}",
                EVIL_LINE,
                "{\"id\": 3, \"" + jsonEscape(EVIL_COLUMN) + "\": \"c\", \"amount\": 2}")
            + "\n");
    return dir.resolve("part-1.json");
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Sets negative amounts aside as error records of the step, with the record as JSON. */
  static final class RejectNegative implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      Column error =
          when(
              col("amount").lt(0),
              expr(ErrorRecords.sql(
                      "'" + step + "'",
                      "NULL",
                      "'negative amount'",
                      "NULL",
                      "to_json(named_struct('id', id, 'name', `" + EVIL_COLUMN + "`))"))
                  .cast(ErrorRecords.SCHEMA));
      return input.withStagedRows(input.toDF().withColumn(ErrorRecords.COLUMN, error));
    }
  }

  /** Writes a sample file into a folder and tells the run where it is, as Spigot does. */
  record FakeSpigot(String folder) implements Transform<DynamicFrame> {
    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      try {
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("part-00000.json"), "{\"id\": 1, \"sampled\": true}\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      input.context().observer().sampled(folder);
      return input;
    }
  }

  private RunReport run(DynaContext shared) throws IOException {
    landOrders(root.resolve("landing"));
    Lake lake = Lake.at(root.resolve("lake"));
    Job job =
        Job.init(
            "page-job",
            shared,
            JobArguments.resolve(
                new String[] {"--JOB_NAME", "page-job", "--db-password", "hunter2"},
                "JOB_NAME",
                "db-password"),
            lake);
    DynaContext ctx = job.context();
    jobContext = ctx;
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(root.resolve("landing/orders").toString())),
            "json",
            Options.empty(),
            "orders");
    String samples = lake.samplesPath("page-job", ctx.runId(), "sample_orders");
    DynamicFrame valid =
        orders
            .apply("reject_negative", new RejectNegative())
            .apply("sample_orders", new FakeSpigot(URI.create(samples).getPath()));
    ctx.writeDynamicFrameFromOptions(
        valid,
        "s3",
        Options.of("path", root.resolve("out/orders").toString()),
        "json",
        Options.empty(),
        "write_orders");
    job.commit();
    return RunReport.of(job).writeTo(RunReport.defaultFolder(job));
  }

  @Test
  void writesOnePageWithDiagramCountsErrorsSamplesAndLineage(DynaContext ctx) throws Exception {
    RunReport report = run(ctx);
    Path page = Path.of(URI.create(report.page().orElseThrow()));
    assertThat(page.getFileName().toString()).isEqualTo("run.html");
    assertThat(page.getParent().resolve("report.json")).exists();
    assertThat(report.summary()).contains("run page " + report.page().orElseThrow());
    assertThat(report.toJson()).contains("\"page\" : \"" + report.page().orElseThrow() + "\"");
    String html = Files.readString(page);
    Document doc = parse(html);
    XPath x = XPathFactory.newInstance().newXPath();

    // the diagram: one box per step with its counts, as the report counts them
    assertThat(report.steps())
        .extracting(RunReport.Step::id)
        .containsExactly("orders", "reject_negative", "sample_orders", "write_orders");
    for (RunReport.Step s : report.steps()) {
      Element box =
          (Element)
              x.evaluate(
                  "//svg//g[contains(@class,'node')][@data-step='" + s.id() + "']",
                  doc,
                  XPathConstants.NODE);
      assertThat(box).as("box of step " + s.id()).isNotNull();
      String counts = x.evaluate("text[@class='counts']", box);
      assertThat(counts)
          .isEqualTo(
              s.recordsIn()
                  + " in · "
                  + s.recordsOut()
                  + " out · "
                  + s.recordsInError()
                  + (s.recordsInError() == 1 ? " error" : " errors"));
      assertThat(x.evaluate("text[@class='id']", box)).isEqualTo(s.id());
    }
    assertThat(
            List.of(
                x.evaluate("//g[@data-step='orders']/text[@class='counts']", doc),
                x.evaluate("//g[@data-step='reject_negative']/text[@class='counts']", doc),
                x.evaluate("//g[@data-step='write_orders']/text[@class='counts']", doc)))
        .containsExactly(
            "4 in · 3 out · 1 error", "3 in · 2 out · 1 error", "2 in · 2 out · 0 errors");
    assertThat(edges(x, doc))
        .containsExactly(
            "orders->reject_negative",
            "reject_negative->sample_orders",
            "sample_orders->write_orders");

    // an edge is labelled with the records that went along it
    assertThat(
            List.of(
                x.evaluate("//g[@class='edge'][@data-to='reject_negative']/text", doc),
                x.evaluate("//g[@class='edge'][@data-to='write_orders']/text", doc)))
        .containsExactly("3", "2");

    // timings: a row per step with its time
    assertThat(texts(x, doc, "//table[@id='step-table']//tr[@data-step]/td[8]"))
        .hasSize(4)
        .allMatch(t -> t.matches("\\d+ ms|\\d+\\.\\d s|\\d+ min \\d\\d s"));

    // what was read and written
    assertThat(x.evaluate("//table[@id='sources']//tr[@data-step='orders']", doc))
        .contains("S3 JSON")
        .contains(root.resolve("landing/orders").toString());
    assertThat(texts(x, doc, "//table[@id='outputs']//tr/td[1]"))
        .containsExactly(root.resolve("out/orders").toString());
    assertThat(texts(x, doc, "//ul[@id='inputs']/li"))
        .containsExactly(root.resolve("landing/orders").toString());

    // the first error records of each step: the source's with file and line, the transform's
    Path file = root.resolve("landing/orders/part-1.json");
    List<String> sourceErrors = texts(x, doc, "//div[@data-step='orders']//tr[@class='error']/td");
    assertThat(sourceErrors).hasSize(4);
    assertThat(sourceErrors.get(0)).endsWith(file.toString());
    assertThat(sourceErrors.get(1)).isEqualTo("3");
    assertThat(sourceErrors.get(3)).isEqualTo(EVIL_LINE);
    List<String> stepErrors =
        texts(x, doc, "//div[@data-step='reject_negative']//tr[@class='error']/td");
    assertThat(stepErrors)
        .containsExactly("", "", "negative amount", "{\"id\":2,\"name\":\"" + EVIL_VALUE + "\"}");
    List<ErrorSample> first = RunLineage.of(jobContext).firstErrors("orders");
    assertThat(first).hasSize(1);
    assertThat(first.get(0).line()).isEqualTo(3);

    // the sample: a relative link that resolves to the sample file
    List<String> hrefs =
        attrs(x, doc, "//div[@data-step='sample_orders']//a[@class='sample-file']");
    assertThat(hrefs).hasSize(1);
    assertThat(hrefs.get(0)).startsWith("../").endsWith("/part-00000.json");
    Path sample = page.getParent().resolve(hrefs.get(0)).normalize();
    assertThat(sample).hasContent("{\"id\": 1, \"sampled\": true}");

    // column lineage of the output, the evil column name as text
    List<String> lineage = texts(x, doc, "//div[@data-step='write_orders']//tr/td");
    assertThat(lineage)
        .containsSubsequence(EVIL_COLUMN, "orders." + EVIL_COLUMN)
        .containsSubsequence("amount", "orders.amount")
        .containsSubsequence("id", "orders.id");

    // nothing the data brought became markup; nothing is loaded from elsewhere; no secret
    assertThat(x.evaluate("count(//script | //img | //iframe | //@src | //@onerror)", doc))
        .isEqualTo("0");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http://", "https://", "hunter2");
    assertThat(x.evaluate("//section[@id='arguments']", doc)).contains("db-password", "*****");
  }

  /**
   * Evaluates a ruleset as {@code EvaluateDataQuality} does (the quality module depends on this
   * one): hands the rule outcomes and the row-level outcomes (negative amounts fail) to the run.
   */
  static final class FakeQuality implements Transform<DynamicFrame> {
    static final String RULE = "ColumnValues \"amount\" >= 0 <b>";
    static final String REASON = "Value: -1 does not meet the constraint requirement! <i>";

    @Override
    public DynamicFrame expand(DynamicFrame input, String step) {
      input
          .context()
          .observer()
          .quality(
              new io.dynaframe.RunObserver.QualityEvaluation(
                  step,
                  "Rules = [ ... ]",
                  List.of(
                      new io.dynaframe.RunObserver.QualityRule(
                          "RowCount > 0",
                          "Passed",
                          null,
                          java.util.Map.of("Dataset.*.RowCount", 3.0)),
                      new io.dynaframe.RunObserver.QualityRule(
                          RULE,
                          "Failed",
                          REASON,
                          java.util.Map.of("Column.amount.ColumnValues.Compliance", 2.0 / 3))),
                  -1,
                  -1,
                  java.time.Instant.parse("2026-12-06T10:00:00Z")),
              input
                  .toDF()
                  .withColumn(
                      "DataQualityEvaluationResult",
                      when(col("amount").lt(0), "Failed").otherwise("Passed")));
      return input;
    }
  }

  @Test
  void showsTheDataQualityEvaluationsWithRulesOutcomesReasonsAndRowCounts(DynaContext shared)
      throws Exception {
    landOrders(root.resolve("landing"));
    Job job =
        Job.init(
            "quality-page-job",
            shared,
            JobArguments.resolve(new String[] {"--JOB_NAME", "quality-page-job"}, "JOB_NAME"),
            Lake.at(root.resolve("lake-q")));
    DynaContext ctx = job.context();
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(root.resolve("landing/orders").toString())),
            "json",
            Options.empty(),
            "orders");
    ctx.writeDynamicFrameFromOptions(
        orders.apply("check_orders", new FakeQuality()),
        "s3",
        Options.of("path", root.resolve("out/checked").toString()),
        "json",
        Options.empty(),
        "write_checked");
    job.commit();
    RunReport report = RunReport.of(job).writeTo(RunReport.defaultFolder(job));
    Document doc = parse(Files.readString(Path.of(URI.create(report.page().orElseThrow()))));
    XPath x = XPathFactory.newInstance().newXPath();

    String at = "//section[@id='quality']//div[@class='quality'][@data-step='check_orders']";
    assertThat(x.evaluate("count(//section[@id='quality']//div[@class='quality'])", doc))
        .isEqualTo("1");
    assertThat(x.evaluate(at + "/h3", doc)).isEqualTo("check_orders");
    // three records were read (the fourth line is not JSON), one has a negative amount
    assertThat(
            List.of(
                x.evaluate(at + "//span[@class='rules-passed']", doc),
                x.evaluate(at + "//span[@class='rules-failed']", doc),
                x.evaluate(at + "//span[@class='rows-passed']", doc),
                x.evaluate(at + "//span[@class='rows-failed']", doc),
                x.evaluate(at + "//code[@class='results-table']", doc)))
        .containsExactly("1", "1", "2", "1", "dynaframe_quality.quality_page_job");
    assertThat(texts(x, doc, at + "//tr[contains(@class,'rule')]/td"))
        .containsExactly(
            "RowCount > 0",
            "Passed",
            "",
            "Dataset.*.RowCount = 3.0",
            FakeQuality.RULE,
            "Failed",
            FakeQuality.REASON,
            "Column.amount.ColumnValues.Compliance = " + (2.0 / 3));
    assertThat(texts(x, doc, at + "//tr[contains(@class,'failed')]/td[@class='rule-text']"))
        .containsExactly(FakeQuality.RULE);
    assertThat(x.evaluate("count(//section[@id='quality']//b | //section[@id='quality']//i)", doc))
        .isEqualTo("0");
    assertThat(x.evaluate("//nav/a[@href='#quality']", doc)).isEqualTo("data quality");
  }

  @Test
  void relativeLinksEncodeEverySegmentAndStayOnOneFileSystem() {
    assertThat(
            RunPage.relative(
                "file:/lake/temp/reports/j/r", "file:/lake/temp/samples/j/r/s t/ü#?.json"))
        .isEqualTo("../../../samples/j/r/s%20t/%C3%BC%23%3F.json");
    assertThat(RunPage.relative("/lake/temp/reports/j/r", "file:///lake/temp/reports/j/r/x.json"))
        .isEqualTo("x.json");
    assertThat(RunPage.relative("s3a://b/lake/temp/reports/j/r", "s3a://b/lake/temp/samples/j/r/s"))
        .isEqualTo("../../../samples/j/r/s");
    assertThat(RunPage.relative("s3a://b/lake/temp/reports/j/r", "s3a://other/lake/s")).isNull();
    assertThat(RunPage.relative("file:/lake/reports", "s3a://b/lake/temp/samples")).isNull();
    assertThat(RunPage.esc("<a href=\"x\">'&'</a>\u0001"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\uFFFD");
  }

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setExpandEntityReferences(false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> edges(XPath x, Document doc) throws Exception {
    NodeList nodes = (NodeList) x.evaluate("//svg//g[@class='edge']", doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(attr(nodes.item(i), "data-from") + "->" + attr(nodes.item(i), "data-to"));
    }
    return out;
  }

  private static String attr(org.w3c.dom.Node n, String name) {
    return ((Element) n).getAttribute(name);
  }

  private static List<String> texts(XPath x, Document doc, String path) throws Exception {
    NodeList nodes = (NodeList) x.evaluate(path, doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  private static List<String> attrs(XPath x, Document doc, String path) throws Exception {
    NodeList nodes = (NodeList) x.evaluate(path, doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(attr(nodes.item(i), "href"));
    }
    return out;
  }
}
