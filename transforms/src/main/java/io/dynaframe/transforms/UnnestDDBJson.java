package io.dynaframe.transforms;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.DdbJson;
import io.dynaframe.transforms.internal.GlueTypeNames;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * Glue's {@code unnest_ddb_json}: a frame read from a DynamoDB export, whose records are {@code
 * {"Item": {"id": {"S": "1"}, "qty": {"N": "5"}, ...}}}, becomes a frame of plain top-level fields
 * ({@code id: string, qty: string}, as AWS's page prints them): the {@code Item} wrapper is removed
 * and every value loses its type descriptor (see {@link SimplifyDDBJson} for the conversions).
 * Other top-level fields that are DynamoDB values are converted in place; the rest stay. Numbers
 * ({@code N}, {@code NS}) stay the text DynamoDB exports, as in Glue, unless {@link
 * #withNumberType} asks for a number type ({@code "double"}, {@code "decimal(38,0)"}, {@code
 * "long"}); a number that does not fit that type is null.
 *
 * <pre>{@code
 * DynamicFrame items = exported.apply(UnnestDDBJson.create());
 * }</pre>
 */
public final class UnnestDDBJson implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String numberType;

  private UnnestDDBJson(String numberType) {
    this.numberType = Objects.requireNonNull(numberType, "numberType");
  }

  /** Unnests as Glue does, numbers as strings. */
  public static UnnestDDBJson create() {
    return new UnnestDDBJson("string");
  }

  /** Glue's {@code frame.unnest_ddb_json(transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, String transformationCtx) {
    return Steps.apply(frame, create(), transformationCtx);
  }

  /** The type numbers become, as a Glue type name (dynaframe's own; Glue keeps strings). */
  public UnnestDDBJson withNumberType(String typeName) {
    return new UnnestDDBJson(typeName);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    DataType number = numberType(kind(), step, numberType);
    List<Column> cols = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Field f : input.schema().fields()) {
      if (f.name().equals("Item") && DdbJson.isItem(f.type())) {
        for (Field a : ((StructType) f.type()).fields()) {
          DdbJson.Value v =
              DdbJson.isDdbValue(a.type())
                  ? DdbJson.convert(Sql.field(Sql.ident("Item"), a.name()), a.type(), number)
                  : new DdbJson.Value(Sql.field(Sql.ident("Item"), a.name()), a.type());
          DdbColumns.add(cols, names, a.name(), v, kind(), step);
        }
      } else if (DdbJson.isDdbValue(f.type())) {
        DdbColumns.add(
            cols,
            names,
            f.name(),
            DdbJson.convert(Sql.ident(f.name()), f.type(), number),
            kind(),
            step);
      } else {
        DdbColumns.add(
            cols, names, f.name(), new DdbJson.Value(Sql.ident(f.name()), f.type()), kind(), step);
      }
    }
    return Steps.finish(input.withRows(input.toDF().select(cols.toArray(new Column[0]))), step);
  }

  /** The Glue type numbers become; refuses a type name that is not a number or string type. */
  static DataType numberType(String kind, String step, String name) {
    DataType t;
    try {
      t = GlueTypeNames.atomic(name).orElseThrow(() -> new IllegalArgumentException(name));
    } catch (IllegalArgumentException e) {
      throw new TransformException(
          kind, step, null, "unknown number type '" + name + "'", List.of());
    }
    return t;
  }

  @Override
  public String toString() {
    return "UnnestDDBJson";
  }
}
