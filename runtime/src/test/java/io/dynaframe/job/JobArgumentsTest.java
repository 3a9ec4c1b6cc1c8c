package io.dynaframe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.Lake;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  @Test
  void resolvesRequiredOptionsInBothSpellingsAndIgnoresTheRest() {
    JobArguments a =
        JobArguments.resolve(
            new String[] {
              "--JOB_NAME",
              "orders",
              "--input=s3://b/in",
              "--unused",
              "x",
              "--scriptLocation",
              "s3://code/job.py"
            },
            "JOB_NAME",
            "input");

    assertThat(a.get("JOB_NAME")).isEqualTo("orders");
    assertThat(a.get("input")).isEqualTo("s3://b/in");
    assertThat(a.bookmarkOption()).isEqualTo(JobArguments.BOOKMARK_DISABLE);
    assertThat(a.find("unused")).isEmpty();
  }

  @Test
  void oneErrorListsEveryMissingArgument() {
    assertThatThrownBy(
            () ->
                JobArguments.resolve(
                    new String[] {"--JOB_NAME", "j"}, "JOB_NAME", "input", "output"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("the job needs these arguments, which were not given: --input, --output");
  }

  @Test
  void aNameWithoutItsDashesIsPointedOut() {
    assertThatThrownBy(
            () ->
                JobArguments.resolve(
                    new String[] {"JOB_NAME", "x", "--input", "in", "-output=out"},
                    "JOB_NAME",
                    "input",
                    "output"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage(
            "the job needs these arguments, which were not given: --JOB_NAME, --output;"
                + " 'JOB_NAME' is not an argument name (names start with '--'): write --JOB_NAME x;"
                + " '-output=out' is not an argument name (names start with '--'): write --output"
                + " out");
    // a value that happens to be a wanted name is a value, not a stray name
    assertThatThrownBy(
            () -> JobArguments.resolve(new String[] {"--input", "output"}, "input", "output"))
        .hasMessage("the job needs these arguments, which were not given: --output");
  }

  @Test
  void abbreviationsAreNotAcceptedAsInGlue6() {
    assertThatThrownBy(() -> JobArguments.resolve(new String[] {"--inp", "x"}, "input"))
        .hasMessageContaining("--input");
  }

  @Test
  void reservedNamesCannotBeAskedForButAreResolved() {
    assertThatThrownBy(() -> JobArguments.resolve(new String[0], "job-bookmark-option"))
        .hasMessageStartingWith("'job-bookmark-option' is reserved by Glue");
    JobArguments a =
        JobArguments.resolve(
            new String[] {"--job-bookmark-option", "job-bookmark-enable", "--JOB_RUN_ID", "jr_1"});
    assertThat(a.bookmarkOption()).isEqualTo(JobArguments.BOOKMARK_ENABLE);
    assertThat(a.get("JOB_RUN_ID")).isEqualTo("jr_1");
  }

  @Test
  void bookmarkRangeOnlyWithPauseAndBothEnds() {
    assertThatThrownBy(
            () ->
                JobArguments.resolve(
                    new String[] {
                      "--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", "1"
                    }))
        .hasMessageContaining("give both");
    assertThatThrownBy(
            () ->
                JobArguments.resolve(
                    new String[] {
                      "--job-bookmark-option",
                      "job-bookmark-enable",
                      "--job-bookmark-from",
                      "1",
                      "--job-bookmark-to",
                      "2"
                    }))
        .hasMessageContaining("only allowed with");
    assertThatThrownBy(() -> JobArguments.resolve(new String[] {"--job-bookmark-option", "on"}))
        .hasMessageContaining("must be job-bookmark-enable");
    assertThat(
            JobArguments.resolve(new String[] {"--continuation-option", "continuation-enabled"})
                .bookmarkOption())
        .isEqualTo(JobArguments.BOOKMARK_ENABLE);
  }

  @Test
  void tempDirAndRedshiftTempDirAreAliases() {
    assertThat(
            JobArguments.resolve(new String[] {"--TempDir", "s3://t/"}, "RedshiftTempDir")
                .get("RedshiftTempDir"))
        .isEqualTo("s3://t/");
  }

  @Test
  void secretsAreRedactedWhenPrinted() {
    JobArguments a =
        JobArguments.resolve(
            new String[] {"--db_password", "hunter2", "--user", "etl"}, "db_password", "user");
    assertThat(a.toString())
        .doesNotContain("hunter2")
        .contains("user=etl")
        .contains("db_password=*****");
  }

  @Test
  void lakeNamesCannotEscapeTheirArea() {
    Lake lake = Lake.at("s3://lake/");
    assertThat(lake.tablePath("sales", "orders")).isEqualTo("s3://lake/load/sales/orders");
    assertThat(lake.samplesPath("job", "r1", "spigot"))
        .isEqualTo("s3://lake/temp/samples/job/r1/spigot");
    assertThatThrownBy(() -> lake.tablePath("sales", "../../etc"))
        .hasMessageContaining("'../../etc' cannot be used");
    assertThatThrownBy(() -> lake.tablePath("..", "x")).hasMessageContaining("'..' cannot be used");
  }
}
