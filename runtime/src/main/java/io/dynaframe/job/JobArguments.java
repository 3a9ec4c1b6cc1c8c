package io.dynaframe.job;

import com.google.common.collect.ImmutableMap;
import io.dynaframe.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job's resolved arguments, with the semantics of Glue's {@code getResolvedOptions}: every option
 * asked for is required, given as {@code --NAME value} or {@code --NAME=value}; arguments nobody
 * asked for are ignored; names must be spelled out in full (no abbreviations, as in Glue 6.0);
 * Glue's reserved names ({@code job-bookmark-option}, {@code JOB_ID}, ...) may not be asked for but
 * are resolved too. A missing argument fails with one error that lists every missing one.
 *
 * <pre>{@code
 * JobArguments args = JobArguments.resolve(argv, "JOB_NAME", "input", "output");
 * String input = args.get("input");
 * }</pre>
 */
public final class JobArguments {

  /** Values of {@code --job-bookmark-option}. */
  public static final String BOOKMARK_ENABLE = "job-bookmark-enable";

  public static final String BOOKMARK_DISABLE = "job-bookmark-disable";
  public static final String BOOKMARK_PAUSE = "job-bookmark-pause";

  private static final Set<String> RESERVED =
      Set.of(
          "job-bookmark-option",
          "continuation-option",
          "job-bookmark-from",
          "job-bookmark-to",
          "JOB_ID",
          "JOB_RUN_ID",
          "SECURITY_CONFIGURATION",
          "encryption-type");
  private static final Map<String, String> CONTINUATION =
      Map.of(
          "continuation-enabled", BOOKMARK_ENABLE,
          "continuation-readonly", BOOKMARK_PAUSE,
          "continuation-ignore", BOOKMARK_DISABLE);

  private final ImmutableMap<String, String> values;

  private JobArguments(ImmutableMap<String, String> values) {
    this.values = values;
  }

  /**
   * Resolves the arguments a job asks for.
   *
   * @param argv the job's command line, as passed to {@code main} (Glue's Python wrapper skips
   *     {@code sys.argv[0]}; here there is no program name to skip)
   * @param options the names the job needs, without the leading {@code --}
   * @throws JobArgumentException listing every missing argument, or naming a reserved one
   */
  public static JobArguments resolve(String[] argv, String... options) {
    List<String> wanted = new ArrayList<>(List.of(options));
    for (String o : wanted) {
      if (RESERVED.contains(o)) {
        throw new JobArgumentException(
            "'"
                + o
                + "' is reserved by Glue and cannot be asked for; it is resolved anyway: "
                + "read it with bookmarkOption() or get(\""
                + o
                + "\")");
      }
    }
    if (wanted.contains("RedshiftTempDir") && !wanted.contains("TempDir")) {
      wanted.add("TempDir");
    }
    Map<String, String> given = parse(argv);
    if (given.containsKey("RedshiftTempDir") && !given.containsKey("TempDir")) {
      given.put("TempDir", given.get("RedshiftTempDir"));
    }
    if (given.containsKey("TempDir") && !given.containsKey("RedshiftTempDir")) {
      given.put("RedshiftTempDir", given.get("TempDir"));
    }
    List<String> missing = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (String o : wanted) {
      String v = given.get(o);
      if (v == null) {
        missing.add("--" + o);
      } else {
        out.put(o, v);
      }
    }
    if (!missing.isEmpty()) {
      throw new JobArgumentException(
          "the job needs these arguments, which were not given: "
              + String.join(", ", missing)
              + withoutDashes(argv, missing));
    }
    String bookmark = given.get("job-bookmark-option");
    String continuation = given.get("continuation-option");
    if (bookmark == null && continuation != null) {
      bookmark = CONTINUATION.get(continuation);
      if (bookmark == null) {
        throw new JobArgumentException(
            "--continuation-option must be one of "
                + CONTINUATION.keySet()
                + ", was '"
                + continuation
                + "'");
      }
    }
    if (bookmark == null) {
      bookmark = BOOKMARK_DISABLE;
    }
    if (!Set.of(BOOKMARK_ENABLE, BOOKMARK_DISABLE, BOOKMARK_PAUSE).contains(bookmark)) {
      throw new JobArgumentException(
          "--job-bookmark-option must be "
              + BOOKMARK_ENABLE
              + ", "
              + BOOKMARK_DISABLE
              + " or "
              + BOOKMARK_PAUSE
              + ", was '"
              + bookmark
              + "'");
    }
    String from = given.get("job-bookmark-from");
    String to = given.get("job-bookmark-to");
    if (bookmark.equals(BOOKMARK_PAUSE)) {
      if ((from == null) != (to == null)) {
        throw new JobArgumentException(
            "with job-bookmark-pause, give both --job-bookmark-from and --job-bookmark-to, or neither");
      }
    } else if (from != null || to != null) {
      throw new JobArgumentException(
          "--job-bookmark-from and --job-bookmark-to are only allowed with --job-bookmark-option "
              + BOOKMARK_PAUSE);
    }
    out.put("job-bookmark-option", bookmark);
    for (String r : RESERVED) {
      if (!r.equals("job-bookmark-option") && given.containsKey(r)) {
        out.put(r, given.get(r));
      }
    }
    if (given.containsKey("JOB_NAME")) {
      out.putIfAbsent("JOB_NAME", given.get("JOB_NAME"));
    }
    return new JobArguments(ImmutableMap.copyOf(out));
  }

  /**
   * For missing arguments that appear in {@code argv} as a bare word ({@code JOB_NAME x}, {@code
   * -JOB_NAME x}, {@code JOB_NAME=x}), which the parser skips as Glue's does: how to write them.
   */
  private static String withoutDashes(String[] argv, List<String> missing) {
    List<String> hints = new ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        if (!a.contains("=") && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
          i++; // the option's value
        }
        continue;
      }
      String word = a.startsWith("-") ? a.substring(1) : a;
      int eq = word.indexOf('=');
      String name = eq >= 0 ? word.substring(0, eq) : word;
      if (missing.contains("--" + name)) {
        String value = eq >= 0 ? word.substring(eq + 1) : i + 1 < argv.length ? argv[i + 1] : "";
        hints.add(
            "'"
                + a
                + "' is not an argument name (names start with '--'): write --"
                + name
                + (value.isEmpty() ? "" : " " + value));
      }
    }
    return hints.isEmpty() ? "" : "; " + String.join("; ", hints);
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--") || a.length() == 2) {
        continue;
      }
      String body = a.substring(2);
      int eq = body.indexOf('=');
      if (eq >= 0) {
        given.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < argv.length
          && !(argv[i + 1].startsWith("--") && argv[i + 1].length() > 2)) {
        given.put(body, argv[++i]);
      } else {
        given.put(body, "");
      }
    }
    return given;
  }

  /**
   * The value of an argument.
   *
   * @throws JobArgumentException when it was not resolved (not asked for and not reserved)
   */
  public String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new JobArgumentException(
          "argument '" + name + "' was not resolved; resolved are " + values.keySet());
    }
    return v;
  }

  /** The value of an argument, if it was resolved. */
  public Optional<String> find(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * {@code job-bookmark-enable}, {@code job-bookmark-disable} (the default) or {@code
   * job-bookmark-pause}.
   */
  public String bookmarkOption() {
    return values.get("job-bookmark-option");
  }

  /** All resolved arguments. */
  public Map<String, String> asMap() {
    return values;
  }

  /** True when an argument's name looks like it holds a secret; such values are never printed. */
  public static boolean isSecret(String name) {
    return Options.isSecretName(name);
  }

  /** The arguments with secret-looking values replaced by {@code *****}. */
  public Map<String, String> redacted() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, isSecret(k) ? "*****" : v));
    return out;
  }

  @Override
  public String toString() {
    return "JobArguments" + redacted();
  }
}
