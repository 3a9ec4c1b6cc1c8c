/**
 * The catalog SPI: a Hive-metastore-shaped Data Catalog of databases, tables and partitions, as AWS
 * Glue's Data Catalog models it.
 *
 * <p>{@link io.dynaframe.catalog.Catalog} is the interface every implementation provides; {@link
 * io.dynaframe.catalog.Catalogs#load} picks one by name ({@code memory}, {@code embedded}, {@code
 * glue}; the implementations live in the {@code dynaframe-catalog} module). Identifiers ({@link
 * io.dynaframe.catalog.DatabaseName}, {@link io.dynaframe.catalog.TableIdentifier}) and definitions
 * ({@link io.dynaframe.catalog.Database}, {@link io.dynaframe.catalog.TableDefinition}, {@link
 * io.dynaframe.catalog.Partition}) are immutable values. Each failure has its own unchecked
 * exception, all extending {@link io.dynaframe.DynaFrameException}.
 */
package io.dynaframe.catalog;
