package io.dynaframe.transforms.internal;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.dynaframe.Records;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.util.TaskFailureListener;
import scala.Function1;

/**
 * Writes a sample of a frame's records as JSON lines while the job that consumes the frame runs, so
 * the frame is computed once.
 *
 * <p>The frame gets a filter whose condition is always true and names this sampler. When the
 * frame's session plans it, {@code SpigotStrategy} replaces that filter by a {@code SpigotExec}
 * node: in generated code, a record is a candidate when it is among the first {@link #window}
 * records of its partition; past the window a record costs one comparison of a counter. Only for a
 * candidate is {@link #draw} called, and only for a drawn record are its columns read and {@link
 * #write(InternalRow) written}. Where the strategy is not in use (another session plans the frame),
 * the filter itself samples alike, calling {@link #draw} from a UDF for the candidates, though it
 * reads every column of a candidate.
 *
 * <p>{@link #draw} takes a candidate with chance {@code prob}, from a random stream seeded per
 * partition of the frame, while fewer than {@code topk} of that partition are taken, so a
 * recomputed partition picks the same records: in a retried task, in a second job, and where one
 * job computes the partition twice (a union of the frame with itself) or one task computes several
 * partitions (a coalesce). The partition is the frame's (the index of the Spigot's input), not the
 * task's. Each partition is written to {@code part-<partition>.json} through a hidden temporary
 * file of the task's own, renamed when the task succeeds; a failed or retried task leaves no
 * partial file. Being nondeterministic, the filter is neither pushed down nor merged with other
 * filters, so the sample is of the records as they are at this step.
 */
public final class SpigotSampler implements RowSampler {
  private static final long serialVersionUID = 1L;

  /**
   * What the samplers' tasks keep in this JVM, per Spark environment (one per SparkContext: an
   * executor's, or the driver's in local mode), held weakly: a stopped context's goes with it.
   */
  private static final Map<SparkEnv, EnvState> BY_ENV = new WeakHashMap<>();

  /**
   * The low 33 bits of {@code monotonically_increasing_id()}: a record's place in its partition.
   */
  private static final long ROW_IN_PARTITION = (1L << 33) - 1;

  /**
   * The start of the name of the filter's UDF; the sampler's id follows. Run lineage knows by this
   * name (core's PlanLineage.KEEPS_EVERY_ROW) that the filter keeps every row.
   */
  static final String UDF_NAME = "dynaframe_keeps_every_row_spigot_";

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

  /** Turns a record of Spark's internal form into a Row (made once per task copy). */
  private transient Function1<Object, Object> toRow;

  public SpigotSampler(
      String id,
      int topk,
      double prob,
      long seed,
      String dir,
      StructType schema,
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
   * How many records at the start of each partition may be picked: all of them with {@code prob} 1
   * would be {@code topk}; with {@code prob} p, the first {@code (topk + 10·√topk + 20) / p}.
   * Picking each record with chance p until {@code topk} are taken (Glue's rule) takes them within
   * that window except with a chance below 10<sup>-13</sup> per partition (a Chernoff bound on the
   * binomial count of picks), and the records past it cost the generated code a comparison instead
   * of a random draw.
   */
  public static long window(int topk, double prob) {
    if (prob >= 1.0) {
      return topk;
    }
    double w = Math.ceil((topk + 10 * Math.sqrt(topk) + 20) / prob);
    return w >= ROW_IN_PARTITION ? ROW_IN_PARTITION + 1 : (long) w;
  }

  /**
   * How many records at the start of each partition are candidates (see {@link #window(int,
   * double)}).
   */
  @Override
  public long window() {
    return window(topk, prob);
  }

  /** The schema of the records sampled. */
  @Override
  public StructType schema() {
    return schema;
  }

  /** The always-true condition that samples the frame's rows as they pass. */
  public Column condition(Dataset<Row> df) {
    SpigotSampler sampler = this;
    SpigotStrategy.remember(UDF_NAME + id, sampler);
    // the step's output is counted by the count below the filter, not counted again (see UDF_NAME)
    UserDefinedFunction offer =
        udf((UDF2<Integer, Row, Boolean>) sampler::offer, DataTypes.BooleanType)
            .asNondeterministic()
            .withName(UDF_NAME + id);
    String[] names = df.columns();
    Column[] cols = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = df.col(Sql.ident(names[i]));
    }
    Column inWindow =
        monotonically_increasing_id().bitwiseAND(lit(ROW_IN_PARTITION)).lt(lit(window()));
    return coalesce(when(inWindow, offer.apply(spark_partition_id(), struct(cols))), lit(true));
  }

  /**
   * Samples rows that are already on the driver (a frame Spark keeps as a local relation, whose
   * filters it would evaluate while planning, outside any task) and writes them now as {@code
   * part-00000.json}.
   */
  public void writeAll(List<Row> rows) {
    TaskState s = new TaskState(0, 0, -1, seed);
    for (Row r : rows) {
      write(s, r);
    }
    s.finish(false);
  }

  /**
   * Samples rows that are already on the driver (see {@link #writeNow}); {@link #writeAll} writes
   * rows already drawn.
   */
  public void writeNow(List<Row> rows) {
    TaskState s = new TaskState(0, 0, -1, seed);
    for (int i = 0; i < rows.size() && i < window() && !s.full(topk); i++) {
      if (s.draw(topk, prob)) {
        write(s, rows.get(i));
      }
    }
    s.finish(false);
  }

  /**
   * Called by a task for each candidate of a partition of the frame, in order: whether to take it,
   * with chance {@code prob} while fewer than {@code topk} of the partition are taken. A taken
   * record must then be written.
   */
  @Override
  public boolean draw(int partition) {
    TaskState s = task(partition);
    return s != null && s.draw(topk, prob);
  }

  /** Writes a record that {@link #draw} took from a partition, in Spark's internal form. */
  @Override
  public void write(int partition, InternalRow row) {
    if (toRow == null) {
      toRow = CatalystTypeConverters.createToScalaConverter(schema);
    }
    write(task(partition), (Row) toRow.apply(row));
  }

  /** The filter's UDF, called for candidates only. */
  private boolean offer(Integer partition, Row row) {
    if (draw(partition)) {
      write(current, row);
    }
    return true;
  }

  /** The state of this task's work on a partition of the frame. */
  private TaskState task(int partition) {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return null;
    }
    TaskState s = current;
    if (s == null || s.attemptId != tc.taskAttemptId() || s.partition != partition) {
      s = state(tc, partition);
      current = s;
    }
    return s;
  }

  private void write(TaskState s, Row row) {
    try {
      s.write(Records.toJson(row, schema), dir, conf.value());
    } catch (IOException e) {
      throw new UncheckedIOException("Spigot cannot write its sample under " + dir, e);
    }
  }

  private TaskState state(TaskContext tc, int partition) {
    EnvState env = envState(SparkEnv.get());
    String key = id + ":" + tc.taskAttemptId() + ":" + partition;
    TaskState s = env.states.get(key);
    if (s == null) {
      s = new TaskState(partition, tc.taskAttemptId(), tc.taskAttemptId(), seed);
      // a partition whose sample a successful task of this sampler wrote already in this Spark
      // environment (the frame is consumed by a second job) picks nothing: its file holds the same
      // records, the candidates being chosen alike. On another executor, or in a task that runs
      // while another computes the same partition (a union of the frame with itself), the
      // partition is sampled again and its file written again with the same records.
      String partitionKey = id + ":" + partition;
      s.writtenKey = partitionKey;
      s.written = env.written;
      if (env.written.contains(partitionKey)) {
        s.picked = Integer.MAX_VALUE;
      }
      env.states.put(key, s);
      TaskState state = s;
      TaskFailureListener onFailure = (context, error) -> state.failed = true;
      TaskCompletionListener onCompletion =
          context -> {
            env.states.remove(key);
            state.finish(context.isFailed() || state.failed);
          };
      tc.addTaskFailureListener(onFailure);
      tc.addTaskCompletionListener(onCompletion);
    }
    return s;
  }

  @Override
  public String toString() {
    return dir + ", topk=" + topk + ", prob=" + prob;
  }

  /** The state of this Spark environment's sampler tasks, made on first use. */
  private static EnvState envState(SparkEnv env) {
    synchronized (BY_ENV) {
      return BY_ENV.computeIfAbsent(env, e -> new EnvState());
    }
  }

  /**
   * The partitions ({@code samplerId:partition}) whose sample file a task completed in this Spark
   * environment.
   */
  static Set<String> written(SparkEnv env) {
    return Set.copyOf(envState(env).written);
  }

  /**
   * The tasks of one Spark environment: those running, by sampler id and task attempt, and the
   * partitions written.
   */
  private static final class EnvState {
    final ConcurrentHashMap<String, TaskState> states = new ConcurrentHashMap<>();
    final Set<String> written = ConcurrentHashMap.newKeySet();
  }

  /** What one task has picked from one partition of the frame, and where it writes. */
  private static final class TaskState {
    final int partition;

    /** Names the task's temporary file: unique among the tasks of the application. */
    private final long attempt;

    final long attemptId;
    private String writtenKey;

    /** Where {@link #writtenKey} is recorded when the task succeeds. */
    private Set<String> written;

    private int picked;

    /** Seeded by the sampler's seed and the partition: a recomputed partition draws alike. */
    private final SplittableRandom random;

    private OutputStream out;
    private FileSystem fs;
    private Path tmp;
    private Path target;
    volatile boolean failed;

    TaskState(int partition, long attempt, long attemptId, long seed) {
      this.partition = partition;
      this.attempt = attempt;
      this.attemptId = attemptId;
      this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (partition + 1L)));
    }

    boolean full(int topk) {
      return picked >= topk;
    }

    /** Only the task's own thread draws: no lock. */
    boolean draw(int topk, double prob) {
      if (picked >= topk || (prob < 1.0 && random.nextDouble() >= prob)) {
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
        File localTmp = localFile(fs, tmp);
        if (localTmp != null) {
          // a local folder: written with Java's own file calls. Hadoop's local file system would
          // start a chmod process for each file (without its native library) and add .crc files
          Files.createDirectories(localTmp.toPath().getParent());
          out = new BufferedOutputStream(Files.newOutputStream(localTmp.toPath()), 64 * 1024);
        } else {
          out = fs.create(tmp, true);
        }
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
        File localTmp = localFile(fs, tmp);
        if (localTmp != null) {
          finishLocal(taskFailed, localTmp.toPath(), localFile(fs, target).toPath());
        } else {
          finishHadoop(taskFailed);
        }
        if (!taskFailed && writtenKey != null) {
          written.add(writtenKey);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Spigot cannot finish its sample file " + target, e);
      } finally {
        out = null;
      }
    }

    private static void finishLocal(
        boolean taskFailed, java.nio.file.Path tmp, java.nio.file.Path target) throws IOException {
      if (taskFailed) {
        Files.deleteIfExists(tmp);
      } else {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }

    private void finishHadoop(boolean taskFailed) throws IOException {
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
    }

    /** The file behind a path of the local file system, or null for any other file system. */
    private static File localFile(FileSystem fs, Path path) {
      if (fs instanceof LocalFileSystem local) {
        return local.pathToFile(path);
      }
      if (fs instanceof RawLocalFileSystem raw) {
        return raw.pathToFile(path);
      }
      return null;
    }
  }
}
