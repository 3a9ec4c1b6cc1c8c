package io.dynaframe.job.internal;

import io.dynaframe.DynaContext;
import io.dynaframe.Lake;
import io.dynaframe.RunObserver.QualityEvaluation;
import io.dynaframe.RunObserver.QualityRule;
import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.StorageFormat;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's data quality results as Glue keeps them: each evaluation of a run appends its rule
 * outcomes to the run's version ({@code LOAD/_quality/<job>/run_id=<run>/}, Parquet) of the results
 * table {@code dynaframe_quality.<job>} (job name lower-cased, characters other than letters,
 * digits and {@code _} as {@code _}), partitioned by {@code run_id} and registered in the run's
 * catalog. A failure to keep them is logged; it never fails the job.
 */
public final class QualityResults implements Consumer<QualityEvaluation> {
  private static final Logger LOG = LoggerFactory.getLogger(QualityResults.class);

  /** The catalog database of the results tables. */
  public static final String DATABASE = "dynaframe_quality";

  /** The columns of a results table, the partition key {@code run_id} aside. */
  public static final StructType SCHEMA =
      new StructType()
          .add("job", DataTypes.StringType)
          .add("evaluation_context", DataTypes.StringType)
          .add("rule", DataTypes.StringType)
          .add("outcome", DataTypes.StringType)
          .add("failure_reason", DataTypes.StringType)
          .add(
              "evaluated_metrics",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
          .add("labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("rows_passed", DataTypes.LongType)
          .add("rows_failed", DataTypes.LongType)
          .add("evaluated_at", DataTypes.TimestampType);

  private final String job;
  private final String runId;
  private final Lake lake;
  private final DynaContext ctx;
  private boolean first = true;

  /** The results of the run {@code ctx.runId()} of {@code job}. */
  public QualityResults(String job, Lake lake, DynaContext ctx) {
    this.job = job;
    this.runId = ctx.runId();
    this.lake = lake;
    this.ctx = ctx;
  }

  /** The results table of a job: {@code dynaframe_quality.<job>}. */
  public static TableIdentifier table(String job) {
    return TableIdentifier.of(DATABASE, job.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
  }

  @Override
  public synchronized void accept(QualityEvaluation e) {
    try {
      write(e);
    } catch (RuntimeException ex) {
      LOG.warn(
          "job {} run {}: could not keep the data quality results of {}: {}",
          job,
          runId,
          e.step(),
          ex.toString());
    }
  }

  private void write(QualityEvaluation e) {
    List<Row> rows = new ArrayList<>();
    Timestamp at = Timestamp.from(e.evaluatedAt());
    for (QualityRule r : e.rules()) {
      rows.add(
          RowFactory.create(
              job,
              e.step(),
              r.rule(),
              r.outcome(),
              r.failureReason(),
              new LinkedHashMap<>(r.evaluatedMetrics()),
              new LinkedHashMap<>(r.labels()),
              e.rowsPassed(),
              e.rowsFailed(),
              at));
    }
    String home = lake.qualityPath(job);
    String version = home + "/run_id=" + Lake.name(runId);
    // the first evaluation of this run replaces what an earlier attempt of the run left
    ctx.spark()
        .createDataFrame(rows, SCHEMA)
        .coalesce(1)
        .write()
        .mode(first ? SaveMode.Overwrite : SaveMode.Append)
        .parquet(version);
    first = false;
    register(home, version);
  }

  /**
   * Earlier runs' results of the evaluation {@code context}: per run, most recent first, the
   * evaluated metrics of a rule, read from this job's results table in the lake (runs other than
   * this one). Nothing when the table has no earlier run. The table is read once, on the first
   * question, however many dynamic rules the evaluation has.
   */
  public io.dynaframe.RunObserver.QualityHistory history(String context) {
    return new io.dynaframe.RunObserver.QualityHistory() {
      private java.util.Map<String, List<java.util.Map<String, Double>>> byRule;

      @Override
      public synchronized List<java.util.Map<String, Double>> last(String rule, int runs) {
        if (byRule == null) {
          byRule = earlier(context);
        }
        List<java.util.Map<String, Double>> all = byRule.getOrDefault(rule, List.of());
        return List.copyOf(all.subList(0, Math.min(Math.max(runs, 0), all.size())));
      }
    };
  }

  /** Every rule's metrics in earlier runs of the evaluation {@code context}, most recent first. */
  private java.util.Map<String, List<java.util.Map<String, Double>>> earlier(String context) {
    String home = lake.qualityPath(job);
    java.util.Map<String, List<java.util.Map<String, Double>>> out = new LinkedHashMap<>();
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(home);
      org.apache.hadoop.fs.FileSystem fs =
          path.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return out;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "could not read the data quality results of job " + job + " in " + home, e);
    }
    org.apache.spark.sql.Dataset<Row> all =
        ctx.spark().read().schema(SCHEMA.add("run_id", DataTypes.StringType)).parquet(home);
    for (Row r :
        all.filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("evaluation_context")
                    .equalTo(context)
                    .and(org.apache.spark.sql.functions.col("run_id").notEqual(Lake.name(runId))))
            .orderBy(
                org.apache.spark.sql.functions.col("evaluated_at").desc(),
                org.apache.spark.sql.functions.col("run_id").desc())
            .select("rule", "evaluated_metrics")
            .collectAsList()) {
      java.util.Map<String, Double> m = r.isNullAt(1) ? java.util.Map.of() : r.getJavaMap(1);
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new LinkedHashMap<>(m));
    }
    return out;
  }

  private void register(String home, String version) {
    Catalog catalog = ctx.catalog();
    DatabaseName db = DatabaseName.of(DATABASE);
    if (!catalog.databaseExists(db)) {
      try {
        catalog.createDatabase(Database.of(db).withLocation(lake.load() + "/_quality"));
      } catch (AlreadyExistsException ex) {
        // made by a concurrent run
      }
    }
    TableIdentifier id = table(job);
    if (catalog.tableExists(id)) {
      addLabels(catalog, id);
    } else {
      try {
        catalog.createTable(
            TableDefinition.builder(id)
                .column("job", "string")
                .column("evaluation_context", "string")
                .column("rule", "string")
                .column("outcome", "string")
                .column("failure_reason", "string")
                .column("evaluated_metrics", "map<string,double>")
                .column("labels", "map<string,string>")
                .column("rows_passed", "bigint")
                .column("rows_failed", "bigint")
                .column("evaluated_at", "timestamp")
                .partitionKey("run_id", "string")
                .format(StorageFormat.forClassification("parquet"))
                .classification("parquet")
                .location(home)
                .description("data quality results of job " + job + ", one run_id per run")
                .build());
      } catch (AlreadyExistsException ex) {
        // made by a concurrent run
      }
    }
    catalog.createPartitions(id, List.of(Partition.of(List.of(runId), version)));
  }

  /**
   * A results table registered before rules' labels were kept (no {@code labels} column) gets the
   * column, after {@code evaluated_metrics}; its earlier runs read it as null.
   */
  private static void addLabels(Catalog catalog, TableIdentifier id) {
    TableDefinition t = catalog.getTable(id);
    if (t.columns().stream().anyMatch(c -> c.name().equals("labels"))) {
      return;
    }
    TableDefinition.Builder b = t.toBuilder().columns(List.of());
    for (io.dynaframe.catalog.Column c : t.columns()) {
      b.column(c);
      if (c.name().equals("evaluated_metrics")) {
        b.column("labels", "map<string,string>");
      }
    }
    catalog.updateTable(b.build());
  }
}
