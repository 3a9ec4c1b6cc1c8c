package io.dynaframe.crawler;

import java.util.List;

/**
 * What a crawl did: the tables it created, updated, found unchanged, deprecated or deleted (as
 * {@code database.table}), the number of partitions it added and deleted, the files no classifier
 * recognised, and the changes it only logged (under {@link UpdateBehavior#LOG} or {@link
 * DeleteBehavior#LOG}).
 */
public record CrawlReport(
    List<String> tablesCreated,
    List<String> tablesUpdated,
    List<String> tablesUnchanged,
    List<String> tablesDeprecated,
    List<String> tablesDeleted,
    int partitionsAdded,
    int partitionsDeleted,
    List<String> unclassifiedFiles,
    List<String> loggedChanges) {

  public CrawlReport {
    tablesCreated = List.copyOf(tablesCreated);
    tablesUpdated = List.copyOf(tablesUpdated);
    tablesUnchanged = List.copyOf(tablesUnchanged);
    tablesDeprecated = List.copyOf(tablesDeprecated);
    tablesDeleted = List.copyOf(tablesDeleted);
    unclassifiedFiles = List.copyOf(unclassifiedFiles);
    loggedChanges = List.copyOf(loggedChanges);
  }

  /**
   * A summary line: {@code created 2, updated 0, unchanged 1, deprecated 0, deleted 0 tables; 12
   * partitions added}.
   */
  public String summary() {
    return "created "
        + tablesCreated.size()
        + ", updated "
        + tablesUpdated.size()
        + ", unchanged "
        + tablesUnchanged.size()
        + ", deprecated "
        + tablesDeprecated.size()
        + ", deleted "
        + tablesDeleted.size()
        + " tables; "
        + partitionsAdded
        + " partitions added, "
        + partitionsDeleted
        + " deleted";
  }
}
