package io.dynaframe.types;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The type of a field whose values have more than one type across records, such as a {@code
 * provider id} that is a number in most rows and a string in a few. At most one member per type
 * name; members are kept sorted by name, as Glue prints them.
 *
 * <p>A choice is stored in Spark as a struct with one nullable slot per member, named by the
 * member's type name, and it stays so until {@code ResolveChoice} resolves it.
 */
public record ChoiceType(SortedMap<String, DataType> members) implements DataType {

  /**
   * Copies the members, sorted by name; requires at least two, none of which is itself a choice.
   */
  public ChoiceType {
    members = ImmutableSortedMap.copyOfSorted(members);
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "a choice needs at least two member types, got " + members.keySet());
    }
    for (var e : members.entrySet()) {
      if (e.getValue().isChoice()) {
        throw new IllegalArgumentException("a choice cannot contain a choice: " + e.getKey());
      }
      if (!e.getKey().equals(e.getValue().typeName())) {
        throw new IllegalArgumentException(
            "choice member " + e.getKey() + " has type " + e.getValue());
      }
    }
  }

  /** The member types, sorted by type name. */
  public Collection<DataType> types() {
    return members.values();
  }

  /** The member with this type name ({@code long}, {@code struct}, ...), if present. */
  public Optional<DataType> member(String typeName) {
    return Optional.ofNullable(members.get(typeName));
  }

  @Override
  public String typeName() {
    return "choice";
  }

  @Override
  public String hiveType() {
    return members.values().stream()
        .map(t -> t.typeName() + ":" + t.hiveType())
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  @Override
  public boolean isChoice() {
    return true;
  }

  @Override
  public boolean containsChoice() {
    return true;
  }

  @Override
  public String toString() {
    return members.values().stream()
        .map(DataType::toString)
        .collect(Collectors.joining(", ", "choice{", "}"));
  }
}
