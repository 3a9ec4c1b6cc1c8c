package io.dynaframe.jdbc.internal;

import java.sql.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Glue's default mapping of JDBC types to its own: DATE to date, the character types to string,
 * TIMESTAMP to timestamp, INTEGER to int, FLOAT and REAL to float, BIT and BOOLEAN to boolean,
 * BIGINT to long, DECIMAL and NUMERIC to decimal, TINYINT and SMALLINT to short, DOUBLE to double;
 * every other JDBC type to string.
 */
public final class GlueTypes {
  private GlueTypes() {}

  /**
   * The Spark type of a column of JDBC type {@code sqlType} with the given precision and scale, as
   * Glue maps it.
   */
  public static DataType of(int sqlType, int precision, int scale) {
    return switch (sqlType) {
      case Types.DATE -> DataTypes.DateType;
      case Types.VARCHAR,
          Types.CHAR,
          Types.LONGVARCHAR,
          Types.NVARCHAR,
          Types.NCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB ->
          DataTypes.StringType;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> DataTypes.TimestampType;
      case Types.INTEGER -> DataTypes.IntegerType;
      case Types.FLOAT, Types.REAL -> DataTypes.FloatType;
      case Types.BIT, Types.BOOLEAN -> DataTypes.BooleanType;
      case Types.BIGINT -> DataTypes.LongType;
      case Types.DECIMAL, Types.NUMERIC -> decimal(precision, scale);
      case Types.TINYINT, Types.SMALLINT -> DataTypes.ShortType;
      case Types.DOUBLE -> DataTypes.DoubleType;
      default -> DataTypes.StringType;
    };
  }

  /**
   * A decimal of the column's precision and scale; a NUMERIC without them (precision 0 or over 38)
   * as decimal(38,18), as Spark reads it.
   */
  private static DataType decimal(int precision, int scale) {
    if (precision <= 0 || precision > 38 || scale < 0 || scale > precision) {
      return DataTypes.createDecimalType(38, 18);
    }
    return DataTypes.createDecimalType(precision, scale);
  }
}
