package io.dynaframe.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spigot sampling in tasks, whose task fails after the sample of its partition was drawn and
 * written to a temporary file: Spark retries the task, the partition is computed again, and the
 * sample must hold exactly the records a single computation writes, not those of both attempts nor
 * another draw.
 *
 * <p>Spark retries a failed task in local mode only with a master of the form {@code
 * local[threads,maxFailures]}, and a test JVM has one SparkContext: this class runs in a surefire
 * execution of its own ({@code task-retries} in this module's pom), whose shared session has {@code
 * local[2,2]}; the tag keeps it out of the module's main execution.
 */
@SparkTest
@Tag("taskretries")
class SpigotTaskRetryTest {

  /** First attempts that the test made fail (local mode: one JVM). */
  static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

  @TempDir Path dir;

  @Test
  void aRetriedTaskWritesTheRecordsOfASingleComputation(DynaContext ctx) throws IOException {
    assertThat(ctx.spark().sparkContext().master())
        .as("this test needs a master that retries tasks; run it in the task-retries execution")
        .isEqualTo("local[2,2]");
    DynamicFrame in = DynamicFrame.fromDF(ctx.spark().range(0, 40, 1, 2).toDF("n"), ctx, "numbers");
    String once = dir.resolve("once").toString();
    String retried = dir.resolve("retried").toString();
    assertThat(in.apply("s", sampled(once)).count()).isEqualTo(40);

    FAILED_ATTEMPTS.set(0);
    DynamicFrame out = in.apply("s", sampled(retried));
    long n =
        out.toDF()
            .filter(
                (FilterFunction<Row>)
                    r -> {
                      TaskContext tc = TaskContext.get();
                      // the last record of partition 0 (0..19): the Spigot below has drawn and
                      // written the partition's sample by then
                      if (tc.attemptNumber() == 0 && r.getLong(0) == 19L) {
                        FAILED_ATTEMPTS.incrementAndGet();
                        throw new IllegalStateException("the first attempt fails on purpose");
                      }
                      return true;
                    })
            .count();

    assertThat(n).isEqualTo(40);
    assertThat(FAILED_ATTEMPTS.get()).as("first attempts that failed").isEqualTo(1);
    Map<String, List<String>> expected = files(once);
    assertThat(expected.keySet()).containsExactly("part-00000.json", "part-00001.json");
    assertThat(expected.get("part-00000.json")).isNotEmpty().doesNotHaveDuplicates();
    assertThat(files(retried)).isEqualTo(expected);
    try (Stream<Path> all = Files.list(Path.of(retried))) {
      assertThat(all.map(p -> p.getFileName().toString()).sorted().toList())
          .as("no temporary file of the failed attempt is left")
          .containsExactly("part-00000.json", "part-00001.json");
    }
  }

  /** Half the records of each partition, at most 5 of them, with a fixed seed. */
  private static Spigot sampled(String path) {
    return Spigot.to(path).inTasks().withProb(0.5).withTopk(5).withSeed(7);
  }

  private static Map<String, List<String>> files(String folder) throws IOException {
    Map<String, List<String>> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        byFile.put(p.getFileName().toString(), Files.readAllLines(p));
      }
    }
    return byFile;
  }
}
