package io.dynaframe.lineage;

import java.util.Objects;

/**
 * Where a column comes from: a column of a step that ran before, taken as is (possibly under
 * another name) or computed from it (a cast, an expression, an aggregate).
 *
 * @param step id of the step whose output holds the column
 * @param column name of the column in that step's output
 * @param derivation whether the value is copied or computed
 */
public record ColumnOrigin(String step, String column, Derivation derivation) {

  /** How a column's values relate to the column it comes from (OpenLineage's DIRECT subtypes). */
  public enum Derivation {
    /**
     * The same values, possibly under another name (a rename, a selection, a join key passed
     * through).
     */
    IDENTITY,
    /** Values computed from it (a cast, a function, an aggregate). */
    TRANSFORMATION
  }

  /** Checks that every part is given. */
  public ColumnOrigin {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(derivation, "derivation");
  }

  @Override
  public String toString() {
    return step + "." + column + (derivation == Derivation.IDENTITY ? "" : " (transformed)");
  }
}
