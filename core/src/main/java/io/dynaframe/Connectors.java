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

  /** The source of the request's connection type. */
  static DataSource source(Connector.Request request) {
    return find(request, SourceException::new).source(request);
  }

  /** The sink of the request's connection type. */
  static DataSink sink(Connector.Request request) {
    return find(request, SinkException::new).sink(request);
  }

  /**
   * The source of a catalog table. A table that points at a database table through a connection (a
   * {@code connectionName} parameter, and a classification that is a connection type such as {@code
   * postgresql}, as Glue's crawler makes JDBC tables) is read by the connector of that type; every
   * other table by the connector of {@code s3} (tables whose data are files).
   */
  static DataSource catalogSource(Connector.TableRequest request) {
    String type = connectionTypeOf(request);
    return find(
            new Connector.Request(
                request.context(),
                type,
                Options.empty(),
                request.transformationContext(),
                "",
                Options.empty()),
            SourceException::new)
        .catalogSource(request);
  }

  /**
   * The connection type that reads a table: its classification when it names a connection, else
   * {@code s3}. A table that cannot be read here is left to the s3 connector, which says what is
   * wrong.
   */
  private static String connectionTypeOf(Connector.TableRequest request) {
    io.dynaframe.catalog.TableDefinition t;
    try {
      t =
          request
              .catalog()
              .getTable(
                  io.dynaframe.catalog.TableIdentifier.of(request.database(), request.table()));
    } catch (RuntimeException e) {
      return "s3";
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
