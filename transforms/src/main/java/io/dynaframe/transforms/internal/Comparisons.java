package io.dynaframe.transforms.internal;

import io.dynaframe.types.AtomicType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.DecimalType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.Types;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comparisons of a field with a constant, as SplitRows takes them ({@code =, !=, <, <=, >, >=}),
 * compiled to SQL. Numbers compare with numbers; a string field compared with a number, date or
 * timestamp is read as one ({@code "21"} is 21; a string that is not a number never matches); a
 * choice matches when the member it holds matches.
 */
public final class Comparisons {
  private Comparisons() {}

  /** The operators, as Glue writes them. */
  public static final List<String> OPERATORS = List.of("=", "!=", "<", "<=", ">", ">=");

  /** The SQL operator for a Glue operator, or empty when it is not one. */
  public static Optional<String> sqlOperator(String op) {
    return switch (op) {
      case "=" -> Optional.of("=");
      case "!=" -> Optional.of("<>");
      case "<", "<=", ">", ">=" -> Optional.of(op);
      default -> Optional.empty();
    };
  }

  /**
   * A constant as SQL with its Glue type; empty for a value of a type that has no constant here.
   */
  public static Optional<Literal> literal(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return Optional.of(new Literal("CAST(" + v + " AS BIGINT)", Types.LONG));
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      String text = Double.isFinite(d) ? Double.toString(d) : Sql.str(Double.toString(d));
      return Optional.of(new Literal("CAST(" + text + " AS DOUBLE)", Types.DOUBLE));
    }
    if (v instanceof BigDecimal d) {
      int scale = Math.max(0, d.scale());
      int precision = Math.max(d.precision(), scale + 1);
      if (precision > 38) {
        return Optional.empty();
      }
      DecimalType t = Types.decimal(precision, scale);
      return Optional.of(
          new Literal("CAST(" + Sql.str(d.toPlainString()) + " AS " + t.hiveType() + ")", t));
    }
    if (v instanceof String s) {
      return Optional.of(new Literal(Sql.str(s), Types.STRING));
    }
    if (v instanceof Boolean b) {
      return Optional.of(new Literal(b ? "TRUE" : "FALSE", Types.BOOLEAN));
    }
    if (v instanceof LocalDate d) {
      return Optional.of(new Literal("DATE " + Sql.str(d.toString()), Types.DATE));
    }
    if (v instanceof java.sql.Date d) {
      return Optional.of(new Literal("DATE " + Sql.str(d.toLocalDate().toString()), Types.DATE));
    }
    if (v instanceof Instant i) {
      long micros =
          Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
      return Optional.of(new Literal("timestamp_micros(" + micros + ")", Types.TIMESTAMP));
    }
    if (v instanceof java.sql.Timestamp t) {
      return literal(t.toInstant());
    }
    if (v instanceof LocalDateTime t) {
      return Optional.of(
          new Literal("TIMESTAMP " + Sql.str(t.toString().replace('T', ' ')), Types.TIMESTAMP));
    }
    return Optional.empty();
  }

  /** A constant in SQL and its type. */
  public record Literal(String sql, DataType type) {}

  /**
   * {@code field op constant} as SQL, or empty when the field's type cannot be compared with the
   * constant's (a struct with a number).
   */
  public static Optional<String> compare(
      String fieldSql, DataType fieldType, String sqlOp, Literal lit) {
    if (fieldType instanceof ChoiceType c) {
      List<String> parts = new ArrayList<>();
      for (DataType m : c.types()) {
        compare(Sql.field(fieldSql, m.typeName()), m, sqlOp, lit).ifPresent(parts::add);
      }
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")");
    }
    String kf = kind(fieldType);
    String kl = kind(lit.type());
    if (kf == null || kl == null) {
      return Optional.empty();
    }
    if (kf.equals(kl)) {
      return Optional.of("(" + fieldSql + " " + sqlOp + " " + lit.sql() + ")");
    }
    if (kf.equals("string")) {
      return Optional.of(
          "("
              + Sql.tryCast(fieldSql, SparkTypes.toSpark(lit.type()))
              + " "
              + sqlOp
              + " "
              + lit.sql()
              + ")");
    }
    if (kl.equals("string")) {
      return Optional.of(
          "("
              + fieldSql
              + " "
              + sqlOp
              + " "
              + Sql.tryCast(lit.sql(), SparkTypes.toSpark(fieldType))
              + ")");
    }
    return Optional.empty();
  }

  private static String kind(DataType t) {
    if (t instanceof DecimalType) {
      return "number";
    }
    if (!(t instanceof AtomicType a)) {
      return null;
    }
    if (a.isNumeric()) {
      return "number";
    }
    return switch (a.typeName()) {
      case "string" -> "string";
      case "boolean" -> "boolean";
      case "date", "timestamp" -> "time";
      default -> null;
    };
  }
}
