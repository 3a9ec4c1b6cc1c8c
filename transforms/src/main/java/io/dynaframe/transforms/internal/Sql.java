package io.dynaframe.transforms.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.types.DataType;

/**
 * Spark SQL expression text. Transforms build their column expressions as SQL text so the same code
 * compiles to the same plan on Spark 3.5 and 4.x ({@code try_cast}, {@code named_struct}, {@code
 * transform} over arrays), with every name quoted.
 */
public final class Sql {
  private Sql() {}

  private static final AtomicLong LAMBDA = new AtomicLong();

  /** A name quoted as a Spark SQL identifier: {@code `a.b`}. */
  public static String ident(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A field of a struct expression: {@code expr.`name`}. */
  public static String field(String structSql, String name) {
    return structSql + "." + ident(name);
  }

  /** A top-level path, quoted: {@code `a`.`b`}. */
  public static String path(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(ident(n));
    }
    return b.toString();
  }

  /** A string literal. */
  public static String str(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code try_cast(expr AS type)}: null where a value does not convert, also under ANSI mode. */
  public static String tryCast(String sql, DataType type) {
    return "try_cast(" + sql + " AS " + type.sql() + ")";
  }

  /** A typed null. */
  public static String nullOf(DataType type) {
    return "CAST(NULL AS " + type.sql() + ")";
  }

  /**
   * {@code expr} when it is not null, else null: keeps a rebuilt struct null where the original
   * was.
   */
  public static String nullSafe(String original, String rebuilt) {
    return "CASE WHEN " + original + " IS NULL THEN NULL ELSE " + rebuilt + " END";
  }

  /**
   * One member of a choice value, free of the member flag Spark would otherwise carry onto a column
   * made of it: the choice struct is first cast to the same struct without metadata (a cast Spark's
   * optimiser keeps, as the types differ in metadata), so the member is a plain value in the
   * analysed and in the optimised plan alike. Use it where the member may become a top-level column
   * by itself; inside other expressions {@link #field} is enough.
   */
  public static String member(
      String choiceSql, io.dynaframe.types.ChoiceType choice, String member) {
    java.util.List<org.apache.spark.sql.types.StructField> fs = new java.util.ArrayList<>();
    choice
        .members()
        .forEach(
            (name, t) ->
                fs.add(
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        name, io.dynaframe.types.SparkTypes.toSpark(t), true)));
    DataType plain = org.apache.spark.sql.types.DataTypes.createStructType(fs);
    return field("CAST(" + choiceSql + " AS " + plain.sql() + ")", member);
  }

  /** A fresh lambda variable name for {@code transform(array, x -> ...)}. */
  public static String lambdaVar() {
    return "__dfx" + LAMBDA.incrementAndGet();
  }
}
