package io.dynaframe.transforms;

import static org.apache.spark.sql.functions.expr;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Conform;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's Join: the equi-join of the frame it is applied to ({@code frame1}) with {@code frame2} on
 * {@code keys1[i] = keys2[i]}; only records with a match on both sides are kept (records with a
 * null key match nothing). The output has the fields of both frames; both key fields are kept, as
 * in Glue, except when a key has the same name on both sides, which gives one field. Any other
 * field the two frames share gives one field, as AWS's legislators example prints it (one {@code
 * links}, one {@code image}): a join merges the two records, so frame2's value is taken where it
 * has one and frame1's where frame2's is null; where the types differ the field is a choice of
 * both. The output is named {@code frame1.name + frame2.name} and carries the error records of both
 * frames.
 *
 * <pre>{@code
 * // Join.apply(persons, memberships, 'id', 'person_id')
 * DynamicFrame history = Join.apply(persons, memberships, List.of("id"), List.of("person_id"), "join1");
 * DynamicFrame same = persons.apply(Join.with(memberships, "id", "person_id"));
 * }</pre>
 */
public final class Join implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final transient DynamicFrame other;
  private final ImmutableList<String> keys1;
  private final ImmutableList<String> keys2;

  private Join(DynamicFrame other, ImmutableList<String> keys1, ImmutableList<String> keys2) {
    Preconditions.checkArgument(!keys1.isEmpty(), "Join needs at least one key");
    Preconditions.checkArgument(
        keys1.size() == keys2.size(),
        "Join needs as many keys on each side: keys1 %s, keys2 %s",
        keys1,
        keys2);
    this.other = Objects.requireNonNull(other, "frame2");
    this.keys1 = keys1;
    this.keys2 = keys2;
  }

  /** A join with {@code frame2} on these key paths, pairwise. */
  public static Join with(DynamicFrame frame2, List<String> keys1, List<String> keys2) {
    return new Join(frame2, ImmutableList.copyOf(keys1), ImmutableList.copyOf(keys2));
  }

  /** A join with {@code frame2} on one key each side. */
  public static Join with(DynamicFrame frame2, String key1, String key2) {
    return with(frame2, List.of(key1), List.of(key2));
  }

  /** Glue's {@code Join.apply(frame1, frame2, keys1, keys2, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame1,
      DynamicFrame frame2,
      List<String> keys1,
      List<String> keys2,
      String transformationCtx) {
    return Steps.apply(frame1, with(frame2, keys1, keys2), transformationCtx);
  }

  /** Glue's {@code Join.apply(frame1, frame2, key1, key2)} with one key each side. */
  public static DynamicFrame apply(
      DynamicFrame frame1, DynamicFrame frame2, String key1, String key2) {
    return apply(frame1, frame2, List.of(key1), List.of(key2), "");
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input, other);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    if (other == null) {
      throw new TransformException(
          kind(), step, "this Join was deserialized without its second frame");
    }
    StructType s1 = input.schema();
    StructType s2 = other.schema();
    Checker ck1 = new Checker(kind(), step, s1, TransformException::new);
    Checker ck2 = new Checker(kind(), step, s2, TransformException::new);
    List<String> conditions = new ArrayList<>();
    Set<String> mergedKeys = new HashSet<>();
    for (int i = 0; i < keys1.size(); i++) {
      Checker.Resolved k1 = ck1.resolve(keys1.get(i), true, false);
      Checker.Resolved k2 = ck2.resolve(keys2.get(i), true, false);
      for (Checker.Resolved k : List.of(k1, k2)) {
        if (k.type().isChoice() || k.type().containsChoice()) {
          throw (k == k1 ? ck1 : ck2)
              .failAt(
                  k.path().text(),
                  "the key '"
                      + k.path().text()
                      + "' is "
                      + k.type()
                      + "; resolve it with ResolveChoice before joining on it",
                  List.of());
        }
      }
      conditions.add("(l." + Sql.path(k1.names()) + " = r." + Sql.path(k2.names()) + ")");
      if (k1.names().size() == 1 && k1.names().equals(k2.names())) {
        mergedKeys.add(k1.names().get(0));
      }
    }
    Dataset<Row> l = input.toDF().alias("l");
    Dataset<Row> r = other.toDF().alias("r");
    Dataset<Row> joined = l.join(r, expr(String.join(" AND ", conditions)), "inner");
    List<Column> cols = new ArrayList<>();
    Set<String> shared = new HashSet<>();
    for (String n : s1.fieldNames()) {
      if (s2.field(n).isPresent() && !mergedKeys.contains(n)) {
        shared.add(n);
        cols.add(mergedField(l, r, n, s1, s2));
      } else {
        cols.add(expr("l." + Sql.ident(n)).as(n));
      }
    }
    for (String n : s2.fieldNames()) {
      if (!mergedKeys.contains(n) && !shared.contains(n)) {
        cols.add(expr("r." + Sql.ident(n)).as(n));
      }
    }
    DynamicFrame out =
        input
            .withRows(joined.select(cols.toArray(new Column[0])))
            .withName(input.name() + other.name());
    return Steps.finish(Conform.withErrorsOf(out, other), step);
  }

  /**
   * One field both frames have (not a shared key): frame2's value where it is not null, else
   * frame1's, of the merged type of both (a choice where they differ).
   */
  private static Column mergedField(
      Dataset<Row> l, Dataset<Row> r, String name, StructType s1, StructType s2) {
    io.dynaframe.types.DataType t1 = s1.field(name).orElseThrow().type();
    io.dynaframe.types.DataType t2 = s2.field(name).orElseThrow().type();
    io.dynaframe.types.DataType merged = io.dynaframe.types.Types.merge(t1, t2);
    String sql =
        "coalesce("
            + Conform.value("r." + Sql.ident(name), t2, merged)
            + ", "
            + Conform.value("l." + Sql.ident(name), t1, merged)
            + ")";
    return Conform.typed(expr(sql), merged).as(name);
  }

  @Override
  public String toString() {
    return "Join[" + keys1 + " = " + keys2 + "]";
  }
}
