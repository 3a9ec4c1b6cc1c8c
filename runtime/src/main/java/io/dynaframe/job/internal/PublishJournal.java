package io.dynaframe.job.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one publish of a run is about to change in the catalog, written before it changes anything:
 * the table's definition and the locations of the partitions it switches, as they were. A run that
 * fails, or dies before it commits, is rolled back from these entries, so its publishes do not stay
 * visible while its bookmark state says its input is still unread. Serialised as JSON.
 */
public final class PublishJournal {
  public String database;
  public String table;

  /** The run's version folder: what the table and its partitions point at once switched. */
  public String newLocation;

  /** The table format when it is one ({@code iceberg}); null for a folder-versioned table. */
  public String format;

  /** The run id of the publishing run (the Iceberg snapshots it commits carry it). */
  public String runId;

  /** An Iceberg table's current snapshot before the publish; null when it had none. */
  public Long snapshotBefore;

  /** True when the publish creates the table. */
  public boolean created;

  public String location;
  public Map<String, String> parameters = new LinkedHashMap<>();
  public List<ColumnEntry> columns = new ArrayList<>();
  public List<PartitionEntry> partitions = new ArrayList<>();

  /** A data column of the table as it was. */
  public static final class ColumnEntry {
    public String name;
    public String type;
    public String comment;
  }

  /** A partition the publish switches; {@code location} is null when the publish creates it. */
  public static final class PartitionEntry {
    public List<String> values = new ArrayList<>();
    public String location;
    public Map<String, String> parameters = new LinkedHashMap<>();
  }
}
