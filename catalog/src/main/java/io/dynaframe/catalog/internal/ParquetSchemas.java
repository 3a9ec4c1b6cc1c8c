package io.dynaframe.catalog.internal;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet file schemas (from a footer) in dynaframe's type model, following Parquet's logical types
 * and its LIST and MAP layouts.
 */
public final class ParquetSchemas {
  private ParquetSchemas() {}

  /** The record type of a Parquet file schema. */
  public static StructType toStruct(MessageType schema) {
    return fields(schema);
  }

  private static StructType fields(GroupType g) {
    List<Field> out = new ArrayList<>();
    for (Type t : g.getFields()) {
      DataType dt = type(t);
      if (t.isRepetition(Type.Repetition.REPEATED)) {
        dt = Types.array(dt); // a repeated field outside a LIST is a list of its values
      }
      out.add(Types.field(t.getName(), dt));
    }
    return Types.struct(out);
  }

  private static DataType type(Type t) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1) {
      Type repeated = g.getType(0);
      if (repeated.isPrimitive()
          || repeated.asGroupType().getFieldCount() != 1
          || repeated.getName().equals("array")
          || repeated.getName().endsWith("_tuple")) {
        return Types.array(elementOf(repeated)); // legacy two-level list
      }
      return Types.array(type(repeated.asGroupType().getType(0)));
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && g.getFieldCount() == 1
        && !g.getType(0).isPrimitive()) {
      GroupType kv = g.getType(0).asGroupType();
      return Types.map(kv.getFieldCount() > 1 ? type(kv.getType(1)) : Types.NULL);
    }
    return fields(g);
  }

  private static DataType elementOf(Type repeated) {
    return repeated.isPrimitive()
        ? primitive(repeated.asPrimitiveType())
        : fields(repeated.asGroupType());
  }

  private static DataType primitive(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return Types.decimal(d.getPrecision(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Types.BOOLEAN;
      case INT32:
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return Types.DATE;
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
          if (i.getBitWidth() == 8) {
            return Types.BYTE;
          }
          if (i.getBitWidth() == 16) {
            return Types.SHORT;
          }
          if (!i.isSigned() && i.getBitWidth() == 32) {
            return Types.LONG;
          }
        }
        return Types.INT;
      case INT64:
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return Types.TIMESTAMP;
        }
        return Types.LONG;
      case INT96:
        return Types.TIMESTAMP;
      case FLOAT:
        return Types.FLOAT;
      case DOUBLE:
        return Types.DOUBLE;
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return Types.STRING;
        }
        return Types.BINARY;
      case FIXED_LEN_BYTE_ARRAY:
      default:
        return Types.BINARY;
    }
  }
}
