package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.FieldPath;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * Glue's DropNullFields: drops the fields that are null in every record, top-level and nested,
 * inside structs and inside the structs of arrays (not map values; a struct left with no fields
 * goes too).
 *
 * <p>Glue finds them through the frame's schema, which it computes from the records: a field with
 * no value in any record has the null type. Here a field of the null type (what the JSON and CSV
 * sources give a field that is null in every record they read) is dropped without looking at the
 * data, and, by default, every other field is checked with one aggregate Spark job when the
 * transform is applied, so a column that is null throughout but has a declared type (from Parquet,
 * from a DataFrame) is dropped as well. An empty frame keeps its fields. {@link #nullTypeOnly()}
 * skips the job and drops the null-typed fields only.
 *
 * <pre>{@code
 * DynamicFrame lean = frame.apply(DropNullFields.create());
 * }</pre>
 */
public final class DropNullFields implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final boolean checkValues;

  private DropNullFields(boolean checkValues) {
    this.checkValues = checkValues;
  }

  /** Drops fields null in every record (one aggregate job). */
  public static DropNullFields create() {
    return new DropNullFields(true);
  }

  /** Glue's {@code DropNullFields.apply(frame, transformation_ctx)}. */
  public static DynamicFrame apply(DynamicFrame frame, String transformationCtx) {
    return Steps.apply(frame, create(), transformationCtx);
  }

  /** Drops only the fields of the null type, without a Spark job. */
  public DropNullFields nullTypeOnly() {
    return new DropNullFields(false);
  }

  /** A field that may be null in every record, and the SQL that is true where it has a value. */
  private record Candidate(List<String> names, String path, String hasValue) {}

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    List<String> drop = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    collect(input.schema(), List.of(), "", null, drop, candidates);
    if (checkValues && !candidates.isEmpty()) {
      Column[] aggs = new Column[candidates.size()];
      for (int i = 0; i < aggs.length; i++) {
        aggs[i] = expr("max(CASE WHEN " + candidates.get(i).hasValue() + " THEN 1 ELSE 0 END)");
      }
      Row seen =
          input.toDF().agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length)).first();
      List<List<String>> dropped = new ArrayList<>();
      for (int i = 0; i < aggs.length; i++) {
        Candidate c = candidates.get(i);
        boolean under =
            dropped.stream()
                .anyMatch(
                    d -> c.names().size() > d.size() && c.names().subList(0, d.size()).equals(d));
        if (!seen.isNullAt(i) && seen.getInt(i) == 0 && !under) {
          drop.add(c.path());
          dropped.add(c.names());
        }
      }
    }
    if (drop.isEmpty()) {
      return Steps.finish(input.withRows(input.toDF()), step);
    }
    return Steps.finish(DropFields.of(drop).expand(input, step), step);
  }

  /**
   * Walks the schema: null-typed fields go straight to {@code drop}; others become candidates, with
   * the SQL that tells whether a record has a value there ({@code exists} over arrays on the way).
   *
   * @param structSql the SQL of the struct walked, or null for the record itself
   */
  private static void collect(
      StructType st,
      List<String> names,
      String path,
      String structSql,
      List<String> drop,
      List<Candidate> out) {
    for (Field f : st.fields()) {
      List<String> n = new ArrayList<>(names);
      n.add(f.name());
      String p = path + FieldPath.quoteIfNeeded(f.name());
      if (f.type() == Types.NULL) {
        drop.add(p);
        continue;
      }
      String value = structSql == null ? Sql.ident(f.name()) : Sql.field(structSql, f.name());
      out.add(new Candidate(n, p, value + " IS NOT NULL"));
      if (f.type() instanceof StructType inner) {
        collect(inner, n, p + ".", value, drop, out);
      } else if (f.type() instanceof ArrayType) {
        collectArray(f.type(), value, n, p, drop, out);
      }
    }
  }

  private static void collectArray(
      DataType t,
      String arraySql,
      List<String> names,
      String path,
      List<String> drop,
      List<Candidate> out) {
    String x = Sql.lambdaVar();
    DataType e = ((ArrayType) t).elementType();
    List<Candidate> nested = new ArrayList<>();
    if (e instanceof StructType inner) {
      collect(inner, names, path + "[].", x, drop, nested);
    } else if (e instanceof ArrayType) {
      collectArray(e, x, names, path, drop, nested);
    }
    for (Candidate c : nested) {
      out.add(
          new Candidate(
              c.names(), c.path(), "exists(" + arraySql + ", " + x + " -> " + c.hasValue() + ")"));
    }
  }

  @Override
  public String toString() {
    return "DropNullFields" + (checkValues ? "" : "[null type only]");
  }
}
