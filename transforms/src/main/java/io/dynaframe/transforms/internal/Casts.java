package io.dynaframe.transforms.internal;

import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.Cast;

/**
 * Casts between Glue types as SQL text, with Glue's rule that a value that does not convert becomes
 * null ({@code try_cast}, also under ANSI mode). A choice casts member by member and keeps the
 * first member that converts, the member of the target's own type first.
 */
public final class Casts {
  private Casts() {}

  /**
   * True when Spark can convert values of {@code from} to {@code to} (giving null for those that do
   * not fit).
   */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from instanceof ChoiceType c) {
      return c.types().stream().anyMatch(m -> canCast(m, to));
    }
    return Cast.canTryCast(SparkTypes.toSpark(from), SparkTypes.toSpark(to));
  }

  /**
   * The SQL that converts a value of {@code from} to {@code to}; empty when no value of {@code
   * from} can convert.
   */
  public static Optional<String> cast(String sql, DataType from, DataType to) {
    if (from.equals(to)) {
      return Optional.of(sql);
    }
    org.apache.spark.sql.types.DataType target = SparkTypes.toSpark(to);
    if (from instanceof ChoiceType c) {
      List<String> parts = new ArrayList<>();
      c.member(to.typeName())
          .ifPresent(m -> cast(Sql.field(sql, m.typeName()), m, to).ifPresent(parts::add));
      for (DataType m : c.types()) {
        if (!m.typeName().equals(to.typeName())) {
          cast(Sql.field(sql, m.typeName()), m, to).ifPresent(parts::add);
        }
      }
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      if (parts.size() == 1
          && c.member(to.typeName()).filter(to::equals).isPresent()
          && parts.get(0).equals(Sql.field(sql, to.typeName()))) {
        return Optional.of(Sql.member(sql, c, to.typeName()));
      }
      return Optional.of(
          parts.size() == 1 ? parts.get(0) : "coalesce(" + String.join(", ", parts) + ")");
    }
    if (!Cast.canTryCast(SparkTypes.toSpark(from), target)) {
      return Optional.empty();
    }
    return Optional.of(Sql.tryCast(sql, target));
  }
}
