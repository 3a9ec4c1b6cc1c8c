package io.dynaframe.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.dynaframe.DynamicFrame;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.it.PublishingJob;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@link PublishingJob} whose run stops at a phase and waits to be killed, for {@code
 * PublishCrashIT}: {@code PausedPublishingJob PHASE <the job's arguments>}. It prints {@code
 * dynaframe: publish paused at PHASE} when it stops there. The phases, in the order a run passes
 * them:
 *
 * <ul>
 *   <li>{@code write}: the write runs as two tasks; the second stops once the first has finished,
 *       so part of the new version's data files exist;
 *   <li>{@code staged}: every file of the new version is written, the catalog not yet touched;
 *   <li>{@code table}: the table is updated (location, schema, history), no partition yet;
 *   <li>{@code partitions}: the partitions new to the table exist, the existing ones are not yet
 *       switched;
 *   <li>{@code published}: the publish has returned, the job has not committed its bookmarks;
 *   <li>{@code cleanup}: the cleanup after the publish has removed one old version folder.
 * </ul>
 */
public final class PausedPublishingJob {
  static final List<String> PHASES =
      List.of("write", "staged", "table", "partitions", "published", "cleanup");
  private static final AtomicBoolean PAUSED = new AtomicBoolean();
  private static final CountDownLatch FIRST_TASK_DONE = new CountDownLatch(1);

  private PausedPublishingJob() {}

  public static void main(String[] argv) {
    String phase = argv[0];
    if (!PHASES.contains(phase)) {
      throw new IllegalArgumentException(
          "the phase to stop at is one of " + PHASES + ", not " + phase);
    }
    PublishingJob.run(
        Arrays.copyOfRange(argv, 1, argv.length),
        p -> p.withFaults(new PauseAt(phase)),
        () -> {
          if (phase.equals("published")) {
            pauseForever(phase);
          }
        });
  }

  private record PauseAt(String phase) implements PublishFaults {
    @Override
    public DynamicFrame whileWriting(DynamicFrame frame, TableIdentifier table, String version) {
      if (!phase.equals("write")) {
        return frame;
      }
      UDF1<Integer, Boolean> gate =
          x -> {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 0) {
              task.addTaskCompletionListener(
                  (org.apache.spark.util.TaskCompletionListener) t -> FIRST_TASK_DONE.countDown());
            } else {
              FIRST_TASK_DONE.await();
              pauseForever("write");
            }
            return true;
          };
      return frame.withRows(
          frame
              .toDF()
              .repartitionByRange(2, col("id"))
              .filter(udf(gate, DataTypes.BooleanType).asNondeterministic().apply(lit(1))));
    }

    @Override
    public void beforeSwitch(TableIdentifier table, String version) {
      pauseAt("staged");
    }

    @Override
    public void afterTableSwitch(TableIdentifier table, String version) {
      pauseAt("table");
    }

    @Override
    public void afterPartitionsCreated(TableIdentifier table, String version) {
      pauseAt("partitions");
    }

    @Override
    public void duringCleanup(TableIdentifier table, String removedVersion) {
      pauseAt("cleanup");
    }

    private void pauseAt(String here) {
      if (phase.equals(here)) {
        pauseForever(here);
      }
    }
  }

  /**
   * Announces the phase and waits to be killed (once per JVM: the other tasks of the write go on).
   */
  static void pauseForever(String phase) {
    if (!PAUSED.compareAndSet(false, true)) {
      return;
    }
    System.out.println("dynaframe: publish paused at " + phase);
    System.out.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
