package io.dynaframe.quality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of DQDL as AWS's DQDL reference writes it. Errors name the line,
 * column and token at fault.
 *
 * <pre>
 * document  := section+                 section := NAME '=' ( list | dict | labels | constant )
 * constant  := STRING | '[' STRING ( ',' STRING )* ']'     (AWS's Constants: mySql = "...";
 *                                               used as $mySql where a quoted string goes)
 * list      := '[' ( top ( ',' top )* )? ']'
 * top       := rule ( 'labels' '=' labels )?   (labels on a simple rule, or on a whole rule in
 *                                               parentheses: ((A) and (B)) labels=[...])
 * labels    := '[' STRING '=' ( STRING | NULL ) ( ',' STRING '=' ( STRING | NULL ) )* ']'
 * rule      := '(' rule ')' ( ( 'and' | 'or' ) '(' rule ')' )*  |  simple
 * simple    := TYPE ( STRING | $NAME )* condition?
 *              ( 'with' 'threshold' condition | 'with' TAG '=' value | 'where' STRING )*
 *                                              (TAG: the File rules' recentFiles, uriRegex, ...)
 * condition := op expr | 'not'? 'between' expr 'and' expr | 'not'? 'in' '[' expr, ... ']'
 *            | 'not'? 'in' $NAME | 'not'? 'matches' ( STRING | $NAME )
 * expr      := term ( ( '+' | '-' ) term )*   term := unary ( ( '*' | '/' ) unary )*
 * unary     := '-' unary | NUMBER UNIT? | STRING | $NAME | NULL | EMPTY | WHITESPACES_ONLY
 *            | NAME '(' ( expr ( ',' expr )* )? ')' | '(' expr ')'
 * </pre>
 */
public final class Parser {

  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    /** {@code $name}: a constant's value (AWS's "Constants"). */
    VAR,
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

  /** Whether the last rule parsed by {@link #rule} was one group in parentheses, as a whole. */
  private boolean wholeGroup;

  /** AWS's label constraints (DQDL reference, "Label constraints"). */
  static final int MAX_LABELS = 10;

  static final int MAX_LABEL_KEY = 128;
  static final int MAX_LABEL_VALUE = 256;

  /**
   * A constant as AWS's "Constants" section defines it: {@code mySql = "select ..."} (one string)
   * or {@code colors = ["a", "b"]} (a list of strings), where it is defined.
   */
  private record Constant(Token name, List<String> values, boolean list) {}

  /** The constants defined so far, by name. */
  private final java.util.Map<String, Constant> constants = new java.util.HashMap<>();

  /** A {@code "key"="value"} pair as written (value null for NULL). */
  private record Label(Token key, Token value, String text) {}

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
      if (c == '#' || (c == '/' && i + 1 < n && s.charAt(i + 1) == '/')) {
        // a comment, to the end of the line ('#' as AWS's Comments section; '//' as its labels
        // example writes them)
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
      if (c == '$'
          && i + 1 < n
          && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_')) {
        i++;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(
            new Token(
                Kind.VAR, s.substring(start, i), s.substring(start + 1, i), line, col, start, i));
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
    List<Label> defaults = null;
    Token defaultsAt = null;
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
        case "DefaultLabels" -> {
          if (defaults != null) {
            throw fail(name, "the ruleset has a second DefaultLabels section");
          }
          expect("=", "'=' after DefaultLabels");
          defaultsAt = name;
          defaults = labelList();
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
          boolean sectionCase =
              name.text().equalsIgnoreCase("rules") || name.text().equalsIgnoreCase("analyzers");
          if (!sectionCase
              && peek().is("=")
              && (peek(1).kind() == Kind.STRING
                  || (peek(1).is("[") && peek(2).kind() == Kind.STRING))) {
            constant(name);
            continue;
          }
          String hint =
              sectionCase ? " (section names are case sensitive: write Rules or Analyzers)" : "";
          throw fail(
              name,
              "expected a section: Rules = [ ... ] (or Analyzers, Metadata, Sources), or a"
                  + " constant: name = \"...\""
                  + hint);
        }
      }
    }
    if (rules == null && analyzers == null) {
      throw fail(peek(), "the ruleset has no Rules = [ ... ] section");
    }
    List<Ast.Rule> ruleList = rules == null ? List.of() : List.copyOf(rules);
    List<Label> base = defaults == null ? List.of() : defaults;
    if (base.size() > MAX_LABELS) {
      throw fail(base.get(MAX_LABELS).key(), tooMany("DefaultLabels has", base.size()));
    }
    List<java.util.Map<String, String>> labels = new ArrayList<>();
    for (int i = 0; i < ruleList.size(); i++) {
      java.util.Map<String, String> merged = new java.util.LinkedHashMap<>();
      for (Label l : base) {
        merged.put(l.key().value(), labelValue(l));
      }
      List<Label> own = ruleLabels.getOrDefault(i, List.of());
      for (Label l : own) {
        merged.put(l.key().value(), labelValue(l));
        if (merged.size() > MAX_LABELS) {
          throw fail(
              l.key(),
              tooMany("rule '" + ruleList.get(i).text() + "' has", mergedSize(base, own))
                  + (base.isEmpty() ? "" : " (its own and the DefaultLabels)"));
        }
      }
      labels.add(java.util.Collections.unmodifiableMap(merged));
    }
    boolean labelled = defaultsAt != null || !ruleLabels.isEmpty();
    return new Ast.Document(
        ruleList,
        analyzers == null ? List.of() : List.copyOf(analyzers),
        List.copyOf(labels),
        labelled);
  }

  /**
   * {@code name = "value"} or {@code name = ["a", "b"]}: AWS's constants, used afterwards as {@code
   * $name} where a quoted string goes (a rule's parameter, a value of its condition). A constant is
   * defined once, before the rules that use it.
   */
  private void constant(Token name) {
    if (constants.containsKey(name.text())) {
      throw fail(
          name,
          "the constant "
              + name.text()
              + " is defined twice (first at line "
              + constants.get(name.text()).name().line()
              + ")");
    }
    expect("=", "'=' after the constant's name");
    List<String> values = new ArrayList<>();
    boolean list = peek().is("[");
    if (list) {
      next();
      while (true) {
        Token v = next();
        if (v.kind() != Kind.STRING) {
          throw fail(v, "expected a quoted string in the list of constant " + name.text());
        }
        values.add(v.value());
        if (peek().is(",")) {
          next();
          continue;
        }
        expect("]", "',' or ']' in the list of constant " + name.text());
        break;
      }
    } else {
      values.add(next().value());
    }
    constants.put(name.text(), new Constant(name, List.copyOf(values), list));
  }

  /** The constant a {@code $name} token uses; a parse error at the token when it is not defined. */
  private Constant constantOf(Token ref) {
    Constant c = constants.get(ref.value());
    if (c == null) {
      throw fail(
          ref,
          "the constant "
              + ref.text()
              + " is not defined; define it before the rules that use it, as in "
              + ref.value()
              + " = \"...\""
              + (constants.isEmpty() ? "" : " (defined: " + String.join(", ", sorted()) + ")"));
    }
    return c;
  }

  private List<String> sorted() {
    List<String> names = new ArrayList<>();
    for (String k : constants.keySet()) {
      names.add("$" + k);
    }
    java.util.Collections.sort(names);
    return names;
  }

  /** The one string of the constant {@code ref} names: a parse error when it is a list. */
  private String constantString(Token ref, String where) {
    Constant c = constantOf(ref);
    if (c.list()) {
      throw fail(
          ref,
          ref.text()
              + " is a list of "
              + c.values().size()
              + " strings (line "
              + c.name().line()
              + "); "
              + where
              + " is one quoted string");
    }
    return c.values().get(0);
  }

  /** Labels of the rules that write {@code labels=[...]}, by the rule's index in Rules. */
  private final java.util.Map<Integer, List<Label>> ruleLabels = new java.util.HashMap<>();

  private static String labelValue(Label l) {
    return l.value() == null ? null : l.value().value();
  }

  private static int mergedSize(List<Label> base, List<Label> own) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    base.forEach(l -> keys.add(l.key().value()));
    own.forEach(l -> keys.add(l.key().value()));
    return keys.size();
  }

  private static String tooMany(String who, int count) {
    return who + " " + count + " labels; a DQDL rule has at most " + MAX_LABELS + " labels";
  }

  /**
   * {@code [ "key"="value", ... ]}: AWS's label constraints, each a parse error at the token at
   * fault: at least one pair, keys quoted, not empty, at most 128 characters and not repeated;
   * values quoted (or NULL), empty allowed, at most 256 characters. Keys and values keep their
   * case.
   */
  private List<Label> labelList() {
    expect("[", "'[' to open the list of labels, as in [\"team\"=\"finance\"]");
    List<Label> out = new ArrayList<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    if (peek().is("]")) {
      throw fail(peek(), "the list of labels is empty; write at least one \"key\"=\"value\"");
    }
    while (true) {
      Token key = next();
      if (key.kind() != Kind.STRING) {
        throw fail(
            key,
            "expected a quoted label key, as in \"team\"=\"finance\" (a label key must not be"
                + " empty or null)");
      }
      if (key.value().isEmpty()) {
        throw fail(key, "a label key must not be empty");
      }
      if (key.value().length() > MAX_LABEL_KEY) {
        throw fail(
            key,
            "this label key has "
                + key.value().length()
                + " characters; a label key has at most "
                + MAX_LABEL_KEY);
      }
      if (!keys.add(key.value())) {
        throw fail(key, "the label key " + key.text() + " is given twice in this list");
      }
      expect("=", "'=' between the label key and its value, as in \"team\"=\"finance\"");
      Token value = next();
      Token v;
      if (value.kind() == Kind.STRING) {
        if (value.value().length() > MAX_LABEL_VALUE) {
          throw fail(
              value,
              "this label value has "
                  + value.value().length()
                  + " characters; a label value has at most "
                  + MAX_LABEL_VALUE);
        }
        v = value;
      } else if (value.kind() == Kind.IDENT && value.text().equalsIgnoreCase("null")) {
        v = null;
      } else {
        throw fail(value, "expected a quoted label value (or NULL)");
      }
      out.add(new Label(key, v, textBetween(key, value)));
      if (peek().is(",")) {
        next();
        continue;
      }
      expect("]", "',' or ']' in the list of labels");
      return out;
    }
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
      Ast.Rule r = rule(analyzers);
      out.add(r);
      if (!analyzers && peek().is("labels")) {
        Token at = next();
        if (r instanceof Ast.Composite && !wholeGroup) {
          throw fail(
              at,
              "labels go on the whole composite rule, in parentheses: ("
                  + r.text()
                  + ") labels=[...]");
        }
        expect("=", "'=' after labels");
        ruleLabels.put(out.size() - 1, labelList());
      }
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
      wholeGroup = false;
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
      wholeGroup = true;
      return parts.get(0);
    }
    wholeGroup = false;
    return new Ast.Composite(
        and, List.copyOf(parts), textBetween(first, previous()), first.line(), first.column());
  }

  private Ast.Rule parenthesized(boolean analyzer) {
    expect("(", "'('");
    Ast.Rule r = rule(analyzer);
    if (peek().is("labels")) {
      throw fail(
          peek(),
          "labels go on the whole top-level rule, after its closing parenthesis, as in"
              + " ((A) and (B)) labels=[...]");
    }
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
        || peek().kind() == Kind.VAR
        || (peek().kind() == Kind.IDENT && !KEYWORDS.contains(peek().text()) && !peek(1).is("("))) {
      Token p = next();
      params.add(p.kind() == Kind.VAR ? constantString(p, "a rule's parameter") : p.value());
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
      if (t.is("with") && RuleTypes.FILE_TAGS.contains(peek(1).text()) && peek(2).is("=")) {
        // the File rules' tags: with recentFiles = 1, with uriRegex = "...", with filterOrder =
        // [...]
        if (!type.text().startsWith("File")) {
          throw fail(
              peek(1), peek(1).text() + " is a tag of the File rules, not of " + type.text());
        }
        next();
        next();
        next();
        if (peek().is("[")) {
          next();
          while (next().kind() == Kind.STRING && peek().is(",")) {
            next();
          }
          if (!previous().is("]")) {
            expect("]", "',' or ']' in the tag's list");
          }
        } else {
          Token v = next();
          if (v.kind() != Kind.STRING && v.kind() != Kind.NUMBER) {
            throw fail(v, "expected the tag's value: a quoted string, a number or a list");
          }
        }
      } else if (t.is("with")) {
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
      if (peek().kind() == Kind.VAR) {
        // in $colors: the constant's strings
        List<Ast.Expr> values = new ArrayList<>();
        for (String v : constantOf(next()).values()) {
          values.add(new Ast.Str(v));
        }
        return new Ast.In(List.copyOf(values), negated);
      }
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
      String regex;
      if (re.kind() == Kind.VAR) {
        regex = constantString(re, "the regular expression of 'matches'");
      } else if (re.kind() == Kind.STRING) {
        regex = re.value();
      } else {
        throw fail(re, "expected a quoted regular expression after 'matches'");
      }
      try {
        java.util.regex.Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw fail(re, "not a regular expression: " + e.getDescription());
      }
      return new Ast.Matches(regex, negated);
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
          Double bytes = unitBytes(u.text());
          if (bytes != null) {
            // FileSize: 2 MB, 5 B, 1 TB
            next();
            return new Ast.Num(v * bytes, t.text() + " " + u.text());
          }
        }
        return new Ast.Num(v, t.text());
      }
      case STRING -> {
        return new Ast.Str(t.value());
      }
      case VAR -> {
        return new Ast.Str(constantString(t, "a value here"));
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

  /** The sizes of AWS's FileSize page: B, KB, MB, GB and TB. */
  private static Double unitBytes(String unit) {
    return switch (unit) {
      case "B" -> 1.0;
      case "KB" -> 1024.0;
      case "MB" -> 1024.0 * 1024;
      case "GB" -> 1024.0 * 1024 * 1024;
      case "TB" -> 1024.0 * 1024 * 1024 * 1024;
      default -> null;
    };
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
