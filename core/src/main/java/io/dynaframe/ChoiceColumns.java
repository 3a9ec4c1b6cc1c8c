package io.dynaframe;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.dynaframe.internal.Paths;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Resolves a choice column in place with Column expressions: project one member, or cast all
 * members.
 */
final class ChoiceColumns {
  private ChoiceColumns() {}

  /**
   * The frame with the choice at {@code path} resolved.
   *
   * @throws IllegalArgumentException naming the path when it is absent or not a choice
   */
  static Dataset<Row> resolve(
      Dataset<Row> df, String path, ResolveOption.Action action, DataType target) {
    List<String> parts = Paths.split(path);
    StructType schema = SparkTypes.fromSpark(df.schema());
    DataType type =
        Types.typeAt(schema, parts)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no field '"
                            + path
                            + "' in the frame; its fields are "
                            + schema.fieldNames()));
    if (!(type instanceof ChoiceType choice)) {
      throw new IllegalArgumentException(
          "field '" + path + "' is " + type.typeName() + ", not a choice");
    }
    if (action == ResolveOption.Action.KEEP_AS_STRUCT) {
      return df;
    }
    String quoted = Paths.quoteAll(parts);
    Column resolved;
    if (action == ResolveOption.Action.PROJECT) {
      resolved =
          choice.member(target.typeName()).isPresent()
              ? tryCast(quoted + "." + Paths.quote(target.typeName()), target)
              : lit(null).cast(SparkTypes.toSpark(target));
    } else {
      List<Column> casts = new ArrayList<>();
      choice
          .member(target.typeName())
          .ifPresent(m -> casts.add(tryCast(quoted + "." + Paths.quote(m.typeName()), target)));
      for (DataType m : choice.types()) {
        if (!m.typeName().equals(target.typeName())) {
          casts.add(tryCast(quoted + "." + Paths.quote(m.typeName()), target));
        }
      }
      resolved = coalesce(casts.toArray(new Column[0]));
    }
    return replace(df, parts, resolved);
  }

  /**
   * Casts a SQL expression, giving null where the value does not convert (also under ANSI mode).
   */
  static Column tryCast(String sqlExpr, DataType target) {
    return expr("try_cast(" + sqlExpr + " AS " + SparkTypes.toSpark(target).sql() + ")");
  }

  /** The frame with the field at {@code parts} (through structs) replaced by {@code value}. */
  static Dataset<Row> replace(Dataset<Row> df, List<String> parts, Column value) {
    if (parts.size() == 1) {
      return df.withColumn(parts.get(0), value);
    }
    Column top = col(Paths.quote(parts.get(0)));
    String nested = Paths.quoteAll(parts.subList(1, parts.size()));
    return df.withColumn(parts.get(0), top.withField(nested, value));
  }
}
