package io.dynaframe.it;

import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.job.ConcurrentRunException;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@link RunExclusionIT}: {@code LeaseTaker <lake> <go file> <release file>} starts Spark,
 * waits until the go file exists, then starts a run of job {@code events} at once; prints {@code
 * lease taken} or {@code refused: <message>}; a run that took the lease holds it until the release
 * file exists, then commits.
 */
public final class LeaseTaker {
  private LeaseTaker() {}

  public static void main(String[] argv) throws Exception {
    Path lake = Path.of(argv[0]);
    Path go = Path.of(argv[1]);
    Path release = Path.of(argv[2]);
    DynaContext ctx =
        DynaContext.local().appName("lease-taker").dataDir(lake.resolve("spark")).build();
    System.out.println("ready");
    System.out.flush();
    while (!Files.exists(go)) {
      Thread.onSpinWait();
    }
    Job job;
    try {
      job =
          Job.init(
              "events",
              ctx,
              JobArguments.resolve(new String[] {"--job-bookmark-option", "job-bookmark-enable"}),
              Lake.at(lake));
    } catch (ConcurrentRunException e) {
      System.out.println("refused: " + e.getMessage());
      return;
    }
    System.out.println("lease taken");
    System.out.flush();
    while (!Files.exists(release)) {
      Thread.sleep(50);
    }
    job.commit();
    System.out.println("committed run " + job.runNumber());
  }
}
