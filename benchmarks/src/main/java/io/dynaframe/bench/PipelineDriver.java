package io.dynaframe.bench;

import io.dynaframe.DynaContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A driver JVM of the {@code cluster} benchmark: holds one Spark session on the given master (a
 * standalone cluster's, or {@code local[1]}) and runs the {@code pipeline} work whenever its parent
 * asks, so that the parent times the work alone, not the start of a JVM, a session or executors.
 *
 * <p>Usage: {@code PipelineDriver MASTER INPUT WORKDIR}; then on standard input one command a line:
 * {@code run TARGET} runs the pipeline into TARGET and answers {@code done <seconds>} (or {@code
 * failed <reason>}) on standard output; end of input stops the session and the JVM. Spark's own
 * settings come as {@code -Dspark.*} system properties.
 */
public final class PipelineDriver {
  private PipelineDriver() {}

  /** The line that answers a command starts with this, so Spark's console output cannot pass. */
  static final String ANSWER = "@@pipeline-driver ";

  public static void main(String[] args) throws Exception {
    String master = args[0];
    Path input = Path.of(args[1]);
    Path work = Path.of(args[2]);
    PrintStream out = System.out;
    DynaContext ctx =
        DynaContext.local()
            .master(master)
            .appName("bench-cluster-" + (master.startsWith("local") ? "local" : "cluster"))
            .dataDir(work)
            .hiveSupport(false)
            .shufflePartitions(4)
            .build();
    // executors start now, not in the first timed run
    ctx.spark().range(0, 1000, 1, 4).count();
    out.println(ANSWER + "ready");
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.startsWith("run ")) {
        continue;
      }
      long start = System.nanoTime();
      try {
        OrdersWorkload.pipeline(ctx, input, Path.of(line.substring(4)), null);
        out.println(
            ANSWER + String.format(Locale.ROOT, "done %.3f", (System.nanoTime() - start) / 1e9));
      } catch (RuntimeException e) {
        e.printStackTrace(out);
        out.println(ANSWER + "failed " + String.valueOf(e).replace('\n', ' '));
      }
      out.flush();
    }
    ctx.spark().stop();
  }
}
