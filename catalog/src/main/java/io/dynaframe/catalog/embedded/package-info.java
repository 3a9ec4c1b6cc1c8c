/** Spark's own catalog (a Hive metastore on Derby when run locally) behind the catalog SPI. */
package io.dynaframe.catalog.embedded;
