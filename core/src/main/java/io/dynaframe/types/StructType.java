package io.dynaframe.types;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A record type: an ordered list of uniquely named fields. A frame's schema is a struct. Field
 * names are compared exactly (case-sensitive), as Glue's records do.
 */
public record StructType(List<Field> fields) implements DataType {

  /** Copies the fields into an immutable list; rejects two fields with the same name. */
  public StructType {
    fields = ImmutableList.copyOf(fields);
    long distinct = fields.stream().map(Field::name).distinct().count();
    if (distinct != fields.size()) {
      throw new IllegalArgumentException(
          "struct has duplicate field names: "
              + fields.stream().map(Field::name).collect(Collectors.joining(", ")));
    }
  }

  /** The field with this exact name, if there is one. */
  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The names of the fields, in order. */
  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** The schema rendered as Glue's {@code printSchema()} prints it, starting with {@code root}. */
  public String treeString() {
    return SchemaPrinter.render(this);
  }

  @Override
  public String typeName() {
    return "struct";
  }

  @Override
  public String hiveType() {
    return fields.stream()
        .map(f -> HiveNames.quote(f.name()) + ":" + f.type().hiveType())
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  @Override
  public boolean containsChoice() {
    return fields.stream().anyMatch(f -> f.type().isChoice() || f.type().containsChoice());
  }

  @Override
  public String toString() {
    return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "struct<", ">"));
  }
}
