package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.HadoopConf;
import io.dynaframe.transforms.internal.SpigotSampler;
import io.dynaframe.transforms.internal.SpigotStrategy;
import io.dynaframe.transforms.internal.Steps;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Glue's Spigot: passes the frame through unchanged and writes a sample of its records as JSON
 * lines, one object per line, a choice written as the value it holds, so a person can read them, or
 * open them again in one call: {@link #read} as a frame, {@link #createTempView} as a Spark SQL
 * view.
 *
 * <p>Options as in Glue: {@code topk} records (default 100) and {@code prob}, the chance each
 * record is taken (default 1). As in Glue, the sample is written when the transform is applied, by
 * a Spark job of its own, whether or not anything consumes the frame afterwards (AWS's example
 * script ends at the {@code spigot} call), and it is the first {@code topk} records of the frame
 * (in the order of its partitions) that the draw with chance {@code prob} takes; that job computes
 * the frame's first partitions once more.
 *
 * <p>{@link #inTasks()} (dynaframe's own) takes the sample inside the tasks of the job that
 * consumes the frame instead, so Spark computes the upstream frame once, not once for the sample
 * and once for the job; what that means:
 *
 * <ul>
 *   <li>{@code topk} caps the records of each partition of the frame (however the consuming job
 *       splits its tasks: a coalesce after the Spigot does not change the sample); the sample is at
 *       most {@code topk} times the number of partitions.
 *   <li>As in Glue, the sample comes from the start of the data: each record is taken with chance
 *       {@code prob} until {@code topk} are taken. Only the first {@code (topk + 10·√topk + 20) /
 *       prob} records of a partition are considered, so the records after them cost no random draw;
 *       the cap is reached within them except with a chance below 10<sup>-13</sup> per partition.
 *   <li>Nothing is written until a job consumes the frame (a sink, a count); a partition the job
 *       reads only in part ({@code take}) gives the records it read.
 *   <li>A frame whose rows Spark already holds on the driver (made from a Java list; Spark would
 *       evaluate a filter on it while planning, outside any task) is sampled when the transform is
 *       applied: at most {@code topk} records in all.
 *   <li>The sample is taken by a node of Spark's plan of its own ({@code Spigot} in {@code
 *       explain}): a record's columns are read for the sample only when it is taken, so a small
 *       sample costs the job next to nothing.
 *   <li>Each partition writes {@code part-NNNNN.json} when its task succeeds, through a hidden
 *       temporary file; a failed task leaves nothing, a recomputed partition (a retried task, a
 *       second job, a union of the frame with itself) writes the same records again (the random
 *       stream is seeded per partition of the frame).
 * </ul>
 *
 * <p>Where: the path given, or by default the step's folder {@code <TEMP>/samples/<job>/<run
 * id>/<step>} (the layout of {@link Lake#samplesPath}), where TEMP is {@link #inLake the lake's
 * TEMP area}, else {@link #withBaseDir the base folder given}, else the Spark setting {@value
 * #TEMP_DIR_CONF}, else {@code <java.io.tmpdir>/dynaframe}; the job is {@link #withJobName the name
 * given}, else the Spark setting {@value #JOB_NAME_CONF}, else the Spark application's name; the
 * run is the context's run id.
 *
 * <pre>{@code
 * DynamicFrame same = frame.apply("orders_sample", Spigot.atDefaultLocation().withProb(0.01));
 * DynamicFrame sample = Spigot.read(ctx, Spigot.defaultPath(ctx, "orders_sample"));
 * Spigot.apply(frame, "s3://bucket/samples/orders", Options.of("topk", 200, "prob", 0.2), "spigot1");
 * }</pre>
 */
public final class Spigot implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  /** Spark setting for the TEMP area under which default sample folders go. */
  public static final String TEMP_DIR_CONF = "dynaframe.temp.dir";

  /** Spark setting for the job name in default sample folders. */
  public static final String JOB_NAME_CONF = "dynaframe.job.name";

  private final String path;
  private final int topk;
  private final double prob;
  private final Long seed;
  private final String baseDir;
  private final String jobName;
  private final boolean inTasks;

  private Spigot(String path, int topk, double prob, Long seed, String baseDir, String jobName) {
    this(path, topk, prob, seed, baseDir, jobName, false);
  }

  private Spigot(
      String path,
      int topk,
      double prob,
      Long seed,
      String baseDir,
      String jobName,
      boolean inTasks) {
    Preconditions.checkArgument(topk >= 0, "Spigot topk must be >= 0, was %s", topk);
    Preconditions.checkArgument(
        prob >= 0 && prob <= 1, "Spigot prob must be between 0 and 1, was %s", prob);
    this.path = path;
    this.topk = topk;
    this.prob = prob;
    this.seed = seed;
    this.baseDir = baseDir;
    this.jobName = jobName;
    this.inTasks = inTasks;
  }

  /** Samples to this folder (a local path, {@code file:}, {@code s3://} or {@code s3a://} URI). */
  public static Spigot to(String path) {
    return new Spigot(Objects.requireNonNull(path, "path"), 100, 1.0, null, null, null);
  }

  /** Samples to the step's default folder (see the class description). */
  public static Spigot atDefaultLocation() {
    return new Spigot(null, 100, 1.0, null, null, null);
  }

  /** Glue's {@code spigot(path, options)}: {@code topk} and {@code prob} read from the options. */
  public static Spigot of(String path, Options options) {
    return to(path).withOptions(options);
  }

  /** Glue's {@code Spigot.apply(frame, path, options, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, String path, Options options, String transformationCtx) {
    return Steps.apply(frame, of(path, options), transformationCtx);
  }

  /**
   * Takes at most this many records (Glue's {@code topk}, default 100; per task {@link #inTasks}).
   */
  public Spigot withTopk(int value) {
    return new Spigot(path, value, prob, seed, baseDir, jobName, inTasks);
  }

  /** Takes each record with this probability (Glue's {@code prob}, default 1). */
  public Spigot withProb(double value) {
    return new Spigot(path, topk, value, seed, baseDir, jobName, inTasks);
  }

  /** {@code topk} and {@code prob} from Glue-style options; other keys are refused. */
  public Spigot withOptions(Options o) {
    for (String k : o.asMap().keySet()) {
      Preconditions.checkArgument(
          k.equals("topk") || k.equals("prob"),
          "Spigot takes the options topk and prob, not '%s'",
          k);
    }
    return new Spigot(
        path,
        (int) o.getLong("topk", topk),
        o.getDouble("prob", prob),
        seed,
        baseDir,
        jobName,
        inTasks);
  }

  /** Seeds the random choice of records (by default the step's name, so reruns pick alike). */
  public Spigot withSeed(long value) {
    return new Spigot(path, topk, prob, value, baseDir, jobName, inTasks);
  }

  /** The TEMP area under which the default folder {@code samples/<job>/<run>/<step>} goes. */
  public Spigot withBaseDir(String tempArea) {
    return new Spigot(
        path, topk, prob, seed, Objects.requireNonNull(tempArea, "tempArea"), jobName, inTasks);
  }

  /** The default folder in this lake's TEMP area. */
  public Spigot inLake(Lake lake) {
    return withBaseDir(lake.temp());
  }

  /** The job name in the default folder. */
  public Spigot withJobName(String name) {
    return new Spigot(
        path, topk, prob, seed, baseDir, Objects.requireNonNull(name, "name"), inTasks);
  }

  /**
   * Takes the sample inside the tasks of the job that consumes the frame, at most {@code topk} per
   * task, without computing the upstream again (dynaframe's own; see the class description).
   */
  public Spigot inTasks() {
    return new Spigot(path, topk, prob, seed, baseDir, jobName, true);
  }

  /** The folder this Spigot writes to when applied as {@code step} in this context. */
  public String location(DynaContext ctx, String step) {
    if (path != null) {
      return path;
    }
    SparkSession spark = ctx.spark();
    String base =
        baseDir != null
            ? baseDir
            : spark
                .conf()
                .getOption(TEMP_DIR_CONF)
                .getOrElse(
                    () ->
                        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "dynaframe")
                            .toUri()
                            .toString());
    String job =
        jobName != null
            ? jobName
            : spark.conf().getOption(JOB_NAME_CONF).getOrElse(() -> spark.sparkContext().appName());
    return trim(base)
        + "/samples/"
        + segment(job)
        + "/"
        + segment(ctx.runId())
        + "/"
        + segment(step);
  }

  /**
   * The default folder of a step's sample in this context (the Spark settings or defaults for TEMP
   * and job).
   */
  public static String defaultPath(DynaContext ctx, String step) {
    return atDefaultLocation().location(ctx, step);
  }

  /**
   * A sample (a folder of JSON lines) as a frame, read as the JSON source reads, choices included.
   */
  public static DynamicFrame read(DynaContext ctx, String path) {
    return ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(path)), "json", Options.empty(), "")
        .withName("spigot");
  }

  /**
   * A sample as a Spark SQL temporary view named {@code viewName} (read with Spark's own JSON
   * reader, so a field with values of mixed types is a string column, easy to query): {@code
   * spark.sql("SELECT * FROM orders_sample WHERE total > 100")}.
   */
  public static Dataset<Row> createTempView(DynaContext ctx, String path, String viewName) {
    Dataset<Row> df = ctx.spark().read().json(path);
    df.createOrReplaceTempView(viewName);
    return df;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    String dir = location(input.context(), step);
    long s = seed != null ? seed : step.hashCode();
    Dataset<Row> df = input.toDF();
    if (topk == 0 || prob == 0) {
      return Steps.finish(input.withRows(df), step);
    }
    input.context().observer().sampled(dir);
    Broadcast<HadoopConf> conf = HadoopConf.broadcast(input.context().spark().sparkContext());
    SpigotSampler sampler =
        new SpigotSampler(UUID.randomUUID().toString(), topk, prob, s, dir, df.schema(), conf);
    if (!inTasks) {
      // as Glue: a job of its own now, the first topk records the draw takes, in partition order
      Dataset<Row> drawn =
          prob >= 1 ? df : df.where(org.apache.spark.sql.functions.rand(s).lt(prob));
      sampler.writeAll(drawn.limit(topk).collectAsList());
      return Steps.finish(input.withRows(df), step);
    }
    if (onDriver(df.queryExecution().analyzed())
        && df.queryExecution().optimizedPlan() instanceof LocalRelation) {
      sampler.writeNow(df.collectAsList());
      return Steps.finish(input.withRows(df), step);
    }
    SpigotStrategy.register(input.context().spark());
    return Steps.finish(input.withRows(df.where(sampler.condition(df))), step);
  }

  /**
   * Whether every leaf of the plan is rows held on the driver: only then can the optimiser turn the
   * frame into such rows, and evaluate a filter on them while planning, outside any task. Asked
   * first because it is cheap: optimising the plan of a frame read from files is not.
   */
  private static boolean onDriver(LogicalPlan plan) {
    int n = plan.children().length();
    if (n == 0) {
      return plan instanceof LocalRelation;
    }
    for (int i = 0; i < n; i++) {
      if (!onDriver(plan.children().apply(i))) {
        return false;
      }
    }
    return true;
  }

  private static String segment(String s) {
    String cleaned = s.replaceAll("[^A-Za-z0-9_.=-]", "_");
    return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "_" : cleaned;
  }

  private static String trim(String uri) {
    String u = uri;
    while (u.endsWith("/") && !u.endsWith("://")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public String toString() {
    return "Spigot["
        + (path != null ? path : "default location")
        + ", topk="
        + topk
        + ", prob="
        + prob
        + (inTasks ? ", in tasks" : "")
        + "]";
  }
}
