package io.dynaframe.catalog.internal;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro schemas in dynaframe's type model; a union with null is its other member, any other union a
 * choice.
 */
public final class AvroSchemas {
  private AvroSchemas() {}

  /** The type of an Avro schema. */
  public static DataType toType(Schema s) {
    LogicalType l = s.getLogicalType();
    if (l instanceof LogicalTypes.Decimal d) {
      return Types.decimal(d.getPrecision(), d.getScale());
    }
    if (l instanceof LogicalTypes.Date) {
      return Types.DATE;
    }
    if (l instanceof LogicalTypes.TimestampMillis || l instanceof LogicalTypes.TimestampMicros) {
      return Types.TIMESTAMP;
    }
    switch (s.getType()) {
      case RECORD:
        {
          List<Field> fields = new ArrayList<>();
          for (Schema.Field f : s.getFields()) {
            fields.add(Types.field(f.name(), toType(f.schema())));
          }
          return Types.struct(fields);
        }
      case ARRAY:
        return Types.array(toType(s.getElementType()));
      case MAP:
        return Types.map(toType(s.getValueType()));
      case UNION:
        {
          List<DataType> members = new ArrayList<>();
          for (Schema m : s.getTypes()) {
            if (m.getType() != Schema.Type.NULL) {
              members.add(toType(m));
            }
          }
          return members.isEmpty() ? Types.NULL : Types.choice(members.toArray(new DataType[0]));
        }
      case STRING:
      case ENUM:
        return Types.STRING;
      case BYTES:
      case FIXED:
        return Types.BINARY;
      case INT:
        return Types.INT;
      case LONG:
        return Types.LONG;
      case FLOAT:
        return Types.FLOAT;
      case DOUBLE:
        return Types.DOUBLE;
      case BOOLEAN:
        return Types.BOOLEAN;
      case NULL:
      default:
        return Types.NULL;
    }
  }
}
