package io.dynaframe.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A filter over partition values in the language of AWS Glue's {@code GetPartitions} {@code
 * Expression}: comparisons ({@code =}, {@code <>}, {@code !=}, {@code <}, {@code <=}, {@code >},
 * {@code >=}), {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code [NOT] IN (...)}, {@code
 * [NOT] BETWEEN a AND b}, {@code [NOT] LIKE 'pattern'} ({@code %} and {@code _}) and {@code IS
 * [NOT] NULL}, over partition key names (plain or back-quoted) and string ({@code '2024'}) or
 * number literals. Keywords are case-insensitive.
 *
 * <p>Values compare as numbers when the key's type is numeric ({@code int}, {@code bigint}, {@code
 * decimal(..)}, ...), else as strings: {@code month > '9'} is true for {@code '10'} only with a
 * numeric key. A value that is {@link Partition#NULL_VALUE} is null.
 *
 * <p>The Glue catalog sends the expression to the service; the other catalogs evaluate it with
 * {@link #matches}.
 */
public final class PartitionExpression {

  private final String expression;
  private final Expr root;

  private PartitionExpression(String expression, Expr root) {
    this.expression = expression;
    this.root = root;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException naming the expression and where it cannot be read
   */
  public static PartitionExpression parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    Parser p = new Parser(expression);
    Expr e = p.or();
    if (p.peek().kind != Tok.END) {
      throw p.error("unexpected '" + p.peek().text + "'");
    }
    return new PartitionExpression(expression, e);
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /**
   * Checks that every name in the expression is one of these partition keys.
   *
   * @throws IllegalArgumentException naming the first unknown key and the known ones
   */
  public void check(List<Column> keys) {
    List<String> names = keys.stream().map(Column::name).toList();
    List<String> used = new ArrayList<>();
    root.names(used);
    for (String n : used) {
      if (!names.contains(n.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "partition expression '"
                + expression
                + "' uses '"
                + n
                + "', which is not a partition key; the partition keys are "
                + names);
      }
    }
  }

  /**
   * True when the partition of these values (one per key, in the keys' order) passes.
   *
   * @throws IllegalArgumentException when the expression names an unknown key
   */
  public boolean matches(List<Column> keys, List<String> values) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException(
          "partition values " + values + " do not match the keys " + keys);
    }
    check(keys);
    return Boolean.TRUE.equals(root.eval(new Env(keys, values)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartitionExpression p && p.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }

  // ---------------------------------------------------------------- evaluation

  private record Env(List<Column> keys, List<String> values) {
    int index(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).name().equals(n)) {
          return i;
        }
      }
      throw new IllegalArgumentException("unknown partition key " + name);
    }
  }

  /** A value during evaluation: text, whether it compares as a number, or null. */
  private record Val(String text, boolean numeric) {
    static final Val NULL = new Val(null, false);

    int compare(Val o) {
      if ((numeric || o.numeric) && isNumber(text) && isNumber(o.text)) {
        try {
          return new BigDecimal(text.trim()).compareTo(new BigDecimal(o.text.trim()));
        } catch (NumberFormatException e) {
          // an exponent beyond an int's range (1e9999999999): compared as text
        }
      }
      return text.compareTo(o.text);
    }

    private static boolean isNumber(String s) {
      return s != null && s.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }
  }

  private sealed interface Expr permits Ref, Lit, Cmp, And, Or, Not, In, Between, Like, IsNull {
    /** TRUE, FALSE or null (unknown), as SQL's three-valued logic. */
    Object eval(Env env);

    default void names(List<String> out) {}
  }

  private record Ref(String name) implements Expr {
    @Override
    public Object eval(Env env) {
      int i = env.index(name);
      String v = env.values().get(i);
      if (Partition.NULL_VALUE.equals(v)) {
        return Val.NULL;
      }
      return new Val(v, isNumericType(env.keys().get(i).type()));
    }

    @Override
    public void names(List<String> out) {
      out.add(name);
    }
  }

  private static boolean isNumericType(String hiveType) {
    return hiveType.matches("tinyint|smallint|int|integer|bigint|float|double|real|decimal.*");
  }

  private record Lit(String text, boolean number) implements Expr {
    @Override
    public Object eval(Env env) {
      return new Val(text, number);
    }
  }

  private static Val valueOf(Expr e, Env env) {
    Object o = e.eval(env);
    if (o instanceof Val v) {
      return v;
    }
    throw new IllegalArgumentException("a condition is used where a value is expected");
  }

  private record Cmp(Expr left, String op, Expr right) implements Expr {
    @Override
    public Object eval(Env env) {
      Val l = valueOf(left, env);
      Val r = valueOf(right, env);
      if (l.text() == null || r.text() == null) {
        return null;
      }
      int c = l.compare(r);
      return switch (op) {
        case "=" -> c == 0;
        case "<>", "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        default -> throw new IllegalStateException(op);
      };
    }

    @Override
    public void names(List<String> out) {
      left.names(out);
      right.names(out);
    }
  }

  private record And(Expr left, Expr right) implements Expr {
    @Override
    public Object eval(Env env) {
      Object l = left.eval(env);
      if (Boolean.FALSE.equals(l)) {
        return false;
      }
      Object r = right.eval(env);
      if (Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : Boolean.TRUE;
    }

    @Override
    public void names(List<String> out) {
      left.names(out);
      right.names(out);
    }
  }

  private record Or(Expr left, Expr right) implements Expr {
    @Override
    public Object eval(Env env) {
      Object l = left.eval(env);
      if (Boolean.TRUE.equals(l)) {
        return true;
      }
      Object r = right.eval(env);
      if (Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : Boolean.FALSE;
    }

    @Override
    public void names(List<String> out) {
      left.names(out);
      right.names(out);
    }
  }

  private record Not(Expr inner) implements Expr {
    @Override
    public Object eval(Env env) {
      Object v = inner.eval(env);
      return v == null ? null : !((Boolean) v);
    }

    @Override
    public void names(List<String> out) {
      inner.names(out);
    }
  }

  private record In(Expr value, List<Expr> options) implements Expr {
    @Override
    public Object eval(Env env) {
      Val v = valueOf(value, env);
      if (v.text() == null) {
        return null;
      }
      for (Expr o : options) {
        Val ov = valueOf(o, env);
        if (ov.text() != null && v.compare(ov) == 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void names(List<String> out) {
      value.names(out);
      options.forEach(o -> o.names(out));
    }
  }

  private record Between(Expr value, Expr low, Expr high) implements Expr {
    @Override
    public Object eval(Env env) {
      Val v = valueOf(value, env);
      Val lo = valueOf(low, env);
      Val hi = valueOf(high, env);
      if (v.text() == null || lo.text() == null || hi.text() == null) {
        return null;
      }
      return v.compare(lo) >= 0 && v.compare(hi) <= 0;
    }

    @Override
    public void names(List<String> out) {
      value.names(out);
      low.names(out);
      high.names(out);
    }
  }

  private record Like(Expr value, Expr pattern) implements Expr {
    @Override
    public Object eval(Env env) {
      Val v = valueOf(value, env);
      Val p = valueOf(pattern, env);
      if (v.text() == null || p.text() == null) {
        return null;
      }
      return like(v.text(), p.text());
    }

    @Override
    public void names(List<String> out) {
      value.names(out);
      pattern.names(out);
    }
  }

  /**
   * Whether {@code text} matches a LIKE pattern ({@code %} any run of characters, {@code _} one),
   * in time proportional to the product of their lengths at most: a pattern of many {@code %} must
   * not backtrack as a regular expression would (exponentially).
   */
  static boolean like(String text, String pattern) {
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && pattern.charAt(p) != '%'
          && (pattern.charAt(p) == '_' || pattern.charAt(p) == text.charAt(t))) {
        t++;
        p++;
      } else if (p < pattern.length() && pattern.charAt(p) == '%') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '%') {
      p++;
    }
    return p == pattern.length();
  }

  private record IsNull(Expr value) implements Expr {
    @Override
    public Object eval(Env env) {
      return valueOf(value, env).text() == null;
    }

    @Override
    public void names(List<String> out) {
      value.names(out);
    }
  }

  // ---------------------------------------------------------------- parser

  private enum Tok {
    WORD,
    QUOTED_NAME,
    STRING,
    NUMBER,
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    END
  }

  private record Token(Tok kind, String text, int pos) {
    boolean is(String keyword) {
      return kind == Tok.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  /**
   * How deep parentheses and NOT may nest: deeper expressions are refused with a message, not a
   * stack overflow.
   */
  static final int MAX_DEPTH = 100;

  private static final class Parser {
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int depth;

    Parser(String src) {
      this.src = src;
      tokenize();
    }

    private void tokenize() {
      int p = 0;
      while (p < src.length()) {
        char c = src.charAt(p);
        if (Character.isWhitespace(c)) {
          p++;
        } else if (c == '\'' || c == '"') {
          StringBuilder sb = new StringBuilder();
          int start = p++;
          while (true) {
            if (p >= src.length()) {
              throw new IllegalArgumentException(
                  "partition expression '" + src + "': unterminated string at " + start);
            }
            char d = src.charAt(p++);
            if (d == c) {
              if (p < src.length() && src.charAt(p) == c) {
                sb.append(c);
                p++;
              } else {
                break;
              }
            } else {
              sb.append(d);
            }
          }
          tokens.add(new Token(Tok.STRING, sb.toString(), start));
        } else if (c == '`') {
          int end = src.indexOf('`', p + 1);
          if (end < 0) {
            throw new IllegalArgumentException(
                "partition expression '" + src + "': unterminated name at " + p);
          }
          tokens.add(new Token(Tok.QUOTED_NAME, src.substring(p + 1, end), p));
          p = end + 1;
        } else if (c == '(') {
          tokens.add(new Token(Tok.LPAREN, "(", p++));
        } else if (c == ')') {
          tokens.add(new Token(Tok.RPAREN, ")", p++));
        } else if (c == ',') {
          tokens.add(new Token(Tok.COMMA, ",", p++));
        } else if ("<>=!".indexOf(c) >= 0) {
          String two = p + 1 < src.length() ? src.substring(p, p + 2) : "";
          if (two.equals("<=")
              || two.equals(">=")
              || two.equals("<>")
              || two.equals("!=")
              || two.equals("==")) {
            tokens.add(new Token(Tok.OP, two.equals("==") ? "=" : two, p));
            p += 2;
          } else if (c == '!') {
            throw new IllegalArgumentException(
                "partition expression '" + src + "': unexpected '!' at " + p);
          } else {
            tokens.add(new Token(Tok.OP, String.valueOf(c), p++));
          }
        } else if (Character.isDigit(c)
            || ((c == '-' || c == '.')
                && p + 1 < src.length()
                && Character.isDigit(src.charAt(p + 1)))) {
          int start = p++;
          while (p < src.length() && (Character.isDigit(src.charAt(p)) || src.charAt(p) == '.')) {
            p++;
          }
          tokens.add(new Token(Tok.NUMBER, src.substring(start, p), start));
        } else if (Character.isLetter(c) || c == '_') {
          int start = p;
          while (p < src.length()
              && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
            p++;
          }
          tokens.add(new Token(Tok.WORD, src.substring(start, p), start));
        } else {
          throw new IllegalArgumentException(
              "partition expression '" + src + "': unexpected '" + c + "' at " + p);
        }
      }
      tokens.add(new Token(Tok.END, "end of expression", src.length()));
    }

    Token peek() {
      return tokens.get(i);
    }

    private Token next() {
      return tokens.get(i++);
    }

    private boolean acceptWord(String keyword) {
      if (peek().is(keyword)) {
        i++;
        return true;
      }
      return false;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "cannot read partition expression '"
              + src
              + "': "
              + what
              + " at position "
              + peek().pos());
    }

    Expr or() {
      Expr e = and();
      while (acceptWord("or")) {
        e = new Or(e, and());
      }
      return e;
    }

    private Expr and() {
      Expr e = not();
      while (acceptWord("and")) {
        e = new And(e, not());
      }
      return e;
    }

    private Expr not() {
      if (acceptWord("not")) {
        enter();
        Expr e = new Not(not());
        depth--;
        return e;
      }
      return predicate();
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        i--;
        throw error("parentheses and NOT nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private Expr predicate() {
      if (peek().kind() == Tok.LPAREN) {
        i++;
        enter();
        Expr e = or();
        if (next().kind() != Tok.RPAREN) {
          i--;
          throw error("expected ')'");
        }
        depth--;
        return e;
      }
      Expr left = operand();
      Token t = peek();
      if (t.kind() == Tok.OP) {
        i++;
        return new Cmp(left, t.text(), operand());
      }
      boolean negate = acceptWord("not");
      Expr result;
      if (acceptWord("in")) {
        if (next().kind() != Tok.LPAREN) {
          i--;
          throw error("expected '(' after IN");
        }
        List<Expr> options = new ArrayList<>();
        do {
          options.add(operand());
        } while (peek().kind() == Tok.COMMA && next() != null);
        if (next().kind() != Tok.RPAREN) {
          i--;
          throw error("expected ')' after the IN list");
        }
        result = new In(left, options);
      } else if (acceptWord("between")) {
        Expr low = operand();
        if (!acceptWord("and")) {
          throw error("expected AND in BETWEEN");
        }
        result = new Between(left, low, operand());
      } else if (acceptWord("like")) {
        result = new Like(left, operand());
      } else if (!negate && acceptWord("is")) {
        boolean isNot = acceptWord("not");
        if (!acceptWord("null")) {
          throw error("expected NULL after IS");
        }
        return isNot ? new Not(new IsNull(left)) : new IsNull(left);
      } else {
        throw error(
            "expected a comparison, IN, BETWEEN, LIKE or IS, found '" + peek().text() + "'");
      }
      return negate ? new Not(result) : result;
    }

    private Expr operand() {
      Token t = next();
      return switch (t.kind()) {
        case STRING -> new Lit(t.text(), false);
        case NUMBER -> new Lit(t.text(), true);
        case QUOTED_NAME -> new Ref(t.text());
        case WORD -> {
          if (t.is("and")
              || t.is("or")
              || t.is("not")
              || t.is("in")
              || t.is("between")
              || t.is("like")) {
            i--;
            throw error("expected a partition key or a value, found '" + t.text() + "'");
          }
          yield new Ref(t.text());
        }
        default -> {
          i--;
          throw error("expected a partition key or a value, found '" + t.text() + "'");
        }
      };
    }
  }
}
