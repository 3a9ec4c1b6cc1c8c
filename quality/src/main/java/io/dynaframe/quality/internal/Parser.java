package io.dynaframe.quality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of DQDL as AWS's DQDL reference writes it. Errors name the line,
 * column and token at fault.
 *
 * <pre>
 * document  := section+                 section := NAME '=' ( list | dict )
 * list      := '[' ( rule ( ',' rule )* )? ']'
 * rule      := '(' rule ')' ( ( 'and' | 'or' ) '(' rule ')' )*  |  simple
 * simple    := TYPE STRING* condition? ( 'with' 'threshold' condition | 'where' STRING )*
 * condition := op expr | 'not'? 'between' expr 'and' expr | 'not'? 'in' '[' expr, ... ']'
 *            | 'not'? 'matches' STRING
 * expr      := term ( ( '+' | '-' ) term )*   term := unary ( ( '*' | '/' ) unary )*
 * unary     := '-' unary | NUMBER UNIT? | STRING | NULL | EMPTY | WHITESPACES_ONLY
 *            | NAME '(' ( expr ( ',' expr )* )? ')' | '(' expr ')'
 * </pre>
 */
public final class Parser {

  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    OP,
    PUNCT,
    EOF
  }

  record Token(Kind kind, String text, String value, int line, int column, int start, int end) {
    boolean is(String s) {
      return (kind == Kind.OP || kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(s);
    }

    String shown() {
      return kind == Kind.EOF ? "<end of ruleset>" : text;
    }
  }

  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "between", "in", "matches", "not", "NOT", "with", "where", "and", "or", "AND", "OR",
          "labels");

  private final String source;
  private final List<Token> tokens;
  private int pos;

  private Parser(String source) {
    this.source = source;
    this.tokens = lex(source);
  }

  /** Parses a DQDL document. */
  public static Ast.Document parse(String ruleset) {
    if (ruleset == null || ruleset.isBlank()) {
      throw new QualityError(
          "a ruleset is needed, such as Rules = [ RowCount > 0 ]", 1, 1, "<end of ruleset>");
    }
    return new Parser(ruleset).document();
  }

  // ------------------------------------------------------------------ lexer

  private static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int lineStart = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
        lineStart = i;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') { // a comment, to the end of the line
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      int col = i - lineStart + 1;
      int start = i;
      if (c == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
            v.append(s.charAt(i + 1));
            i += 2;
          } else if (d == '"') {
            i++;
            closed = true;
            break;
          } else {
            if (d == '\n') {
              line++;
              lineStart = i + 1;
            }
            v.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new QualityError(
              "this string is not closed (a '\"' is missing)",
              out.isEmpty() ? 1 : lineOf(s, start),
              col,
              s.substring(start, Math.min(n, start + 20)));
        }
        out.add(
            new Token(
                Kind.STRING, s.substring(start, i), v.toString(), lineOf(s, start), col, start, i));
        continue;
      }
      if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        String t = s.substring(start, i);
        if (t.indexOf('.') != t.lastIndexOf('.')) {
          throw new QualityError("not a number", line, col, t);
        }
        out.add(new Token(Kind.NUMBER, t, t, line, col, start, i));
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        while (i < n
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '_'
                || s.charAt(i) == '.')) {
          i++;
        }
        String t = s.substring(start, i);
        out.add(new Token(Kind.IDENT, t, t, line, col, start, i));
        continue;
      }
      String two = i + 1 < n ? s.substring(i, i + 2) : "";
      if (two.equals(">=") || two.equals("<=") || two.equals("!=") || two.equals("<>")) {
        i += 2;
        out.add(new Token(Kind.OP, two, two, line, col, start, i));
        continue;
      }
      if ("=<>+-*/".indexOf(c) >= 0) {
        i++;
        out.add(new Token(Kind.OP, String.valueOf(c), String.valueOf(c), line, col, start, i));
        continue;
      }
      if ("[](){},:".indexOf(c) >= 0) {
        i++;
        out.add(new Token(Kind.PUNCT, String.valueOf(c), String.valueOf(c), line, col, start, i));
        continue;
      }
      throw new QualityError("this character has no meaning in DQDL", line, col, String.valueOf(c));
    }
    int col = n - lineStart + 1;
    out.add(new Token(Kind.EOF, "", "", line, col, n, n));
    return out;
  }

  private static int lineOf(String s, int offset) {
    int l = 1;
    for (int k = 0; k < offset; k++) {
      if (s.charAt(k) == '\n') {
        l++;
      }
    }
    return l;
  }

  // ------------------------------------------------------------------ helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private QualityError fail(Token t, String message) {
    return new QualityError(message, t.line(), t.column(), t.shown());
  }

  private Token expect(String text, String what) {
    Token t = peek();
    if (!t.is(text)) {
      throw fail(t, "expected " + what);
    }
    return next();
  }

  private String textBetween(Token first, Token last) {
    return source.substring(first.start(), last.end()).replaceAll("\\s+", " ").trim();
  }

  private Token previous() {
    return tokens.get(pos - 1);
  }

  // ------------------------------------------------------------------ grammar

  private Ast.Document document() {
    List<Ast.Rule> rules = null;
    List<Ast.Rule> analyzers = null;
    while (peek().kind() != Kind.EOF) {
      Token name = next();
      if (name.kind() != Kind.IDENT) {
        throw fail(name, "expected a section: Rules = [ ... ] (or Analyzers, Metadata, Sources)");
      }
      switch (name.text()) {
        case "Rules" -> {
          if (rules != null) {
            throw fail(name, "the ruleset has a second Rules section");
          }
          expect("=", "'=' after Rules");
          rules = list(false);
        }
        case "Analyzers" -> {
          if (analyzers != null) {
            throw fail(name, "the ruleset has a second Analyzers section");
          }
          expect("=", "'=' after Analyzers");
          analyzers = list(true);
        }
        case "Metadata", "Sources" -> {
          expect("=", "'=' after " + name.text());
          dictionary();
        }
        default -> {
          String hint =
              name.text().equalsIgnoreCase("rules") || name.text().equalsIgnoreCase("analyzers")
                  ? " (section names are case sensitive: write Rules or Analyzers)"
                  : "";
          throw fail(
              name, "expected a section: Rules = [ ... ] (or Analyzers, Metadata, Sources)" + hint);
        }
      }
    }
    if (rules == null && analyzers == null) {
      throw fail(peek(), "the ruleset has no Rules = [ ... ] section");
    }
    return new Ast.Document(
        rules == null ? List.of() : List.copyOf(rules),
        analyzers == null ? List.of() : List.copyOf(analyzers));
  }

  private void dictionary() {
    expect("{", "'{' to open the dictionary");
    if (peek().is("}")) {
      next();
      return;
    }
    while (true) {
      Token key = next();
      if (key.kind() != Kind.STRING) {
        throw fail(key, "expected a quoted key");
      }
      expect(":", "':' after the key");
      if (peek().is("[")) {
        next();
        while (!peek().is("]")) {
          Token v = next();
          if (v.kind() != Kind.STRING) {
            throw fail(v, "expected a quoted value");
          }
          if (peek().is(",")) {
            next();
          } else if (!peek().is("]")) {
            throw fail(peek(), "expected ',' or ']'");
          }
        }
        next();
      } else if (next().kind() != Kind.STRING) {
        throw fail(previous(), "expected a quoted value or a list of them");
      }
      if (peek().is(",")) {
        next();
      } else {
        expect("}", "',' or '}' in the dictionary");
        return;
      }
    }
  }

  private List<Ast.Rule> list(boolean analyzers) {
    expect("[", "'[' to open the list of " + (analyzers ? "analyzers" : "rules"));
    List<Ast.Rule> out = new ArrayList<>();
    if (peek().is("]")) {
      next();
      return out;
    }
    while (true) {
      out.add(rule(analyzers));
      Token t = peek();
      if (t.is(",")) {
        next();
        continue;
      }
      if (t.is("]")) {
        next();
        return out;
      }
      throw fail(
          t,
          "expected ',' between rules or ']' to close the list"
              + (t.is("and") || t.is("or") || t.is("AND") || t.is("OR")
                  ? " (a composite rule puts each rule in parentheses: (A) and (B))"
                  : ""));
    }
  }

  private static boolean isAnd(Token t) {
    return t.kind() == Kind.IDENT && t.text().toLowerCase(Locale.ROOT).equals("and");
  }

  private static boolean isOr(Token t) {
    return t.kind() == Kind.IDENT && t.text().toLowerCase(Locale.ROOT).equals("or");
  }

  private Ast.Rule rule(boolean analyzer) {
    Token first = peek();
    if (!first.is("(")) {
      return simple(analyzer);
    }
    List<Ast.Rule> parts = new ArrayList<>();
    parts.add(parenthesized(analyzer));
    Boolean and = null;
    while (isAnd(peek()) || isOr(peek())) {
      Token op = next();
      boolean thisAnd = isAnd(op);
      if (and != null && and != thisAnd) {
        throw fail(
            op,
            "'and' and 'or' are mixed at one level; put parentheses around the part to evaluate"
                + " first, as in (A) and ((B) or (C))");
      }
      and = thisAnd;
      if (!peek().is("(")) {
        throw fail(
            peek(), "expected '(' : each rule joined with " + op.text() + " is in parentheses");
      }
      parts.add(parenthesized(analyzer));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new Ast.Composite(
        and, List.copyOf(parts), textBetween(first, previous()), first.line(), first.column());
  }

  private Ast.Rule parenthesized(boolean analyzer) {
    expect("(", "'('");
    Ast.Rule r = rule(analyzer);
    expect(")", "')' to close the rule");
    return r;
  }

  private Ast.Simple simple(boolean analyzer) {
    Token type = next();
    if (type.kind() != Kind.IDENT) {
      throw fail(type, "expected a rule type such as RowCount, IsComplete or ColumnValues");
    }
    RuleTypes.Shape shape = RuleTypes.shape(type.text());
    if (shape == null) {
      throw fail(
          type,
          "unknown rule type '"
              + type.text()
              + "'"
              + closest(type.text())
              + "; rule types are case sensitive: "
              + String.join(", ", RuleTypes.names()));
    }
    List<String> params = new ArrayList<>();
    // AWS writes column names quoted, and once bare: IsPrimaryKey colA "colB" "colC"
    while (peek().kind() == Kind.STRING
        || (peek().kind() == Kind.IDENT && !KEYWORDS.contains(peek().text()) && !peek(1).is("("))) {
      params.add(next().value());
    }
    if (params.size() < shape.minParams()) {
      throw fail(
          peek(),
          type.text()
              + " takes "
              + (shape.minParams() == 1
                  ? "a quoted column name"
                  : shape.minParams() + " quoted parameters")
              + (params.isEmpty() ? "" : ", found " + params.size()));
    }
    if (params.size() > shape.maxParams()) {
      throw fail(
          previous(), type.text() + " takes at most " + shape.maxParams() + " quoted parameters");
    }
    Ast.Condition condition = null;
    if (startsCondition(peek())) {
      if (shape.condition() == RuleTypes.Need.NONE && !analyzer) {
        throw fail(peek(), type.text() + " takes no condition");
      }
      condition = condition();
    } else if (shape.condition() == RuleTypes.Need.REQUIRED && !analyzer) {
      throw fail(
          peek(),
          "expected a condition for " + type.text() + ": one of = != > >= < <= between in matches");
    }
    Ast.Condition threshold = null;
    String where = null;
    while (true) {
      Token t = peek();
      if (t.is("with")) {
        next();
        expect("threshold", "'threshold' after 'with'");
        if (threshold != null) {
          throw fail(previous(), "the rule has a second threshold");
        }
        if (!startsCondition(peek())) {
          throw fail(peek(), "expected a condition after 'with threshold', such as > 0.9");
        }
        threshold = condition();
      } else if (t.is("where")) {
        next();
        Token w = next();
        if (w.kind() != Kind.STRING) {
          throw fail(w, "expected a quoted SQL condition after 'where'");
        }
        if (where != null) {
          throw fail(w, "the rule has a second where clause");
        }
        where = w.value();
      } else {
        break;
      }
    }
    return new Ast.Simple(
        type.text(),
        List.copyOf(params),
        condition,
        threshold,
        where,
        textBetween(type, previous()),
        type.line(),
        type.column());
  }

  private static String closest(String name) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : RuleTypes.names()) {
      int d = distance(k.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static boolean startsCondition(Token t) {
    return t.kind() == Kind.OP && !t.is("+") && !t.is("-") && !t.is("*") && !t.is("/")
        || t.is("between")
        || t.is("in")
        || t.is("matches")
        || t.is("not")
        || t.is("NOT");
  }

  private Ast.Condition condition() {
    Token t = next();
    boolean negated = false;
    if (t.is("not") || t.is("NOT")) {
      negated = true;
      t = next();
      if (!(t.is("between") || t.is("in") || t.is("matches"))) {
        throw fail(t, "expected between, in or matches after 'not'");
      }
    }
    if (t.is("between")) {
      Ast.Expr low = expr();
      Token and = next();
      if (!isAnd(and)) {
        throw fail(and, "expected 'and' between the two ends of 'between'");
      }
      Ast.Expr high = expr();
      return new Ast.Between(low, high, negated);
    }
    if (t.is("in")) {
      expect("[", "'[' to open the list of values");
      List<Ast.Expr> values = new ArrayList<>();
      if (!peek().is("]")) {
        while (true) {
          values.add(expr());
          if (peek().is(",")) {
            next();
          } else {
            break;
          }
        }
      }
      expect("]", "',' or ']' in the list of values");
      if (values.isEmpty()) {
        throw fail(previous(), "the list of values is empty");
      }
      return new Ast.In(List.copyOf(values), negated);
    }
    if (t.is("matches")) {
      Token re = next();
      if (re.kind() != Kind.STRING) {
        throw fail(re, "expected a quoted regular expression after 'matches'");
      }
      try {
        java.util.regex.Pattern.compile(re.value());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw fail(re, "not a regular expression: " + e.getDescription());
      }
      return new Ast.Matches(re.value(), negated);
    }
    if (t.kind() == Kind.OP && !t.is("+") && !t.is("-") && !t.is("*") && !t.is("/")) {
      String op = t.is("<>") ? "!=" : t.text();
      return new Ast.Compare(op, expr());
    }
    throw fail(t, "expected a condition: one of = != > >= < <= between in matches");
  }

  private Ast.Expr expr() {
    Ast.Expr left = term();
    while (peek().is("+") || peek().is("-")) {
      char op = next().text().charAt(0);
      left = new Ast.Binary(op, left, term());
    }
    return left;
  }

  private Ast.Expr term() {
    Ast.Expr left = unary();
    while (peek().is("*") || peek().is("/")) {
      char op = next().text().charAt(0);
      left = new Ast.Binary(op, left, unary());
    }
    return left;
  }

  private Ast.Expr unary() {
    Token t = next();
    if (t.is("-")) {
      Ast.Expr e = unary();
      if (e instanceof Ast.Num num) {
        return new Ast.Num(-num.value(), "-" + num.text());
      }
      return new Ast.Binary('-', new Ast.Num(0, "0"), e);
    }
    switch (t.kind()) {
      case NUMBER -> {
        double v = Double.parseDouble(t.text());
        Token u = peek();
        if (u.kind() == Kind.IDENT) {
          Double unit = unitSeconds(u.text());
          if (unit != null) {
            next();
            return new Ast.Duration(v * unit, t.text() + " " + u.text());
          }
        }
        return new Ast.Num(v, t.text());
      }
      case STRING -> {
        return new Ast.Str(t.value());
      }
      case IDENT -> {
        String upper = t.text().toUpperCase(Locale.ROOT);
        if (upper.equals("NULL") || upper.equals("EMPTY") || upper.equals("WHITESPACES_ONLY")) {
          return new Ast.Keyword(upper);
        }
        if (peek().is("(")) {
          next();
          List<Ast.Expr> args = new ArrayList<>();
          if (!peek().is(")")) {
            while (true) {
              args.add(expr());
              if (peek().is(",")) {
                next();
              } else {
                break;
              }
            }
          }
          expect(")", "')' to close " + t.text() + "(");
          if (t.text().equals("now")) {
            if (!args.isEmpty()) {
              throw fail(t, "now() takes no arguments");
            }
            return new Ast.Now();
          }
          return new Ast.Call(
              t.text(), List.copyOf(args), textBetween(t, previous()), t.line(), t.column());
        }
        throw fail(t, "expected a value: a number, a quoted string, NULL, EMPTY, now() or a list");
      }
      case PUNCT -> {
        if (t.is("(")) {
          Ast.Expr e = expr();
          expect(")", "')'");
          return e;
        }
        throw fail(t, "expected a value");
      }
      default -> throw fail(t, "expected a value");
    }
  }

  private static Double unitSeconds(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "minute", "minutes" -> 60.0;
      case "hour", "hours" -> 3600.0;
      case "day", "days" -> 86400.0;
      default -> null;
    };
  }
}
