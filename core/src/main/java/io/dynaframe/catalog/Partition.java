package io.dynaframe.catalog;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A partition of a table: its values, one string per partition key of the table and in the same
 * order ({@code ["2024", "05"]} for keys {@code year, month}), the location of its files, and
 * parameters. A partition whose key was null has the value {@value #NULL_VALUE}, as Hive writes it.
 */
public final class Partition implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The value Hive and Spark write for a null partition value. */
  public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

  private final ImmutableList<String> values;
  private final String location;
  private final ImmutableMap<String, String> parameters;

  private Partition(List<String> values, String location, Map<String, String> parameters) {
    Objects.requireNonNull(values, "values");
    Preconditions.checkArgument(!values.isEmpty(), "a partition needs at least one value");
    for (String v : values) {
      Preconditions.checkArgument(
          v != null, "partition values must not be null (Hive writes %s): %s", NULL_VALUE, values);
    }
    this.values = ImmutableList.copyOf(values);
    this.location = location;
    this.parameters = ImmutableMap.copyOf(parameters);
  }

  /** A partition of these values at this location URI ({@code null} when it has none). */
  public static Partition of(List<String> values, String location) {
    return new Partition(values, location, Map.of());
  }

  /** This partition with these parameters instead of its own. */
  public Partition withParameters(Map<String, String> value) {
    return new Partition(values, location, value);
  }

  /** This partition at another location. */
  public Partition withLocation(String value) {
    return new Partition(values, value, parameters);
  }

  /** The values, in the order of the table's partition keys. */
  public List<String> values() {
    return values;
  }

  /** The location URI of the partition's files, if set. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** The parameters. */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Partition p
        && p.values.equals(values)
        && Objects.equals(p.location, location)
        && p.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, location, parameters);
  }

  @Override
  public String toString() {
    return "Partition" + values + (location == null ? "" : " at " + location);
  }
}
