package io.dynaframe.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.RunReport;
import io.dynaframe.job.RunResult;
import io.dynaframe.testing.SparkTest;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs annotated jobs as runs of a {@link Job} in a local lake: OpenLineage events in the TEMP area
 * that parse with the OpenLineage model, the run report and its diagram, redaction.
 */
@SparkTest
class JobRunWithLakeTest {

  @TempDir Path root;

  private Job init(DynaContext ctx, String name) {
    String[] argv = {"--JOB_NAME", name, "--db-password", "hunter2", "--day", "2026-11-25"};
    return Job.init(
        name,
        ctx,
        JobArguments.resolve(argv, "JOB_NAME", "db-password", "day"),
        Lake.at(root.resolve("lake")));
  }

  @Test
  void emitsStartAndCompleteEventsWithDatasetsCountsAndColumnLineage(DynaContext ctx)
      throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    Job job = init(ctx, "orders-daily");
    RunResult result =
        JobRunner.run(new OrdersJob(root.resolve("landing"), root.resolve("out")), job);

    assertThat(job.status()).isEqualTo(Job.Status.SUCCEEDED);
    Path events = root.resolve("lake/temp/lineage/orders-daily/" + job.runId() + ".jsonl");
    assertThat(result.lineageEvents()).contains(events.toString());
    List<String> lines = Files.readAllLines(events);
    assertThat(lines).hasSize(2);
    OpenLineage.RunEvent start = OpenLineageClientUtils.runEventFromJson(lines.get(0));
    OpenLineage.RunEvent complete = OpenLineageClientUtils.runEventFromJson(lines.get(1));
    assertThat(start.getEventType()).isEqualTo(OpenLineage.RunEvent.EventType.START);
    assertThat(complete.getEventType()).isEqualTo(OpenLineage.RunEvent.EventType.COMPLETE);
    assertThat(complete.getRun().getRunId()).isEqualTo(start.getRun().getRunId());
    assertThat(complete.getJob().getNamespace()).isEqualTo("dynaframe");
    assertThat(complete.getJob().getName()).isEqualTo("orders-daily");
    assertThat(complete.getInputs())
        .extracting(OpenLineage.InputDataset::getNamespace, OpenLineage.InputDataset::getName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("file", root.resolve("landing/orders").toString()),
            org.assertj.core.groups.Tuple.tuple(
                "file", root.resolve("landing/customers").toString()));
    assertThat(complete.getInputs().get(0).getFacets().getSchema().getFields())
        .extracting(
            OpenLineage.SchemaDatasetFacetFields::getName,
            OpenLineage.SchemaDatasetFacetFields::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", "int"),
            org.assertj.core.groups.Tuple.tuple("customer", "string"),
            org.assertj.core.groups.Tuple.tuple("amount", "string"));

    OpenLineage.OutputDataset out = complete.getOutputs().get(0);
    assertThat(complete.getOutputs()).hasSize(1);
    assertThat(out.getNamespace()).isEqualTo("file");
    assertThat(out.getName()).isEqualTo(root.resolve("out/orders").toString());
    assertThat(out.getOutputFacets().getOutputStatistics().getRowCount()).isEqualTo(3L);
    Map<String, OpenLineage.ColumnLineageDatasetFacetFieldsAdditional> columns =
        out.getFacets().getColumnLineage().getFields().getAdditionalProperties();
    assertThat(columns).containsOnlyKeys("customer", "order_id", "amount", "name");
    OpenLineage.InputField orderId = columns.get("order_id").getInputFields().get(0);
    assertThat(List.of(orderId.getNamespace(), orderId.getName(), orderId.getField()))
        .containsExactly("file", root.resolve("landing/orders").toString(), "id");
    assertThat(orderId.getTransformations().get(0).getType()).isEqualTo("DIRECT");
    assertThat(orderId.getTransformations().get(0).getSubtype()).isEqualTo("IDENTITY");
    OpenLineage.InputField amount = columns.get("amount").getInputFields().get(0);
    assertThat(amount.getField()).isEqualTo("amount");
    assertThat(amount.getTransformations().get(0).getSubtype()).isEqualTo("TRANSFORMATION");
    assertThat(columns.get("name").getInputFields().get(0).getName())
        .isEqualTo(root.resolve("landing/customers").toString());
    assertThat(String.join("\n", lines)).doesNotContain("hunter2");
  }

  @Test
  void writesTheRunReportWithItsDiagramAndRedactsSecrets(DynaContext ctx) throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    Job job = init(ctx, "orders-daily");
    RunReport report =
        JobRunner.run(new OrdersJob(root.resolve("landing"), root.resolve("out")), job).report();

    Path folder = root.resolve("lake/temp/reports/orders-daily/" + job.runId());
    assertThat(report.folder()).contains(folder.toUri().toString().replaceAll("/$", ""));
    JsonNode json = new ObjectMapper().readTree(Files.readString(folder.resolve("report.json")));
    assertThat(json.get("job").asText()).isEqualTo("orders-daily");
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("arguments").get("db-password").asText()).isEqualTo("*****");
    assertThat(json.get("arguments").get("day").asText()).isEqualTo("2026-11-25");
    JsonNode orders = json.get("steps").get(0);
    assertThat(orders.get("id").asText()).isEqualTo("orders");
    assertThat(
            List.of(
                orders.get("recordsIn").asLong(),
                orders.get("recordsOut").asLong(),
                orders.get("recordsInError").asLong()))
        .containsExactly(5L, 4L, 1L);
    JsonNode valid = json.get("steps").get(3);
    assertThat(valid.get("id").asText()).isEqualTo("valid");
    assertThat(valid.get("inputs").get(0).asText()).isEqualTo("mapped");
    assertThat(valid.get("recordsInError").asLong()).isEqualTo(1L);
    assertThat(json.get("outputs").get(0).get("name").asText())
        .isEqualTo(root.resolve("out/orders").toString());
    assertThat(json.get("outputs").get(0).get("records").asLong()).isEqualTo(3L);
    assertThat(json.get("files").get("dot").asText()).endsWith("/lineage.dot");
    assertThat(json.get("files").get("lineageEvents").asText()).endsWith(job.runId() + ".jsonl");
    assertThat(Files.readString(folder.resolve("lineage.dot")))
        .contains("\"orders\" -> \"mapped\" [label=\"4\"]");
    assertThat(Files.readString(folder.resolve("lineage.mmd")))
        .startsWith("---\ntitle: \"orders-daily\"");
    assertThat(report.summary())
        .contains("job orders-daily run " + job.runId() + " (number 1, attempt 1): SUCCEEDED")
        .containsPattern("source orders +S3 JSON +5 in +4 out +1 errors")
        .contains("wrote " + root.resolve("out/orders") + " (3 records, step lakeOrders)");
    for (Path f :
        List.of(
            folder.resolve("report.json"),
            folder.resolve("lineage.dot"),
            folder.resolve("lineage.mmd"))) {
      assertThat(Files.readString(f)).doesNotContain("hunter2");
    }
  }

  /** A job whose source shows a secret-looking argument on its diagram. */
  @io.dynaframe.annotations.Job(name = "api-export")
  static class ApiJob {
    final Path in;
    final Path out;

    ApiJob(Path in, Path out) {
      this.in = in;
      this.out = out;
    }

    @Source(
        type = "S3 JSON",
        args = {"paths = landing/customers", "api_token = abc123"})
    DynamicFrame customers(DynaContext ctx) {
      return ctx.createDynamicFrameFromOptions(
          "s3", Options.of("paths", List.of(in.toString())), "json", Options.empty(), "customers");
    }

    @Sink(type = "S3 JSON", inputs = "customers", args = "path = out")
    void export(DynamicFrame customers, DynaContext ctx) {
      ctx.writeDynamicFrameFromOptions(
          customers, "s3", Options.of("path", out.toString()), "json", Options.empty(), "");
    }
  }

  @Test
  void secretLookingStepArgumentsAreRedactedInTheGraphThatRan(DynaContext ctx) throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    RunResult result =
        JobRunner.run(
            new ApiJob(root.resolve("landing/customers"), root.resolve("out")),
            ctx.withRunId(DynaContext.newRunId()));
    assertThat(result.graph().node("customers").orElseThrow().args())
        .containsExactly(Map.entry("paths", "landing/customers"), Map.entry("api_token", "*****"));
    assertThat(io.dynaframe.graph.DotRenderer.render(result.graph())).doesNotContain("abc123");
    assertThat(result.report().toJson()).doesNotContain("abc123");
  }

  /** A job whose step fails. */
  @io.dynaframe.annotations.Job(name = "broken")
  static class BrokenJob {
    final Path in;

    BrokenJob(Path in) {
      this.in = in;
    }

    @Source(type = "S3 JSON")
    DynamicFrame customers(DynaContext ctx) {
      return ctx.createDynamicFrameFromOptions(
          "s3", Options.of("paths", List.of(in.toString())), "json", Options.empty(), "customers");
    }

    @Step(inputs = "customers")
    DynamicFrame explode(DynamicFrame customers) {
      throw new IllegalStateException("the lookup service is down\nsecond line with details");
    }

    @Sink(inputs = "explode")
    void nowhere(DynamicFrame exploded) {}
  }

  @Test
  void aFailingStepFailsTheRunAndEmitsAFailEvent(DynaContext ctx) throws IOException {
    JobRunnerTest.landOrders(root.resolve("landing"));
    Job job = init(ctx, "broken");
    assertThatThrownBy(() -> JobRunner.run(new BrokenJob(root.resolve("landing/customers")), job))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the lookup service is down");

    assertThat(job.status()).isEqualTo(Job.Status.FAILED);
    List<String> lines =
        Files.readAllLines(root.resolve("lake/temp/lineage/broken/" + job.runId() + ".jsonl"));
    OpenLineage.RunEvent fail =
        OpenLineageClientUtils.runEventFromJson(lines.get(lines.size() - 1));
    assertThat(lines).hasSize(2);
    assertThat(fail.getEventType()).isEqualTo(OpenLineage.RunEvent.EventType.FAIL);
    assertThat(fail.getRun().getFacets().getErrorMessage().getMessage())
        .isEqualTo("java.lang.IllegalStateException: the lookup service is down");
    JsonNode json =
        new ObjectMapper()
            .readTree(
                Files.readString(
                    root.resolve("lake/temp/reports/broken/" + job.runId() + "/report.json")));
    assertThat(json.get("status").asText()).isEqualTo("FAILED");
    assertThat(json.get("steps")).hasSize(2);
  }
}
