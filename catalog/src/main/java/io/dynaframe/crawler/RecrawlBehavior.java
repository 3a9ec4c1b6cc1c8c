package io.dynaframe.crawler;

/** Which folders a crawl reads: Glue's {@code RecrawlPolicy.RecrawlBehavior}. */
public enum RecrawlBehavior {
  /** Every file, every time (the default). */
  CRAWL_EVERYTHING,
  /**
   * Only folders that are not yet partitions of a table this crawler made, and new tables; schemas
   * of new partitions are merged into the table's. Nothing is deleted in this mode.
   */
  CRAWL_NEW_FOLDERS_ONLY
}
