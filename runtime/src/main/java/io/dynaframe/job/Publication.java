package io.dynaframe.job;

import io.dynaframe.catalog.TableIdentifier;
import java.util.List;

/**
 * What one publish did: the table, the version written (the run id), where its files are, the
 * partitions switched to it (empty for an unpartitioned table), and the old versions removed.
 */
public record Publication(
    TableIdentifier table,
    String version,
    String location,
    List<List<String>> partitions,
    List<String> removedVersions) {

  public Publication {
    partitions = List.copyOf(partitions);
    removedVersions = List.copyOf(removedVersions);
  }
}
