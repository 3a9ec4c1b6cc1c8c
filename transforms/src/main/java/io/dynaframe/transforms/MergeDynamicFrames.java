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
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's {@code mergeDynamicFrame}: merges the frame it is applied to (the source) with a staging
 * frame by primary keys. Glue's rules: a source record whose keys appear in the staging frame is
 * replaced by the staging record(s) with those keys; a source record whose keys do not appear is
 * kept; duplicates are not removed (two staging records with one key both appear). Staging records
 * whose keys are not in the source are added too (an upsert); Glue's documentation lists only the
 * first two cases, so {@link #withNewStagingRecords(boolean) withNewStagingRecords(false)} leaves
 * them out. A source record with a null key matches nothing and is kept. The two frames may have
 * different schemas: the output has Glue's merged schema (see {@link Union}).
 *
 * <pre>{@code
 * DynamicFrame merged = MergeDynamicFrames.apply(source, staging, List.of("id"), "merge1");
 * }</pre>
 */
public final class MergeDynamicFrames implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final transient DynamicFrame staging;
  private final ImmutableList<String> primaryKeys;
  private final boolean newStagingRecords;

  private MergeDynamicFrames(
      DynamicFrame staging, ImmutableList<String> primaryKeys, boolean newStagingRecords) {
    Preconditions.checkArgument(
        !primaryKeys.isEmpty(), "MergeDynamicFrames needs at least one primary key");
    this.staging = Objects.requireNonNull(staging, "staging");
    this.primaryKeys = primaryKeys;
    this.newStagingRecords = newStagingRecords;
  }

  /** Merges with {@code staging} on these primary key paths. */
  public static MergeDynamicFrames with(DynamicFrame staging, List<String> primaryKeys) {
    return new MergeDynamicFrames(staging, ImmutableList.copyOf(primaryKeys), true);
  }

  /** Merges with {@code staging} on these primary key paths. */
  public static MergeDynamicFrames with(DynamicFrame staging, String... primaryKeys) {
    return with(staging, Arrays.asList(primaryKeys));
  }

  /** Glue's {@code source.mergeDynamicFrame(stage, primary_keys, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame source,
      DynamicFrame staging,
      List<String> primaryKeys,
      String transformationCtx) {
    return Steps.apply(source, with(staging, primaryKeys), transformationCtx);
  }

  /** Whether staging records whose keys are not in the source are added (default true). */
  public MergeDynamicFrames withNewStagingRecords(boolean value) {
    return new MergeDynamicFrames(staging, primaryKeys, value);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input, staging);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    if (staging == null) {
      throw new TransformException(
          kind(), step, "this MergeDynamicFrames was deserialized without its staging frame");
    }
    StructType a = input.schema();
    StructType b = staging.schema();
    Checker cka = new Checker(kind(), step, a, TransformException::new);
    Checker ckb = new Checker(kind(), step, b, TransformException::new);
    List<String> keySql = new ArrayList<>();
    for (String k : primaryKeys) {
      Checker.Resolved ra = cka.resolve(k, true, false);
      Checker.Resolved rb = ckb.resolve(k, true, false);
      if (ra.type().isChoice() || rb.type().isChoice()) {
        throw cka.failAt(
            k,
            "the primary key '" + k + "' is a choice; resolve it with ResolveChoice first",
            List.of());
      }
      keySql.add(Sql.path(ra.names()));
    }
    StructType to = (StructType) Types.merge(a, b);
    Dataset<Row> src = Conform.rows(input.toDF(), a, to);
    Dataset<Row> stg = Conform.rows(staging.toDF(), b, to);

    Dataset<Row> stagingKeys = keys(stg, keySql);
    Dataset<Row> sourceWithKeys = src.alias("s");
    List<String> on = new ArrayList<>();
    for (int i = 0; i < keySql.size(); i++) {
      on.add("(s." + keySql.get(i) + " = k.`__dfk" + i + "`)");
    }
    Dataset<Row> kept =
        sourceWithKeys.join(stagingKeys, expr(String.join(" AND ", on)), "left_anti");
    Dataset<Row> added = stg;
    if (!newStagingRecords) {
      added = stg.alias("s").join(keys(src, keySql), expr(String.join(" AND ", on)), "left_semi");
    }
    DynamicFrame out =
        input.withRows(kept.select(cols(kept, to)).union(added.select(cols(added, to))));
    return Steps.finish(Conform.withErrorsOf(out, staging), step);
  }

  /**
   * The distinct keys of a frame, as columns {@code __dfk0, __dfk1, ...} of a frame aliased {@code
   * k}.
   */
  private static Dataset<Row> keys(Dataset<Row> df, List<String> keySql) {
    List<Column> keyCols = new ArrayList<>();
    for (int i = 0; i < keySql.size(); i++) {
      keyCols.add(expr(keySql.get(i)).as("__dfk" + i));
    }
    return df.select(keyCols.toArray(new Column[0])).distinct().alias("k");
  }

  private static Column[] cols(Dataset<Row> df, StructType to) {
    return to.fieldNames().stream().map(n -> df.col(Sql.ident(n))).toArray(Column[]::new);
  }

  @Override
  public String toString() {
    return "MergeDynamicFrames" + primaryKeys;
  }
}
