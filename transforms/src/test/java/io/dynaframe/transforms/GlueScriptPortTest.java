package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Options;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Glue-generated script, ported line by line with the static apply methods. */
@SparkTest
class GlueScriptPortTest {

  @Test
  void aGeneratedScriptPortsLineByLine(DynaContext ctx, @TempDir Path dir) {
    DynamicFrame datasource0 =
        Frames.csv(
            ctx,
            true,
            "order id,customer,amount,comment",
            "1,Ann,12.50,",
            "2,Bob,n/a,",
            "x3,Cid,-4,");

    // applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [...], transformation_ctx
    // = "applymapping1")
    DynamicFrame applymapping1 =
        ApplyMapping.apply(
            datasource0,
            List.of(
                MappingSpec.of("order id", "string", "order_id", "string"),
                MappingSpec.of("customer", "string", "customer.name", "string"),
                MappingSpec.of("amount", "string", "amount", "double"),
                MappingSpec.of("comment", "string", "comment", "string")),
            "applymapping1");
    // resolvechoice2 = ResolveChoice.apply(frame = applymapping1, choice = "make_struct",
    // transformation_ctx = "resolvechoice2")
    DynamicFrame resolvechoice2 =
        ResolveChoice.apply(applymapping1, "make_struct", "resolvechoice2");
    // dropnullfields3 = DropNullFields.apply(frame = resolvechoice2, transformation_ctx =
    // "dropnullfields3")
    DynamicFrame dropnullfields3 = DropNullFields.apply(resolvechoice2, "dropnullfields3");
    // split4 = SplitRows.apply(dropnullfields3, {"amount": {">=": 0}}, "good", "quarantine",
    // transformation_ctx = "split4")
    FrameCollection split4 =
        SplitRows.apply(
            dropnullfields3, Map.of("amount", Map.of(">=", 0)), "good", "quarantine", "split4");
    DynamicFrame good = SelectFromCollection.apply(split4, "good", "good5");
    DynamicFrame quarantine = SelectFromCollection.apply(split4, "quarantine", "quarantine6");
    // glueContext.write_dynamic_frame.from_options(frame = good, connection_type = "s3", ...)
    ctx.writeDynamicFrameFromOptions(
        good,
        "s3",
        Options.of("path", dir.resolve("good").toString()),
        "parquet",
        Options.empty(),
        "");

    FrameAssert.assertThat(good)
        .isEqualTo(
            Frames.rows(
                ctx,
                "order_id STRING, customer STRUCT<name: STRING>, amount DOUBLE",
                row("1", row("Ann"), 12.5)));
    FrameAssert.assertThat(quarantine)
        .isEqualTo(
            Frames.rows(
                ctx,
                "order_id STRING, customer STRUCT<name: STRING>, amount DOUBLE",
                row("2", row("Bob"), null),
                row("x3", row("Cid"), -4.0)));
    assertThat(good.transformationContext()).isEqualTo("good5");
    FrameAssert.assertThat(
            ctx.createDynamicFrameFromOptions(
                "s3",
                Options.of("paths", List.of(dir.resolve("good").toString())),
                "parquet",
                Options.empty(),
                "back"))
        .isEqualTo(good);
  }
}
