package io.dynaframe.transforms.internal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.dynaframe.Records;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.util.TaskFailureListener;

/**
 * Writes a sample of a frame's records as JSON lines while the job that consumes the frame
 * runs, so the frame is computed once. The frame gets a filter whose condition is always
 * true but, for the records it picks, writes them on the way. Spark's own expressions choose
 * the candidates in generated code (each record with probability {@code prob} from a random
 * stream seeded per partition, or with {@code prob} 1 the first {@code topk} records of each
 * partition), so a recomputed partition picks the same records; a UDF, called for candidates
 * only, caps each task at {@code topk}, and only for picked records is the row built and
 * written. Each task writes {@code part-<partition>.json} through a hidden temporary file it
 * renames when the task succeeds; a failed or retried task leaves no partial file. Being
 * nondeterministic, the filter is neither pushed down nor merged with other filters, so the
 * sample is of the records as they are at this step.
 */
public final class SpigotSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The per-task state of every sampler running in this JVM, by sampler id and task attempt. */
  private static final ConcurrentHashMap<String, TaskState> STATES = new ConcurrentHashMap<>();
  /** The low 33 bits of {@code monotonically_increasing_id()}: a row's place in its partition. */
  private static final long ROW_IN_PARTITION = (1L << 33) - 1;
  /** The partitions ({@code samplerId:partition}) whose sample file a task of this JVM completed. */
  private static final java.util.Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

  private final String id;
  private final int topk;
  private final double prob;
  private final long seed;
  /** The state of the task this copy runs in (each task works on its own deserialized copy). */
  private transient TaskState current;

  public SpigotSampler(String id, int topk, double prob, long seed) {
    this.id = id;
    this.topk = topk;
    this.prob = prob;
    this.seed = seed;
  }

  /** The always-true condition that samples the frame's rows into {@code dir} as they pass. */
  public Column condition(Dataset<Row> df, String dir, HadoopConf conf) {
    Writer writer = new Writer(id, dir, df.schema(), conf);
    SpigotSampler picker = this;
    // named so that run lineage knows this filter keeps every row (core's PlanLineage.KEEPS_EVERY_ROW):
    // the step's output is counted by the count below it, not counted again
    UserDefinedFunction pick = udf((UDF0<Boolean>) picker::pick, DataTypes.BooleanType).asNondeterministic()
        .withName("dynaframe_keeps_every_row_spigot");
    UserDefinedFunction write = udf((UDF1<Row, Boolean>) writer::write, DataTypes.BooleanType).asNondeterministic();
    String[] names = df.columns();
    Column[] cols = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = df.col(Sql.ident(names[i]));
    }
    // Spark's own expressions decide first, per row and in generated code, whether a row may be
    // picked at all (its chance prob, from a random stream seeded per partition; with prob 1 its
    // place among the partition's first topk rows); the UDF, which caps the task at topk, runs
    // only for those rows
    Column candidate = prob >= 1.0
        ? monotonically_increasing_id().bitwiseAND(lit(ROW_IN_PARTITION)).lt(lit((long) topk))
        : rand(seed).lt(lit(prob));
    return coalesce(when(candidate.and(pick.apply()), write.apply(struct(cols))), lit(true));
  }

  /**
   * Samples rows that are already on the driver (a frame Spark keeps as a local relation,
   * whose filters it would evaluate while planning, outside any task) and writes them now as
   * {@code part-00000.json}.
   */
  public void writeNow(List<Row> rows, StructType schema, String dir, HadoopConf conf) {
    TaskState s = new TaskState(new SplittableRandom(seed * 1_000_003L), 0, 0, -1);
    try {
      for (Row r : rows) {
        if (s.pick(topk, prob)) {
          s.write(Records.toJson(r, schema), dir, conf);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Spigot cannot write its sample under " + dir, e);
    }
    s.finish(false);
  }

  /** Called for every row: kept cheap (no lookup by key, no allocation) once the task's state is known. */
  private boolean pick() {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return false;
    }
    TaskState s = current;
    if (s == null || s.attemptId != tc.taskAttemptId()) {
      s = state(id, seed);
      s.skipIfWritten(id);
      current = s;
    }
    return s.pick(topk, 1.0); // the chance prob was drawn already, by the candidate condition
  }

  private static TaskState state(String id, long seed) {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return null;
    }
    String key = id + ":" + tc.taskAttemptId();
    TaskState s = STATES.get(key);
    if (s == null) {
      s = new TaskState(new SplittableRandom(seed * 1_000_003L + tc.partitionId()), tc.partitionId(),
          tc.attemptNumber(), tc.taskAttemptId());
      STATES.put(key, s);
      TaskState state = s;
      TaskFailureListener onFailure = (context, error) -> state.failed = true;
      TaskCompletionListener onCompletion = context -> {
        STATES.remove(key);
        state.finish(context.isFailed() || state.failed);
      };
      tc.addTaskFailureListener(onFailure);
      tc.addTaskCompletionListener(onCompletion);
    }
    return s;
  }

  /** The part of the sampler that writes: the target folder, the rows' schema, the Hadoop configuration. */
  private static final class Writer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String dir;
    private final StructType schema;
    private final HadoopConf conf;

    Writer(String id, String dir, StructType schema, HadoopConf conf) {
      this.id = id;
      this.dir = dir;
      this.schema = schema;
      this.conf = conf;
    }

    boolean write(Row row) {
      TaskContext tc = TaskContext.get();
      TaskState s = tc == null ? null : STATES.get(id + ":" + tc.taskAttemptId());
      if (s == null) {
        return true;
      }
      try {
        s.write(Records.toJson(row, schema), dir, conf);
      } catch (IOException e) {
        throw new UncheckedIOException("Spigot cannot write its sample under " + dir, e);
      }
      return true;
    }
  }

  /** What one task has picked and where it writes. */
  private static final class TaskState {
    private final SplittableRandom random;
    private final int partition;
    private final int attempt;
    final long attemptId;
    private String samplerId;
    private int picked;
    private OutputStream out;
    private FileSystem fs;
    private Path tmp;
    private Path target;
    volatile boolean failed;

    TaskState(SplittableRandom random, int partition, int attempt, long attemptId) {
      this.random = random;
      this.partition = partition;
      this.attempt = attempt;
      this.attemptId = attemptId;
    }

    /**
     * A partition whose sample a successful task of this sampler wrote already in this JVM (the
     * frame is consumed by a second job) picks nothing: its file holds the same records, as
     * the random stream is seeded per partition. Elsewhere (another executor) the partition
     * is sampled again and its file written again with the same records.
     */
    void skipIfWritten(String samplerId) {
      this.samplerId = samplerId;
      if (WRITTEN.contains(samplerId + ":" + partition)) {
        picked = Integer.MAX_VALUE;
      }
    }

    /** Only the task's own thread picks: no lock. */
    boolean pick(int topk, double prob) {
      if (picked >= topk) {
        return false;
      }
      if (prob < 1.0 && random.nextDouble() >= prob) {
        return false;
      }
      picked++;
      return true;
    }

    synchronized void write(String json, String dir, HadoopConf conf) throws IOException {
      if (out == null) {
        Path folder = new Path(dir);
        fs = folder.getFileSystem(conf.get());
        target = new Path(folder, String.format("part-%05d.json", partition));
        tmp = new Path(folder, String.format(".part-%05d-%d.json.tmp", partition, attempt));
        out = fs.create(tmp, true);
      }
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }

    synchronized void finish(boolean taskFailed) {
      if (out == null) {
        return;
      }
      try {
        out.close();
        if (taskFailed) {
          fs.delete(tmp, false);
          return;
        }
        if (fs.exists(target)) {
          fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
        if (samplerId != null) {
          WRITTEN.add(samplerId + ":" + partition);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Spigot cannot finish its sample file " + target, e);
      } finally {
        out = null;
      }
    }
  }
}
