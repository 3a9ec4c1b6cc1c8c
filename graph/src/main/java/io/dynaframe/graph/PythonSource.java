package io.dynaframe.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the subset of Python that AWS Glue writes into its generated scripts: top-level statements
 * (assignments, calls, imports) whose expressions are parsed into a small tree (names, literals,
 * lists, tuples, dicts, calls with positional and keyword arguments, attributes, subscripts,
 * operators and lambdas), and compound statements ({@code def}, {@code if}, {@code for}, ...) kept
 * whole with their lines. Comments are kept with their line. Anything that is not Python (an
 * unknown character, an unclosed bracket or string, a statement that does not parse) fails with a
 * {@link GlueScriptException} naming the script and the line.
 */
final class PythonSource {
  private PythonSource() {}

  // ------------------------------------------------------------------ tokens

  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OP,
    NEWLINE,
    END
  }

  /** A token; {@code start} and {@code end} are offsets in the script's text. */
  record Token(Kind kind, String text, int line, int column, int start, int end) {
    boolean is(String op) {
      return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
  }

  /** A comment, without its {@code #}; {@code alone} when nothing else is on its line. */
  record Comment(int line, String text, boolean alone) {}

  // ------------------------------------------------------------------ expressions

  /** A parsed expression; {@code text} is its source text as written. */
  sealed interface Expr
      permits Name,
          Str,
          Num,
          Const,
          ListExpr,
          TupleExpr,
          DictExpr,
          Call,
          Attr,
          Subscript,
          BinOp,
          BoolOp,
          Not,
          Compare,
          Unary,
          Lambda,
          Opaque {
    String text();
  }

  record Name(String id, String text) implements Expr {}

  /** A string literal (adjacent literals joined); {@code formatted} for an f-string. */
  record Str(String value, boolean formatted, String text) implements Expr {}

  record Num(String literal, String text) implements Expr {}

  /** {@code True}, {@code False} or {@code None}. */
  record Const(String id, String text) implements Expr {}

  record ListExpr(List<Expr> items, String text) implements Expr {}

  record TupleExpr(List<Expr> items, String text) implements Expr {}

  record DictExpr(List<Expr> keys, List<Expr> values, String text) implements Expr {}

  /** A keyword argument {@code name=value}. */
  record Keyword(String name, Expr value) {}

  /** A call; {@code starred} when it passes {@code *args} or {@code **kwargs}. */
  record Call(Expr function, List<Expr> args, List<Keyword> keywords, boolean starred, String text)
      implements Expr {}

  record Attr(Expr value, String name, String text) implements Expr {}

  record Subscript(Expr value, Expr index, String text) implements Expr {}

  /** An arithmetic or bitwise operator: {@code + - * / // % ** @ & | ^ << >>}. */
  record BinOp(Expr left, String op, Expr right, String text) implements Expr {}

  /** {@code and} / {@code or} over two or more operands. */
  record BoolOp(String op, List<Expr> operands, String text) implements Expr {}

  record Not(Expr operand, String text) implements Expr {}

  /** A comparison chain: {@code operands.size() == ops.size() + 1}. */
  record Compare(List<Expr> operands, List<String> ops, String text) implements Expr {}

  /** A unary {@code -}, {@code +} or {@code ~}. */
  record Unary(String op, Expr operand, String text) implements Expr {}

  record Lambda(List<String> params, Expr body, String text) implements Expr {}

  /** An expression this reader keeps only as text: a comprehension, a slice, a conditional. */
  record Opaque(String text) implements Expr {}

  // ------------------------------------------------------------------ statements

  /**
   * A top-level statement of the script; {@code line} is its first line, {@code lastLine} its last.
   */
  sealed interface Statement permits Assign, ExprStatement, Import, Compound, Other {
    int line();

    int lastLine();

    String text();
  }

  /** {@code target = value}. */
  record Assign(String target, Expr value, int line, int lastLine, String text)
      implements Statement {}

  record ExprStatement(Expr value, int line, int lastLine, String text) implements Statement {}

  record Import(int line, int lastLine, String text) implements Statement {}

  /**
   * A compound statement ({@code def}, {@code class}, {@code if}, {@code for}, ...) with its
   * indented body; {@code keyword} is its first word and {@code name} a {@code def}'s or {@code
   * class}'s name (else empty).
   */
  record Compound(String keyword, String name, int line, int lastLine, String text)
      implements Statement {}

  /** Any other simple statement (several targets, an augmented assignment, {@code pass}, ...). */
  record Other(int line, int lastLine, String text) implements Statement {}

  /** The statements and comments of a script. */
  record Script(List<Statement> statements, List<Comment> comments) {}

  private static final Set<String> COMPOUND =
      Set.of("def", "class", "if", "for", "while", "with", "try", "async", "@");
  private static final Set<String> CONTINUATION = Set.of("elif", "else", "except", "finally");

  /** Reads a script's text; {@code scriptName} names it in error messages. */
  static Script read(String scriptName, String text) {
    Lexer lexer = new Lexer(scriptName, text);
    List<List<Token>> lines = lexer.logicalLines();
    List<Statement> statements = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      List<Token> line = lines.get(i);
      Token first = line.get(0);
      if (first.column() != 0) {
        throw lexer.error(
            first.line(),
            "unexpected indentation: a top-level statement starts in the first column");
      }
      String word = first.text();
      if (first.kind() == Kind.OP && !word.equals("@") || !COMPOUND.contains(word)) {
        statements.add(new StatementParser(lexer, line).statement());
        i++;
        continue;
      }
      // a compound statement: its header, its indented lines and its elif/else/except/finally parts
      int j = i + 1;
      while (j < lines.size()) {
        Token f = lines.get(j).get(0);
        if (f.column() > 0
            || (f.kind() == Kind.NAME && CONTINUATION.contains(f.text()))
            || (word.equals("@") && j == i + 1)) {
          j++;
        } else {
          break;
        }
      }
      List<Token> last = lines.get(j - 1);
      Token end = last.get(last.size() - 1);
      String name = "";
      if ((word.equals("def") || word.equals("class")) && line.size() > 1) {
        name = line.get(1).text();
      }
      statements.add(
          new Compound(
              word, name, first.line(), end.line(), text.substring(first.start(), end.end())));
      i = j;
    }
    return new Script(List.copyOf(statements), List.copyOf(lexer.comments));
  }

  // ------------------------------------------------------------------ lexer

  private static final class Lexer {
    private final String scriptName;
    private final String src;
    private final List<Comment> comments = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String scriptName, String src) {
      this.scriptName = scriptName;
      this.src = src;
    }

    GlueScriptException error(int lineNo, String message) {
      return new GlueScriptException(scriptName + " line " + lineNo + ": " + message);
    }

    /**
     * The script's logical lines (bracketed and backslash-continued lines joined), each non-empty.
     */
    List<List<Token>> logicalLines() {
      List<List<Token>> lines = new ArrayList<>();
      List<Token> current = new ArrayList<>();
      List<Token> open = new ArrayList<>();
      boolean tokenOnLine = false;
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (c == '\n' || c == '\r') {
          pos += (c == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') ? 2 : 1;
          if (open.isEmpty() && !current.isEmpty()) {
            lines.add(current);
            current = new ArrayList<>();
          }
          line++;
          lineStart = pos;
          tokenOnLine = false;
        } else if (c == ' ' || c == '\t' || c == '\f') {
          pos++;
        } else if (c == '\\') {
          int next = pos + 1;
          if (next < src.length() && (src.charAt(next) == '\n' || src.charAt(next) == '\r')) {
            pos =
                next
                    + ((src.charAt(next) == '\r'
                            && next + 1 < src.length()
                            && src.charAt(next + 1) == '\n')
                        ? 2
                        : 1);
            line++;
            lineStart = pos;
          } else {
            throw error(line, "unexpected '\\' (a line continuation ends its line)");
          }
        } else if (c == '#') {
          int end = src.indexOf('\n', pos);
          end = end < 0 ? src.length() : end;
          String body = src.substring(pos + 1, end);
          if (body.endsWith("\r")) {
            body = body.substring(0, body.length() - 1);
          }
          comments.add(new Comment(line, body, !tokenOnLine));
          pos = end;
        } else if (c == ';' && open.isEmpty()) {
          pos++;
          if (!current.isEmpty()) {
            lines.add(current);
            current = new ArrayList<>();
          }
        } else {
          Token t = next();
          tokenOnLine = true;
          if (t.kind() == Kind.OP) {
            switch (t.text()) {
              case "(", "[", "{" -> open.add(t);
              case ")", "]", "}" -> {
                if (open.isEmpty()) {
                  throw error(t.line(), "'" + t.text() + "' closes no bracket");
                }
                Token o = open.remove(open.size() - 1);
                String expected = o.is("(") ? ")" : o.is("[") ? "]" : "}";
                if (!t.text().equals(expected)) {
                  throw error(
                      t.line(),
                      "'"
                          + t.text()
                          + "' does not match '"
                          + o.text()
                          + "' opened on line "
                          + o.line());
                }
              }
              default -> {}
            }
          }
          current.add(t);
        }
      }
      if (!open.isEmpty()) {
        Token o = open.get(open.size() - 1);
        throw error(o.line(), "'" + o.text() + "' is never closed");
      }
      if (!current.isEmpty()) {
        lines.add(current);
      }
      return lines;
    }

    private static final String[] OPERATORS = {
      "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>",
      "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{", "}", ",", ":",
      ".", "@", "=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "~"
    };

    private Token next() {
      int start = pos;
      int column = pos - lineStart;
      int tokenLine = line;
      char c = src.charAt(pos);
      if (isStringStart()) {
        return string(start, column);
      }
      if (Character.isLetter(c) || c == '_') {
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        return new Token(Kind.NAME, src.substring(start, pos), tokenLine, column, start, pos);
      }
      if (Character.isDigit(c)
          || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
        while (pos < src.length()) {
          char d = src.charAt(pos);
          boolean exponentSign =
              (d == '+' || d == '-')
                  && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                  && !src.substring(start, pos).startsWith("0x");
          if (Character.isLetterOrDigit(d) || d == '.' || d == '_' || exponentSign) {
            pos++;
          } else {
            break;
          }
        }
        return new Token(Kind.NUMBER, src.substring(start, pos), tokenLine, column, start, pos);
      }
      for (String op : OPERATORS) {
        if (src.startsWith(op, pos)) {
          pos += op.length();
          return new Token(Kind.OP, op, tokenLine, column, start, pos);
        }
      }
      throw error(line, "unexpected character '" + c + "' at column " + (column + 1));
    }

    private boolean isStringStart() {
      int p = pos;
      while (p < src.length() && p - pos < 2 && "rRbBuUfF".indexOf(src.charAt(p)) >= 0) {
        p++;
      }
      return p < src.length() && (src.charAt(p) == '"' || src.charAt(p) == '\'');
    }

    private Token string(int start, int column) {
      int tokenLine = line;
      while (src.charAt(pos) != '"' && src.charAt(pos) != '\'') {
        pos++;
      }
      char q = src.charAt(pos);
      boolean triple = src.startsWith(String.valueOf(q).repeat(3), pos);
      pos += triple ? 3 : 1;
      while (true) {
        if (pos >= src.length()) {
          throw error(tokenLine, "string starting here is never closed");
        }
        char c = src.charAt(pos);
        if (c == '\\') {
          if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            line++;
            lineStart = pos + 2;
          }
          pos += 2;
        } else if (c == '\n') {
          if (!triple) {
            throw error(tokenLine, "string is not closed on its line");
          }
          pos++;
          line++;
          lineStart = pos;
        } else if (triple ? src.startsWith(String.valueOf(q).repeat(3), pos) : c == q) {
          pos += triple ? 3 : 1;
          return new Token(Kind.STRING, src.substring(start, pos), tokenLine, column, start, pos);
        } else {
          pos++;
        }
      }
    }
  }

  // ------------------------------------------------------------------ parser

  private static final class StatementParser {
    private final Lexer lexer;
    private final List<Token> tokens;
    private int p;

    StatementParser(Lexer lexer, List<Token> tokens) {
      this.lexer = lexer;
      this.tokens = new ArrayList<>(tokens);
      Token last = tokens.get(tokens.size() - 1);
      this.tokens.add(new Token(Kind.END, "", last.line(), 0, last.end(), last.end()));
    }

    private Token peek() {
      return tokens.get(p);
    }

    private Token peek(int ahead) {
      return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private boolean at(String op) {
      return peek().kind() != Kind.STRING && peek().is(op);
    }

    private Token expect(String op) {
      if (!at(op)) {
        throw error("expected '" + op + "' but found " + describe(peek()));
      }
      return tokens.get(p++);
    }

    private GlueScriptException error(String message) {
      return lexer.error(peek().line(), message);
    }

    private static String describe(Token t) {
      return t.kind() == Kind.END ? "the end of the statement" : "'" + t.text() + "'";
    }

    private String text(int from) {
      return lexer.src.substring(tokens.get(from).start(), tokens.get(Math.max(from, p - 1)).end());
    }

    Statement statement() {
      Token first = peek();
      Token last = tokens.get(tokens.size() - 2);
      String all = lexer.src.substring(first.start(), last.end());
      if (first.is("import") || first.is("from")) {
        return new Import(first.line(), last.line(), all);
      }
      if (first.kind() == Kind.NAME && peek(1).is("=") && peek(1).kind() == Kind.OP) {
        p = 2;
        Expr value = expression();
        if (peek().kind() == Kind.END) {
          return new Assign(first.text(), value, first.line(), last.line(), all);
        }
        if (at("=")) {
          return new Other(first.line(), last.line(), all); // a = b = c
        }
        throw error("unexpected " + describe(peek()) + " after the value");
      }
      if (first.kind() == Kind.NAME
          && Set.of(
                  "pass",
                  "return",
                  "del",
                  "global",
                  "raise",
                  "assert",
                  "nonlocal",
                  "break",
                  "continue",
                  "print")
              .contains(first.text())
          && !peek(1).is("(")) {
        return new Other(first.line(), last.line(), all);
      }
      Expr value = expression();
      if (peek().kind() == Kind.END) {
        return new ExprStatement(value, first.line(), last.line(), all);
      }
      if (at(",") || at("=") || peek().text().endsWith("=") && peek().kind() == Kind.OP) {
        // several targets (a, b = ...), an augmented assignment (a += 1), an annotated one
        return new Other(first.line(), last.line(), all);
      }
      throw error("unexpected " + describe(peek()) + " after '" + value.text() + "'");
    }

    /** How deep expressions nest: a limit keeps the recursive descent off the stack's end. */
    private int depth;

    private static final int MAX_DEPTH = 150;

    private void deeper() {
      if (++depth > MAX_DEPTH) {
        throw error("expression nested more than " + MAX_DEPTH + " levels deep");
      }
    }

    /** An expression (a tuple only in brackets). */
    Expr expression() {
      deeper();
      try {
        return expressionAtDepth();
      } finally {
        depth--;
      }
    }

    private Expr expressionAtDepth() {
      int start = p;
      if (at("lambda")) {
        p++;
        List<String> params = new ArrayList<>();
        while (!at(":")) {
          Token t = peek();
          if (t.kind() == Kind.END) {
            throw error("lambda without ':'");
          }
          if (t.kind() == Kind.NAME) {
            params.add(t.text());
          }
          p++;
        }
        p++;
        Expr body = expression();
        return new Lambda(List.copyOf(params), body, text(start));
      }
      Expr e = orTest();
      if (at("if")) {
        p++;
        orTest();
        expect("else");
        expression();
        return new Opaque(text(start));
      }
      return e;
    }

    private Expr orTest() {
      return boolChain("or");
    }

    private Expr boolChain(String op) {
      int start = p;
      Expr first = op.equals("or") ? boolChain("and") : notTest();
      if (!at(op)) {
        return first;
      }
      List<Expr> operands = new ArrayList<>(List.of(first));
      while (at(op)) {
        p++;
        operands.add(op.equals("or") ? boolChain("and") : notTest());
      }
      return new BoolOp(op, List.copyOf(operands), text(start));
    }

    private Expr notTest() {
      int start = p;
      if (at("not")) {
        p++;
        deeper();
        Expr operand = notTest();
        depth--;
        return new Not(operand, text(start));
      }
      return comparison();
    }

    private static final Set<String> COMPARE = Set.of("<", ">", "==", ">=", "<=", "!=");

    private Expr comparison() {
      int start = p;
      Expr first = arith(0);
      List<Expr> operands = new ArrayList<>(List.of(first));
      List<String> ops = new ArrayList<>();
      while (true) {
        Token t = peek();
        String op;
        if (t.kind() == Kind.OP && COMPARE.contains(t.text())) {
          op = t.text();
          p++;
        } else if (t.is("in")) {
          op = "in";
          p++;
        } else if (t.is("not") && peek(1).is("in")) {
          op = "not in";
          p += 2;
        } else if (t.is("is")) {
          p++;
          op = "is";
          if (at("not")) {
            p++;
            op = "is not";
          }
        } else {
          break;
        }
        ops.add(op);
        operands.add(arith(0));
      }
      return ops.isEmpty()
          ? first
          : new Compare(List.copyOf(operands), List.copyOf(ops), text(start));
    }

    private static final List<Set<String>> LEVELS =
        List.of(
            Set.of("|"),
            Set.of("^"),
            Set.of("&"),
            Set.of("<<", ">>"),
            Set.of("+", "-"),
            Set.of("*", "/", "//", "%", "@"));

    private Expr arith(int level) {
      if (level == LEVELS.size()) {
        return factor();
      }
      int start = p;
      Expr left = arith(level + 1);
      while (peek().kind() == Kind.OP && LEVELS.get(level).contains(peek().text())) {
        String op = tokens.get(p++).text();
        Expr right = arith(level + 1);
        left = new BinOp(left, op, right, text(start));
      }
      return left;
    }

    private Expr factor() {
      int start = p;
      if (at("-") || at("+") || at("~")) {
        String op = tokens.get(p++).text();
        deeper();
        Expr operand = factor();
        depth--;
        return new Unary(op, operand, text(start));
      }
      Expr base = primary();
      if (at("**")) {
        p++;
        deeper();
        Expr exponent = factor();
        depth--;
        return new BinOp(base, "**", exponent, text(start));
      }
      return base;
    }

    private Expr primary() {
      int start = p;
      Expr e = atom();
      while (true) {
        if (at("(")) {
          p++;
          List<Expr> args = new ArrayList<>();
          List<Keyword> keywords = new ArrayList<>();
          boolean starred = false;
          while (!at(")")) {
            if (at("*") || at("**")) {
              p++;
              starred = true;
              expression();
            } else if (peek().kind() == Kind.NAME && peek(1).is("=") && peek(1).kind() == Kind.OP) {
              String name = peek().text();
              p += 2;
              keywords.add(new Keyword(name, expression()));
            } else {
              Expr arg = expression();
              if (at("for")) {
                skipTo(")");
                arg = new Opaque(text(start));
              }
              args.add(arg);
            }
            if (!at(")")) {
              expect(",");
            }
          }
          p++;
          e = new Call(e, List.copyOf(args), List.copyOf(keywords), starred, text(start));
        } else if (at("[")) {
          p++;
          int indexStart = p;
          Expr index = expression();
          if (!at("]")) {
            skipTo("]");
            index =
                new Opaque(
                    lexer.src.substring(tokens.get(indexStart).start(), tokens.get(p - 1).end()));
          }
          expect("]");
          e = new Subscript(e, index, text(start));
        } else if (at(".")) {
          p++;
          Token name = peek();
          if (name.kind() != Kind.NAME) {
            throw error("expected a name after '.' but found " + describe(name));
          }
          p++;
          e = new Attr(e, name.text(), text(start));
        } else {
          return e;
        }
      }
    }

    /** Skips to the closing bracket at this depth (not consuming it). */
    private void skipTo(String closer) {
      int depth = 0;
      while (true) {
        Token t = peek();
        if (t.kind() == Kind.END) {
          throw error("expected '" + closer + "'");
        }
        if (t.kind() == Kind.OP) {
          if (t.is("(") || t.is("[") || t.is("{")) {
            depth++;
          } else if (t.is(")") || t.is("]") || t.is("}")) {
            if (depth == 0) {
              return;
            }
            depth--;
          }
        }
        p++;
      }
    }

    private Expr atom() {
      int start = p;
      Token t = peek();
      switch (t.kind()) {
        case NAME -> {
          p++;
          return switch (t.text()) {
            case "True", "False", "None" -> new Const(t.text(), t.text());
            case "lambda",
                "if",
                "else",
                "for",
                "in",
                "and",
                "or",
                "not",
                "is",
                "import",
                "def",
                "class",
                "return",
                "from",
                "with",
                "as",
                "while",
                "try",
                "except",
                "finally",
                "raise",
                "del",
                "global",
                "pass",
                "yield",
                "await",
                "assert",
                "elif",
                "break",
                "continue",
                "nonlocal" -> {
              p--;
              throw error("unexpected keyword '" + t.text() + "'");
            }
            default -> new Name(t.text(), t.text());
          };
        }
        case NUMBER -> {
          p++;
          return new Num(t.text(), t.text());
        }
        case STRING -> {
          StringBuilder value = new StringBuilder();
          boolean formatted = false;
          while (peek().kind() == Kind.STRING) {
            Token s = tokens.get(p++);
            formatted |= prefix(s.text()).toLowerCase().contains("f");
            value.append(unquote(s));
          }
          return new Str(value.toString(), formatted, text(start));
        }
        case OP -> {
          switch (t.text()) {
            case "(" -> {
              p++;
              if (at(")")) {
                p++;
                return new TupleExpr(List.of(), text(start));
              }
              Expr first = expression();
              if (at("for")) {
                skipTo(")");
                p++;
                return new Opaque(text(start));
              }
              if (at(")")) {
                p++;
                return first; // parentheses only
              }
              List<Expr> items = new ArrayList<>(List.of(first));
              while (at(",")) {
                p++;
                if (at(")")) {
                  break;
                }
                items.add(expression());
              }
              expect(")");
              return new TupleExpr(List.copyOf(items), text(start));
            }
            case "[" -> {
              p++;
              List<Expr> items = new ArrayList<>();
              while (!at("]")) {
                items.add(expression());
                if (at("for")) {
                  skipTo("]");
                  p++;
                  return new Opaque(text(start));
                }
                if (!at("]")) {
                  expect(",");
                }
              }
              p++;
              return new ListExpr(List.copyOf(items), text(start));
            }
            case "{" -> {
              p++;
              List<Expr> keys = new ArrayList<>();
              List<Expr> values = new ArrayList<>();
              boolean set = false;
              while (!at("}")) {
                if (at("**")) {
                  skipTo("}");
                  p++;
                  return new Opaque(text(start));
                }
                Expr key = expression();
                if (at("for")) {
                  skipTo("}");
                  p++;
                  return new Opaque(text(start));
                }
                if (at(":")) {
                  p++;
                  keys.add(key);
                  values.add(expression());
                  if (at("for")) {
                    skipTo("}");
                    p++;
                    return new Opaque(text(start));
                  }
                } else {
                  set = true;
                }
                if (!at("}")) {
                  expect(",");
                }
              }
              p++;
              return set
                  ? new Opaque(text(start))
                  : new DictExpr(List.copyOf(keys), List.copyOf(values), text(start));
            }
            case "..." -> {
              p++;
              return new Opaque("...");
            }
            default -> throw error("unexpected " + describe(t));
          }
        }
        default -> throw error("unexpected " + describe(t));
      }
    }

    private static String prefix(String literal) {
      int i = 0;
      while (literal.charAt(i) != '"' && literal.charAt(i) != '\'') {
        i++;
      }
      return literal.substring(0, i);
    }

    /** The value of one string literal: quotes removed, escapes decoded unless raw. */
    private String unquote(Token t) {
      String lit = t.text();
      String prefix = prefix(lit);
      String body = lit.substring(prefix.length());
      int q = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
      body = body.substring(q, body.length() - q);
      if (prefix.toLowerCase().contains("r")) {
        return body;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != '\\' || i + 1 == body.length()) {
          out.append(c);
          continue;
        }
        char n = body.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '0' -> out.append('\0');
          case '\\', '\'', '"' -> out.append(n);
          case '\n' -> {}
          case 'x' -> {
            out.append((char) Integer.parseInt(hex(body, i + 1, 2, t), 16));
            i += 2;
          }
          case 'u' -> {
            out.append((char) Integer.parseInt(hex(body, i + 1, 4, t), 16));
            i += 4;
          }
          default -> out.append('\\').append(n); // Python keeps unknown escapes, e.g. "\s"
        }
      }
      return out.toString();
    }

    private String hex(String body, int from, int length, Token t) {
      if (from + length > body.length()) {
        throw lexer.error(t.line(), "incomplete escape in " + t.text());
      }
      String h = body.substring(from, from + length);
      if (!h.matches("[0-9a-fA-F]+")) {
        throw lexer.error(
            t.line(), "bad escape \\" + body.charAt(from - 1) + h + " in " + t.text());
      }
      return h;
    }
  }
}
