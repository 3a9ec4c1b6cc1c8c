package io.dynaframe.catalog;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hive type strings, as the Data Catalog stores column types, read into dynaframe's type model:
 * {@code bigint}, {@code decimal(7,2)}, {@code varchar(20)}, {@code array<struct<a:int,b:string>>},
 * {@code map<string,bigint>}, {@code struct<`first name`:string>}, {@code uniontype<int,string>}.
 * The other way is {@link DataType#hiveType()}.
 *
 * <p>Spellings are case-insensitive and may hold spaces. Two things do not map one to one:
 * dynaframe's maps always have string keys, so a Hive map with another key type reads as a map with
 * string keys; {@code char(n)} and {@code varchar(n)} read as {@code string}. A {@code uniontype}
 * reads as a choice of its members.
 */
public final class HiveTypes {
  private HiveTypes() {}

  /**
   * The type of a Hive type string.
   *
   * @throws IllegalArgumentException naming the type string and the position of the problem
   */
  public static DataType parse(String hiveType) {
    return new Parser(hiveType).parseAll().toType(hiveType);
  }

  /**
   * The type string in canonical spelling: keywords in lower case, no spaces, struct field names in
   * back-quotes only where needed ({@code ARRAY< INT >} becomes {@code array<int>}).
   *
   * @throws IllegalArgumentException if it is not a Hive type string
   */
  public static String normalize(String hiveType) {
    Node n = new Parser(hiveType).parseAll();
    n.toType(hiveType); // rejects names that are not types
    return n.render();
  }

  // ---------------------------------------------------------------- syntax tree

  private sealed interface Node permits Prim, Arr, MapNode, Struct, Union {
    String render();

    DataType toType(String source);
  }

  private record Prim(String name) implements Node {
    @Override
    public String render() {
      return name;
    }

    @Override
    public DataType toType(String source) {
      switch (name) {
        case "timestamp_ntz":
        case "timestamp_ltz":
          return Types.TIMESTAMP;
        case "decimal":
          return Types.decimal(10, 0); // Hive's default precision and scale
        default:
          break;
      }
      try {
        return Types.parse(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + name + "' in Hive type '" + source + "' is not a type");
      }
    }
  }

  private record Arr(Node element) implements Node {
    @Override
    public String render() {
      return "array<" + element.render() + ">";
    }

    @Override
    public DataType toType(String source) {
      return Types.array(element.toType(source));
    }
  }

  private record MapNode(Node key, Node value) implements Node {
    @Override
    public String render() {
      return "map<" + key.render() + "," + value.render() + ">";
    }

    @Override
    public DataType toType(String source) {
      DataType k = key.toType(source);
      if (!(k instanceof io.dynaframe.types.AtomicType)
          && !(k instanceof io.dynaframe.types.DecimalType)) {
        throw new IllegalArgumentException(
            "map keys must be of a primitive type in Hive type '" + source + "'");
      }
      return Types.map(value.toType(source));
    }
  }

  private record Struct(List<String> names, List<Node> types) implements Node {
    @Override
    public String render() {
      StringBuilder sb = new StringBuilder("struct<");
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(quote(names.get(i))).append(':').append(types.get(i).render());
      }
      return sb.append('>').toString();
    }

    @Override
    public DataType toType(String source) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        fields.add(Types.field(names.get(i), types.get(i).toType(source)));
      }
      try {
        return Types.struct(fields);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " in Hive type '" + source + "'");
      }
    }
  }

  private record Union(List<Node> members) implements Node {
    @Override
    public String render() {
      StringBuilder sb = new StringBuilder("uniontype<");
      for (int i = 0; i < members.size(); i++) {
        sb.append(i > 0 ? "," : "").append(members.get(i).render());
      }
      return sb.append('>').toString();
    }

    @Override
    public DataType toType(String source) {
      return Types.choice(members.stream().map(m -> m.toType(source)).toArray(DataType[]::new));
    }
  }

  private static String quote(String name) {
    boolean plain =
        !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    private final String src;
    private int pos;

    Parser(String src) {
      if (src == null || src.isBlank()) {
        throw new IllegalArgumentException("a Hive type string must not be empty");
      }
      this.src = src;
    }

    Node parseAll() {
      Node n = type();
      skipSpace();
      if (pos != src.length()) {
        throw error("unexpected '" + src.charAt(pos) + "'");
      }
      return n;
    }

    private Node type() {
      skipSpace();
      String word = word().toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        throw error("expected a type name");
      }
      switch (word) {
        case "array":
          {
            expect('<');
            Node e = type();
            expect('>');
            return new Arr(e);
          }
        case "map":
          {
            expect('<');
            Node k = type();
            expect(',');
            Node v = type();
            expect('>');
            return new MapNode(k, v);
          }
        case "struct":
          {
            expect('<');
            List<String> names = new ArrayList<>();
            List<Node> types = new ArrayList<>();
            skipSpace();
            if (peek() != '>') {
              do {
                skipSpace();
                names.add(fieldName());
                expect(':');
                types.add(type());
                skipComment();
              } while (accept(','));
            }
            expect('>');
            return new Struct(names, types);
          }
        case "uniontype":
          {
            expect('<');
            List<Node> members = new ArrayList<>();
            do {
              members.add(type());
            } while (accept(','));
            expect('>');
            return new Union(members);
          }
        default:
          {
            skipSpace();
            if (peek() == '(') {
              int start = pos;
              int close = src.indexOf(')', start);
              if (close < 0) {
                throw error("missing ')'");
              }
              pos = close + 1;
              word =
                  word + src.substring(start, close + 1).replace(" ", "").toLowerCase(Locale.ROOT);
            }
            return new Prim(word);
          }
      }
    }

    private void skipComment() {
      skipSpace();
      int save = pos;
      String w = word();
      if (w.equalsIgnoreCase("comment")) {
        skipSpace();
        char q = peek();
        if (q == '\'' || q == '"') {
          int end = src.indexOf(q, pos + 1);
          if (end < 0) {
            throw error("unterminated comment");
          }
          pos = end + 1;
          return;
        }
      }
      pos = save;
    }

    private String fieldName() {
      if (peek() == '`') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
          if (pos >= src.length()) {
            throw error("unterminated back-quoted field name");
          }
          char c = src.charAt(pos++);
          if (c == '`') {
            if (pos < src.length() && src.charAt(pos) == '`') {
              sb.append('`');
              pos++;
            } else {
              return sb.toString();
            }
          } else {
            sb.append(c);
          }
        }
      }
      int start = pos;
      while (pos < src.length()
          && src.charAt(pos) != ':'
          && src.charAt(pos) != ','
          && src.charAt(pos) != '>'
          && src.charAt(pos) != '<') {
        pos++;
      }
      String name = src.substring(start, pos).strip();
      if (name.isEmpty()) {
        throw error("expected a field name");
      }
      return name;
    }

    private String word() {
      int start = pos;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return src.substring(start, pos);
    }

    private char peek() {
      return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
      skipSpace();
      if (peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw error("expected '" + c + "'");
      }
    }

    private void skipSpace() {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "cannot read Hive type '" + src + "': " + what + " at position " + pos);
    }
  }
}
