package io.dynaframe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.crawler.CrawlReport;
import io.dynaframe.crawler.Crawler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Crawling Parquet: the schema of 1,000 Parquet files in 200 {@code region=/day=} partitions (four
 * files per partition with five columns, a fifth written later with a sixth column, so the schemas
 * must be merged). dynaframe's crawler classifies every file from its footer, merges the schemas
 * and registers the table with its 200 partitions in an in-memory catalog; the baseline asks Spark
 * for the merged schema with {@code mergeSchema}, which lists the folders, infers the partition
 * columns and reads every footer in a Spark job.
 */
public final class CrawlerBenchmark implements Benchmark {

  static final int REGIONS = 10;
  static final int DAYS = 20;
  static final int FILES_PER_PARTITION = 5;

  private Path input;

  @Override
  public void prepare(BenchEnv env) throws IOException {
    SparkSession spark = env.spark();
    int partitions = REGIONS * DAYS;
    Path dir =
        Inputs.ensure(
            env.dataDir(),
            "v1 partitions=" + partitions + " files=" + partitions * FILES_PER_PARTITION,
            d -> {
              String out = d.resolve("sales").toString();
              // each task of the write holds rows of every partition, so each task writes one file
              // per partition
              spark
                  .range(0, partitions * 40L, 1, 1)
                  .select(
                      col("id"),
                      col("id").mod(REGIONS).cast("int").alias("region"),
                      col("id").divide(REGIONS).cast("long").mod(DAYS).cast("int").alias("day"),
                      col("id")
                          .multiply(31)
                          .mod(10_000)
                          .divide(100)
                          .cast("decimal(10,2)")
                          .alias("amount"),
                      concat(lit("c-"), col("id").mod(977).cast("string")).alias("customer"),
                      col("id").mod(7).equalTo(0).alias("flagged"))
                  .repartition(FILES_PER_PARTITION - 1)
                  .write()
                  .partitionBy("region", "day")
                  .parquet(out);
              spark
                  .range(0, partitions, 1, 1)
                  .select(
                      col("id"),
                      col("id").mod(REGIONS).cast("int").alias("region"),
                      col("id").divide(REGIONS).cast("long").mod(DAYS).cast("int").alias("day"),
                      lit(1).cast("decimal(10,2)").alias("amount"),
                      lit("late").alias("customer"),
                      lit(false).alias("flagged"),
                      lit("corrected").alias("note"))
                  .write()
                  .mode("append")
                  .partitionBy("region", "day")
                  .parquet(out);
            });
    input = dir.resolve("sales");
  }

  private TableDefinition crawl() {
    Catalog catalog = InMemoryCatalog.create();
    catalog.createDatabase(Database.of("bench"));
    CrawlReport report = Crawler.builder(catalog, "bench").path(input.toString()).build().run();
    if (report.tablesCreated().size() != 1) {
      throw new IllegalStateException("expected one table, the crawl gave " + report.summary());
    }
    TableDefinition table =
        catalog.getTable(
            TableIdentifier.of(
                "bench", report.tablesCreated().get(0).replaceFirst("^bench\\.", "")));
    int partitions = catalog.listAllPartitions(table.identifier(), null).size();
    if (partitions != REGIONS * DAYS) {
      throw new IllegalStateException(
          "expected " + REGIONS * DAYS + " partitions, the crawl registered " + partitions);
    }
    return table;
  }

  /** Each side takes a fraction of a second: many runs, after a longer warm-up. */
  @Override
  public int repetitions() {
    return 15;
  }

  @Override
  public int warmups() {
    return 3;
  }

  private StructType sparkSchema(BenchEnv env) {
    return env.spark().read().option("mergeSchema", true).parquet(input.toString()).schema();
  }

  @Override
  public void dynaframe(BenchEnv env) {
    crawl();
  }

  @Override
  public void baseline(BenchEnv env) {
    sparkSchema(env);
  }

  @Override
  public void verify(BenchEnv env) {
    TableDefinition table = crawl();
    StructType spark = sparkSchema(env);
    Set<String> ours = new TreeSet<>(table.schema().fieldNames());
    Set<String> theirs = names(spark);
    if (!ours.equals(theirs)) {
      throw new IllegalStateException(
          "the crawler and Spark disagree on the columns: " + ours + " vs " + theirs);
    }
    if (!table.partitionKeyNames().equals(List.of("region", "day"))) {
      throw new IllegalStateException("partition keys " + table.partitionKeyNames());
    }
  }

  private static Set<String> names(StructType schema) {
    return java.util.Arrays.stream(schema.fields())
        .map(StructField::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
