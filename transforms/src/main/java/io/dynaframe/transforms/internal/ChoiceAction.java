package io.dynaframe.transforms.internal;

import io.dynaframe.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * A parsed ResolveChoice action: {@code cast:T}, {@code project:T}, {@code make_cols}, {@code
 * make_struct} or {@code match_catalog}.
 *
 * @param kind the action
 * @param targetName the type name after {@code cast:} or {@code project:}, else null
 * @param target the parsed atomic target type, or null (no target, or a complex kind for project)
 */
public record ChoiceAction(Kind kind, String targetName, DataType target) {

  /** The actions Glue knows. */
  public enum Kind {
    CAST,
    PROJECT,
    MAKE_COLS,
    MAKE_STRUCT,
    MATCH_CATALOG
  }

  /** The spellings, for messages and suggestions. */
  public static final List<String> SPELLINGS =
      List.of("cast:<type>", "project:<type>", "make_cols", "make_struct", "match_catalog");

  /** A malformed action: the message, the word at fault and the words that would be right. */
  public static final class BadAction extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String wrong;
    private final List<String> candidates;

    BadAction(String message, String wrong, List<String> candidates) {
      super(message);
      this.wrong = wrong;
      this.candidates = candidates;
    }

    public String wrong() {
      return wrong;
    }

    public List<String> candidates() {
      return candidates;
    }
  }

  private static final List<String> WORDS =
      List.of("cast:", "project:", "make_cols", "make_struct", "match_catalog");

  /**
   * Parses an action.
   *
   * @throws IllegalArgumentException with a message naming the action and what is accepted
   */
  public static ChoiceAction parse(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    if (colon > 0) {
      String head = lower.substring(0, colon).trim();
      String type = t.substring(colon + 1).trim();
      if (type.isEmpty()) {
        throw new BadAction("action '" + text + "' names no type", text, List.of());
      }
      Kind k =
          switch (head) {
            case "cast" -> Kind.CAST;
            case "project" -> Kind.PROJECT;
            default ->
                throw new BadAction(
                    "unknown action '"
                        + text
                        + "'; expected one of "
                        + String.join(", ", SPELLINGS),
                    head + ":",
                    WORDS);
          };
      if (GlueTypeNames.isComplex(type)) {
        if (k == Kind.CAST) {
          throw new BadAction(
              "action '"
                  + text
                  + "' casts to a complex kind; cast to an atomic type "
                  + "or use project:"
                  + type.toLowerCase(Locale.ROOT),
              type,
              List.of());
        }
        return new ChoiceAction(k, type.toLowerCase(Locale.ROOT), null);
      }
      DataType target;
      try {
        target = GlueTypeNames.atomic(type).orElseThrow();
      } catch (IllegalArgumentException e) {
        throw new BadAction(
            "unknown type '" + type + "' in action '" + text + "'", type, GlueTypeNames.KNOWN);
      }
      return new ChoiceAction(k, target.typeName(), target);
    }
    return switch (lower) {
      case "make_cols" -> new ChoiceAction(Kind.MAKE_COLS, null, null);
      case "make_struct" -> new ChoiceAction(Kind.MAKE_STRUCT, null, null);
      case "match_catalog" -> new ChoiceAction(Kind.MATCH_CATALOG, null, null);
      case "cast", "project" ->
          throw new BadAction(
              "action '" + text + "' needs a type: " + lower + ":<type>", text, List.of());
      default ->
          throw new BadAction(
              "unknown action '" + text + "'; expected one of " + String.join(", ", SPELLINGS),
              lower,
              WORDS);
    };
  }
}
