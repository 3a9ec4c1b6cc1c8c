package io.dynaframe.catalog.embedded;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.catalog.Database;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A job run in its own JVM by {@link EmbeddedCatalogAcrossProcessesTest}: on local Spark with the
 * metastore in {@code args[0]}, it writes a partitioned table with catalog update.
 */
public final class RegisterJob {
  private RegisterJob() {}

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    DynaContext ctx = DynaContext.local().dataDir(dataDir).appName("register-job").build();
    ctx.catalog().createDatabase(Database.of("sales"));
    StructType schema = StructType.fromDDL("id BIGINT, amount DOUBLE, year STRING, month STRING");
    DynamicFrame orders =
        DynamicFrame.fromDF(
            ctx.spark()
                .createDataFrame(
                    List.of(
                        RowFactory.create(1L, 10.5, "2023", "12"),
                            RowFactory.create(2L, 20.0, "2024", "01"),
                        RowFactory.create(3L, 30.0, "2024", "01"),
                            RowFactory.create(4L, 40.0, "2024", "02")),
                    schema),
            ctx,
            "orders");
    ctx.getSinkWithFormat(
            "s3",
            Options.of(
                "path",
                dataDir.resolve("lake/orders").toString(),
                "partitionKeys",
                List.of("year", "month"),
                "enableUpdateCatalog",
                true,
                "catalogDatabase",
                "sales",
                "catalogTableName",
                "orders"),
            "orders",
            "parquet",
            Options.empty())
        .writeDynamicFrame(orders);
    ctx.spark().stop();
    System.out.println("REGISTERED");
  }
}
