/**
 * Glue's data lake formats on any Spark: {@link io.dynaframe.lakeformats.DataLakeFormats} enables
 * them as the {@code --datalake-formats} job argument does (Iceberg's {@code glue_catalog}, kept in
 * dynaframe's catalog by {@link io.dynaframe.lakeformats.DynaframeIcebergCatalog}; Delta Lake's
 * catalog and extension), and the module's connector reads and writes their tables through {@code
 * DynaContext}: connection types {@code iceberg} and {@code delta} (or {@code s3} with that
 * format), and catalog tables of those formats.
 */
package io.dynaframe.lakeformats;
