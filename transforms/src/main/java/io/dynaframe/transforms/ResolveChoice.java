package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.ChoiceAction;
import io.dynaframe.transforms.internal.ChoiceResolver;
import io.dynaframe.transforms.internal.Rewriter;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Glue's ResolveChoice: resolves choice fields (a field whose values have several types across
 * records) either path by path ({@link #specs}) or all at once with one action ({@link #choice}),
 * or by the types of a catalog table ({@link #matchCatalog}).
 *
 * <p>Actions and what they give (see {@link ResolveSpec}):
 *
 * <ul>
 *   <li>{@code cast:T}: every value cast to T; a value that does not convert is null. AWS's
 *       Medicare example: {@code provider id: choice{long, string}} with {@code cast:long} keeps
 *       the numbers and gives null for the two non-numeric strings.
 *   <li>{@code project:T}: the values of type T; values of other types are null.
 *   <li>{@code make_cols}: fields {@code <name>_<type>} (one per member, e.g. {@code provider
 *       id_long}, {@code provider id_string}) in place of the choice, inside the same struct for a
 *       nested path.
 *   <li>{@code make_struct}: a plain struct with one field per member type, what {@code toDF()}
 *       shows for an unresolved choice.
 *   <li>{@code match_catalog} ({@link #matchCatalog} only): each choice cast to the type of the
 *       same column in a catalog table.
 * </ul>
 *
 * A spec path may reach into arrays ({@code myList[].price}); a path ending in {@code []} acts on
 * the elements. A spec on a field that is not a choice casts or projects it ({@code cast} works as
 * a plain cast) and is a no-op for {@code make_cols} and {@code make_struct}, so a script keeps
 * working on a day when the data has no mixed types. Everything compiles to one projection.
 *
 * <pre>{@code
 * frame.apply(ResolveChoice.specs(ResolveSpec.of("provider id", "cast:long")));
 * frame.apply(ResolveChoice.choice("make_struct"));
 * ResolveChoice.apply(frame, List.of(ResolveSpec.of("myList[].price", "cast:double")), "resolve1");
 * }</pre>
 */
public final class ResolveChoice implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<ResolveSpec> specs;
  private final String choice;
  private final String database;
  private final String table;
  private final TableSchemaLookup lookup;

  private ResolveChoice(
      ImmutableList<ResolveSpec> specs,
      String choice,
      String database,
      String table,
      TableSchemaLookup lookup) {
    this.specs = specs;
    this.choice = choice;
    this.database = database;
    this.table = table;
    this.lookup = lookup;
  }

  /** Resolves each path with its own action. */
  public static ResolveChoice specs(List<ResolveSpec> specs) {
    Preconditions.checkArgument(!specs.isEmpty(), "ResolveChoice needs at least one spec");
    return new ResolveChoice(ImmutableList.copyOf(specs), null, null, null, null);
  }

  /** Resolves each path with its own action. */
  public static ResolveChoice specs(ResolveSpec... specs) {
    return specs(Arrays.asList(specs));
  }

  /** Resolves one path. */
  public static ResolveChoice spec(String path, String action) {
    return specs(ResolveSpec.of(path, action));
  }

  /**
   * Resolves every choice of the frame with one action (Glue's {@code choice=}); not {@code
   * match_catalog}.
   */
  public static ResolveChoice choice(String action) {
    Objects.requireNonNull(action, "action");
    return new ResolveChoice(ImmutableList.of(), action, null, null, null);
  }

  /**
   * Resolves every choice by the catalog table {@code database.table} (Glue's {@code
   * choice="match_catalog", database=..., table_name=...}): each choice is cast to the type the
   * table has at the same path (names compared ignoring case, as the catalog lower-cases them).
   *
   * @param lookup where the table's schema comes from: a catalog adapter, or a map in a test
   */
  public static ResolveChoice matchCatalog(
      String database, String table, TableSchemaLookup lookup) {
    return new ResolveChoice(
        ImmutableList.of(),
        "match_catalog",
        Objects.requireNonNull(database, "database"),
        Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(lookup, "lookup"));
  }

  /** Glue's {@code ResolveChoice.apply(frame, specs=[...], transformation_ctx=...)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, List<ResolveSpec> specs, String transformationCtx) {
    return Steps.apply(frame, specs(specs), transformationCtx);
  }

  /** Glue's {@code ResolveChoice.apply(frame, choice="...", transformation_ctx=...)}. */
  public static DynamicFrame apply(DynamicFrame frame, String choice, String transformationCtx) {
    return Steps.apply(frame, choice(choice), transformationCtx);
  }

  /** Adds a spec (specs form only). */
  public ResolveChoice and(String path, String action) {
    Preconditions.checkState(
        choice == null, "a ResolveChoice with one action for all choices takes no specs");
    return new ResolveChoice(
        ImmutableList.<ResolveSpec>builder()
            .addAll(specs)
            .add(ResolveSpec.of(path, action))
            .build(),
        null,
        null,
        null,
        null);
  }

  /** The specs, in order; empty in the one-action form. */
  public List<ResolveSpec> specs() {
    return specs;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Dataset<Row> df = input.toDF();
    if (choice != null) {
      Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
      ChoiceAction action = parse(ck, "", choice);
      StructType catalog = null;
      if (action.kind() == ChoiceAction.Kind.MATCH_CATALOG) {
        if (lookup == null) {
          throw ck.fail(
              "match_catalog needs a catalog table: use ResolveChoice.matchCatalog(database, table, lookup)");
        }
        catalog =
            lookup
                .tableSchema(database, table)
                .orElseThrow(
                    () ->
                        ck.fail(
                            "match_catalog: the catalog has no table " + database + "." + table));
      }
      ChoiceResolver r = new ChoiceResolver(ck, action, catalog, database + "." + table);
      df = Rewriter.select(df, r.resolveAll(ck.schema()));
    } else {
      for (ResolveSpec spec : specs) {
        df = resolveOne(df, spec, step);
      }
    }
    return Steps.finish(input.withRows(df), step);
  }

  private Dataset<Row> resolveOne(Dataset<Row> df, ResolveSpec spec, String step) {
    Checker ck =
        new Checker(kind(), step, SparkTypes.fromSpark(df.schema()), TransformException::new);
    ChoiceAction action = parse(ck, spec.path(), spec.action());
    if (action.kind() == ChoiceAction.Kind.MATCH_CATALOG) {
      throw ck.failAt(
          spec.path(),
          "match_catalog applies to every choice: use ResolveChoice.matchCatalog(...) "
              + "instead of a spec",
          List.of());
    }
    Checker.Resolved r = ck.resolve(spec.path(), true, true);
    ChoiceResolver resolver = new ChoiceResolver(ck, action, null, null);
    List<String> names = r.names();
    boolean elements = r.path().segments().get(r.path().size() - 1).array();
    List<Rewriter.Slot> slots = Rewriter.columns(df.schema());
    if (action.kind() == ChoiceAction.Kind.MAKE_COLS && !elements) {
      String last = names.get(names.size() - 1);
      slots =
          Rewriter.editAt(
              slots,
              names.subList(0, names.size() - 1),
              fields -> {
                List<Rewriter.Slot> out = new ArrayList<>();
                for (Rewriter.Slot f : fields) {
                  DataType t = f.name().equals(last) ? SparkTypes.fromSpark(f.type()) : null;
                  if (t instanceof ChoiceType c) {
                    out.addAll(resolver.makeCols(f.name(), f.sql(), c));
                  } else if (t != null) {
                    out.add(
                        new Rewriter.Slot(
                            f.name(), resolver.resolveAt(f.sql(), t, spec.path(), false), null));
                  } else {
                    out.add(f);
                  }
                }
                resolver.checkUnique(out, "");
                return out;
              });
    } else {
      slots =
          Rewriter.replaceAt(
              slots,
              names,
              (sql, type) ->
                  resolver.resolveAt(sql, SparkTypes.fromSpark(type), spec.path(), elements));
    }
    return Rewriter.select(df, slots);
  }

  private static ChoiceAction parse(Checker ck, String path, String text) {
    try {
      return ChoiceAction.parse(text);
    } catch (ChoiceAction.BadAction e) {
      throw ck.failNear(path.isEmpty() ? null : path, e.getMessage(), e.wrong(), e.candidates());
    }
  }

  @Override
  public String toString() {
    return "ResolveChoice" + (choice != null ? "[choice=" + choice + "]" : specs.toString());
  }
}
