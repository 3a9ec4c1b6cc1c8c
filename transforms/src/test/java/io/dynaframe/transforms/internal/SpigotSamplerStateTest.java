package io.dynaframe.transforms.internal;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import io.dynaframe.transforms.Spigot;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class SpigotSamplerStateTest {

  @TempDir Path dir;

  @Test
  void thePartitionsASamplerWroteAreRecordedUnderTheSparkEnvironmentOfItsTasks(DynaContext ctx) {
    Set<String> before = SpigotSampler.written(SparkEnv.get());
    Row[] rows = LongStream.range(0, 20).mapToObj(n -> row(n)).toArray(Row[]::new);
    DynamicFrame out =
        Frames.rows(ctx, "n BIGINT", rows)
            .repartition(2)
            .apply("sample", Spigot.to(dir.resolve("s").toString()).inTasks());

    out.count();
    out.count(); // a second job: the partitions are not written again
    Set<String> added = new HashSet<>(SpigotSampler.written(SparkEnv.get()));
    added.removeAll(before);

    assertThat(added).hasSize(2);
    assertThat(
            added.stream().map(k -> k.substring(0, k.lastIndexOf(':'))).collect(Collectors.toSet()))
        .hasSize(1);
    assertThat(
            added.stream()
                .map(k -> k.substring(k.lastIndexOf(':') + 1))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("0", "1");
  }
}
