package io.dynaframe.types;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * Maps between Glue's type model and Spark's. A {@link ChoiceType} becomes a Spark struct with one
 * nullable field per member, named by the member's type name; each of those fields carries the
 * metadata flag {@value #CHOICE_MEMBER}, so the choice is recognised again wherever it sits (a
 * top-level field, inside a struct, an array element, a map value).
 */
public final class SparkTypes {
  private SparkTypes() {}

  /** Metadata key set to {@code true} on every slot of a struct that stores a choice. */
  public static final String CHOICE_MEMBER = "dynaframe.choiceMember";

  private static final Metadata CHOICE_METADATA =
      new MetadataBuilder().putBoolean(CHOICE_MEMBER, true).build();

  /** The Spark schema that stores records of this type. */
  public static org.apache.spark.sql.types.StructType toSpark(StructType type) {
    return (org.apache.spark.sql.types.StructType) toSpark((DataType) type);
  }

  /** The Spark type that stores values of this type. */
  public static org.apache.spark.sql.types.DataType toSpark(DataType type) {
    if (type instanceof AtomicType a) {
      return switch (a.typeName()) {
        case "null" -> DataTypes.NullType;
        case "boolean" -> DataTypes.BooleanType;
        case "byte" -> DataTypes.ByteType;
        case "short" -> DataTypes.ShortType;
        case "int" -> DataTypes.IntegerType;
        case "long" -> DataTypes.LongType;
        case "float" -> DataTypes.FloatType;
        case "double" -> DataTypes.DoubleType;
        case "string" -> DataTypes.StringType;
        case "binary" -> DataTypes.BinaryType;
        case "date" -> DataTypes.DateType;
        case "timestamp" -> DataTypes.TimestampType;
        default -> throw new IllegalStateException(a.typeName());
      };
    }
    if (type instanceof DecimalType d) {
      return DataTypes.createDecimalType(d.precision(), d.scale());
    }
    if (type instanceof ArrayType a) {
      return DataTypes.createArrayType(toSpark(a.elementType()), true);
    }
    if (type instanceof MapType m) {
      return DataTypes.createMapType(DataTypes.StringType, toSpark(m.valueType()), true);
    }
    if (type instanceof StructType s) {
      List<StructField> fields = new ArrayList<>(s.fields().size());
      for (Field f : s.fields()) {
        fields.add(DataTypes.createStructField(f.name(), toSpark(f.type()), true));
      }
      return DataTypes.createStructType(fields);
    }
    ChoiceType c = (ChoiceType) type;
    List<StructField> slots = new ArrayList<>(c.members().size());
    c.members()
        .forEach(
            (name, member) ->
                slots.add(
                    DataTypes.createStructField(name, toSpark(member), true, CHOICE_METADATA)));
    return DataTypes.createStructType(slots);
  }

  /** The Glue type of a Spark schema; structs flagged as choices come back as choices. */
  public static StructType fromSpark(org.apache.spark.sql.types.StructType schema) {
    DataType t = fromSpark((org.apache.spark.sql.types.DataType) schema);
    if (t instanceof StructType s) {
      return s;
    }
    throw new IllegalArgumentException("a frame's top-level schema cannot be a choice");
  }

  /**
   * The Glue type of a Spark type.
   *
   * @throws IllegalArgumentException for Spark types Glue has no type for (intervals, variants)
   */
  public static DataType fromSpark(org.apache.spark.sql.types.DataType type) {
    if (type instanceof org.apache.spark.sql.types.NullType) {
      return Types.NULL;
    } else if (type instanceof org.apache.spark.sql.types.BooleanType) {
      return Types.BOOLEAN;
    } else if (type instanceof org.apache.spark.sql.types.ByteType) {
      return Types.BYTE;
    } else if (type instanceof org.apache.spark.sql.types.ShortType) {
      return Types.SHORT;
    } else if (type instanceof org.apache.spark.sql.types.IntegerType) {
      return Types.INT;
    } else if (type instanceof org.apache.spark.sql.types.LongType) {
      return Types.LONG;
    } else if (type instanceof org.apache.spark.sql.types.FloatType) {
      return Types.FLOAT;
    } else if (type instanceof org.apache.spark.sql.types.DoubleType) {
      return Types.DOUBLE;
    } else if (type instanceof org.apache.spark.sql.types.StringType
        || type instanceof org.apache.spark.sql.types.CharType
        || type instanceof org.apache.spark.sql.types.VarcharType) {
      return Types.STRING;
    } else if (type instanceof org.apache.spark.sql.types.BinaryType) {
      return Types.BINARY;
    } else if (type instanceof org.apache.spark.sql.types.DateType) {
      return Types.DATE;
    } else if (type instanceof org.apache.spark.sql.types.TimestampType
        || type instanceof org.apache.spark.sql.types.TimestampNTZType) {
      return Types.TIMESTAMP;
    } else if (type instanceof org.apache.spark.sql.types.DecimalType d) {
      return Types.decimal(d.precision(), d.scale());
    } else if (type instanceof org.apache.spark.sql.types.ArrayType a) {
      return Types.array(fromSpark(a.elementType()));
    } else if (type instanceof org.apache.spark.sql.types.MapType m) {
      return Types.map(fromSpark(m.valueType()));
    } else if (type instanceof org.apache.spark.sql.types.StructType s) {
      StructField[] fs = s.fields();
      boolean choice = fs.length >= 2;
      for (StructField f : fs) {
        choice &= f.metadata().contains(CHOICE_MEMBER);
      }
      if (choice) {
        DataType[] members = new DataType[fs.length];
        for (int i = 0; i < fs.length; i++) {
          members[i] = fromSpark(fs[i].dataType());
        }
        return Types.choice(members);
      }
      List<Field> fields = new ArrayList<>(fs.length);
      for (StructField f : fs) {
        fields.add(Types.field(f.name(), fromSpark(f.dataType())));
      }
      return Types.struct(fields);
    }
    throw new IllegalArgumentException("Spark type " + type.simpleString() + " has no Glue type");
  }
}
