package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records may have fields whose names differ only in case, as Glue's records may; Spark alone finds
 * them ambiguous.
 */
@SparkTest
class CaseVariantTest {

  private static DynamicFrame frame(DynaContext ctx) {
    return Frames.json(
        ctx,
        "{\"Name\": \"upper\", \"name\": \"lower\", \"s\": {\"A\": 1, \"a\": \"x\"}}",
        "{\"Name\": \"UP\", \"name\": \"low\", \"s\": {\"A\": 2, \"a\": 3}}");
  }

  @Test
  void applyMappingMatchesExactlyWhenAskedAndRefusesAmbiguityOtherwise(DynaContext ctx) {
    FrameAssert.assertThat(
            frame(ctx)
                .apply(
                    ApplyMapping.of(MappingSpec.of("name", "x"), MappingSpec.of("s.A", "y"))
                        .withCaseSensitive(true)))
        .isEqualTo(Frames.rows(ctx, "x STRING, y INT", row("lower", 1), row("low", 2)));
    FrameAssert.assertThat(frame(ctx).apply(ApplyMapping.of(MappingSpec.of("Name", "x"))))
        .isEqualTo(Frames.rows(ctx, "x STRING", row("upper"), row("UP")));
    assertThatThrownBy(() -> frame(ctx).apply("m", ApplyMapping.of(MappingSpec.of("NAME", "x"))))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "ApplyMapping in step 'm': 'NAME' matches several fields when case is ignored: [Name, name]; "
                + "set case sensitivity on or rename one");
  }

  @Test
  void fieldTransformsResolveChoiceAndSplitRowsTellTheVariantsApart(DynaContext ctx) {
    DynamicFrame in = frame(ctx);

    FrameAssert.assertThat(
            in.apply(DropFields.of("Name", "s.A")).apply(ResolveChoice.spec("s.a", "cast:string")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "name STRING, s STRUCT<a: STRING>",
                row("lower", row("x")),
                row("low", row("3"))));
    FrameAssert.assertThat(
            in.apply(RenameField.of("name", "small")).apply(SelectFields.of("small", "Name")))
        .isEqualTo(
            Frames.rows(ctx, "Name STRING, small STRING", row("upper", "lower"), row("UP", "low")));
    FrameCollection parts = in.apply(SplitRows.where("Name", "=", "UP"));
    FrameAssert.assertThat(parts.get("frame1").apply(SelectFields.of("name")))
        .isEqualTo(Frames.rows(ctx, "name STRING", row("low")));
    FrameAssert.assertThat(in.apply(Unnest.create()).apply(SelectFields.of("`s.A`", "Name")))
        .isEqualTo(Frames.rows(ctx, "Name STRING, `s.A` INT", row("upper", 1), row("UP", 2)));
  }

  @Test
  void spigotAndUnionKeepBothVariants(DynaContext ctx, @TempDir Path dir) {
    DynamicFrame in = frame(ctx);
    String path = dir.resolve("s").toString();
    DynamicFrame out = in.apply(Spigot.to(path)).apply(Union.with(in));
    assertThat(out.count()).isEqualTo(4);
    assertThat(Spigot.read(ctx, path).count()).isEqualTo(2);
  }
}
