package io.dynaframe.types;

/** Renders a schema the way Glue's {@code printSchema()} does. */
final class SchemaPrinter {
  private SchemaPrinter() {}

  static String render(StructType schema) {
    StringBuilder out = new StringBuilder("root\n");
    for (Field f : schema.fields()) {
      line(out, "", f.name(), f.type());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String indent, String name, DataType type) {
    out.append(indent).append("|-- ");
    if (name != null) {
      out.append(name).append(": ");
    }
    out.append(type instanceof DecimalType d ? d.hiveType() : type.typeName()).append('\n');
    children(out, indent + "|    ", type);
  }

  private static void children(StringBuilder out, String indent, DataType type) {
    if (type instanceof StructType s) {
      for (Field f : s.fields()) {
        line(out, indent, f.name(), f.type());
      }
    } else if (type instanceof ArrayType a) {
      line(out, indent, "element", a.elementType());
    } else if (type instanceof MapType m) {
      line(out, indent, "keyType", Types.STRING);
      line(out, indent, "valueType", m.valueType());
    } else if (type instanceof ChoiceType c) {
      for (DataType member : c.types()) {
        line(out, indent, null, member);
      }
    }
  }
}
