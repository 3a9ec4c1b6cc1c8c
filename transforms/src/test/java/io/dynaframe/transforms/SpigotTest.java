package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.lineage.RunLineage;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class SpigotTest {

  /**
   * Counts the records a Map upstream of the Spigot sees, to prove the upstream runs once (local
   * mode: one JVM).
   */
  static final AtomicLong UPSTREAM_CALLS = new AtomicLong();

  @TempDir Path dir;

  @Test
  void passesTheFrameThroughAndWritesTheSampleAsJsonLinesWithChoicesAsValues(DynaContext ctx)
      throws IOException {
    DynamicFrame in =
        Frames.json(ctx, "{\"id\": 1, \"v\": 10}", "{\"id\": 2, \"v\": \"ten\"}", "{\"id\": 3}");
    String path = dir.resolve("sample").toString();

    DynamicFrame out = in.apply("peek", Spigot.to(path));

    FrameAssert.assertThat(out).isEqualTo(in);
    assertThat(lines(path))
        .containsExactlyInAnyOrder("{\"id\":1,\"v\":10}", "{\"id\":2,\"v\":\"ten\"}", "{\"id\":3}");
    FrameAssert.assertThat(Spigot.read(ctx, path)).isEqualTo(in);
  }

  @Test
  void theSampleStepTakesTheCountOfItsInputWithoutCountingRowsAgain(DynaContext shared)
      throws IOException {
    DynaContext ctx = shared.withRunId(DynaContext.newRunId());
    DynamicFrame in = Frames.json(ctx, "{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}");
    DynamicFrame kept =
        in.apply("keep", Filter.where(org.apache.spark.sql.functions.col("id").gt(1)));
    DynamicFrame sampled = kept.apply("peek", Spigot.to(dir.resolve("counted").toString()));

    assertThat(sampled.count()).isEqualTo(2);
    io.dynaframe.graph.StepStats peek =
        RunLineage.of(ctx).graph().node("peek").orElseThrow().stats().orElseThrow();
    assertThat(List.of(peek.recordsIn(), peek.recordsOut())).containsExactly(2L, 2L);
    // rows are counted at the source and after the filter; the sample's filter keeps every row
    String optimized = sampled.toDF().queryExecution().optimizedPlan().toString();
    assertThat(optimized.split("dynaframe_count_rows", -1)).hasSize(3);
    assertThat(lines(dir.resolve("counted").toString()))
        .containsExactlyInAnyOrder("{\"id\":2}", "{\"id\":3}");
  }

  @Test
  void theUpstreamIsComputedOnceForTheSampleAndTheJob(DynaContext ctx) throws IOException {
    DynamicFrame in =
        Frames.rows(ctx, "n BIGINT", row(1L), row(2L), row(3L), row(4L), row(5L), row(6L));
    String path = dir.resolve("once").toString();
    UPSTREAM_CALLS.set(0);

    DynamicFrame counted =
        in.apply(
            io.dynaframe.transforms.Map.of(
                r -> {
                  UPSTREAM_CALLS.incrementAndGet();
                  return r;
                }));
    long n = counted.apply(Spigot.to(path).inTasks().withTopk(2)).count();

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

    assertThat(in.apply(Spigot.to(none).inTasks().withProb(0)).count()).isEqualTo(4);
    assertThat(in.apply(Spigot.of(one, Options.of("topk", 1)).inTasks()).count()).isEqualTo(4);

    assertThat(Path.of(none)).doesNotExist();
    assertThat(lines(one)).containsExactly("{\"n\":1}");
  }

  @Test
  void withAProbabilityTheTaskTakesTopkRecordsFromTheStartOfItsPartition(DynaContext ctx)
      throws IOException {
    DynamicFrame in =
        DynamicFrame.fromDF(ctx.spark().range(0, 20_000, 1, 1).toDF("n"), ctx, "numbers");
    String path = dir.resolve("start").toString();

    assertThat(
            in.apply("s", Spigot.to(path).inTasks().withProb(0.05).withTopk(30).withSeed(3))
                .count())
        .isEqualTo(20_000);

    // 30 records, each from within the window: (30 + 10 * sqrt(30) + 20) / 0.05 = 2,096 records
    long window = SpigotSampler.window(30, 0.05);
    assertThat(window).isEqualTo(2_096);
    List<Long> picked =
        lines(path).stream().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).toList();
    assertThat(picked).hasSize(30).allMatch(n -> n < window).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aLocalSampleFolderHoldsOnlyThePartFilesNoChecksumsNorTemporaryFiles(DynaContext ctx)
      throws IOException {
    DynamicFrame in = DynamicFrame.fromDF(ctx.spark().range(0, 40, 1, 4).toDF("n"), ctx, "numbers");
    String path = dir.resolve("tidy").toString();

    assertThat(in.apply("s", Spigot.to(path).inTasks().withTopk(2)).count()).isEqualTo(40);

    try (Stream<Path> all = Files.list(Path.of(path))) {
      assertThat(all.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(
              "part-00000.json", "part-00001.json", "part-00002.json", "part-00003.json");
    }
    assertThat(lines(path))
        .containsExactly(
            "{\"n\":0}",
            "{\"n\":1}",
            "{\"n\":10}",
            "{\"n\":11}",
            "{\"n\":20}",
            "{\"n\":21}",
            "{\"n\":30}",
            "{\"n\":31}");
  }

  @Test
  void theWindowIsTopkWithoutAProbabilityAndUnboundedForATinyOne() {
    assertThat(SpigotSampler.window(100, 1.0)).isEqualTo(100);
    assertThat(SpigotSampler.window(100, 0.01)).isEqualTo(22_000);
    assertThat(SpigotSampler.window(100, 1e-12)).isEqualTo(1L << 33);
  }

  /**
   * A second job over the same frame in the same Spark environment leaves the sample as the first
   * wrote it (its tasks know the partitions are written). Partitions computed again in earnest (a
   * retried task, a union, a coalesce) are in {@code SpigotTaskRetryTest} and the tests above.
   */
  @Test
  void aSecondJobLeavesTheSampleAsTheFirstWroteIt(DynaContext ctx) throws IOException {
    DynamicFrame in =
        Frames.rows(
                ctx,
                "n BIGINT",
                row(1L),
                row(2L),
                row(3L),
                row(4L),
                row(5L),
                row(6L),
                row(7L),
                row(8L))
            .coalesce(1);
    String path = dir.resolve("again").toString();
    DynamicFrame out = in.apply("s", Spigot.to(path).inTasks().withProb(0.5).withSeed(7));

    out.count();
    List<String> first = lines(path);
    out.count();

    assertThat(lines(path)).isEqualTo(first);
    assertThat(first.size()).isBetween(1, 7);
  }

  /**
   * A frame consumed twice by one job (a union with itself) computes each of its partitions twice,
   * in two tasks whose partition numbers are not the frame's: the sample must still be the one a
   * single computation writes, file by file, not twice the records nor records drawn with another
   * partition's random stream.
   */
  @Test
  void aPartitionComputedTwiceInOneJobIsSampledAsItIsOnce(DynaContext ctx) throws IOException {
    DynamicFrame in = DynamicFrame.fromDF(ctx.spark().range(0, 40, 1, 2).toDF("n"), ctx, "numbers");
    String once = dir.resolve("union-once").toString();
    String twice = dir.resolve("union-twice").toString();
    assertThat(in.apply("s", sampled(once)).count()).isEqualTo(40);

    DynamicFrame out = in.apply("s", sampled(twice));
    assertThat(out.toDF().union(out.toDF()).count()).isEqualTo(80);

    java.util.Map<String, List<String>> expected = files(once);
    assertThat(expected.keySet()).containsExactly("part-00000.json", "part-00001.json");
    assertThat(expected.values()).allSatisfy(l -> assertThat(l).isNotEmpty());
    assertThat(files(twice)).isEqualTo(expected);
    assertThat(allNames(twice)).containsExactly("part-00000.json", "part-00001.json");
  }

  /**
   * One task of a coalesce computes several partitions of the frame: each still gets its own sample
   * (its own random stream and its own {@code topk}), as a job without the coalesce writes it.
   */
  @Test
  void aTaskThatComputesSeveralPartitionsSamplesEachAsItsOwn(DynaContext ctx) throws IOException {
    DynamicFrame in = DynamicFrame.fromDF(ctx.spark().range(0, 40, 1, 2).toDF("n"), ctx, "numbers");
    String apart = dir.resolve("coalesce-apart").toString();
    String together = dir.resolve("coalesce-together").toString();
    assertThat(in.apply("s", sampled(apart)).count()).isEqualTo(40);

    DynamicFrame out = in.apply("s", sampled(together));
    assertThat(out.toDF().coalesce(1).count()).isEqualTo(40);

    assertThat(files(together)).isEqualTo(files(apart)).hasSize(2);
  }

  /** Half the records of each partition, at most 5 of them, with a fixed seed. */
  private static Spigot sampled(String path) {
    return Spigot.to(path).inTasks().withProb(0.5).withTopk(5).withSeed(7);
  }

  private static List<String> allNames(String folder) throws IOException {
    try (Stream<Path> all = Files.list(Path.of(folder))) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void defaultFolderIsPerJobRunAndStepUnderTheTempArea(DynaContext ctx) throws IOException {
    Lake lake = Lake.at(dir.resolve("lake"));
    DynamicFrame in = Frames.rows(ctx, "n BIGINT", row(1L), row(2L));

    Spigot spigot = Spigot.atDefaultLocation().inLake(lake).withJobName("orders-job");
    in.apply("orders sample", spigot).count();

    String expected = lake.samplesPath("orders-job", ctx.runId(), "orders_sample");

    assertThat(spigot.location(ctx, "orders sample")).isEqualTo(expected);
    FrameAssert.assertThat(Spigot.read(ctx, expected))
        .isEqualTo(Frames.json(ctx, "{\"n\": 1}", "{\"n\": 2}"));
    assertThat(Spigot.defaultPath(ctx, "x"))
        .endsWith("/samples/dynaframe-tests/" + ctx.runId() + "/x");
  }

  @Test
  void aSampleOpensAsASqlView(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"id\": 1, \"total\": 120}", "{\"id\": 2, \"total\": 80}");
    String path = dir.resolve("view").toString();
    Spigot.apply(in, path, Options.of("topk", 100, "prob", 1.0), "peek").count();

    Spigot.createTempView(ctx, path, "orders_sample");

    List<Row> rows =
        ctx.spark().sql("SELECT id FROM orders_sample WHERE total > 100").collectAsList();
    assertThat(rows).extracting(r -> r.getLong(0)).containsExactly(1L);
  }

  @Test
  void theGeneratedCodeTheInterpretedPlanAndThePlainFilterTakeTheSameSample(DynaContext ctx)
      throws IOException {
    // a projection under the Spigot, which the optimiser moves above the Spigot's filter: the
    // record is then computed from the columns below
    Dataset<Row> numbers =
        ctx.spark()
            .range(0, 6_000, 1, 2)
            .toDF("n")
            .select(
                col("n"),
                concat(lit("n-"), col("n").cast("string")).alias("label"),
                col("n").divide(4).alias("quarter"));
    DynamicFrame in = DynamicFrame.fromDF(numbers, ctx, "numbers");

    Dataset<Row> generated =
        in.apply(
                "s",
                Spigot.to(dir.resolve("generated").toString())
                    .inTasks()
                    .withProb(0.05)
                    .withTopk(20)
                    .withSeed(11))
            .toDF();
    assertThat(generated.queryExecution().executedPlan().toString()).contains("*(1) Spigot [");
    List<Row> passed = generated.collectAsList();

    ctx.spark().conf().set("spark.sql.codegen.wholeStage", "false");
    try {
      Dataset<Row> interpreted =
          in.apply(
                  "s",
                  Spigot.to(dir.resolve("interpreted").toString())
                      .inTasks()
                      .withProb(0.05)
                      .withTopk(20)
                      .withSeed(11))
              .toDF();
      assertThat(interpreted.queryExecution().executedPlan().toString())
          .contains("Spigot [")
          .doesNotContain("*(");
      interpreted.collectAsList();
    } finally {
      ctx.spark().conf().unset("spark.sql.codegen.wholeStage");
    }

    Dataset<Row> filtered =
        in.apply(
                "s",
                Spigot.to(dir.resolve("filtered").toString())
                    .inTasks()
                    .withProb(0.05)
                    .withTopk(20)
                    .withSeed(11))
            .toDF();
    withoutSpigotPlanning(
        ctx,
        () -> {
          assertThat(filtered.queryExecution().executedPlan().toString())
              .contains("dynaframe_keeps_every_row_spigot")
              .doesNotContain("Spigot [");
          filtered.collectAsList();
        });

    FrameAssert.assertThat(
            DynamicFrame.fromDF(ctx.spark().createDataFrame(passed, numbers.schema()), ctx, "out"))
        .isEqualTo(in);
    java.util.Map<String, List<String>> sample = files(dir.resolve("generated").toString());
    assertThat(sample).hasSize(2);
    assertThat(sample.values()).allSatisfy(l -> assertThat(l).hasSize(20));
    assertThat(sample.get("part-00001.json").get(0))
        .matches("\\{\"n\":3\\d{3},\"label\":\"n-3\\d{3}\",\"quarter\":\\d+\\.\\d+}");
    assertThat(files(dir.resolve("interpreted").toString())).isEqualTo(sample);
    assertThat(files(dir.resolve("filtered").toString())).isEqualTo(sample);
  }

  @Test
  void theScanBelowASpigotReadsOnlyTheColumnsOfTheFrame(DynaContext ctx) throws IOException {
    String source = dir.resolve("abc").toString();
    ctx.spark()
        .range(0, 100, 1, 1)
        .toDF("a")
        .select(col("a"), col("a").cast("string").alias("b"), col("a").multiply(2).alias("c"))
        .write()
        .parquet(source);
    DynamicFrame ab =
        DynamicFrame.fromDF(ctx.spark().read().parquet(source).select("a", "b"), ctx, "ab");

    Dataset<Row> sampled =
        ab.apply("s", Spigot.to(dir.resolve("ab-sample").toString()).inTasks().withTopk(3)).toDF();

    String plan = sampled.queryExecution().executedPlan().toString();
    assertThat(plan).contains("Spigot [").contains("ReadSchema: struct<a:bigint,b:string>");
    assertThat(sampled.count()).isEqualTo(100);
    assertThat(lines(dir.resolve("ab-sample").toString()))
        .containsExactly("{\"a\":0,\"b\":\"0\"}", "{\"a\":1,\"b\":\"1\"}", "{\"a\":2,\"b\":\"2\"}");
  }

  @Test
  void aRecordTooWideForAMethodsParametersIsWrittenAlike(DynaContext ctx) throws IOException {
    // 100 nullable long columns need 300 parameter slots: more than a Java method takes
    Column[] wide = new Column[100];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = when(col("id").notEqual(1), col("id").plus(i)).alias("c" + i);
    }
    DynamicFrame in =
        DynamicFrame.fromDF(ctx.spark().range(0, 5, 1, 1).toDF("id").select(wide), ctx, "wide");
    String path = dir.resolve("wide").toString();

    Dataset<Row> out = in.apply("s", Spigot.to(path).inTasks().withTopk(2)).toDF();

    assertThat(out.queryExecution().executedPlan().toString()).contains("Spigot [");
    FrameAssert.assertThat(DynamicFrame.fromDF(out, ctx, "out")).isEqualTo(in);
    List<String> sample = lines(path);
    assertThat(sample).hasSize(2);
    assertThat(sample.get(0)).startsWith("{\"c0\":0,\"c1\":1,").endsWith(",\"c99\":99}");
    assertThat(sample.get(1)).isEqualTo("{}");
  }

  /**
   * Runs the body with the session's optimiser rules taken away, so that the Spigot stays a plain
   * filter.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void withoutSpigotPlanning(DynaContext ctx, Runnable body) {
    var methods = ctx.spark().experimental();
    var rules = methods.extraOptimizations();
    methods.extraOptimizations_$eq(
        (scala.collection.immutable.Seq) scala.collection.immutable.Nil$.MODULE$);
    try {
      body.run();
    } finally {
      methods.extraOptimizations_$eq(rules);
    }
  }

  private static java.util.Map<String, List<String>> files(String folder) throws IOException {
    java.util.Map<String, List<String>> byFile = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        byFile.put(p.getFileName().toString(), Files.readAllLines(p));
      }
    }
    return byFile;
  }

  private static List<String> lines(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted()
          .flatMap(
              p -> {
                try {
                  return Files.readAllLines(p).stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
