package ${package};

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.job.JobArguments;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.ResolveSpec;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Order totals per customer: reads orders as JSON Lines from {@code --input}, resolves the amount
 * (a number in most records, a string in a few), keeps positive amounts, and writes the totals per
 * customer as JSON Lines into {@code --output}. On AWS Glue it runs with Glue's Spark session;
 * {@code ./mvnw package exec:java@deploy} deploys it (see README.md).
 */
public final class OrdersJob {
  private OrdersJob() {}

  /** The job's steps, without reading or writing: what {@code OrdersJobTest} checks. */
  public static DynamicFrame totals(DynamicFrame orders) {
    DynamicFrame resolved =
        ResolveChoice.apply(orders, List.of(ResolveSpec.of("amount", "cast:double")), "resolved");
    DynamicFrame mapped =
        ApplyMapping.apply(
            resolved,
            List.of(
                MappingSpec.of("customer", "string", "customer", "string"),
                MappingSpec.of("amount", "double", "amount", "double")),
            "mapped");
    DynamicFrame valid = mapped.apply("positive", Filter.where(col("amount").gt(0)));
    return valid.withRows(
        valid
            .toDF()
            .groupBy("customer")
            .agg(count(lit(1)).alias("orders"), round(sum("amount"), 2).alias("total")));
  }

  /** Glue calls this with the job's arguments: {@code --JOB_NAME}, {@code --input}, {@code --output}. */
  public static void main(String[] sysArgs) {
    JobArguments args = JobArguments.resolve(sysArgs, "JOB_NAME", "input", "output");
    DynaContext ctx = DynaContext.of(SparkSession.builder().getOrCreate());
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(args.get("input"))), "json", Options.empty(), "orders");
    ctx.writeDynamicFrameFromOptions(
        totals(orders), "s3", Options.of("path", args.get("output")), "json", Options.empty(), "");
  }
}
