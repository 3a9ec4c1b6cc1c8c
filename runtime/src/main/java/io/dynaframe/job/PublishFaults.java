package io.dynaframe.job;

import io.dynaframe.DynamicFrame;
import io.dynaframe.catalog.TableIdentifier;

/**
 * Points of a publish where tests of this package make it fail or stop (a crash during the write, a
 * failure just before the catalog switch). A {@link Publisher} has {@link #NONE}, which changes
 * nothing; only code in this package can give it another one ({@code Publisher.withFaults}).
 */
interface PublishFaults {
  /** No fault anywhere. */
  PublishFaults NONE = new PublishFaults() {};

  /**
   * The frame the publish writes into the new version folder; may stop or fail the write part way.
   */
  default DynamicFrame whileWriting(DynamicFrame frame, TableIdentifier table, String version) {
    return frame;
  }

  /**
   * Called when every file of the new version is written, just before the catalog is switched to
   * it.
   */
  default void beforeSwitch(TableIdentifier table, String version) {}

  /** Called when the table is created or updated, before any partition is switched. */
  default void afterTableSwitch(TableIdentifier table, String version) {}

  /**
   * Called when the partitions new to the table are created, before the existing ones are switched.
   */
  default void afterPartitionsCreated(TableIdentifier table, String version) {}

  /** Called each time the cleanup after a publish has removed an old version folder. */
  default void duringCleanup(TableIdentifier table, String removedVersion) {}
}
