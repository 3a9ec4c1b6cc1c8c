package io.dynaframe.crawler;

/**
 * What a full crawl does with a table it made earlier whose files are gone (and with the partitions
 * of a table whose folders are gone): Glue's {@code SchemaChangePolicy.DeleteBehavior}.
 */
public enum DeleteBehavior {
  /**
   * Mark the table with the parameter {@code DEPRECATED_BY_CRAWLER} (the default); partitions are
   * kept.
   */
  DEPRECATE_IN_DATABASE,
  /** Drop the table or partition from the catalog (never the files). */
  DELETE_FROM_DATABASE,
  /** Change nothing and report it. */
  LOG
}
