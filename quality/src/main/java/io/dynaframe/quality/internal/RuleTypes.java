package io.dynaframe.quality.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rule types of AWS's DQDL reference, with the number of quoted parameters each takes and
 * whether it is checked against a condition.
 */
public final class RuleTypes {
  private RuleTypes() {}

  /** How a rule type is written. */
  public record Shape(int minParams, int maxParams, Need condition) {}

  /** Whether a rule type takes a condition. */
  public enum Need {
    REQUIRED,
    OPTIONAL,
    NONE
  }

  static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

  static {
    // AWS's composite-rule example writes (RowCount "id" > 100): a column is accepted and unused
    SHAPES.put("RowCount", new Shape(0, 1, Need.REQUIRED));
    SHAPES.put("ColumnCount", new Shape(0, 0, Need.REQUIRED));
    SHAPES.put("Completeness", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("IsComplete", new Shape(1, 1, Need.NONE));
    SHAPES.put("Uniqueness", new Shape(1, 32, Need.REQUIRED));
    SHAPES.put("IsUnique", new Shape(1, 32, Need.NONE));
    SHAPES.put("IsPrimaryKey", new Shape(1, 32, Need.NONE));
    SHAPES.put("UniqueValueRatio", new Shape(1, 32, Need.REQUIRED));
    SHAPES.put("DistinctValuesCount", new Shape(1, 32, Need.REQUIRED));
    SHAPES.put("ColumnValues", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("ColumnLength", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("ColumnDataType", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("ColumnExists", new Shape(1, 1, Need.NONE));
    SHAPES.put("ColumnNamesMatchPattern", new Shape(1, 1, Need.NONE));
    SHAPES.put("Mean", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("Sum", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("StandardDeviation", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("Entropy", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("ColumnCorrelation", new Shape(2, 2, Need.REQUIRED));
    SHAPES.put("CustomSql", new Shape(1, 1, Need.OPTIONAL));
    SHAPES.put("DataFreshness", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("ReferentialIntegrity", new Shape(2, 2, Need.REQUIRED));
    SHAPES.put("RowCountMatch", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("DatasetMatch", new Shape(2, 3, Need.REQUIRED));
    SHAPES.put("AggregateMatch", new Shape(2, 2, Need.REQUIRED));
    SHAPES.put("SchemaMatch", new Shape(1, 1, Need.REQUIRED));
    SHAPES.put("DetectAnomalies", new Shape(1, 2, Need.NONE));
    SHAPES.put("FileFreshness", new Shape(0, 1, Need.OPTIONAL));
    SHAPES.put("FileMatch", new Shape(1, 2, Need.OPTIONAL));
    SHAPES.put("FileSize", new Shape(0, 1, Need.OPTIONAL));
    SHAPES.put("FileUniqueness", new Shape(0, 1, Need.OPTIONAL));
  }

  /** Rule types parsed but refused when evaluated: they need AWS's services or S3 objects. */
  public static final Set<String> REFUSED =
      Set.of("DetectAnomalies", "FileFreshness", "FileMatch", "FileSize", "FileUniqueness");

  /**
   * The tags of AWS's File rules ({@code with recentFiles = 1}): parsed so that the rules are
   * refused by name when evaluated.
   */
  public static final Set<String> FILE_TAGS =
      Set.of("recentFiles", "uriRegex", "filterOrder", "matchFileName", "hashAlgorithm");

  /** The known rule types, in the reference's order. */
  public static Set<String> names() {
    return SHAPES.keySet();
  }

  static Shape shape(String type) {
    return SHAPES.get(type);
  }
}
