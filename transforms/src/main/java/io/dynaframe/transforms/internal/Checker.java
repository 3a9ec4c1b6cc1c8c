package io.dynaframe.transforms.internal;

import io.dynaframe.types.ArrayType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks what a transform asks of a frame against the frame's schema, when the transform is applied
 * and before any Spark job, and builds the {@code TransformException} that names the transform, the
 * step, the path and the closest paths the frame has.
 */
public final class Checker {
  private final String kind;
  private final String step;
  private final StructType schema;
  private final Failure failure;
  private List<String> paths;

  /**
   * Makes the exception a failed check throws (the transforms' {@code TransformException}): the
   * transform's kind, the step, the path at fault or null, the problem, the closest paths.
   */
  @FunctionalInterface
  public interface Failure {
    RuntimeException of(
        String kind, String step, String path, String problem, List<String> closestPaths);
  }

  /**
   * A checker for one step of a transform over a frame with this schema, failing with what {@code
   * failure} makes.
   */
  public Checker(String kind, String step, StructType schema, Failure failure) {
    this.kind = kind;
    this.step = step;
    this.schema = schema;
    this.failure = java.util.Objects.requireNonNull(failure, "failure");
  }

  /** A checker of the same step over another schema. */
  public Checker over(StructType other) {
    return new Checker(kind, step, other, failure);
  }

  /** The schema checked against. */
  public StructType schema() {
    return schema;
  }

  /** The step's name. */
  public String step() {
    return step;
  }

  /** The transform's kind. */
  public String kind() {
    return kind;
  }

  /** A failure not about a path. */
  public RuntimeException fail(String problem) {
    return failure.of(kind, step, null, problem, List.of());
  }

  /** A failure about a path, listing the frame's closest paths. */
  public RuntimeException failAt(String path, String problem) {
    return failure.of(kind, step, path, problem, EditDistance.closest(path, allPaths()));
  }

  /** A failure about a path, listing these candidates instead of the frame's paths. */
  public RuntimeException failAt(String path, String problem, List<String> candidates) {
    return failure.of(kind, step, path, problem, EditDistance.closest(path, candidates));
  }

  /**
   * A failure about a path where the misspelt thing is another word (a type name, an operator): the
   * closest of {@code candidates} to {@code wrong} are listed.
   */
  public RuntimeException failNear(
      String path, String problem, String wrong, List<String> candidates) {
    return failure.of(kind, step, path, problem, EditDistance.closest(wrong, candidates));
  }

  /** Parses a path, failing with the path's syntax problem. */
  public FieldPath parse(String path) {
    try {
      return FieldPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw failure.of(kind, step, path, e.getMessage(), List.of());
    }
  }

  /**
   * A path resolved against the schema.
   *
   * @param path the path as written
   * @param names the fields' names as the schema spells them
   * @param type the type at the path (the element type when the path ends in {@code []})
   * @param throughArray true when the path steps into array elements
   */
  public record Resolved(FieldPath path, List<String> names, DataType type, boolean throughArray) {
    /** The resolved path rendered with the schema's spelling. */
    public String rendered() {
      return FieldPath.render(names);
    }
  }

  /**
   * Resolves a path against the schema.
   *
   * @param caseSensitive whether names must match exactly; when not, an exact match still wins
   * @param throughArrays whether the path may step into array elements (with or without {@code []})
   */
  public Resolved resolve(String text, boolean caseSensitive, boolean throughArrays) {
    FieldPath path = parse(text);
    DataType cur = schema;
    List<String> names = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    boolean through = false;
    for (int i = 0; i < path.size(); i++) {
      FieldPath.Segment seg = path.segments().get(i);
      if (cur instanceof ArrayType
          && !shown.isEmpty()
          && !shown.get(shown.size() - 1).endsWith("[]")) {
        shown.set(shown.size() - 1, shown.get(shown.size() - 1) + "[]");
      }
      while (cur instanceof ArrayType a) {
        if (!throughArrays) {
          throw failure.of(
              kind,
              step,
              text,
              "'"
                  + FieldPath.render(names)
                  + "' is an array and "
                  + kind
                  + " cannot reach into array elements",
              List.of());
        }
        through = true;
        cur = a.elementType();
      }
      if (cur instanceof ChoiceType) {
        throw failAt(
            text,
            "'"
                + FieldPath.render(names)
                + "' is a choice "
                + cur
                + "; resolve it with ResolveChoice before reaching into it");
      }
      if (!(cur instanceof StructType st)) {
        throw failAt(
            text,
            "'"
                + FieldPath.render(names)
                + "' is "
                + cur
                + ", not a struct, so it has no field '"
                + seg.name()
                + "'");
      }
      Field f = find(st, seg.name(), caseSensitive, text, shown);
      names.add(f.name());
      shown.add(FieldPath.quoteIfNeeded(f.name()) + (seg.array() ? "[]" : ""));
      cur = f.type();
      if (seg.array()) {
        if (!(cur instanceof ArrayType a)) {
          throw failAt(
              text,
              "'"
                  + FieldPath.render(names)
                  + "' is "
                  + cur
                  + ", not an array, so '[]' does not apply");
        }
        if (!throughArrays) {
          throw failAt(
              text,
              "'"
                  + FieldPath.render(names)
                  + "' is an array and "
                  + kind
                  + " cannot reach into array elements");
        }
        if (i == path.size() - 1) {
          cur = a.elementType();
          through = true;
        }
      }
    }
    return new Resolved(path, List.copyOf(names), cur, through);
  }

  private Field find(
      StructType st, String name, boolean caseSensitive, String text, List<String> prefix) {
    var exact = st.field(name);
    if (exact.isPresent()) {
      return exact.get();
    }
    if (!caseSensitive) {
      List<Field> matches =
          st.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw failure.of(
            kind,
            step,
            text,
            "'"
                + name
                + "' matches several fields when case is ignored: "
                + matches.stream().map(Field::name).toList()
                + "; set case sensitivity on or rename one",
            List.of());
      }
    }
    String shown =
        (prefix.isEmpty() ? "" : String.join(".", prefix) + ".") + FieldPath.quoteIfNeeded(name);
    String problem =
        "no field '" + shown + "' in the frame" + (caseSensitive ? "" : " (case ignored)");
    if (!shown.equals(text)) {
      problem += ", so path '" + text + "' does not exist";
    }
    java.util.LinkedHashSet<String> near =
        new java.util.LinkedHashSet<>(EditDistance.closest(text, allPaths()));
    near.addAll(EditDistance.closest(shown, allPaths()));
    throw failure.of(
        kind, step, text, problem, near.stream().limit(EditDistance.MAX_SUGGESTIONS).toList());
  }

  /** Every path in the schema, structs and arrays of structs included, as a user would write it. */
  public List<String> allPaths() {
    if (paths == null) {
      List<String> out = new ArrayList<>();
      collect(schema, "", out);
      paths = out;
    }
    return paths;
  }

  private static void collect(DataType type, String prefix, List<String> out) {
    if (type instanceof StructType st) {
      for (Field f : st.fields()) {
        String p = prefix + FieldPath.quoteIfNeeded(f.name());
        out.add(p);
        DataType t = f.type();
        String q = p;
        while (t instanceof ArrayType a) {
          t = a.elementType();
          q = q + "[]";
        }
        if (t instanceof StructType) {
          collect(t, q + ".", out);
        } else if (t instanceof MapType m && m.valueType() instanceof StructType) {
          // map values are not reachable by path
          continue;
        }
      }
    }
  }

  /** Lower-cased name, for case-insensitive clash checks. */
  public static String folded(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
