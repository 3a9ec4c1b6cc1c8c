package io.dynaframe.testing;

import io.dynaframe.DynamicFrame;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.opentest4j.AssertionFailedError;

/**
 * Compares a frame with the expected one, schema and rows, and fails with a readable diff: schema
 * differences field by field, then the rows that are missing and the rows that are unexpected. Rows
 * compare in any order unless {@link #inOrder()} is asked for; floating point values compare within
 * {@link #withTolerance(double)}.
 *
 * <pre>{@code
 * FrameAssert.assertThat(result).isEqualTo(expected);
 * FrameAssert.assertThat(result.toDF()).inOrder().withTolerance(1e-9).isEqualTo(expectedDf);
 * }</pre>
 *
 * Both frames are collected to the driver: it is meant for test-sized data.
 */
public final class FrameAssert {
  private static final int MAX_ROWS_SHOWN = 20;

  private final Dataset<Row> actual;
  private final String actualName;
  private final boolean ordered;
  private final double tolerance;

  private FrameAssert(Dataset<Row> actual, String actualName, boolean ordered, double tolerance) {
    this.actual = Objects.requireNonNull(actual, "actual");
    this.actualName = actualName;
    this.ordered = ordered;
    this.tolerance = tolerance;
  }

  /** Starts an assertion on a frame (its records; error records are not compared). */
  public static FrameAssert assertThat(DynamicFrame actual) {
    return new FrameAssert(actual.toDF(), describe(actual), false, 0);
  }

  /**
   * How a message names a frame: after the step that made it (its transformation context) when it
   * has one, else by its name.
   */
  static String describe(DynamicFrame frame) {
    String step = frame.transformationContext();
    String name = frame.name();
    if (step != null && !step.isBlank()) {
      return "frame of step '"
          + step
          + "'"
          + (name.isBlank() || name.equals(step) ? "" : " (named '" + name + "')");
    }
    return name.isBlank() ? "frame" : "frame '" + name + "'";
  }

  /** Starts an assertion on a DataFrame. */
  public static FrameAssert assertThat(Dataset<Row> actual) {
    return new FrameAssert(actual, "DataFrame", false, 0);
  }

  /** Rows must also be in the same order. */
  public FrameAssert inOrder() {
    return new FrameAssert(actual, actualName, true, tolerance);
  }

  /** Floating-point values may differ by this much (absolute, or relative to their size). */
  public FrameAssert withTolerance(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, was " + value);
    }
    return new FrameAssert(actual, actualName, ordered, value);
  }

  /** Fails unless the frame has the expected frame's schema and rows. */
  public FrameAssert isEqualTo(DynamicFrame expected) {
    String step = expected.transformationContext();
    return isEqualTo(
        expected.toDF(),
        step == null || step.isBlank()
            ? "the expected frame"
            : "the expected " + describe(expected));
  }

  /** Fails unless the frame has the expected DataFrame's schema and rows. */
  public FrameAssert isEqualTo(Dataset<Row> expected) {
    return isEqualTo(expected, "the expected frame");
  }

  private FrameAssert isEqualTo(Dataset<Row> expected, String expectedName) {
    StructType expectedSchema = SparkTypes.fromSpark(expected.schema());
    StructType actualSchema = SparkTypes.fromSpark(actual.schema());
    List<String> schemaDiff = new ArrayList<>();
    diffStruct("", expectedSchema, actualSchema, schemaDiff);

    List<Row> expectedRows = expected.collectAsList();
    List<Row> actualRows = actual.collectAsList();
    List<String> rowDiff =
        ordered
            ? orderedDiff(expectedRows, actualRows, expected.schema(), actual.schema())
            : unorderedDiff(expectedRows, actualRows, expected.schema(), actual.schema());

    if (schemaDiff.isEmpty() && rowDiff.isEmpty()) {
      return this;
    }
    StringBuilder msg =
        new StringBuilder(actualName).append(" differs from ").append(expectedName).append('\n');
    if (!schemaDiff.isEmpty()) {
      msg.append("schema:\n");
      schemaDiff.forEach(d -> msg.append("  ").append(d).append('\n'));
    }
    boolean onlyTypes =
        !schemaDiff.isEmpty()
            && !rowDiff.isEmpty()
            && samePrinted(expectedRows, expected.schema(), actualRows, actual.schema());
    if (onlyTypes) {
      msg.append("rows: the same ")
          .append(actualRows.size())
          .append(actualRows.size() == 1 ? " row" : " rows")
          .append(" as printed")
          .append(ordered ? ", in order" : "")
          .append("; they differ only in the types above, not in the values shown\n");
    } else if (!rowDiff.isEmpty()) {
      msg.append("rows (expected ")
          .append(expectedRows.size())
          .append(", actual ")
          .append(actualRows.size())
          .append(ordered ? ", in order" : ", in any order")
          .append("):\n");
      rowDiff.forEach(d -> msg.append("  ").append(d).append('\n'));
    }
    throw new AssertionFailedError(
        msg.toString(),
        expectedSchema.treeString() + render(expectedRows, expected.schema()),
        actualSchema.treeString() + render(actualRows, actual.schema()));
  }

  /** Fails unless the frame's schema prints as {@code printSchema} would print this text. */
  public FrameAssert hasSchema(String treeString) {
    String actualTree = SparkTypes.fromSpark(actual.schema()).treeString();
    if (!actualTree.strip().equals(treeString.strip())) {
      throw new AssertionFailedError(
          actualName
              + " has another schema\nexpected:\n"
              + treeString.strip()
              + "\nactual:\n"
              + actualTree.strip(),
          treeString.strip(),
          actualTree.strip());
    }
    return this;
  }

  // ---------------------------------------------------------------- schema diff

  private static void diffStruct(
      String prefix, StructType expected, StructType actual, List<String> out) {
    for (Field e : expected.fields()) {
      String path = prefix + e.name();
      var a = actual.field(e.name());
      if (a.isEmpty()) {
        out.add("missing field '" + path + "' (" + e.type() + ")");
      } else {
        diffType(path, e.type(), a.get().type(), out);
      }
    }
    for (Field a : actual.fields()) {
      if (expected.field(a.name()).isEmpty()) {
        out.add("unexpected field '" + prefix + a.name() + "' (" + a.type() + ")");
      }
    }
    List<String> en = expected.fieldNames().stream().filter(actual.fieldNames()::contains).toList();
    List<String> an = actual.fieldNames().stream().filter(expected.fieldNames()::contains).toList();
    if (!en.equals(an)) {
      out.add(
          "fields of '"
              + (prefix.isEmpty() ? "root" : prefix.substring(0, prefix.length() - 1))
              + "' are in another order: expected "
              + en
              + ", actual "
              + an);
    }
  }

  private static void diffType(String path, DataType expected, DataType actual, List<String> out) {
    if (expected.equals(actual)) {
      return;
    }
    if (expected instanceof StructType es && actual instanceof StructType as) {
      diffStruct(path + ".", es, as, out);
    } else if (expected instanceof ArrayType ea && actual instanceof ArrayType aa) {
      diffType(path + "[]", ea.elementType(), aa.elementType(), out);
    } else {
      out.add("field '" + path + "' is " + actual + ", expected " + expected);
    }
  }

  // ---------------------------------------------------------------- row diff

  private List<String> orderedDiff(
      List<Row> expected,
      List<Row> actual,
      org.apache.spark.sql.types.StructType es,
      org.apache.spark.sql.types.StructType as) {
    List<String> out = new ArrayList<>();
    int n = Math.max(expected.size(), actual.size());
    int shown = 0;
    for (int i = 0; i < n && shown < MAX_ROWS_SHOWN; i++) {
      Object e = i < expected.size() ? RowValues.canonical(expected.get(i)) : null;
      Object a = i < actual.size() ? RowValues.canonical(actual.get(i)) : null;
      if (e == null || a == null || !RowValues.equal(e, a, tolerance)) {
        out.add(
            "row "
                + i
                + ": expected "
                + (e == null ? "no row" : RowValues.json(expected.get(i), es))
                + ", actual "
                + (a == null ? "no row" : RowValues.json(actual.get(i), as)));
        shown++;
      }
    }
    return out;
  }

  private List<String> unorderedDiff(
      List<Row> expected,
      List<Row> actual,
      org.apache.spark.sql.types.StructType es,
      org.apache.spark.sql.types.StructType as) {
    List<Object> ev = new ArrayList<>();
    expected.forEach(r -> ev.add(RowValues.canonical(r)));
    List<Object> av = new ArrayList<>();
    actual.forEach(r -> av.add(RowValues.canonical(r)));
    boolean[] matchedActual = new boolean[av.size()];
    List<Integer> missing = new ArrayList<>();
    if (tolerance == 0) {
      Map<Object, List<Integer>> index = new HashMap<>();
      for (int i = 0; i < av.size(); i++) {
        index.computeIfAbsent(av.get(i), k -> new ArrayList<>()).add(i);
      }
      for (int i = 0; i < ev.size(); i++) {
        List<Integer> candidates = index.get(ev.get(i));
        if (candidates == null || candidates.isEmpty()) {
          missing.add(i);
        } else {
          matchedActual[candidates.remove(candidates.size() - 1)] = true;
        }
      }
    } else {
      for (int i = 0; i < ev.size(); i++) {
        boolean found = false;
        for (int j = 0; j < av.size() && !found; j++) {
          if (!matchedActual[j] && RowValues.equal(ev.get(i), av.get(j), tolerance)) {
            matchedActual[j] = true;
            found = true;
          }
        }
        if (!found) {
          missing.add(i);
        }
      }
    }
    List<Integer> unexpected = new ArrayList<>();
    for (int j = 0; j < av.size(); j++) {
      if (!matchedActual[j]) {
        unexpected.add(j);
      }
    }
    List<String> out = new ArrayList<>();
    if (!missing.isEmpty()) {
      out.add(missing.size() + " missing (expected, not found):");
      missing.stream()
          .limit(MAX_ROWS_SHOWN)
          .forEach(i -> out.add("- " + RowValues.json(expected.get(i), es)));
      if (missing.size() > MAX_ROWS_SHOWN) {
        out.add("  ... and " + (missing.size() - MAX_ROWS_SHOWN) + " more");
      }
    }
    if (!unexpected.isEmpty()) {
      out.add(unexpected.size() + " unexpected (found, not expected):");
      unexpected.stream()
          .limit(MAX_ROWS_SHOWN)
          .forEach(j -> out.add("+ " + RowValues.json(actual.get(j), as)));
      if (unexpected.size() > MAX_ROWS_SHOWN) {
        out.add("  ... and " + (unexpected.size() - MAX_ROWS_SHOWN) + " more");
      }
    }
    return out;
  }

  /** Whether both frames' rows print alike (in order when {@link #inOrder()} was asked). */
  private boolean samePrinted(
      List<Row> expected,
      org.apache.spark.sql.types.StructType es,
      List<Row> actual,
      org.apache.spark.sql.types.StructType as) {
    if (expected.size() != actual.size()) {
      return false;
    }
    List<String> e = new ArrayList<>();
    expected.forEach(r -> e.add(RowValues.json(r, es)));
    List<String> a = new ArrayList<>();
    actual.forEach(r -> a.add(RowValues.json(r, as)));
    if (!ordered) {
      e.sort(null);
      a.sort(null);
    }
    return e.equals(a);
  }

  private static String render(List<Row> rows, org.apache.spark.sql.types.StructType schema) {
    List<String> lines = new ArrayList<>();
    rows.forEach(r -> lines.add(RowValues.json(r, schema)));
    if (lines.size() > 1) {
      lines.sort(null);
    }
    return String.join("\n", lines) + "\n";
  }
}
