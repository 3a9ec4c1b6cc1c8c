package io.dynaframe.job;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.InputFile;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Glue's workload partitioning ("bounded execution"): with job bookmarks, a run reads at most
 * {@code boundedFiles} files (or {@code boundedSize} bytes) of the files not processed yet, oldest
 * first, and the next run goes on from there; the bookmark holds only what a run read. And {@code
 * maxFilesInBand}: of the files modified within {@code maxBand} before the run, only that many are
 * read; the rest wait for the next run.
 */
@SparkTest
class BoundedBookmarksTest {

  @TempDir Path root;

  private static final String[] ENABLE = {"--job-bookmark-option", "job-bookmark-enable"};
  private static final long OLD = System.currentTimeMillis() - 3_600_000L;

  private Path landing() {
    return root.resolve("landing");
  }

  private void land(String file, long modified, int... ids) throws IOException {
    Files.createDirectories(landing());
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append("{\"id\": ").append(id).append("}\n");
    }
    Path p = landing().resolve(file);
    Files.writeString(p, b);
    Files.setLastModifiedTime(p, FileTime.fromMillis(modified));
  }

  /** One committed run reading with the options; the frame it read and the files it noted. */
  private record Run(DynamicFrame frame, List<String> noted) {}

  private Run run(DynaContext ctx, Object... options) {
    Job job = Job.init("bounded", ctx, JobArguments.resolve(ENABLE), Lake.at(root));
    Options o = Options.of("paths", List.of(landing().toString()));
    for (int i = 0; i < options.length; i += 2) {
      o = o.with((String) options[i], options[i + 1]);
    }
    DynamicFrame f =
        job.context().createDynamicFrameFromOptions("s3", o, "json", Options.empty(), "events");
    // collected before the commit, as a job writes its output before committing
    DynamicFrame read = Frames.rows(ctx, "id INT", f.toDF().collectAsList().toArray(new Row[0]));
    Map<String, List<InputFile>> files = job.filesRead();
    job.commit();
    return new Run(
        read,
        files.getOrDefault("events", List.of()).stream()
            .map(x -> x.path().substring(x.path().lastIndexOf('/') + 1))
            .toList());
  }

  @Test
  void boundedFilesSplitsTheBacklogOverRunsAndTheBookmarkHoldsOnlyWhatWasRead(DynaContext ctx)
      throws IOException {
    // names out of time order: the oldest files go first, whatever their names
    land("e.json", OLD + 5000, 5);
    land("a.json", OLD + 1000, 1);
    land("d.json", OLD + 4000, 4);
    land("b.json", OLD + 2000, 2, 20);
    land("c.json", OLD + 3000, 3);

    Run first = run(ctx, "boundedFiles", "2");
    FrameAssert.assertThat(first.frame())
        .isEqualTo(Frames.rows(ctx, "id INT", row(1), row(2), row(20)));
    assertThat(first.noted()).containsExactly("a.json", "b.json");

    Run second = run(ctx, "boundedFiles", "2");
    FrameAssert.assertThat(second.frame()).isEqualTo(Frames.rows(ctx, "id INT", row(3), row(4)));
    assertThat(second.noted()).containsExactly("c.json", "d.json");

    Run third = run(ctx, "boundedFiles", "2");
    FrameAssert.assertThat(third.frame()).isEqualTo(Frames.rows(ctx, "id INT", row(5)));
    assertThat(third.noted()).containsExactly("e.json");

    assertThat(run(ctx, "boundedFiles", "2").noted()).isEmpty();
  }

  @Test
  void boundedSizeReadsWholeFilesUpToTheBytesGiven(DynaContext ctx) throws IOException {
    land("a.json", OLD + 1000, 1); // 10 bytes each
    land("b.json", OLD + 2000, 2);
    land("c.json", OLD + 3000, 3);

    Run first = run(ctx, "boundedSize", "25");
    FrameAssert.assertThat(first.frame()).isEqualTo(Frames.rows(ctx, "id INT", row(1), row(2)));
    Run second = run(ctx, "boundedSize", "25");
    FrameAssert.assertThat(second.frame()).isEqualTo(Frames.rows(ctx, "id INT", row(3)));
    assertThat(second.noted()).containsExactly("c.json");
    Run third = run(ctx, "boundedSize", "25");
    assertThat(third.noted()).isEmpty();
  }

  @Test
  void maxFilesInBandLeavesTheNewestFilesOfTheBandToTheNextRun(DynaContext ctx) throws IOException {
    long now = System.currentTimeMillis();
    land("old1.json", OLD, 1);
    land("old2.json", OLD + 1000, 2);
    land("new1.json", now - 20_000, 3);
    land("new2.json", now - 10_000, 4);

    // maxBand 60 s: new1 and new2 are in the band; only one of them may be read in a run
    Run first = run(ctx, "maxBand", 60_000, "maxFilesInBand", 1);
    FrameAssert.assertThat(first.frame())
        .isEqualTo(Frames.rows(ctx, "id INT", row(1), row(2), row(3)));
    Run second = run(ctx, "maxBand", 60_000, "maxFilesInBand", 1);
    FrameAssert.assertThat(second.frame()).isEqualTo(Frames.rows(ctx, "id INT", row(4)));
    assertThat(run(ctx, "maxBand", 60_000, "maxFilesInBand", 1).noted()).isEmpty();
  }
}
