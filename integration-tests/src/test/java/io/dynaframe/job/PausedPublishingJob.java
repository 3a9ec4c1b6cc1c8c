package io.dynaframe.job;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.dynaframe.DynamicFrame;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.it.PublishingJob;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@link PublishingJob} whose publish stops at a phase and waits to be killed, for {@code
 * PublishCrashIT}: {@code PausedPublishingJob write|switch <the job's arguments>}. At {@code write}
 * the first task stops after its first record, with part of the new version written; at {@code
 * switch} every file is written and the catalog not yet switched. It prints {@code dynaframe:
 * publish paused at <phase>} when it stops there.
 */
public final class PausedPublishingJob {
  private static final AtomicBoolean PAUSED = new AtomicBoolean();

  private PausedPublishingJob() {}

  public static void main(String[] argv) {
    String phase = argv[0];
    if (!phase.equals("write") && !phase.equals("switch")) {
      throw new IllegalArgumentException("the phase to stop at is write or switch, not " + phase);
    }
    PublishingJob.run(
        Arrays.copyOfRange(argv, 1, argv.length), p -> p.withFaults(new PauseAt(phase)));
  }

  private record PauseAt(String phase) implements PublishFaults {
    @Override
    public DynamicFrame whileWriting(DynamicFrame frame, TableIdentifier table, String version) {
      if (!phase.equals("write")) {
        return frame;
      }
      UDF1<Integer, Boolean> gate =
          x -> {
            pauseForever("write");
            return true;
          };
      return frame.withRows(
          frame.toDF().filter(udf(gate, DataTypes.BooleanType).asNondeterministic().apply(lit(1))));
    }

    @Override
    public void beforeSwitch(TableIdentifier table, String version) {
      if (phase.equals("switch")) {
        pauseForever("switch");
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
