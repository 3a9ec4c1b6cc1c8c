package io.dynaframe.lineage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;
import sun.reflect.ReflectionFactory;

/**
 * The row counter behind run lineage's counts, on the driver and as Spark's heartbeat sees a task's
 * copy.
 */
class RowCounterTest {

  private static long id(int partition, long offset) {
    return ((long) partition << 33) | offset;
  }

  @Test
  void countsTheRowsOfEachPartitionOnceAndTheFlaggedOnes() {
    RowCounter c = new RowCounter();
    assertThat(c.isZero()).isTrue();
    for (long i = 0; i < 5; i++) {
      c.record(id(0, i), i == 3);
    }
    for (long i = 0; i < 7; i++) {
      c.record(id(1, i), false);
    }
    // partition 0 evaluated again on the driver: counted once, not twice
    for (long i = 0; i < 5; i++) {
      c.record(id(0, i), i == 3);
    }
    assertThat(c.isZero()).isFalse();
    assertThat(c.value()).isEqualTo(new RowCounter.Counts(12, 1));
  }

  @Test
  void mergedTaskCountsKeepTheLargestPerPartition() {
    RowCounter driver = new RowCounter();
    RowCounter first = new RowCounter();
    RowCounter retry = new RowCounter();
    for (long i = 0; i < 4; i++) {
      first.record(id(2, i), i == 0);
      retry.record(id(2, i), i == 0);
    }
    driver.merge(first);
    driver.merge(retry);
    assertThat(driver.value()).isEqualTo(new RowCounter.Counts(4, 1));
    RowCounter copy = driver.copy();
    driver.reset();
    assertThat(driver.isZero()).isTrue();
    assertThat(copy.value()).isEqualTo(new RowCounter.Counts(4, 1));
  }

  @Test
  void partitionCountsReportedByTasksKeepTheLargestPerPartitionAndStage() {
    RowCounter driver = new RowCounter();
    RowCounter task = new RowCounter();
    task.report(3, 0, 10, 2);
    RowCounter retry = new RowCounter();
    retry.report(3, 0, 10, 2); // the same partition again (a retried task): counted once
    RowCounter other = new RowCounter();
    other.report(3, 1, 5, 0);
    RowCounter secondJob = new RowCounter();
    secondJob.report(7, 0, 10, 2); // a later job evaluating the same rows: not added
    secondJob.report(7, 1, 5, 0);
    for (RowCounter c : new RowCounter[] {task, retry, other, secondJob}) {
      driver.merge(c);
    }
    assertThat(driver.value()).isEqualTo(new RowCounter.Counts(15, 2));
    RowCounter onDriver = new RowCounter();
    onDriver.report(-1, 0, 1, 0);
    onDriver.report(-1, 0, 2, 1); // the driver reports as it goes: the last, largest, stands
    assertThat(onDriver.value()).isEqualTo(new RowCounter.Counts(2, 1));
  }

  /**
   * Java serialization reads AccumulatorV2's part of a task's copy first, and that part registers
   * the copy with the task; the executor's heartbeat thread may then ask the copy whether it is
   * zero, and for its value, before RowCounter's own fields are read. Such an object (made here
   * without running any constructor, as deserialization makes it) must answer "zero", not throw.
   */
  @Test
  void aCopyNotYetDeserializedIsZero() throws Exception {
    Constructor<?> bare =
        ReflectionFactory.getReflectionFactory()
            .newConstructorForSerialization(
                RowCounter.class, Object.class.getDeclaredConstructor());
    RowCounter halfRead = (RowCounter) bare.newInstance();
    assertThat(halfRead.isZero()).isTrue();
    assertThat(halfRead.value()).isEqualTo(RowCounter.Counts.ZERO);
    assertThat(halfRead.copy().isZero()).isTrue();
  }
}
