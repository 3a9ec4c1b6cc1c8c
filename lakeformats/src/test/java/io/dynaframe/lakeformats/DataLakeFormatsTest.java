package io.dynaframe.lakeformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --datalake-formats} job argument and the Spark settings it stands for. */
class DataLakeFormatsTest {

  @Test
  void theJobArgumentNamesTheFormatsInEitherSpelling() {
    assertThat(
            DataLakeFormats.fromArguments(
                    new String[] {"--JOB_NAME", "orders", "--datalake-formats", " Iceberg, delta "})
                .formats())
        .containsExactly("iceberg", "delta");
    assertThat(DataLakeFormats.fromArguments(new String[] {"--datalake-formats=delta"}).formats())
        .containsExactly("delta");
    assertThat(DataLakeFormats.fromArguments(new String[] {"--JOB_NAME", "x"}).formats()).isEmpty();
    assertThat(DataLakeFormats.fromArguments(new String[] {"--JOB_NAME", "x"}).sparkConf("/w"))
        .isEmpty();
  }

  @Test
  void icebergConfiguresGlueCatalogAsGlueDocumentsIt() {
    Map<String, String> conf = DataLakeFormats.parse("iceberg").sparkConf("s3a://lake/iceberg");
    assertThat(conf)
        .containsEntry(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .containsEntry("spark.sql.catalog.glue_catalog", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry(
            "spark.sql.catalog.glue_catalog.catalog-impl",
            "io.dynaframe.lakeformats.DynaframeIcebergCatalog")
        .containsEntry(
            "spark.sql.catalog.glue_catalog.io-impl", "org.apache.iceberg.hadoop.HadoopFileIO")
        .containsEntry("spark.sql.catalog.glue_catalog.warehouse", "s3a://lake/iceberg")
        .doesNotContainKey("spark.sql.catalog.spark_catalog");
  }

  @Test
  void deltaConfiguresTheSessionCatalogAsGlueDocumentsIt() {
    Map<String, String> conf = DataLakeFormats.parse("iceberg,delta").sparkConf(null);
    assertThat(conf)
        .containsEntry(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                + "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .doesNotContainKey("spark.sql.catalog.glue_catalog.warehouse");
  }

  @Test
  void hudiAndUnknownFormatsAreRefusedByName() {
    assertThatThrownBy(() -> DataLakeFormats.parse("iceberg,hudi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hudi'")
        .hasMessageContaining("does not support Hudi");
    assertThatThrownBy(() -> DataLakeFormats.parse("delta,paimon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'paimon'")
        .hasMessageContaining("[iceberg, delta]");
    assertThatThrownBy(() -> DataLakeFormats.fromArguments(new String[] {"--datalake-formats"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a value");
  }
}
