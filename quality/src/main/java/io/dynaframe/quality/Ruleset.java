package io.dynaframe.quality;

import com.google.common.collect.ImmutableList;
import io.dynaframe.quality.internal.Ast;
import io.dynaframe.quality.internal.Parser;
import java.util.List;

/**
 * A DQDL ruleset, parsed: its rules and analyzers as written. {@link EvaluateDataQuality} parses
 * its ruleset when it is applied; parse one yourself to check it earlier (in a unit test of the
 * ruleset, say).
 */
public final class Ruleset {
  private final String text;
  private final ImmutableList<String> rules;
  private final ImmutableList<String> analyzers;

  private Ruleset(String text, Ast.Document doc) {
    this.text = text;
    this.rules = doc.rules().stream().map(Ast.Rule::text).collect(ImmutableList.toImmutableList());
    this.analyzers =
        doc.analyzers().stream().map(Ast.Rule::text).collect(ImmutableList.toImmutableList());
  }

  /**
   * Parses a ruleset such as {@code Rules = [ IsComplete "id", RowCount > 0 ]}.
   *
   * @throws DqdlParseException naming the line, column and token at fault
   */
  public static Ruleset parse(String dqdl) {
    try {
      return new Ruleset(dqdl, Parser.parse(dqdl));
    } catch (io.dynaframe.quality.internal.QualityError e) {
      throw EvaluateDataQuality.translated(e);
    }
  }

  /** The rules, each as written on one line, in order. */
  public List<String> rules() {
    return rules;
  }

  /** The analyzers, each as written on one line, in order. */
  public List<String> analyzers() {
    return analyzers;
  }

  /** The ruleset as given. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return "Ruleset" + rules;
  }
}
