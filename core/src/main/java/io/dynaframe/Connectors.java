package io.dynaframe;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds the connector of a connection type among those on the class path. A type that no connector
 * serves fails at the call, naming the types that are installed and, for a type one of dynaframe's
 * modules serves, the artifact to add.
 */
final class Connectors {
  private Connectors() {}

  /**
   * Glue's connection types that a dynaframe module serves or will serve, and that module's
   * artifact (without its Scala suffix).
   */
  private static final Map<String, String> MODULES =
      Map.ofEntries(
          Map.entry("postgresql", "dynaframe-jdbc"),
          Map.entry("mysql", "dynaframe-jdbc"),
          Map.entry("sqlserver", "dynaframe-jdbc"),
          Map.entry("oracle", "dynaframe-jdbc"),
          Map.entry("redshift", "dynaframe-jdbc"),
          Map.entry("iceberg", "dynaframe-lakeformats"),
          Map.entry("delta", "dynaframe-lakeformats"),
          Map.entry("hudi", "dynaframe-lakeformats"),
          Map.entry("kafka", "dynaframe-kafka"));

  /**
   * The table formats ({@code --datalake-formats}) that Glue reads and writes with connection type
   * {@code s3} and the format's name as the format (Glue Studio's Delta Lake source): such a
   * request goes to the connector of the format.
   */
  private static final java.util.Set<String> TABLE_FORMATS =
      java.util.Set.of("iceberg", "delta", "hudi");

  /** The source of the request's connection type. */
  static DataSource source(Connector.Request request) {
    Connector.Request r = byTableFormat(request);
    return find(r, SourceException::new).source(r);
  }

  /** The sink of the request's connection type. */
  static DataSink sink(Connector.Request request) {
    Connector.Request r = byTableFormat(request);
    return find(r, SinkException::new).sink(r);
  }

  /** An {@code s3} request in a table format, as a request of the format's connection type. */
  private static Connector.Request byTableFormat(Connector.Request r) {
    if (r.connectionType().equals("s3") && TABLE_FORMATS.contains(r.format())) {
      return new Connector.Request(
          r.context(),
          r.format(),
          r.options(),
          r.transformationContext(),
          r.format(),
          r.formatOptions());
    }
    return r;
  }

  /**
   * The sink of a catalog table that a connector writes (a table format's table), or null for a
   * table whose data are files (core's catalog sink writes those).
   */
  static DataSink catalogSink(Connector.TableRequest request) {
    String type = tableFormatOf(request);
    if (type == null) {
      return null;
    }
    return find(connectorRequest(request, type), SinkException::new).catalogSink(request);
  }

  /**
   * The table format of a catalog table, as Glue marks them: Iceberg by the table parameter {@code
   * table_type=ICEBERG}, Delta Lake by the classification {@code delta} or Spark's provider
   * parameter {@code spark.sql.sources.provider=delta}, Hudi likewise; null for any other table or
   * one that cannot be read.
   */
  private static String tableFormatOf(Connector.TableRequest request) {
    io.dynaframe.catalog.TableDefinition t = tableOf(request);
    return t == null ? null : tableFormatOf(t);
  }

  /** The catalog table a request names, or null when it cannot be read here. */
  private static io.dynaframe.catalog.TableDefinition tableOf(Connector.TableRequest request) {
    try {
      return request
          .catalog()
          .getTable(io.dynaframe.catalog.TableIdentifier.of(request.database(), request.table()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A request for the connector of a catalog table's type: the table request's context. */
  private static Connector.Request connectorRequest(Connector.TableRequest request, String type) {
    return new Connector.Request(
        request.context(),
        type,
        Options.empty(),
        request.transformationContext(),
        "",
        Options.empty());
  }

  private static String tableFormatOf(io.dynaframe.catalog.TableDefinition t) {
    Map<String, String> p = t.parameters();
    for (String key : new String[] {"table_type", "spark.sql.sources.provider"}) {
      String v = p.getOrDefault(key, "").strip().toLowerCase(Locale.ROOT);
      if (TABLE_FORMATS.contains(v)) {
        return v;
      }
    }
    String classification = t.classification().orElse("").strip().toLowerCase(Locale.ROOT);
    return TABLE_FORMATS.contains(classification) ? classification : null;
  }

  /**
   * The source of a catalog table. A table that points at a database table through a connection (a
   * {@code connectionName} parameter, and a classification that is a connection type such as {@code
   * postgresql}, as Glue's crawler makes JDBC tables) is read by the connector of that type, a
   * table format's table (Iceberg, Delta Lake, Hudi) by the connector of the format; every other
   * table by the connector of {@code s3} (tables whose data are files).
   */
  static DataSource catalogSource(Connector.TableRequest request) {
    String type = connectionTypeOf(request);
    return find(connectorRequest(request, type), SourceException::new).catalogSource(request);
  }

  /**
   * The connection type that reads a table: its classification when it names a connection, else
   * {@code s3}. A table that cannot be read here is left to the s3 connector, which says what is
   * wrong.
   */
  private static String connectionTypeOf(Connector.TableRequest request) {
    io.dynaframe.catalog.TableDefinition t = tableOf(request);
    if (t == null) {
      return "s3";
    }
    String format = tableFormatOf(t);
    if (format != null) {
      return format;
    }
    String classification = t.classification().orElse("").strip().toLowerCase(Locale.ROOT);
    if (t.parameters().containsKey("connectionName")
        && !classification.isEmpty()
        && !classification.equals("s3")
        && (MODULES.containsKey(classification) || installed().containsKey(classification))) {
      return classification;
    }
    return "s3";
  }

  /**
   * The installed connectors by connection type (lower case), the first found serving each type.
   */
  static Map<String, Connector> installed() {
    Map<String, Connector> found = new TreeMap<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    for (Connector c :
        ServiceLoader.load(Connector.class, cl == null ? Connectors.class.getClassLoader() : cl)) {
      for (String type : c.connectionTypes()) {
        found.putIfAbsent(type.toLowerCase(Locale.ROOT), c);
      }
    }
    return found;
  }

  private static Connector find(
      Connector.Request request, Function<String, ? extends DynaFrameException> error) {
    String type = request.connectionType();
    Map<String, Connector> installed = installed();
    Connector c = installed.get(type);
    if (c != null) {
      return c;
    }
    if (type.isEmpty()) {
      throw error.apply(
          "no connection type was given; the installed types are " + installed.keySet());
    }
    String module = MODULES.get(type);
    if (module != null) {
      throw error.apply(
          "connection type '"
              + type
              + "' needs io.dynaframe:"
              + module
              + "_"
              + scalaBinaryVersion()
              + " on the class path; the installed types are "
              + installed.keySet());
    }
    throw error.apply(
        "connection type '"
            + type
            + "' is not supported; the installed types are "
            + installed.keySet()
            + " (s3 reads and writes s3://, s3a:// and local paths)");
  }

  /** The Scala binary version of the running Spark: the suffix of dynaframe's artifacts. */
  static String scalaBinaryVersion() {
    String v = scala.util.Properties.versionNumberString();
    String[] parts = v.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : v;
  }
}
