package io.dynaframe.bench;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One large JSON Lines file (1 GiB by default) of the records of {@code json-inference}, read with
 * dynaframe's JSON source (per-value inference; the file is read in parts cut at line breaks, one
 * task each, as Spark splits it) versus {@code spark.read().json(...)} with its own inference. Both
 * sides infer the schema and then parse every column of every record into a {@code noop} write.
 *
 * <p>{@code -Dbench.jsonBigFile.bytes=N} makes a file of about N bytes instead (a quick check of
 * the benchmark itself); each size is generated once into a folder of its own and reused.
 */
public final class JsonBigFileBenchmark implements Benchmark {

  /** The size of the file, in bytes (at least; the last record ends after it). */
  static final long BYTES = Long.getLong("bench.jsonBigFile.bytes", 1L << 30);

  private Path input;
  private long records;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    Path dir =
        Inputs.ensure(
            env.dataDir().resolve("bytes-" + BYTES),
            "v1 bytes=" + BYTES,
            JsonBigFileBenchmark::generate);
    input = dir.resolve("orders.json");
    records = Long.parseLong(Files.readString(dir.resolve("records.txt")).strip());
    System.out.printf("input: %s, %,d bytes, %,d records%n", input, Files.size(input), records);
  }

  /** The records of json-inference, one seed, until the file has {@link #BYTES} bytes. */
  private static void generate(Path dir) throws IOException {
    SplittableRandom r = new SplittableRandom(20261207L);
    StringBuilder sb = new StringBuilder(512);
    long written = 0;
    long n = 0;
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(dir.resolve("orders.json")), StandardCharsets.UTF_8),
            1 << 20)) {
      while (written < BYTES) {
        sb.setLength(0);
        JsonInferenceBenchmark.record(sb, n++, r);
        sb.append('\n');
        w.append(sb);
        // the records are ASCII but for the city names: count their bytes, not their chars
        written += utf8Length(sb);
      }
    }
    Files.writeString(dir.resolve("records.txt"), n + "\n");
  }

  private static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private DynamicFrame read(BenchEnv env) {
    return env.context()
        .createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input.toString())),
            "json",
            Options.empty(),
            "orders");
  }

  private Dataset<Row> readBaseline(BenchEnv env) {
    return env.spark().read().json(input.toString());
  }

  @Override
  public void dynaframe(BenchEnv env) {
    read(env).toDF().write().format("noop").mode("overwrite").save();
  }

  @Override
  public void baseline(BenchEnv env) {
    readBaseline(env).write().format("noop").mode("overwrite").save();
  }

  /** One warm-up: each run reads the whole file twice. */
  @Override
  public int repetitions() {
    return 3;
  }

  @Override
  public void verify(BenchEnv env) {
    DynamicFrame frame = read(env);
    long got = frame.count();
    long errors = frame.errorsCount();
    long sparkRecords = readBaseline(env).count();
    int tasks = frame.toDF().rdd().getNumPartitions();
    int sparkTasks = readBaseline(env).rdd().getNumPartitions();
    String choices = frame.schemaString();
    if (got != records || sparkRecords != records || errors != 0) {
      throw new IllegalStateException(
          "expected "
              + records
              + " records on both sides and no errors; dynaframe read "
              + got
              + " with "
              + errors
              + " errors, Spark "
              + sparkRecords);
    }
    for (String member : List.of("zip", "amount", "code")) {
      if (!choices.contains(member + ": choice")) {
        throw new IllegalStateException(
            "expected field " + member + " to be a choice:\n" + choices);
      }
    }
    // Spark may give a last split of a few bytes a task of its own; dynaframe adds it to the one
    // before
    if (sparkTasks > 1 && tasks < sparkTasks - 1) {
      throw new IllegalStateException(
          "dynaframe reads the file in "
              + tasks
              + " tasks, Spark in "
              + sparkTasks
              + ": both should split it alike");
    }
    System.out.println("verified: " + got + " records, " + tasks + " read tasks on each side");
  }
}
