package io.dynaframe.jdbc.internal;

import io.dynaframe.DynaContext;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.NoSuchConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glue's {@code useConnectionProperties} and {@code connectionName} connection options, and the
 * {@code secretId} option: the URL and credentials of a source or sink taken from a connection of
 * the Data Catalog (its {@code JDBC_CONNECTION_URL}, {@code USERNAME} and {@code PASSWORD} or
 * {@code SECRET_ID}) or from a secret, the table and the other options still from the options.
 */
public final class CatalogConnections {
  private CatalogConnections() {}

  /** The URL, user and password of a JDBC connection of the catalog, with its vendor. */
  public record Resolved(String vendor, String url, String user, String password) {
    @Override
    public String toString() {
      return "Resolved[" + vendor + ", " + Redaction.url(url) + ", " + user + ", *****]";
    }
  }

  /** The options that name where the URL and credentials come from, and nothing else. */
  private static final java.util.Set<String> RESOLVED_HERE =
      java.util.Set.of("connectionName", "useConnectionProperties", "secretId", "database");

  /**
   * The options with the URL and credentials filled in from the catalog connection or the secret
   * they name, and the options that name them removed; the options as they are when they name
   * neither.
   */
  static Options resolve(
      DynaContext ctx,
      Dialect dialect,
      Options o,
      String what,
      Function<String, RuntimeException> error) {
    boolean useProps = bool(o, "useConnectionProperties", error);
    String name = blankToNull(o.getString("connectionName", null));
    String secretId = blankToNull(o.getString("secretId", null));
    if (useProps && name == null) {
      throw error.apply("connection option 'useConnectionProperties' needs 'connectionName'");
    }
    if (name != null && !useProps && !o.has("url")) {
      throw error.apply(
          "connection option 'connectionName' ('"
              + name
              + "') alone gives no URL: set 'useConnectionProperties' to 'true' to take the URL"
              + " and credentials from the catalog connection, or give 'url'");
    }
    if (o.has("database") && !useProps) {
      throw error.apply(
          "connection option 'database' replaces the database of a catalog connection's URL; it"
              + " needs 'connectionName' with 'useConnectionProperties'");
    }
    Map<String, Object> out = new LinkedHashMap<>(o.asMap());
    out.keySet().removeAll(RESOLVED_HERE);
    if (useProps) {
      for (String given : new String[] {"url", "user", "password"}) {
        if (o.has(given)) {
          throw error.apply(
              "connection option '"
                  + given
                  + "' cannot be given with 'useConnectionProperties': the catalog connection '"
                  + name
                  + "' supplies the URL and credentials");
        }
      }
      Resolved r = fromCatalog(ctx, name, error);
      String url = r.url();
      if (o.has("database")) {
        url = withDatabase(url, o.getString("database", ""), name, error);
      }
      if (!r.vendor().equals(dialect.connectionType())) {
        throw error.apply(
            "the catalog connection '"
                + name
                + "' is a "
                + r.vendor()
                + " connection ("
                + Redaction.url(r.url())
                + "), not a "
                + dialect.connectionType()
                + " one");
      }
      put(out, "url", url);
      put(out, "user", r.user());
      put(out, "password", r.password());
      if (secretId != null) {
        throw error.apply(
            "connection option 'secretId' cannot be given with 'useConnectionProperties': the"
                + " catalog connection '"
                + name
                + "' supplies the credentials");
      }
    } else if (secretId != null) {
      if (o.has("user") || o.has("password")) {
        throw error.apply(
            "connection option 'secretId' supplies the user and password; 'user' and 'password'"
                + " cannot be given with it");
      }
      Secrets.Credentials c = Secrets.resolve(ctx.spark(), secretId, error);
      put(out, "user", c.username());
      put(out, "password", c.password());
    }
    return Options.of(out);
  }

  /** The JDBC URL and credentials of a catalog connection, its secret resolved. */
  public static Resolved fromCatalog(
      DynaContext ctx, String name, Function<String, RuntimeException> error) {
    Catalog catalog = ctx.catalog();
    Connection c;
    try {
      c = catalog.getConnection(name);
    } catch (NoSuchConnectionException e) {
      throw error.apply(
          "the connection '" + name + "' does not exist in the " + catalog.type() + " catalog");
    } catch (UnsupportedOperationException e) {
      throw error.apply("the connection '" + name + "' cannot be read: " + e.getMessage());
    }
    if (!Connection.JDBC.equals(c.connectionType())) {
      throw error.apply(
          "the connection '" + name + "' is of type " + c.connectionType() + ", not JDBC");
    }
    String url =
        c.jdbcUrl()
            .orElseThrow(
                () ->
                    error.apply(
                        "the connection '" + name + "' has no " + Connection.JDBC_CONNECTION_URL));
    String user = c.username().orElse(null);
    String password = c.password().orElse(null);
    if (c.secretId().isPresent()) {
      Secrets.Credentials s = Secrets.resolve(ctx.spark(), c.secretId().get(), error);
      user = s.username() != null ? s.username() : user;
      password = s.password();
    }
    return new Resolved(vendor(url, name, error), url, user, password);
  }

  /** Glue's vendor (connection type) of a JDBC URL. */
  static String vendor(String url, String name, Function<String, RuntimeException> error) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    for (Dialect d : Dialect.values()) {
      if (u.startsWith("jdbc:" + d.connectionType() + ":")) {
        return d.connectionType();
      }
    }
    throw error.apply(
        "the JDBC URL of connection '"
            + name
            + "' ("
            + Redaction.url(url)
            + ") is not one of Glue's JDBC types "
            + java.util.Arrays.stream(Dialect.values()).map(Dialect::connectionType).toList());
  }

  private static final Pattern SLASH_DB =
      Pattern.compile("^(jdbc:[a-z0-9]+://[^/?;]+)(/[^?;]*)?(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SQLSERVER_DB =
      Pattern.compile("(?i)(;(?:databaseName|database)=)[^;]*");

  /** The URL with another database: Glue's {@code database} option of {@code from_jdbc_conf}. */
  static String withDatabase(
      String url, String database, String name, Function<String, RuntimeException> error) {
    if (database.isBlank()) {
      throw error.apply("connection option 'database' is empty");
    }
    if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlserver:")) {
      Matcher m = SQLSERVER_DB.matcher(url);
      return m.find()
          ? m.replaceFirst(Matcher.quoteReplacement(m.group(1) + database))
          : url + ";databaseName=" + database;
    }
    Matcher m = SLASH_DB.matcher(url);
    if (!m.matches()) {
      throw error.apply(
          "connection option 'database' cannot be applied to the URL of connection '"
              + name
              + "' ("
              + Redaction.url(url)
              + "): only URLs of the form jdbc:<type>://host:port/database and SQL Server's are"
              + " supported");
    }
    return m.group(1) + "/" + database + m.group(3);
  }

  private static void put(Map<String, Object> out, String key, String value) {
    if (value == null) {
      out.remove(key);
    } else {
      out.put(key, value);
    }
  }

  private static boolean bool(Options o, String key, Function<String, RuntimeException> error) {
    try {
      return o.getBoolean(key, false);
    } catch (IllegalArgumentException e) {
      throw error.apply("connection option " + e.getMessage().substring("option ".length()));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
