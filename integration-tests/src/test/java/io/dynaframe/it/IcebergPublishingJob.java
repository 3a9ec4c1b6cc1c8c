package io.dynaframe.it;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.CommitConflictException;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.Publisher;
import io.dynaframe.lakeformats.DataLakeFormats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Publishes batches to the Iceberg table {@code crash.events} (partitioned by day) with {@code
 * Publisher} in a session made as {@code --datalake-formats iceberg} makes it, on the embedded
 * catalog wrapped in {@link PausingCatalog}; for {@link IcebergCommitCrashIT}.
 *
 * <ul>
 *   <li>{@code publish LAKE BATCH [PAUSE_AT]}: ({@code LAKE} a folder, or a URI such as {@code
 *       s3a://bucket/lake} with the metastore in the folder {@code -Dcatalog.dir}) prints the table
 *       ({@code before ...}), publishes batch {@code BATCH} in overwrite mode (it replaces
 *       partition {@code d1} and adds partition {@code d<BATCH+1>}), prints the table again ({@code
 *       after ...}); with {@code PAUSE_AT} the commit stops there for good (see {@link
 *       PausingCatalog});
 *   <li>{@code race LAKE ROUND RETRIES}: two threads append a batch each to the table at once; the
 *       first one's commit is held until the second one's has switched the table. {@code RETRIES}
 *       is the table's {@code commit.retry.num-retries} ({@code default}: Iceberg's). Prints each
 *       thread's outcome, the table, and, when a publish failed, the table after publishing it
 *       again;
 *   <li>{@code race-create LAKE}: as {@code race} on a lake without the table: the first publish's
 *       creation of the table is held until the second one has made it.
 * </ul>
 *
 * <p>Rows print as {@code <prefix> <id> <day> <batch>}, by id.
 */
public final class IcebergPublishingJob {
  private IcebergPublishingJob() {}

  static final TableIdentifier EVENTS = TableIdentifier.of("crash", "events");
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("day", DataTypes.StringType)
          .add("batch", DataTypes.IntegerType);

  public static void main(String[] argv) throws Exception {
    String mode = argv[0];
    // a local folder, or a URI (s3a://...) with the catalog (metastore) in -Dcatalog.dir
    String lakeArg = argv[1];
    boolean uri = lakeArg.contains("://");
    Lake lake = uri ? Lake.at(lakeArg) : Lake.at(Path.of(lakeArg));
    Path catalogDir =
        uri ? Path.of(System.getProperty("catalog.dir")) : Path.of(lakeArg).resolve("spark");
    DynaContext.LocalBuilder b =
        DynaContext.local()
            .master("local[2]")
            .appName("iceberg-publishing-job")
            .dataDir(catalogDir)
            .shufflePartitions(2)
            .config("spark.dynaframe.catalog", "pausing");
    if (mode.equals("publish") && argv.length > 3) {
      b.config("spark.dynaframe.catalog.pauseAt", argv[3]);
    }
    if (mode.startsWith("race")) {
      b.config("spark.dynaframe.catalog.race", "true");
    }
    DynaContext ctx = DataLakeFormats.of("iceberg").configure(b, lake.load() + "/iceberg").build();
    Publisher publisher = Publisher.of(ctx, ctx.catalog(), lake);
    if (mode.equals("publish")) {
      int batch = Integer.parseInt(argv[2]);
      print(ctx, "before");
      System.out.println("dynaframe: publishing batch " + batch);
      System.out.flush();
      publisher.publish(
          frame(
              ctx,
              row(batch * 100L + 1, "d1", batch),
              row(batch * 100L + 2, "d1", batch),
              row(batch * 100L + 3, "d" + (batch + 1), batch)),
          EVENTS,
          "iceberg",
          List.of("day"));
      print(ctx, "after");
      System.out.println("published batch " + batch);
    } else if (mode.equals("race-create")) {
      race(ctx, publisher, 1, "default");
    } else {
      race(ctx, publisher, Integer.parseInt(argv[2]), argv[3]);
    }
    ctx.spark().stop();
  }

  private static void race(DynaContext ctx, Publisher publisher, int round, String retries)
      throws Exception {
    if (!retries.equals("default")) {
      ctx.spark()
          .sql(
              "ALTER TABLE glue_catalog.crash.events SET TBLPROPERTIES"
                  + " ('commit.retry.num-retries' = '"
                  + Integer.parseInt(retries)
                  + "')");
    }
    DynamicFrame a =
        frame(
            ctx,
            row(10_000L * round + 1, "a" + round, -1),
            row(10_000L * round + 2, "a" + round, -1));
    DynamicFrame b = frame(ctx, row(10_000L * round + 5001, "b" + round, -2));
    AtomicReference<Throwable> failedA = new AtomicReference<>();
    AtomicReference<Throwable> failedB = new AtomicReference<>();
    Thread first = new Thread(() -> publish(publisher, a, failedA), "publish-a");
    first.start();
    if (!PausingCatalog.WAITING.await(3, TimeUnit.MINUTES)) {
      throw new IllegalStateException("publish a did not reach its commit or creation");
    }
    Thread second = new Thread(() -> publish(publisher, b, failedB), "publish-b");
    second.start();
    second.join();
    first.join();
    outcome("a", failedA.get());
    outcome("b", failedB.get());
    print(ctx, "after");
    if (failedA.get() != null) {
      publisher.publish(a, EVENTS, "iceberg", List.of("day"), Publisher.Mode.APPEND);
      System.out.println("republished a");
      print(ctx, "final");
    }
  }

  private static void publish(Publisher p, DynamicFrame f, AtomicReference<Throwable> failed) {
    try {
      p.publish(f, EVENTS, "iceberg", List.of("day"), Publisher.Mode.APPEND);
    } catch (RuntimeException e) {
      failed.set(e);
    }
  }

  private static void outcome(String name, Throwable t) {
    if (t == null) {
      System.out.println("outcome " + name + " ok");
      return;
    }
    boolean conflict = false;
    for (Throwable c = t; c != null; c = c.getCause()) {
      conflict |= c instanceof CommitConflictException;
    }
    System.out.println(
        "outcome "
            + name
            + " failed "
            + t.getClass().getName()
            + " conflict="
            + conflict
            + ": "
            + t.getMessage().lines().findFirst().orElse(""));
  }

  private static Row row(long id, String day, int batch) {
    return RowFactory.create(id, day, batch);
  }

  private static DynamicFrame frame(DynaContext ctx, Row... rows) {
    return DynamicFrame.fromDF(ctx.spark().createDataFrame(List.of(rows), SCHEMA), ctx, "events");
  }

  private static void print(DynaContext ctx, String prefix) {
    if (!ctx.catalog().tableExists(EVENTS)) {
      return;
    }
    List<String> lines = new ArrayList<>();
    ctx.createDynamicFrameFromCatalog(EVENTS.database().name(), EVENTS.name())
        .toDF()
        .orderBy("id")
        .collectAsList()
        .forEach(
            r -> lines.add(prefix + " " + r.getLong(0) + " " + r.getString(1) + " " + r.getInt(2)));
    lines.forEach(System.out::println);
    System.out.flush();
  }
}
