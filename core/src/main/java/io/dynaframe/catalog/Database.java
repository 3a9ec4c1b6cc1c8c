package io.dynaframe.catalog;

import com.google.common.collect.ImmutableMap;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog database: its name, an optional description and location (the folder new tables go
 * under by default) and parameters.
 */
public final class Database implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DatabaseName name;
  private final String description;
  private final String location;
  private final ImmutableMap<String, String> parameters;

  private Database(
      DatabaseName name, String description, String location, Map<String, String> parameters) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = description;
    this.location = location;
    this.parameters = ImmutableMap.copyOf(parameters);
  }

  /** A database with no description, location or parameters. */
  public static Database of(DatabaseName name) {
    return new Database(name, null, null, Map.of());
  }

  /** A database with no description, location or parameters. */
  public static Database of(String name) {
    return of(DatabaseName.of(name));
  }

  /** This database with a description. */
  public Database withDescription(String value) {
    return new Database(name, value, location, parameters);
  }

  /** This database with a location URI ({@code s3://bucket/db/}, {@code file:/data/db}). */
  public Database withLocation(String value) {
    return new Database(name, description, value, parameters);
  }

  /** This database with these parameters instead of its own. */
  public Database withParameters(Map<String, String> value) {
    return new Database(name, description, location, value);
  }

  /** The name. */
  public DatabaseName name() {
    return name;
  }

  /** The description, if any. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The location URI, if any. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** The parameters. */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Database d
        && d.name.equals(name)
        && Objects.equals(d.description, description)
        && Objects.equals(d.location, location)
        && d.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, location, parameters);
  }

  @Override
  public String toString() {
    return "Database[" + name + (location == null ? "" : ", " + location) + "]";
  }
}
