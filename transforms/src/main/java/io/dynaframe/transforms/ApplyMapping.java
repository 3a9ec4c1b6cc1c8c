package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Casts;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.FieldPath;
import io.dynaframe.transforms.internal.GlueTypeNames;
import io.dynaframe.transforms.internal.Rewriter;
import io.dynaframe.transforms.internal.Sql;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Glue's ApplyMapping: builds each record anew from mappings, each taking the value at a source
 * path, casting it, and putting it at a target path. Only mapped fields are kept.
 *
 * <ul>
 *   <li>Source and target paths may be nested ({@code address.state} to {@code state} unnests;
 *       {@code state} to {@code address.state} builds the struct {@code address}); names with dots
 *       go in backticks. Fields inside arrays cannot be mapped (as in Glue): map the whole array.
 *   <li>Casts follow Glue: a value that does not convert becomes null (a string {@code "abc"} cast
 *       to {@code long}). A choice is cast member by member; a cast that no value could ever make
 *       (a struct to a long) is refused when the transform is applied.
 *   <li>Source paths match names ignoring case by default, as Glue's Python {@code apply_mapping}
 *       does ({@code case_sensitive=False}); an exact match always wins, two case-variant matches
 *       fail. {@link #withCaseSensitive(boolean) withCaseSensitive(true)} is the Scala API's
 *       default. Target names are written as given; with case ignored two targets that differ only
 *       in case clash.
 * </ul>
 *
 * <pre>{@code
 * DynamicFrame out = frame.apply("map_orders", ApplyMapping.of(
 *     MappingSpec.of("order id", "string", "order_id", "long"),
 *     MappingSpec.of("address.state", "string", "state", "string"),
 *     MappingSpec.of("`customer.name`", "string", "customer.name", "string")));
 * // or, as a Glue script reads:
 * DynamicFrame out = ApplyMapping.apply(frame, List.of(...), "map_orders");
 * }</pre>
 *
 * <p>Applying it throws {@link TransformException} for a source path the frame does not have, an
 * unknown type name, an impossible cast, or two mappings writing one target.
 */
public final class ApplyMapping implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<MappingSpec> mappings;
  private final boolean caseSensitive;

  private ApplyMapping(ImmutableList<MappingSpec> mappings, boolean caseSensitive) {
    Preconditions.checkArgument(!mappings.isEmpty(), "ApplyMapping needs at least one mapping");
    this.mappings = mappings;
    this.caseSensitive = caseSensitive;
  }

  /** An ApplyMapping of these mappings, case ignored in source paths. */
  public static ApplyMapping of(List<MappingSpec> mappings) {
    return new ApplyMapping(ImmutableList.copyOf(mappings), false);
  }

  /** An ApplyMapping of these mappings, case ignored in source paths. */
  public static ApplyMapping of(MappingSpec... mappings) {
    return of(Arrays.asList(mappings));
  }

  /** Glue's {@code ApplyMapping.apply(frame, mappings, transformation_ctx)}. */
  public static DynamicFrame apply(
      DynamicFrame frame, List<MappingSpec> mappings, String transformationCtx) {
    return apply(frame, mappings, false, transformationCtx, "", 0, 0);
  }

  /** Glue's {@code ApplyMapping.apply} with every parameter. */
  public static DynamicFrame apply(
      DynamicFrame frame,
      List<MappingSpec> mappings,
      boolean caseSensitive,
      String transformationCtx,
      String info,
      long stageThreshold,
      long totalThreshold) {
    Objects.requireNonNull(info, "info"); // ApplyMapping makes no error records for it to annotate
    return Steps.apply(
        frame,
        of(mappings).withCaseSensitive(caseSensitive),
        transformationCtx,
        stageThreshold,
        totalThreshold);
  }

  /**
   * This mapping with source names matched exactly ({@code true}) or ignoring case ({@code false}).
   */
  public ApplyMapping withCaseSensitive(boolean value) {
    return new ApplyMapping(mappings, value);
  }

  /** The mappings, in order. */
  public List<MappingSpec> mappings() {
    return mappings;
  }

  /** Whether source names must match exactly. */
  public boolean caseSensitive() {
    return caseSensitive;
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(() -> build(input, step), input);
  }

  private DynamicFrame build(DynamicFrame input, String step) {
    Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
    Node root = new Node();
    for (MappingSpec m : mappings) {
      if (m.sourceType() != null) {
        parseType(ck, m, m.sourceType());
      }
      Checker.Resolved src = ck.resolve(m.sourcePath(), caseSensitive, false);
      String value = Sql.path(src.names());
      if (m.targetType() != null && !GlueTypeNames.isComplex(m.targetType())) {
        DataType to = parseType(ck, m, m.targetType());
        DataType from = src.type();
        value =
            Casts.cast(value, from, to)
                .orElseThrow(
                    () ->
                        ck.failAt(
                            m.sourcePath(),
                            "cannot cast '"
                                + m.sourcePath()
                                + "' from "
                                + from
                                + " to "
                                + to
                                + " in mapping "
                                + m,
                            List.of()));
      }
      FieldPath target = ck.parse(m.targetPath());
      if (target.hasArraySteps()) {
        throw ck.failAt(
            m.targetPath(),
            "mapping " + m + " targets array elements; ApplyMapping cannot map into arrays",
            List.of());
      }
      root.put(target.names(), 0, value, m, ck);
    }
    List<Rewriter.Slot> slots = new ArrayList<>();
    root.children.values().forEach(n -> slots.add(new Rewriter.Slot(n.name, n.sql(), null)));
    return Steps.finish(input.withRows(Rewriter.select(input.toDF(), slots)), step);
  }

  private static DataType parseType(Checker ck, MappingSpec m, String typeName) {
    if (GlueTypeNames.isComplex(typeName)) {
      return null;
    }
    try {
      return GlueTypeNames.atomic(typeName).orElseThrow();
    } catch (IllegalArgumentException e) {
      throw ck.failNear(
          m.sourcePath(),
          "unknown type '" + typeName + "' in mapping " + m,
          typeName,
          GlueTypeNames.KNOWN);
    }
  }

  /** A node of the target tree: a leaf holding a value, or a struct of children. */
  private final class Node {
    String name;
    String leaf;
    MappingSpec by;
    final Map<String, Node> children = new LinkedHashMap<>();

    void put(List<String> names, int i, String value, MappingSpec m, Checker ck) {
      String n = names.get(i);
      String key = caseSensitive ? n : Checker.folded(n);
      Node child = children.get(key);
      boolean last = i == names.size() - 1;
      if (child != null && (last || child.leaf != null)) {
        String at = FieldPath.render(names.subList(0, i + 1));
        throw ck.failAt(
            m.targetPath(),
            "mappings "
                + (child.by != null ? child.by : child.first())
                + " and "
                + m
                + " both write target '"
                + at
                + "'"
                + (caseSensitive ? "" : " (case ignored)"),
            List.of());
      }
      if (child == null) {
        child = new Node();
        child.name = n;
        children.put(key, child);
      }
      if (last) {
        child.leaf = value;
        child.by = m;
      } else {
        child.put(names, i + 1, value, m, ck);
      }
    }

    MappingSpec first() {
      Node n = this;
      while (n.by == null) {
        n = n.children.values().iterator().next();
      }
      return n.by;
    }

    String sql() {
      if (leaf != null) {
        return leaf;
      }
      List<Rewriter.Slot> slots = new ArrayList<>();
      children.values().forEach(c -> slots.add(new Rewriter.Slot(c.name, c.sql(), null)));
      return Rewriter.namedStruct(slots);
    }
  }

  @Override
  public String toString() {
    return "ApplyMapping" + mappings + (caseSensitive ? " case-sensitive" : "");
  }
}
