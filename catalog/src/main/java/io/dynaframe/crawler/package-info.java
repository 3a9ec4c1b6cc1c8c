/**
 * A crawler, as AWS Glue's: it walks local, {@code s3a://} (or any Hadoop) paths, classifies files,
 * infers and merges their schemas, groups compatible folders into partitioned tables, and creates
 * or updates those tables in a {@link io.dynaframe.catalog.Catalog}.
 */
package io.dynaframe.crawler;
