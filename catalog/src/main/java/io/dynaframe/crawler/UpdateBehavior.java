package io.dynaframe.crawler;

/**
 * What a crawl does with a table whose schema changed: Glue's {@code
 * SchemaChangePolicy.UpdateBehavior}.
 */
public enum UpdateBehavior {
  /** Change the table in the catalog (the default). */
  UPDATE_IN_DATABASE,
  /** Leave the table as it is and report the change. */
  LOG
}
