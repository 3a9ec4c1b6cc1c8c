package io.dynaframe.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.RunReport;
import io.dynaframe.testing.SparkTest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run page in a real browser: a job whose source has a line that is not JSON, a Spigot and a
 * sink, then its {@code run.html} opened from a {@code file:} URL in headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}) through Selenium. Tagged {@code browser}: left out
 * of the README's test command, run and required by {@code .ci/run}, which installs Chromium; here
 * a missing Chromium fails the test, it never skips it.
 */
@SparkTest
@Tag("browser")
class RunPageBrowserTest {
  private static final String EVIL_COLUMN = "<img src=x onerror=alert(1)>";

  @TempDir Path root;

  private WebDriver browser;

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void pageLoadsWithoutScriptErrorsShowsEveryStepAndOpensTheSample(DynaContext shared)
      throws IOException {
    Path orders = root.resolve("landing/orders");
    Files.createDirectories(orders);
    Path file = orders.resolve("part-1.json");
    Files.writeString(
        file,
        String.join(
                "\n",
                "{\"id\": 1, \"amount\": 5, \""
                    + EVIL_COLUMN
                    + "\": \"</td><script>x()</script>\"}",
                "{\"id\": 2, \"amount\": 7, \"" + EVIL_COLUMN + "\": \"b\"}",
                "this line <b>is not</b> JSON",
                "{\"id\": 3, \"amount\": 9, \"" + EVIL_COLUMN + "\": \"c\"}")
            + "\n");
    Lake lake = Lake.at(root.resolve("lake"));
    Job job =
        Job.init(
            "browser-job",
            shared,
            JobArguments.resolve(new String[] {"--JOB_NAME", "browser-job"}, "JOB_NAME"),
            lake);
    DynaContext ctx = job.context();
    DynamicFrame read =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(orders.toString())),
            "json",
            Options.empty(),
            "orders");
    String samples = lake.samplesPath("browser-job", ctx.runId(), "sample_orders");
    DynamicFrame sampled = read.apply("sample_orders", Spigot.to(samples).withTopk(2));
    ctx.writeDynamicFrameFromOptions(
        sampled,
        "s3",
        Options.of("path", root.resolve("out/orders").toString()),
        "json",
        Options.empty(),
        "write_orders");
    job.commit();
    RunReport report = RunReport.of(job).writeTo(RunReport.defaultFolder(job));
    URI page = URI.create(report.page().orElseThrow());
    assertThat(Path.of(page)).exists();

    browser = chromium();
    browser.get(page.toString());
    // for people: what the page looked like in this run
    Path shot = Path.of("target", "run-page-browser-test.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    // the page loads, with no script error, and nothing the data brought runs or shows as markup
    assertThat(browser.getTitle()).isEqualTo("browser-job run " + job.runId());
    List<String> severe = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(e.getMessage());
      }
    }
    assertThat(severe).as("severe browser log entries").isEmpty();
    assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();

    // the diagram shows every step with its counts
    assertThat(report.steps())
        .extracting(RunReport.Step::id)
        .containsExactly("orders", "sample_orders", "write_orders");
    for (RunReport.Step s : report.steps()) {
      WebElement box =
          browser.findElement(By.cssSelector("svg g.node[data-step='" + s.id() + "']"));
      assertThat(box.isDisplayed()).isTrue();
      assertThat(box.findElement(By.cssSelector("text.id")).getText()).isEqualTo(s.id());
      assertThat(box.findElement(By.cssSelector("text.counts")).getText())
          .isEqualTo(
              s.recordsIn()
                  + " in · "
                  + s.recordsOut()
                  + " out · "
                  + s.recordsInError()
                  + (s.recordsInError() == 1 ? " error" : " errors"));
    }
    assertThat(
            browser
                .findElement(By.cssSelector("svg g.node[data-step='orders'] text.counts"))
                .getText())
        .isEqualTo("4 in · 3 out · 1 error");
    assertThat(
            browser
                .findElement(By.cssSelector("svg g.node[data-step='write_orders'] text.counts"))
                .getText())
        .isEqualTo("3 in · 3 out · 0 errors");

    // the error record with its file and line
    WebElement error =
        browser.findElement(By.cssSelector("div.step-errors[data-step='orders'] tr.error"));
    assertThat(error.findElement(By.cssSelector("td.file")).getText()).endsWith(file.toString());
    assertThat(error.findElement(By.cssSelector("td.line")).getText()).isEqualTo("3");
    assertThat(error.findElement(By.cssSelector("td.text")).getText())
        .isEqualTo("this line <b>is not</b> JSON");

    // the column named like markup shows as text in the output's column lineage
    assertThat(
            browser
                .findElements(By.cssSelector("div.output-lineage[data-step='write_orders'] td"))
                .stream()
                .map(WebElement::getText))
        .contains(EVIL_COLUMN, "orders." + EVIL_COLUMN);

    // the link to the sample opens it
    Path sampleFile = onlySampleFile(Path.of(URI.create(samples).getPath()));
    String expected = Files.readString(sampleFile).strip();
    assertThat(expected).contains("\"id\"");
    WebElement link =
        browser.findElement(By.cssSelector("div.sample[data-step='sample_orders'] a.sample-file"));
    assertThat(link.getText()).isEqualTo(sampleFile.getFileName().toString());
    link.click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("/" + sampleFile.getFileName()));
    assertThat(Path.of(URI.create(browser.getCurrentUrl()))).isEqualTo(sampleFile);
    // Chromium shows a .json file as text (with a pretty-print switch when it parses as a whole)
    String shown = browser.findElement(By.tagName("body")).getText();
    for (String line : expected.split("\n")) {
      assertThat(shown).contains(line.strip());
    }
  }

  private static Path onlySampleFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> parts =
          files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
      assertThat(parts).as("sample files in " + folder).hasSize(1);
      return parts.get(0);
    }
  }

  /** Headless Chromium with Debian's chromedriver; fails (never skips) when either is missing. */
  static WebDriver chromium() {
    String chrome =
        onPath("chromium", "chromium-browser", "google-chrome")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the browser test needs Chromium on the PATH: install the Debian packages"
                            + " chromium and chromium-driver (.ci/run does)"));
    String driver =
        onPath("chromedriver")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the browser test needs chromedriver on the PATH: install the Debian"
                            + " package chromium-driver (.ci/run does)"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
    return new ChromeDriver(service, options);
  }

  private static Optional<String> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p.toString());
        }
      }
    }
    return Optional.empty();
  }
}
