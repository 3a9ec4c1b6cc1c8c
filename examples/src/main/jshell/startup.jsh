// dynaframe shell: a local context is ready as `ctx`; try a source, a transform, look at the frame.
import io.dynaframe.*;
import io.dynaframe.types.*;
import io.dynaframe.job.*;
import io.dynaframe.transforms.*;
import java.util.*;
import java.nio.file.*;
import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;
// java.util.Map, not the Map transform (write io.dynaframe.transforms.Map for that one)
import java.util.Map;

DynaContext ctx = DynaContext.local().appName("dynaframe-shell").dataDir(Path.of("lake", "spark")).build();
SparkSession spark = ctx.spark();

/** Reads files into a frame: read("json", "lake/source/orders/") */
DynamicFrame read(String format, String... paths) {
  return ctx.createDynamicFrameFromOptions("s3", Options.of("paths", List.of(paths), "recurse", true), format, Options.empty(), "");
}

/** Data to try: the quick start's orders once it ran (./mvnw ... -Prun-example), else the examples' sample. */
String example = Files.isDirectory(Path.of("lake/source/orders")) ? "lake/source/orders/" : "examples/src/main/resources/quickstart/";

System.out.println("""
    dynaframe shell: `ctx` (a DynaContext) and `spark` are ready; the Glue transforms are imported.
      DynamicFrame f = read("json", "%s");
      f.printSchema(); f.show(5); f.errorsAsDynamicFrame().show();
      f.toDF().createOrReplaceTempView("t"); spark.sql("select count(*) from t").show();
    /exit to leave.""".formatted(example));
