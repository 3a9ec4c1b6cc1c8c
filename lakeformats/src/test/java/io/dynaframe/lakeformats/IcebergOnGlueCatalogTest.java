package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.glue.FakeGlue;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.Publisher;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * {@code glue_catalog} with dynaframe's catalog set to the AWS Glue Data Catalog ({@code
 * spark.dynaframe.catalog=glue}, the real AWS SDK v2 client) against {@link FakeGlue}, the stub
 * that answers in the Glue service's recorded shapes (NO REAL GLUE SERVICE RUNS HERE). The Iceberg
 * table is a Glue table with {@code table_type=ICEBERG} and {@code metadata_location}, each commit
 * an {@code UpdateTable} conditioned on the table's {@code VersionId}, as with Iceberg's Glue
 * catalog on AWS Glue.
 *
 * <p>The module's one Spark context is shared (see {@link LakeSpark}): this class works in a new
 * session of it, with its own catalog settings, made the active session for its tests only.
 */
class IcebergOnGlueCatalogTest {
  private static final String DB = "ice_on_glue";
  private static final String DDL = "order_id BIGINT, amount DOUBLE, order_date STRING";
  private static final String[] BOOKMARKS = {"--job-bookmark-option", "job-bookmark-enable"};
  private static final Map<String, String> SAVED_PROPERTIES = new HashMap<>();

  private static FakeGlue fake;
  private static GlueClient other;
  private static SparkSession glue;
  private static DynaContext ctx;
  private SparkSession previous;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    SparkSession shared = LakeSpark.context().spark();
    fake = new FakeGlue();
    other = fake.client();
    // the SDK's default credentials chain, as on a machine with AWS credentials
    for (String k : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
      SAVED_PROPERTIES.put(k, System.getProperty(k));
      System.setProperty(k, "test");
    }
    glue = shared.newSession();
    glue.conf().set("spark.dynaframe.catalog", "glue");
    glue.conf().set("spark.dynaframe.catalog.endpoint", fake.endpoint().toString());
    glue.conf().set("spark.dynaframe.catalog.region", "eu-west-1");
    glue.conf().set("spark.dynaframe.catalog.max-attempts", "2");
    glue.conf().set("spark.dynaframe.catalog.retry-base-delay-ms", "5");
    glue.conf().set("spark.dynaframe.catalog.retry-max-delay-ms", "20");
    glue.conf()
        .set(
            "spark.sql.catalog.glue_catalog.warehouse",
            dir.resolve("warehouse").toUri().toString());
    ctx = DynaContext.of(glue);
    assertThat(ctx.catalog().type()).isEqualTo("glue");
    ctx.catalog().createDatabase(Database.of(DB));
  }

  @AfterAll
  static void stop() {
    SAVED_PROPERTIES.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
    if (other != null) {
      other.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @BeforeEach
  void activate() {
    previous =
        SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get() : null;
    SparkSession.setActiveSession(glue);
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      SparkSession.clearActiveSession();
    } else {
      SparkSession.setActiveSession(previous);
    }
  }

  private static DynamicFrame orders(Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  /** The table as the Glue service holds it. */
  private static Table inGlue(String table) {
    return other.getTable(r -> r.databaseName(DB).name(table)).table();
  }

  private static int version(String table) {
    return Integer.parseInt(inGlue(table).versionId());
  }

  private static List<Long> snapshotIds(String table) {
    List<Long> out = new ArrayList<>();
    glue.sql("SELECT snapshot_id FROM glue_catalog." + DB + "." + table + ".snapshots")
        .orderBy("committed_at")
        .collectAsList()
        .forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  /** One job run reading the table with bookmarks; what it read, collected before the commit. */
  private static DynamicFrame bookmarkedRun(String table) {
    try (Job job =
        Job.init("glue_orders_job", ctx, JobArguments.resolve(BOOKMARKS), Lake.at(dir))) {
      DynamicFrame f =
          job.context()
              .createDynamicFrameFromCatalog(DB, table, "read_orders", "", Options.empty());
      DynamicFrame read =
          DynamicFrame.fromDF(
              glue.createDataFrame(f.toDF().collectAsList(), f.toDF().schema()), ctx, "read");
      job.commit();
      return read;
    }
  }

  @Test
  void publishesReadsAndTimeTravelsAnIcebergTableKeptInGlue() {
    TableIdentifier id = TableIdentifier.of(DB, "orders");
    Publisher publisher = Publisher.of(ctx, ctx.catalog(), Lake.at(dir.resolve("lake")));
    DynamicFrame first = orders(row(1L, 10.0, "2026-12-01"), row(2L, 20.0, "2026-12-02"));
    publisher.publish(first, id, "iceberg", List.of("order_date"));

    Table created = inGlue("orders");
    assertThat(created.tableType()).isEqualTo("EXTERNAL_TABLE");
    assertThat(created.parameters()).containsEntry("table_type", "ICEBERG");
    String firstMetadata = created.parameters().get("metadata_location");
    assertThat(firstMetadata).endsWith(".metadata.json");
    assertThat(created.storageDescriptor().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly("order_id bigint", "amount double", "order_date string");
    assertThat(created.storageDescriptor().location()).isNotBlank();
    int firstVersion = version("orders");
    FrameAssert.assertThat(bookmarkedRun("orders")).isEqualTo(first);

    publisher.publish(
        orders(row(3L, 30.0, "2026-12-03")),
        id,
        "iceberg",
        List.of("order_date"),
        Publisher.Mode.APPEND);
    Table updated = inGlue("orders");
    assertThat(Integer.parseInt(updated.versionId())).isEqualTo(firstVersion + 1);
    assertThat(updated.parameters())
        .containsEntry("table_type", "ICEBERG")
        .containsEntry("previous_metadata_location", firstMetadata);
    assertThat(updated.parameters().get("metadata_location"))
        .endsWith(".metadata.json")
        .isNotEqualTo(firstMetadata);

    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog(DB, "orders"))
        .isEqualTo(
            orders(
                row(1L, 10.0, "2026-12-01"),
                row(2L, 20.0, "2026-12-02"),
                row(3L, 30.0, "2026-12-03")));
    List<Long> snapshots = snapshotIds("orders");
    assertThat(snapshots).hasSize(2);
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromCatalog(
                DB, "orders", "", "", Options.of("snapshot-id", String.valueOf(snapshots.get(0)))))
        .isEqualTo(first);
    // the bookmark's rerun reads only the second snapshot
    FrameAssert.assertThat(bookmarkedRun("orders")).isEqualTo(orders(row(3L, 30.0, "2026-12-03")));
  }

  /** Another writer changes the Glue table between Iceberg's GetTable and its UpdateTable. */
  private static void anotherWriterChangesTheTableFirst(String table) {
    fake.beforeNext(
        "UpdateTable",
        () -> {
          Table t = inGlue(table);
          Map<String, String> params = new HashMap<>(t.parameters());
          params.put("touched_by", "another-writer");
          other.updateTable(
              r ->
                  r.databaseName(DB)
                      .versionId(t.versionId())
                      .tableInput(
                          i ->
                              i.name(t.name())
                                  .tableType(t.tableType())
                                  .parameters(params)
                                  .storageDescriptor(t.storageDescriptor())));
        });
  }

  @Test
  void aConcurrentChangeInGlueIsAConflictIcebergRetriesOrReportsNeverALostWrite() {
    glue.sql("CREATE TABLE glue_catalog." + DB + ".raced (id BIGINT) USING iceberg");
    glue.sql("INSERT INTO glue_catalog." + DB + ".raced VALUES (1)");

    // Iceberg retries the commit Glue refused (stale VersionId) on the refreshed table: it lands
    int before = version("raced");
    int updates = fake.calls("UpdateTable");
    anotherWriterChangesTheTableFirst("raced");
    glue.sql("INSERT INTO glue_catalog." + DB + ".raced VALUES (2)");
    // the other writer's update, Iceberg's refused one, Iceberg's retried one
    assertThat(fake.calls("UpdateTable")).isEqualTo(updates + 3);
    assertThat(version("raced")).isEqualTo(before + 2);
    assertThat(inGlue("raced").parameters()).containsEntry("touched_by", "another-writer");
    assertThat(glue.table("glue_catalog." + DB + ".raced").orderBy("id").collectAsList())
        .containsExactly(row(1L), row(2L));

    // without retries the refused commit is Iceberg's retryable CommitFailedException
    glue.sql(
        "ALTER TABLE glue_catalog."
            + DB
            + ".raced SET TBLPROPERTIES ('commit.retry.num-retries'='0')");
    Table beforeFailure = inGlue("raced");
    anotherWriterChangesTheTableFirst("raced");
    assertThatThrownBy(() -> glue.sql("INSERT INTO glue_catalog." + DB + ".raced VALUES (3)"))
        .satisfies(
            e -> {
              Throwable c = e;
              while (c != null && !(c instanceof CommitFailedException)) {
                c = c.getCause();
              }
              assertThat(c)
                  .as("a CommitFailedException in the causes of %s", e)
                  .isNotNull()
                  .hasMessageContaining("Cannot commit glue_catalog." + DB + ".raced")
                  .hasMessageContaining("changed concurrently");
            });
    Table afterFailure = inGlue("raced");
    assertThat(afterFailure.parameters().get("metadata_location"))
        .isEqualTo(beforeFailure.parameters().get("metadata_location"));
    assertThat(Integer.parseInt(afterFailure.versionId()))
        .isEqualTo(Integer.parseInt(beforeFailure.versionId()) + 1);
    assertThat(glue.table("glue_catalog." + DB + ".raced").orderBy("id").collectAsList())
        .containsExactly(row(1L), row(2L));

    // retried by the job, it lands
    glue.sql("INSERT INTO glue_catalog." + DB + ".raced VALUES (3)");
    assertThat(glue.table("glue_catalog." + DB + ".raced").orderBy("id").collectAsList())
        .containsExactly(row(1L), row(2L), row(3L));
  }
}
