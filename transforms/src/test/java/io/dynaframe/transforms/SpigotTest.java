package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.job.Lake;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.transforms.internal.SpigotSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class SpigotTest {

  /** Counts the records a Map upstream of the Spigot sees, to prove the upstream runs once (local mode: one JVM). */
  static final AtomicLong UPSTREAM_CALLS = new AtomicLong();

  @TempDir
  Path dir;

  @Test
  void passesTheFrameThroughAndWritesTheSampleAsJsonLinesWithChoicesAsValues(DynaContext ctx) throws IOException {
    DynamicFrame in = Frames.json(ctx, "{\"id\": 1, \"v\": 10}", "{\"id\": 2, \"v\": \"ten\"}", "{\"id\": 3}");
    String path = dir.resolve("sample").toString();

    DynamicFrame out = in.apply("peek", Spigot.to(path));

    FrameAssert.assertThat(out).isEqualTo(in);
    assertThat(lines(path)).containsExactlyInAnyOrder("{\"id\":1,\"v\":10}", "{\"id\":2,\"v\":\"ten\"}", "{\"id\":3}");
    FrameAssert.assertThat(Spigot.read(ctx, path)).isEqualTo(in);
  }

  @Test
  void theSampleStepTakesTheCountOfItsInputWithoutCountingRowsAgain(DynaContext shared) throws IOException {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    DynamicFrame in = Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}");
    DynamicFrame kept = in.apply("keep", Filter.where(org.apache.spark.sql.functions.col("id").gt(1)));
    DynamicFrame sampled = kept.apply("peek", Spigot.to(dir.resolve("counted").toString()));

    assertThat(sampled.count()).isEqualTo(2);
    io.dynaframe.graph.StepStats peek = ctx.lineage().graph().node("peek").orElseThrow().stats().orElseThrow();
    assertThat(List.of(peek.recordsIn(), peek.recordsOut())).containsExactly(2L, 2L);
    // rows are counted at the source and after the filter; the sample's filter keeps every row
    String optimized = sampled.toDF().queryExecution().optimizedPlan().toString();
    assertThat(optimized.split("dynaframe_count_rows", -1)).hasSize(3);
    assertThat(lines(dir.resolve("counted").toString())).containsExactlyInAnyOrder("{\"id\":2}", "{\"id\":3}");
  }

  @Test
  void theUpstreamIsComputedOnceForTheSampleAndTheJob(DynaContext ctx) throws IOException {
    DynamicFrame in = Frames.rows(ctx, "n BIGINT", row(1L), row(2L), row(3L), row(4L), row(5L), row(6L));
    String path = dir.resolve("once").toString();
    UPSTREAM_CALLS.set(0);

    DynamicFrame counted = in.apply(io.dynaframe.transforms.Map.of(r -> {
      UPSTREAM_CALLS.incrementAndGet();
      return r;
    }));
    long n = counted.apply(Spigot.to(path).withTopk(2)).count();

    assertThat(n).isEqualTo(6);
    assertThat(UPSTREAM_CALLS.get()).isEqualTo(6);
    int partitions = in.getNumPartitions();
    assertThat(lines(path)).hasSize(Math.min(6, 2 * partitions));
  }

  @Test
  void probabilityZeroWritesNothingAndTopkCapsEachTask(DynaContext ctx) throws IOException {
    DynamicFrame in = Frames.rows(ctx, "n BIGINT", row(1L), row(2L), row(3L), row(4L)).coalesce(1);
    String none = dir.resolve("none").toString();
    String one = dir.resolve("one").toString();

    assertThat(in.apply(Spigot.to(none).withProb(0)).count()).isEqualTo(4);
    assertThat(in.apply(Spigot.of(one, Options.of("topk", 1))).count()).isEqualTo(4);

    assertThat(Path.of(none)).doesNotExist();
    assertThat(lines(one)).containsExactly("{\"n\":1}");
  }

  @Test
  void withAProbabilityTheTaskTakesTopkRecordsFromTheStartOfItsPartition(DynaContext ctx) throws IOException {
    DynamicFrame in = DynamicFrame.fromDF(ctx.spark().range(0, 20_000, 1, 1).toDF("n"), ctx, "numbers");
    String path = dir.resolve("start").toString();

    assertThat(in.apply("s", Spigot.to(path).withProb(0.05).withTopk(30).withSeed(3)).count()).isEqualTo(20_000);

    // 30 records, each from within the window: (30 + 10 * sqrt(30) + 20) / 0.05 = 2,096 records
    long window = SpigotSampler.window(30, 0.05);
    assertThat(window).isEqualTo(2_096);
    List<Long> picked = lines(path).stream().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).toList();
    assertThat(picked).hasSize(30).allMatch(n -> n < window).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void theWindowIsTopkWithoutAProbabilityAndUnboundedForATinyOne() {
    assertThat(SpigotSampler.window(100, 1.0)).isEqualTo(100);
    assertThat(SpigotSampler.window(100, 0.01)).isEqualTo(22_000);
    assertThat(SpigotSampler.window(100, 1e-12)).isEqualTo(1L << 33);
  }

  @Test
  void theSameRecordsArePickedWhenThePartitionIsComputedAgain(DynaContext ctx) throws IOException {
    DynamicFrame in = Frames.rows(ctx, "n BIGINT", row(1L), row(2L), row(3L), row(4L), row(5L), row(6L), row(7L),
        row(8L)).coalesce(1);
    String path = dir.resolve("again").toString();
    DynamicFrame out = in.apply("s", Spigot.to(path).withProb(0.5).withSeed(7));

    out.count();
    List<String> first = lines(path);
    out.count();

    assertThat(lines(path)).isEqualTo(first);
    assertThat(first.size()).isBetween(1, 7);
  }

  @Test
  void defaultFolderIsPerJobRunAndStepUnderTheTempArea(DynaContext ctx) throws IOException {
    Lake lake = Lake.at(dir.resolve("lake"));
    DynamicFrame in = Frames.rows(ctx, "n BIGINT", row(1L), row(2L));

    Spigot spigot = Spigot.atDefaultLocation().inLake(lake).withJobName("orders-job");
    in.apply("orders sample", spigot).count();

    String expected = lake.samplesPath("orders-job", ctx.runId(), "orders_sample");

    assertThat(spigot.location(ctx, "orders sample")).isEqualTo(expected);
    FrameAssert.assertThat(Spigot.read(ctx, expected)).isEqualTo(Frames.json(ctx, "{\"n\": 1}", "{\"n\": 2}"));
    assertThat(Spigot.defaultPath(ctx, "x")).endsWith("/samples/dynaframe-tests/" + ctx.runId() + "/x");
  }

  @Test
  void aSampleOpensAsASqlView(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"id\": 1, \"total\": 120}", "{\"id\": 2, \"total\": 80}");
    String path = dir.resolve("view").toString();
    Spigot.apply(in, path, Options.of("topk", 100, "prob", 1.0), "peek").count();

    Spigot.createTempView(ctx, path, "orders_sample");

    List<Row> rows = ctx.spark().sql("SELECT id FROM orders_sample WHERE total > 100").collectAsList();
    assertThat(rows).extracting(r -> r.getLong(0)).containsExactly(1L);
  }

  private static List<String> lines(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .flatMap(p -> {
            try {
              return Files.readAllLines(p).stream();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).toList();
    }
  }
}
