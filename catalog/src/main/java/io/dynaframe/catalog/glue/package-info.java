/** The AWS Glue Data Catalog behind the catalog SPI, through the AWS SDK v2. */
package io.dynaframe.catalog.glue;
