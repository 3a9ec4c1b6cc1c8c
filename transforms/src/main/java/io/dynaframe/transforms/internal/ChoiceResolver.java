package io.dynaframe.transforms.internal;

import io.dynaframe.types.ArrayType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles ResolveChoice actions to SQL over a frame's values, with Glue's meanings: {@code cast:T}
 * casts every member (what does not convert is null), {@code project:T} keeps the member of type T,
 * {@code make_struct} turns the choice into a plain struct of its members, {@code make_cols} puts
 * one field {@code <name>_<type>} per member in place of the choice, {@code match_catalog} casts to
 * the type the catalog table has at the same path.
 */
public final class ChoiceResolver {
  private final Checker ck;
  private final ChoiceAction action;
  private final StructType catalog;
  private final String catalogTable;

  /**
   * A resolver for one action.
   *
   * @param catalog the catalog table's schema, for {@code match_catalog}; else null
   * @param catalogTable the table's name, for messages
   */
  public ChoiceResolver(Checker ck, ChoiceAction action, StructType catalog, String catalogTable) {
    this.ck = ck;
    this.action = action;
    this.catalog = catalog;
    this.catalogTable = catalogTable;
  }

  /** A field being rebuilt, with its Glue type. */
  private record GField(String name, String sql, DataType type) {}

  // ------------------------------------------------------------------ every choice (choice=)

  /** The top-level columns with every choice resolved. */
  public List<Rewriter.Slot> resolveAll(StructType schema) {
    List<GField> fields = new ArrayList<>();
    for (Field f : schema.fields()) {
      fields.add(new GField(f.name(), Sql.ident(f.name()), f.type()));
    }
    return allInFields(fields, "");
  }

  private List<Rewriter.Slot> allInFields(List<GField> fields, String prefix) {
    List<Rewriter.Slot> out = new ArrayList<>();
    for (GField f : fields) {
      String p = prefix + FieldPath.quoteIfNeeded(f.name());
      if (f.type() instanceof ChoiceType c && action.kind() == ChoiceAction.Kind.MAKE_COLS) {
        out.addAll(makeCols(f.name(), f.sql(), c));
      } else if (f.type().isChoice() || f.type().containsChoice()) {
        out.add(new Rewriter.Slot(f.name(), allInValue(f.sql(), f.type(), p), null));
      } else {
        out.add(new Rewriter.Slot(f.name(), f.sql(), null));
      }
    }
    checkUnique(out, prefix);
    return out;
  }

  private String allInValue(String sql, DataType type, String path) {
    if (type instanceof ChoiceType c) {
      if (action.kind() == ChoiceAction.Kind.MAKE_COLS) {
        throw ck.failAt(
            path,
            "make_cols cannot split the choice "
                + c
                + " at '"
                + path
                + "': it is an array element or a map value, not a field; use cast, project or make_struct for it",
            List.of());
      }
      return choice(sql, c, path);
    }
    if (type instanceof StructType st) {
      List<GField> fs = new ArrayList<>();
      for (Field f : st.fields()) {
        fs.add(new GField(f.name(), Sql.field(sql, f.name()), f.type()));
      }
      return Rewriter.struct(sql, allInFields(fs, path + ".")).orElseThrow();
    }
    if (type instanceof ArrayType a) {
      String x = Sql.lambdaVar();
      return "transform("
          + sql
          + ", "
          + x
          + " -> "
          + allInValue(x, a.elementType(), path + "[]")
          + ")";
    }
    if (type instanceof MapType m) {
      String k = Sql.lambdaVar();
      String v = Sql.lambdaVar();
      return "transform_values("
          + sql
          + ", ("
          + k
          + ", "
          + v
          + ") -> "
          + allInValue(v, m.valueType(), path)
          + ")";
    }
    return sql;
  }

  // ------------------------------------------------------------------ one path (specs)

  /**
   * The value of the field at {@code path} resolved: a choice by the action, choices inside arrays,
   * maps and structs under it likewise, and a field that is not a choice cast or projected as asked
   * ({@code make_struct} leaves it as it is).
   *
   * @param elements true when the path ends in {@code []}: the action applies to the elements
   */
  public String resolveAt(String sql, DataType type, String path, boolean elements) {
    if (elements) {
      if (!(type instanceof ArrayType a)) {
        throw ck.failAt(path, "'" + path + "' is " + type + ", not an array", List.of());
      }
      String x = Sql.lambdaVar();
      return "transform("
          + sql
          + ", "
          + x
          + " -> "
          + resolveAt(x, a.elementType(), path, false)
          + ")";
    }
    if (type instanceof ChoiceType c) {
      if (action.kind() == ChoiceAction.Kind.MAKE_COLS) {
        throw ck.failAt(
            path,
            "make_cols cannot split the choice "
                + c
                + " at '"
                + path
                + "': it is an array element, not a field; use cast, project or make_struct for it",
            List.of());
      }
      return choice(sql, c, path);
    }
    if (type.containsChoice()) {
      return allInValue(sql, type, path);
    }
    return switch (action.kind()) {
      case CAST ->
          Casts.cast(sql, type, action.target())
              .orElseThrow(
                  () ->
                      ck.failAt(
                          path,
                          "cannot cast '"
                              + path
                              + "' from "
                              + type
                              + " to "
                              + action.target()
                              + (type instanceof ArrayType
                                  ? "; write '" + path + "[]' to cast its elements"
                                  : ""),
                          List.of()));
      case PROJECT -> type.typeName().equals(action.targetName()) ? sql : nullOf(action.target());
      default -> sql;
    };
  }

  /**
   * The fields that replace a choice field for {@code make_cols}: {@code <name>_<type>} per member.
   */
  public List<Rewriter.Slot> makeCols(String name, String sql, ChoiceType c) {
    List<Rewriter.Slot> out = new ArrayList<>();
    for (Map.Entry<String, DataType> m : c.members().entrySet()) {
      out.add(new Rewriter.Slot(name + "_" + m.getKey(), Sql.member(sql, c, m.getKey()), null));
    }
    return out;
  }

  /**
   * Fails when two fields of one struct have the same name (make_cols next to an existing {@code
   * a_long}).
   */
  public void checkUnique(List<Rewriter.Slot> slots, String prefix) {
    Set<String> seen = new HashSet<>();
    for (Rewriter.Slot s : slots) {
      if (!seen.add(s.name())) {
        String p = prefix + FieldPath.quoteIfNeeded(s.name());
        throw ck.failAt(
            p,
            "the output would have two fields '" + p + "'; rename the existing one first",
            List.of());
      }
    }
  }

  // ------------------------------------------------------------------ one choice

  private String choice(String sql, ChoiceType c, String path) {
    return switch (action.kind()) {
      case CAST ->
          Casts.cast(sql, c, action.target())
              .orElseThrow(
                  () ->
                      ck.failAt(
                          path,
                          "no member of the choice "
                              + c
                              + " at '"
                              + path
                              + "' can be cast to "
                              + action.target(),
                          List.of()));
      case PROJECT -> {
        Optional<DataType> m = c.member(action.targetName());
        if (m.isEmpty()) {
          yield nullOf(action.target());
        }
        yield action.target() == null || m.get().equals(action.target())
            ? Sql.member(sql, c, m.get().typeName())
            : Casts.cast(Sql.field(sql, m.get().typeName()), m.get(), action.target())
                .orElseThrow();
      }
      case MAKE_STRUCT -> {
        List<Rewriter.Slot> slots = new ArrayList<>();
        for (String member : c.members().keySet()) {
          slots.add(new Rewriter.Slot(member, Sql.member(sql, c, member), null));
        }
        yield Rewriter.struct(sql, slots).orElseThrow();
      }
      case MATCH_CATALOG -> matchCatalog(sql, c, path);
      case MAKE_COLS -> throw new IllegalStateException("make_cols is resolved at the struct");
    };
  }

  private String matchCatalog(String sql, ChoiceType c, String path) {
    DataType want =
        catalogType(path)
            .orElseThrow(
                () ->
                    ck.failAt(
                        path,
                        "the catalog table "
                            + catalogTable
                            + " has no column '"
                            + path
                            + "' to match the choice "
                            + c
                            + " against",
                        catalogPaths()));
    Optional<DataType> same = c.member(want.typeName());
    if (same.isPresent() && !(want instanceof io.dynaframe.types.AtomicType)) {
      return Sql.member(sql, c, want.typeName());
    }
    return Casts.cast(sql, c, want)
        .orElseThrow(
            () ->
                ck.failAt(
                    path,
                    "no member of the choice "
                        + c
                        + " at '"
                        + path
                        + "' can be cast to "
                        + want
                        + ", its type in the catalog table "
                        + catalogTable,
                    List.of()));
  }

  private Optional<DataType> catalogType(String path) {
    FieldPath p = FieldPath.parse(path);
    DataType cur = catalog;
    for (FieldPath.Segment s : p.segments()) {
      while (cur instanceof ArrayType a) {
        cur = a.elementType();
      }
      if (!(cur instanceof StructType st)) {
        return Optional.empty();
      }
      Optional<Field> f = st.field(s.name());
      if (f.isEmpty()) {
        f = st.fields().stream().filter(x -> x.name().equalsIgnoreCase(s.name())).findFirst();
      }
      if (f.isEmpty()) {
        return Optional.empty();
      }
      cur = f.get().type();
      if (s.array() && cur instanceof ArrayType a) {
        cur = a.elementType();
      }
    }
    return Optional.of(cur);
  }

  private List<String> catalogPaths() {
    return ck.over(catalog).allPaths();
  }

  private static String nullOf(DataType type) {
    return type == null || type == Types.NULL ? "NULL" : Sql.nullOf(SparkTypes.toSpark(type));
  }
}
