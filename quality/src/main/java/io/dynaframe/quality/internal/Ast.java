package io.dynaframe.quality.internal;

import java.util.List;

/** The parsed form of a DQDL document: rules and analyzers, their conditions and operands. */
public final class Ast {
  private Ast() {}

  /**
   * A whole ruleset: its {@code Rules} and its {@code Analyzers}, in order; the labels of each rule
   * (its {@code DefaultLabels} with the rule's own {@code labels=[...]} over them, in that order; a
   * value may be null), and whether the ruleset writes labels at all.
   */
  public record Document(
      List<Rule> rules,
      List<Rule> analyzers,
      List<java.util.Map<String, String>> labels,
      boolean labelled) {
    /** A ruleset without labels. */
    public Document(List<Rule> rules, List<Rule> analyzers) {
      this(
          rules,
          analyzers,
          rules.stream().map(r -> java.util.Map.<String, String>of()).toList(),
          false);
    }
  }

  /** A rule (or analyzer) as written, with where it starts in the ruleset. */
  public sealed interface Rule permits Simple, Composite {
    /** The rule as written, on one line. */
    String text();

    int line();

    int column();
  }

  /**
   * One rule: its type, its quoted parameters, the condition on its value, the threshold of a
   * row-level rule ({@code with threshold > 0.9}) and its {@code where} filter (SQL), each null
   * when absent.
   */
  public record Simple(
      String type,
      List<String> params,
      Condition condition,
      Condition threshold,
      String where,
      String text,
      int line,
      int column)
      implements Rule {}

  /** Rules joined with {@code and} or {@code or} (all with the same operator). */
  public record Composite(boolean and, List<Rule> children, String text, int line, int column)
      implements Rule {}

  /** What a rule's value is checked against. */
  public sealed interface Condition permits Compare, Between, In, Matches {}

  /** {@code = != > >= < <=} with one operand. */
  public record Compare(String op, Expr value) implements Condition {}

  /** {@code [not] between low and high} (both ends included). */
  public record Between(Expr low, Expr high, boolean negated) implements Condition {}

  /** {@code [not] in [v, ...]}. */
  public record In(List<Expr> values, boolean negated) implements Condition {}

  /** {@code [not] matches "regex"} (the whole value must match). */
  public record Matches(String regex, boolean negated) implements Condition {}

  /** An operand. */
  public sealed interface Expr permits Num, Str, Keyword, Duration, Now, Binary, Call {}

  /** A number as written. */
  public record Num(double value, String text) implements Expr {}

  /** A quoted string. */
  public record Str(String value) implements Expr {}

  /** {@code NULL}, {@code EMPTY} or {@code WHITESPACES_ONLY}. */
  public record Keyword(String name) implements Expr {}

  /** {@code 24 hours}, {@code 3 days}, {@code 10 minutes}: a length of time in seconds. */
  public record Duration(double seconds, String text) implements Expr {}

  /** {@code now()}. */
  public record Now() implements Expr {}

  /** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}. */
  public record Binary(char op, Expr left, Expr right) implements Expr {}

  /** A function call such as {@code avg(last(10))}: dynamic rules, which need earlier runs. */
  public record Call(String name, List<Expr> args, String text, int line, int column)
      implements Expr {}
}
