// dynaframe shell: a local context is ready as `ctx`; try a source, a transform, look at the frame.
import io.dynaframe.*;
import io.dynaframe.types.*;
import io.dynaframe.job.*;
import java.util.*;
import java.nio.file.*;
import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;

DynaContext ctx = DynaContext.local().appName("dynaframe-shell").dataDir(Path.of("lake", "spark")).build();
SparkSession spark = ctx.spark();

/** Reads files into a frame: read("json", "lake/source/orders/") */
DynamicFrame read(String format, String... paths) {
  return ctx.createDynamicFrameFromOptions("s3", Options.of("paths", List.of(paths), "recurse", true), format, Options.empty(), "");
}

System.out.println("""
    dynaframe shell: `ctx` (a DynaContext) and `spark` are ready.
      DynamicFrame f = read("json", "lake/source/quickstart/");
      f.printSchema(); f.show(5); f.errorsAsDynamicFrame().show();
      f.toDF().createOrReplaceTempView("t"); spark.sql("select count(*) from t").show();
    /exit to leave.""");
