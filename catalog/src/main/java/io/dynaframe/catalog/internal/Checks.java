package io.dynaframe.catalog.internal;

import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.PartitionExpression;
import io.dynaframe.catalog.TableDefinition;
import java.util.List;

/** Argument checks and messages shared by the catalog implementations. */
public final class Checks {
  private Checks() {}

  /** Fails unless the partition has one value per partition key of the table. */
  public static void values(TableDefinition table, List<String> values) {
    int keys = table.partitionKeys().size();
    if (keys == 0) {
      throw new IllegalArgumentException(
          "table " + table.identifier() + " is not partitioned; it has no partition " + values);
    }
    if (values.size() != keys) {
      throw new IllegalArgumentException(
          "table "
              + table.identifier()
              + " has "
              + keys
              + " partition keys "
              + table.partitionKeyNames()
              + ", got "
              + values.size()
              + " value(s) "
              + values);
    }
  }

  /** Fails unless the partition has one value per partition key of the table. */
  public static void partition(TableDefinition table, Partition p) {
    values(table, p.values());
  }

  /** The parsed expression, checked against the table's keys; null for null or blank. */
  public static PartitionExpression expression(TableDefinition table, String expression) {
    if (expression == null || expression.isBlank()) {
      return null;
    }
    PartitionExpression e = PartitionExpression.parse(expression);
    e.check(table.partitionKeys());
    return e;
  }

  /** "Partition does not exist: db.t [2024, 05]". */
  public static String noPartition(TableDefinition table, List<String> values) {
    return "Partition does not exist: " + table.identifier() + " " + values;
  }
}
