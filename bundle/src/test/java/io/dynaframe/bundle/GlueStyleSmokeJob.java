package io.dynaframe.bundle;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.RunResult;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A job shaped like a Glue job script, run by {@link BundleIT} on a classpath of Spark's own jars
 * plus the bundle, the way Glue loads {@code --extra-jars}; then {@link LineageSmokeJob} through
 * the job runner, which emits OpenLineage events with the bundle's relocated client.
 */
public final class GlueStyleSmokeJob {
  private GlueStyleSmokeJob() {}

  public static void main(String[] argv) {
    JobArguments args = JobArguments.resolve(argv, "JOB_NAME", "input", "lake");
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName(args.get("JOB_NAME"))
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    Job job =
        Job.init(args.get("JOB_NAME"), DynaContext.of(spark), args, Lake.at(args.get("lake")));
    DynaContext ctx = job.context();

    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(args.get("input"))),
            "json",
            Options.empty(),
            "orders");
    orders.printSchema();
    System.out.println("rows=" + orders.count() + " errors=" + orders.errorsCount());
    ctx.writeDynamicFrameFromOptions(
        orders,
        "s3",
        Options.of("path", Lake.at(args.get("lake")).tablePath("sales", "orders")),
        "parquet",
        Options.empty(),
        "");
    job.commit();

    // an annotated job run by the job runner: OpenLineage events go to the lake's TEMP area
    Lake lake = Lake.at(args.get("lake"));
    Job lineageRun = Job.init("smoke_lineage", DynaContext.of(spark), args, lake);
    RunResult result =
        JobRunner.run(
            new LineageSmokeJob(args.get("input"), lake.tablePath("sales", "orders_lineage")),
            lineageRun);
    System.out.println("lineage events: " + result.lineageEvents().orElse("none"));
    spark.stop();
  }
}
