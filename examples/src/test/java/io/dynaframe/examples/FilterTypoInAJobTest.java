package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.TransformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input corpus: a Filter with a typo in a column name inside a job, where the run counts every
 * step's records: the message names the step, the column and the frame's columns, and shows neither
 * Spark's plan nor the run's internal names.
 */
@SparkTest
class FilterTypoInAJobTest {

  @TempDir Path dir;

  @Test
  void aFilterTypoInAJobNamesTheStepAndColumnsWithoutInternalNames(DynaContext ctx)
      throws IOException {
    Path in = Files.createDirectories(dir.resolve("people"));
    Files.writeString(in.resolve("p.json"), "{\"name\": \"Ann\", \"age\": 30}\n");
    try (Job job =
        Job.init(
            "typo",
            ctx,
            JobArguments.resolve(new String[] {"--JOB_NAME", "typo"}, "JOB_NAME"),
            Lake.at(dir.resolve("lake")))) {
      DynamicFrame people =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3",
                  Options.of("paths", List.of(in.toString())),
                  "json",
                  Options.empty(),
                  "read_people");
      assertThatThrownBy(() -> people.apply("adults", Filter.where("agee > 21")))
          .isInstanceOf(TransformException.class)
          .hasMessage(
              "Filter in step 'adults': the condition agee > 21 names column 'agee', which is"
                  + " not in the frame; the frame's columns are [name, age]; closest: age")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain("dynaframe_count_rows", "__dynaframe_error", "\n"));
    }
  }
}
