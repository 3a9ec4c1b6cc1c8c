package io.dynaframe.lakeformats;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.SinkException;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delta Lake tables on real Delta Lake and local Spark: written and read by path ({@code
 * from_options} with connection type {@code s3} and format {@code delta}, as Glue Studio's Delta
 * Lake nodes do, or connection type {@code delta}), read as catalog tables, and read at a version
 * ({@code versionAsOf}).
 */
class DeltaTablesTest {
  private static final String DDL = "id BIGINT, name STRING, day STRING";
  private static DynaContext ctx;

  @BeforeAll
  static void start() {
    ctx = LakeSpark.context();
  }

  private static DynamicFrame people(Row... rows) {
    return Frames.rows(ctx, DDL, rows);
  }

  private static String path(String name) {
    return LakeSpark.dir().resolve("delta").resolve(name).toString();
  }

  private static void write(String path, String mode, List<String> keys, Row... rows) {
    ctx.writeDynamicFrameFromOptions(
        people(rows),
        "s3",
        Options.of("path", path, "writeMode", mode, "partitionKeys", keys),
        "delta",
        Options.empty(),
        "");
  }

  private static DynamicFrame read(String path, Options options) {
    return ctx.createDynamicFrameFromOptions(
        "delta", options.with("path", path), "", Options.empty(), "read_people");
  }

  @Test
  void writesAndReadsByPathWithEveryCommitAVersion() {
    String p = path("people");
    write(p, "append", List.of("day"), row(1L, "ann", "mon"), row(2L, "bob", "tue"));
    assertThat(Files.isDirectory(Path.of(p, "_delta_log"))).isTrue();
    assertThat(Files.isDirectory(Path.of(p, "day=mon"))).isTrue();
    write(p, "append", List.of("day"), row(3L, "cy", "mon"));

    DynamicFrame all = read(p, Options.empty());
    FrameAssert.assertThat(all)
        .isEqualTo(people(row(1L, "ann", "mon"), row(2L, "bob", "tue"), row(3L, "cy", "mon")));
    assertThat(all.name()).isEqualTo("read_people");

    FrameAssert.assertThat(read(p, Options.of("versionAsOf", 0)))
        .isEqualTo(people(row(1L, "ann", "mon"), row(2L, "bob", "tue")));

    // Glue Studio's spelling: connection type s3, format delta, paths
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromOptions(
                "s3", Options.of("paths", List.of(p)), "delta", Options.empty(), ""))
        .isEqualTo(all);

    write(p, "overwrite", List.of("day"), row(4L, "dee", "wed"));
    FrameAssert.assertThat(read(p, Options.empty())).isEqualTo(people(row(4L, "dee", "wed")));
    FrameAssert.assertThat(read(p, Options.of("versionAsOf", "1")))
        .isEqualTo(people(row(1L, "ann", "mon"), row(2L, "bob", "tue"), row(3L, "cy", "mon")));
  }

  @Test
  void aCatalogTableOfClassificationDeltaIsReadAndWrittenAtItsLocation() {
    String p = path("catalogued");
    write(p, "append", List.of(), row(1L, "ann", "mon"));
    LakeSpark.database("lake_delta");
    ctx.catalog()
        .createTable(
            TableDefinition.builder(TableIdentifier.of("lake_delta", "catalogued"))
                .columns(people().schema())
                .location(p)
                .parameter("classification", "delta")
                .build());

    ctx.writeDynamicFrameFromCatalog(
        people(row(2L, "bob", "tue")), "lake_delta", "catalogued", "", Options.empty());
    FrameAssert.assertThat(ctx.createDynamicFrameFromCatalog("lake_delta", "catalogued"))
        .isEqualTo(people(row(1L, "ann", "mon"), row(2L, "bob", "tue")));
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromCatalog(
                "lake_delta", "catalogued", "", "", Options.of("versionAsOf", "0")))
        .isEqualTo(people(row(1L, "ann", "mon")));
  }

  @Test
  void badRequestsFailAtTheCallNamingWhatIsWrong() {
    String p = path("checked");
    write(p, "append", List.of(), row(1L, "ann", "mon"));
    assertThatThrownBy(() -> read(p, Options.of("versionAsOf", 7)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has no version 7 (versionAsOf); its latest is 0");
    assertThatThrownBy(() -> read(p, Options.of("versionAsOf", 0, "timestampAsOf", "2026-12-01")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("either versionAsOf or timestampAsOf");
    String notDelta = LakeSpark.dir().resolve("not-delta").toString();
    assertThatThrownBy(() -> read(notDelta, Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("'" + notDelta + "' is not a Delta table");
    assertThatThrownBy(
            () ->
                ctx.getSinkWithFormat(
                    "delta", Options.of("path", p, "writeMode", "merge"), "", "", Options.empty()))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("option writeMode is 'merge'");
    assertThatThrownBy(
            () -> ctx.getSourceWithFormat("delta", Options.empty(), "", "", Options.empty()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("needs option path");
  }
}
