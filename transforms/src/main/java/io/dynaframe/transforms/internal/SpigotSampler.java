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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.util.TaskFailureListener;

/**
 * Writes a sample of a frame's records as JSON lines while the job that consumes the frame
 * runs, so the frame is computed once. The frame gets a filter whose condition is always
 * true but, for the records it picks, writes them on the way.
 *
 * <p>Spark's own expressions choose the candidates, in generated code: a record is a candidate
 * when it is among the first {@link #window} records of its partition and, with {@code prob}
 * below 1, a random stream seeded per partition gives it a value below {@code prob}. Past the
 * window a record costs one comparison of a counter. Only a candidate calls into the sampler,
 * which takes it while its task has taken fewer than {@code topk}, so a recomputed partition
 * picks the same records. Each task writes {@code part-<partition>.json} through a hidden
 * temporary file it renames when the task succeeds; a failed or retried task leaves no partial
 * file. Being nondeterministic, the filter is neither pushed down nor merged with other
 * filters, so the sample is of the records as they are at this step.
 */
public final class SpigotSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The per-task state of every sampler running in this JVM, by sampler id and task attempt. */
  private static final ConcurrentHashMap<String, TaskState> STATES = new ConcurrentHashMap<>();
  /** The low 33 bits of {@code monotonically_increasing_id()}: a record's place in its partition. */
  private static final long ROW_IN_PARTITION = (1L << 33) - 1;
  /** The partitions ({@code samplerId:partition}) whose sample file a task of this JVM completed. */
  private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

  private final String id;
  private final int topk;
  private final double prob;
  private final long seed;
  private final String dir;
  private final StructType schema;
  /** Broadcast, so that a task carries a handle, not the whole configuration (about 100 KB). */
  private final Broadcast<HadoopConf> conf;
  /** The state of the task this copy runs in (each task works on its own deserialized copy). */
  private transient TaskState current;

  public SpigotSampler(String id, int topk, double prob, long seed, String dir, StructType schema,
      Broadcast<HadoopConf> conf) {
    this.id = id;
    this.topk = topk;
    this.prob = prob;
    this.seed = seed;
    this.dir = dir;
    this.schema = schema;
    this.conf = conf;
  }

  /**
   * How many records at the start of each partition may be picked: all of them with
   * {@code prob} 1 would be {@code topk}; with {@code prob} p, the first
   * {@code (topk + 10·√topk + 20) / p}. Picking each record with chance p until {@code topk}
   * are taken (Glue's rule) takes them within that window except with a chance below
   * 10<sup>-13</sup> per partition (a Chernoff bound on the binomial count of picks), and the
   * records past it cost the generated code a comparison instead of a random draw.
   */
  public static long window(int topk, double prob) {
    if (prob >= 1.0) {
      return topk;
    }
    double w = Math.ceil((topk + 10 * Math.sqrt(topk) + 20) / prob);
    return w >= ROW_IN_PARTITION ? ROW_IN_PARTITION + 1 : (long) w;
  }

  /** The always-true condition that samples the frame's rows as they pass. */
  public Column condition(Dataset<Row> df) {
    SpigotSampler sampler = this;
    // named so that run lineage knows this filter keeps every row (core's PlanLineage.KEEPS_EVERY_ROW):
    // the step's output is counted by the count below it, not counted again
    UserDefinedFunction offer = udf((UDF1<Row, Boolean>) sampler::offer, DataTypes.BooleanType).asNondeterministic()
        .withName("dynaframe_keeps_every_row_spigot");
    String[] names = df.columns();
    Column[] cols = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = df.col(Sql.ident(names[i]));
    }
    Column inWindow = monotonically_increasing_id().bitwiseAND(lit(ROW_IN_PARTITION)).lt(lit(window(topk, prob)));
    Column candidate = prob >= 1.0 ? inWindow : inWindow.and(rand(seed).lt(lit(prob)));
    return coalesce(when(candidate, offer.apply(struct(cols))), lit(true));
  }

  /**
   * Samples rows that are already on the driver (a frame Spark keeps as a local relation,
   * whose filters it would evaluate while planning, outside any task) and writes them now as
   * {@code part-00000.json}.
   */
  public void writeNow(List<Row> rows) {
    SplittableRandom random = new SplittableRandom(seed);
    TaskState s = new TaskState(0, 0, -1);
    for (Row r : rows) {
      if (prob >= 1.0 || random.nextDouble() < prob) {
        if (!s.pick(topk)) {
          break;
        }
        write(s, r);
      }
    }
    s.finish(false);
  }

  /** Called for candidates only: takes the row while the task has taken fewer than topk. */
  private boolean offer(Row row) {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return true;
    }
    TaskState s = current;
    if (s == null || s.attemptId != tc.taskAttemptId()) {
      s = state(tc);
      current = s;
    }
    if (s.pick(topk)) {
      write(s, row);
    }
    return true;
  }

  private void write(TaskState s, Row row) {
    try {
      s.write(Records.toJson(row, schema), dir, conf.value());
    } catch (IOException e) {
      throw new UncheckedIOException("Spigot cannot write its sample under " + dir, e);
    }
  }

  private TaskState state(TaskContext tc) {
    String key = id + ":" + tc.taskAttemptId();
    TaskState s = STATES.get(key);
    if (s == null) {
      s = new TaskState(tc.partitionId(), tc.attemptNumber(), tc.taskAttemptId());
      // a partition whose sample a successful task of this sampler wrote already in this JVM (the
      // frame is consumed by a second job) picks nothing: its file holds the same records, the
      // candidates being chosen alike. On another executor the partition is sampled again and
      // its file written again with the same records.
      String partitionKey = id + ":" + tc.partitionId();
      s.writtenKey = partitionKey;
      if (WRITTEN.contains(partitionKey)) {
        s.picked = Integer.MAX_VALUE;
      }
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

  /** What one task has picked and where it writes. */
  private static final class TaskState {
    private final int partition;
    private final int attempt;
    final long attemptId;
    private String writtenKey;
    private int picked;
    private OutputStream out;
    private FileSystem fs;
    private Path tmp;
    private Path target;
    volatile boolean failed;

    TaskState(int partition, int attempt, long attemptId) {
      this.partition = partition;
      this.attempt = attempt;
      this.attemptId = attemptId;
    }

    /** Only the task's own thread picks: no lock. */
    boolean pick(int topk) {
      if (picked >= topk) {
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
        if (writtenKey != null) {
          WRITTEN.add(writtenKey);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Spigot cannot finish its sample file " + target, e);
      } finally {
        out = null;
      }
    }
  }
}
