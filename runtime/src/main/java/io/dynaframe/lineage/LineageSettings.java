package io.dynaframe.lineage;

/**
 * The Spark settings that control lineage, run reports and progress lines (set them with {@code
 * --conf} or on the session builder). None is needed: by default lineage is recorded and counted,
 * progress is logged as text, and a job run with a {@link io.dynaframe.Lake} writes its OpenLineage
 * events to {@code <TEMP>/lineage/<job>/<run>.jsonl}.
 */
public final class LineageSettings {
  private LineageSettings() {}

  /**
   * {@code true} (default) or {@code false}: record the lineage of each run. {@code false} records
   * nothing at all (no step graph, no counts, no events); to keep the graph and column lineage
   * without the cost of counting, set {@link #COUNTS} to {@code false} instead.
   */
  public static final String ENABLED = "spark.dynaframe.lineage.enabled";

  /**
   * {@code true} (default) or {@code false}: count the records each step reads, writes and sets
   * aside. With {@code false} the step graph, its edges and column lineage are still recorded,
   * every count is 0, and Spark's plans carry no counting filters.
   */
  public static final String COUNTS = "spark.dynaframe.lineage.counts";

  /**
   * {@code text} (default) or {@code json}: the form of progress lines and of the printed run
   * summary.
   */
  public static final String LOG_FORMAT = "spark.dynaframe.log.format";

  /**
   * The base URL of an OpenLineage HTTP endpoint (for example Marquez, {@code http://host:5000}):
   * events are POSTed there with the OpenLineage client's HTTP transport instead of written to a
   * file.
   */
  public static final String URL = "spark.dynaframe.lineage.url";

  /** The path of the endpoint under {@link #URL}; {@code /api/v1/lineage} by default. */
  public static final String ENDPOINT = "spark.dynaframe.lineage.endpoint";

  /**
   * An API key sent as a bearer token to the {@link #URL}; never logged nor written into events.
   */
  public static final String API_KEY = "spark.dynaframe.lineage.apiKey";

  /**
   * A file to append the events to as JSON lines (local path, {@code file:}, {@code s3://} or any
   * Hadoop file system); overrides the default under the lake's TEMP area.
   */
  public static final String FILE = "spark.dynaframe.lineage.file";

  /** The OpenLineage namespace of jobs; {@code dynaframe} by default. */
  public static final String NAMESPACE = "spark.dynaframe.lineage.namespace";
}
