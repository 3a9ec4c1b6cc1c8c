package io.dynaframe.lineage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.lineage.ErrorSample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first error records of a step: the lowest ids win, whatever order they arrive in. */
class ErrorSamplerTest {

  private static ErrorSampler.Entry entry(long id) {
    return new ErrorSampler.Entry(id, "bad " + id, "file:/in/f.json", id + 1, "line " + id);
  }

  @Test
  void keepsTheRecordsWithTheLowestIdsAcrossTasks() {
    ErrorSampler driver = new ErrorSampler("orders", 3);
    ErrorSampler task1 = driver.copy();
    ErrorSampler task2 = driver.copy();
    for (long id : new long[] {9, 5, 7}) {
      task1.add(entry(id));
    }
    for (long id : new long[] {8, 2, 6, 4}) {
      task2.add(entry(id));
    }
    driver.merge(task2);
    driver.merge(task1);
    driver.merge(task2); // a task whose update arrives twice (a retried task) counts once
    assertThat(driver.value())
        .containsExactly(
            new ErrorSample("orders", "bad 2", "file:/in/f.json", 3, "line 2"),
            new ErrorSample("orders", "bad 4", "file:/in/f.json", 5, "line 4"),
            new ErrorSample("orders", "bad 5", "file:/in/f.json", 6, "line 5"));
  }

  @Test
  void aRecordEvaluatedTwiceOnTheDriverIsKeptOnceAndLongTextIsCut() {
    ErrorSampler s = new ErrorSampler("step", 5);
    String longText = "x".repeat(ErrorSample.MAX_TEXT + 10);
    s.offer("too long", "s3a://key:secret@bucket/in/f.json", 7L, longText);
    s.offer("too long", "s3a://key:secret@bucket/in/f.json", 7L, longText);
    s.offer("no file", null, null, null);
    List<ErrorSample> kept = s.value();
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0).file()).isEqualTo("s3a://bucket/in/f.json");
    assertThat(kept.get(0).line()).isEqualTo(7);
    assertThat(kept.get(0).text()).isEqualTo("x".repeat(ErrorSample.MAX_TEXT) + "...");
    assertThat(kept.get(1)).isEqualTo(new ErrorSample("step", "no file", "", 0, ""));
  }
}
