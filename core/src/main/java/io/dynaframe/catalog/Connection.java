package io.dynaframe.catalog;

import com.google.common.collect.ImmutableMap;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A connection of the Data Catalog, shaped like AWS Glue's {@code Connection}: a name, a connection
 * type ({@code JDBC}, {@code NETWORK}, ...), an optional description and the connection properties
 * under Glue's keys ({@link #JDBC_CONNECTION_URL}, {@link #USERNAME}, {@link #PASSWORD} or {@link
 * #SECRET_ID}, {@link #JDBC_ENFORCE_SSL}, ...).
 *
 * <p>The password is a property like the others (as Glue's {@code GetConnection} returns it unless
 * asked to hide it), but it is never part of {@link #toString()}: that shows {@code *****} in its
 * place, so a connection can be logged or put in a message.
 *
 * <p>Names are kept as given (Glue's rules: 1 to 255 characters on one line); the connection type
 * is kept in upper case, as Glue names its types.
 */
public final class Connection implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Glue's connection type of a JDBC database. */
  public static final String JDBC = "JDBC";

  /** Glue's property: the JDBC URL ({@code jdbc:postgresql://host:5432/db}). */
  public static final String JDBC_CONNECTION_URL = "JDBC_CONNECTION_URL";

  /** Glue's property: the user name. */
  public static final String USERNAME = "USERNAME";

  /** Glue's property: the password (never shown by {@link #toString()}). */
  public static final String PASSWORD = "PASSWORD";

  /**
   * Glue's property: the id (name or ARN) of an AWS Secrets Manager secret holding {@code username}
   * and {@code password}, used instead of {@link #USERNAME} and {@link #PASSWORD}.
   */
  public static final String SECRET_ID = "SECRET_ID";

  /** Glue's property: {@code true} to require SSL for a JDBC connection. */
  public static final String JDBC_ENFORCE_SSL = "JDBC_ENFORCE_SSL";

  /** Properties whose values are secret: hidden by {@link #toString()}. */
  private static final Set<String> SECRET_PROPERTIES = Set.of(PASSWORD, "ENCRYPTED_PASSWORD");

  private final String name;
  private final String connectionType;
  private final String description;
  private final ImmutableMap<String, String> properties;

  private Connection(
      String name, String connectionType, String description, Map<String, String> properties) {
    Names.check("connection", name);
    this.name = name;
    String type = Objects.requireNonNull(connectionType, "connectionType").strip();
    if (type.isEmpty()) {
      throw new IllegalArgumentException("the connection type of '" + name + "' is empty");
    }
    this.connectionType = type.toUpperCase(Locale.ROOT);
    this.description = description;
    Map<String, String> sorted = new TreeMap<>();
    Objects.requireNonNull(properties, "properties")
        .forEach(
            (k, v) -> {
              if (k == null || k.isBlank()) {
                throw new IllegalArgumentException(
                    "a property of connection '" + name + "' has no key");
              }
              sorted.put(k, Objects.requireNonNull(v, "the value of property " + k));
            });
    this.properties = ImmutableMap.copyOf(sorted);
  }

  /** A connection of this name and type with these properties. */
  public static Connection of(String name, String connectionType, Map<String, String> properties) {
    return new Connection(name, connectionType, null, properties);
  }

  /** A JDBC connection to this URL, without credentials (add them with {@link #withProperty}). */
  public static Connection jdbc(String name, String url) {
    return new Connection(name, JDBC, null, Map.of(JDBC_CONNECTION_URL, url));
  }

  /** This connection with a property set (or replaced). */
  public Connection withProperty(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put(key, value);
    return new Connection(name, connectionType, description, p);
  }

  /** This JDBC connection with a user name and password. */
  public Connection withCredentials(String user, String password) {
    return withProperty(USERNAME, user).withProperty(PASSWORD, password);
  }

  /** This JDBC connection with the id of the Secrets Manager secret that holds its credentials. */
  public Connection withSecretId(String secretId) {
    return withProperty(SECRET_ID, secretId);
  }

  /** This connection with a description. */
  public Connection withDescription(String value) {
    return new Connection(name, connectionType, value, properties);
  }

  /** This connection without its password: what Glue's {@code HidePassword} returns. */
  public Connection withoutPassword() {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.keySet().removeAll(SECRET_PROPERTIES);
    return new Connection(name, connectionType, description, p);
  }

  /** The name, as given. */
  public String name() {
    return name;
  }

  /** The connection type, in upper case ({@code JDBC}). */
  public String connectionType() {
    return connectionType;
  }

  /** The description, if any. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Every property, the password included, sorted by key. */
  public Map<String, String> properties() {
    return properties;
  }

  /** One property, if set. */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  /** The JDBC URL ({@link #JDBC_CONNECTION_URL}), if set. */
  public Optional<String> jdbcUrl() {
    return property(JDBC_CONNECTION_URL);
  }

  /** The user name ({@link #USERNAME}), if set. */
  public Optional<String> username() {
    return property(USERNAME);
  }

  /** The password ({@link #PASSWORD}), if set; never log it. */
  public Optional<String> password() {
    return property(PASSWORD);
  }

  /** The Secrets Manager secret id ({@link #SECRET_ID}), if set. */
  public Optional<String> secretId() {
    return property(SECRET_ID);
  }

  /** A URL with the values of its password parameters and its user info hidden. */
  private static String hidePasswordInUrl(String url) {
    return url.replaceAll("(//)[^/@\\s]*@", "$1*****@")
        .replaceAll("(?i)((?:password|passwd|pwd|secret)\\s*=)[^&;]*", "$1*****");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Connection c
        && c.name.equals(name)
        && c.connectionType.equals(connectionType)
        && Objects.equals(c.description, description)
        && c.properties.equals(properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, connectionType, description, properties);
  }

  /** The name, type and properties, with every password shown as {@code *****}. */
  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    properties.forEach(
        (k, v) ->
            shown.put(
                k,
                SECRET_PROPERTIES.contains(k)
                    ? "*****"
                    : k.equals(JDBC_CONNECTION_URL) ? hidePasswordInUrl(v) : v));
    return "Connection[" + name + ", " + connectionType + ", " + shown + "]";
  }
}
