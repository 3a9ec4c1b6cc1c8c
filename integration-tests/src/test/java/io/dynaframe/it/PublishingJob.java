package io.dynaframe.it;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.job.Job;
import io.dynaframe.job.JobArguments;
import io.dynaframe.job.Publication;
import io.dynaframe.job.Publisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An incremental job for {@link PublishCrashIT}: reads the new event files (bookmarks on),
 * publishes them into {@code sales.events} partitioned by day (appending), commits. With {@code
 * --mode read} it prints the table as readers see it through the catalog. {@code
 * io.dynaframe.job.PausedPublishingJob} runs it with its publish stopped part way.
 */
public final class PublishingJob {
  private PublishingJob() {}

  public static void main(String[] argv) {
    run(argv, UnaryOperator.identity());
  }

  /** Runs the job; {@code publisher} may change the publisher it makes. */
  public static void run(String[] argv, UnaryOperator<Publisher> publisher) {
    run(argv, publisher, () -> {});
  }

  /**
   * Runs the job; {@code publisher} may change the publisher it makes, {@code beforeCommit} runs
   * between the publish and the commit.
   */
  public static void run(String[] argv, UnaryOperator<Publisher> publisher, Runnable beforeCommit) {
    JobArguments args = JobArguments.resolve(argv, "JOB_NAME", "lake", "mode");
    Path lakeDir = Path.of(args.get("lake"));
    Lake lake = Lake.at(lakeDir);
    DynaContext ctx =
        DynaContext.local().appName("publishing-job").dataDir(lakeDir.resolve("spark")).build();
    TableIdentifier events = TableIdentifier.of("sales", "events");
    if (args.get("mode").equals("read")) {
      ctx.spark()
          .sql("SELECT id, day FROM sales.events ORDER BY id")
          .collectAsList()
          .forEach(r -> System.out.println("row " + r.get(0) + " " + r.get(1)));
      System.out.println("read done");
      return;
    }
    // what a reader sees before this run starts (after whatever the previous run left)
    if (ctx.spark().catalog().tableExists("sales.events")) {
      ctx.spark()
          .sql("SELECT id, day FROM sales.events ORDER BY id")
          .collectAsList()
          .forEach(r -> System.out.println("before " + r.get(0) + " " + r.get(1)));
    }
    try (Job job =
        Job.init(
            args.get("JOB_NAME"), ctx.withCatalog(EmbeddedCatalog.of(ctx.spark())), args, lake)) {
      DynamicFrame frame =
          job.context()
              .createDynamicFrameFromOptions(
                  "s3",
                  Options.of("paths", List.of(lake.sourcePath("events"))),
                  "json",
                  Options.empty(),
                  "events");
      Publication p =
          publisher
              .apply(Publisher.of(job).withOrphanGrace(Duration.ZERO))
              .publish(frame, events, "parquet", List.of("day"), Publisher.Mode.APPEND);
      beforeCommit.run();
      job.commit();
      System.out.println("orphans " + orphans(lake, job.context()));
      System.out.println(
          "published "
              + p.version()
              + " partitions "
              + p.partitions()
              + " removed "
              + p.removedVersions()
              + " attempt "
              + job.attempt());
    }
  }

  /**
   * Version folders of the table that neither the catalog points at nor the table's history of
   * published versions keeps: what killed or rolled-back runs left and cleanup has not removed.
   */
  private static List<String> orphans(Lake lake, DynaContext ctx) {
    TableIdentifier events = TableIdentifier.of("sales", "events");
    java.util.Set<String> kept = new java.util.TreeSet<>();
    for (io.dynaframe.catalog.Partition p : ctx.catalog().listAllPartitions(events, null)) {
      String loc = p.location().orElse("");
      int v = loc.indexOf("/" + Publisher.VERSION_PREFIX);
      kept.add(loc.substring(v + 1).split("/")[0]);
    }
    String history =
        ctx.catalog().getTable(events).parameters().getOrDefault(Publisher.VERSIONS_PARAMETER, "");
    for (String item : history.split(",")) {
      if (item.contains("@")) {
        kept.add(Publisher.VERSION_PREFIX + item.substring(0, item.lastIndexOf('@')));
      }
    }
    try (java.util.stream.Stream<Path> s =
        java.nio.file.Files.list(Path.of(java.net.URI.create(lake.load() + "/sales/events")))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(Publisher.VERSION_PREFIX) && !kept.contains(n))
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
