package io.dynaframe.internal.io;

import io.dynaframe.SourceException;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Log lines read with a grok pattern (Glue's format {@code grokLog}): {@code logFormat} is the
 * pattern, {@code customPatterns} adds named patterns (one {@code NAME regex} a line) to the
 * standard set, a value equal to {@code MISSING} (default {@code -}) is null. Each named capture
 * {@code %{PATTERN:field}} is a field, a string by default, or of the type a third part names
 * ({@code byte}, {@code boolean}, {@code double}, {@code short}, {@code int}, {@code long}, {@code
 * float}, as Glue's grok classifiers allow); a value that does not convert stays a string unless
 * {@code StrictMode} is on, which turns off type conversion altogether. A line the pattern does not
 * match is an error record with its file, line and text.
 *
 * <p>The standard patterns are those of {@code io.krakens:java-grok} (Logstash's set); the pattern
 * is expanded and matched here, with Java's regular expressions.
 */
final class GrokFormat implements RecordFormat {
  private static final long serialVersionUID = 1L;

  /** The artifact whose pattern set this format uses. */
  static final String ARTIFACT = "io.krakens:java-grok";

  /** The version of {@link #ARTIFACT} dynaframe is built and tested with (the pom's). */
  static final String VERSION = "0.1.9";

  private static final Pattern REFERENCE =
      Pattern.compile("%\\{([A-Za-z0-9_]+)(?::([^:}]+))?(?::([^}]+))?}");

  private static final Map<String, DataType> TYPES =
      Map.of(
          "byte", Types.BYTE,
          "boolean", Types.BOOLEAN,
          "double", Types.DOUBLE,
          "short", Types.SHORT,
          "int", Types.INT,
          "long", Types.LONG,
          "float", Types.FLOAT,
          "string", Types.STRING);

  /** One named capture: its group in the expanded regex, its field and the type it asks for. */
  private record Capture(String group, String field, DataType type)
      implements java.io.Serializable {}

  private final String logFormat;
  private final String regex;
  private final List<Capture> captures;
  private final String missing;
  private final boolean strict;
  private transient Pattern compiled;

  /**
   * Checks and expands the pattern now (on the driver): an unknown pattern name, a type grok does
   * not have, or a regular expression that does not compile fails with a {@link SourceException}
   * naming the option.
   */
  GrokFormat(String logFormat, String customPatterns, String missing, boolean strict) {
    if (logFormat == null || logFormat.isBlank()) {
      throw new SourceException(
          "format grokLog needs the format option logFormat (the grok pattern of a log line, e.g."
              + " '%{COMMONAPACHELOG}')");
    }
    this.logFormat = logFormat;
    this.missing = missing == null ? "-" : missing;
    this.strict = strict;
    Map<String, String> definitions = new HashMap<>(standardPatterns());
    definitions.putAll(parseCustom(customPatterns));
    List<Capture> found = new ArrayList<>();
    this.regex = expand(logFormat, definitions, found, new ArrayList<>());
    this.captures = List.copyOf(found);
    try {
      this.compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new SourceException(
          "format option logFormat '"
              + logFormat
              + "' expands to a regular expression that does not compile: "
              + e.getDescription());
    }
  }

  /** The standard grok patterns, from java-grok's pattern files. */
  private static Map<String, String> standardPatterns() {
    // Sources checked that java-grok is on the class path
    io.krakens.grok.api.GrokCompiler compiler = io.krakens.grok.api.GrokCompiler.newInstance();
    compiler.registerDefaultPatterns();
    return compiler.getPatternDefinitions();
  }

  /** {@code customPatterns}: one {@code NAME regex} a line (Glue's custom classifiers' form). */
  static Map<String, String> parseCustom(String custom) {
    Map<String, String> out = new LinkedHashMap<>();
    if (custom == null) {
      return out;
    }
    int lineNo = 0;
    for (String line : custom.split("\\r?\\n")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int space = firstSpace(l);
      if (space < 0 || !l.substring(0, space).matches("[A-Za-z0-9_]+")) {
        throw new SourceException(
            "format option customPatterns: line "
                + lineNo
                + " ('"
                + l
                + "') is not of the form 'NAME regex' (a name of letters, digits and _, a space,"
                + " then the pattern)");
      }
      out.put(l.substring(0, space), l.substring(space).strip());
    }
    return out;
  }

  private static int firstSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private String expand(
      String pattern, Map<String, String> definitions, List<Capture> found, List<String> path) {
    Matcher m = REFERENCE.matcher(pattern);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(plainGroups(pattern.substring(last, m.start())));
      last = m.end();
      String name = m.group(1);
      String definition = definitions.get(name);
      if (definition == null) {
        throw new SourceException(
            "format option logFormat '"
                + logFormat
                + "' uses the grok pattern %{"
                + name
                + "}"
                + (path.isEmpty() ? "" : " (in " + String.join(" > ", path) + ")")
                + ", which is neither a standard pattern nor defined in customPatterns");
      }
      if (path.contains(name) || path.size() > 50) {
        throw new SourceException(
            "format option logFormat: the grok pattern %{"
                + name
                + "} refers to itself ("
                + String.join(" > ", path)
                + " > "
                + name
                + ")");
      }
      List<String> inner = new ArrayList<>(path);
      inner.add(name);
      String body = expand(definition, definitions, found, inner);
      String field = m.group(2);
      String typeName = m.group(3);
      if (field != null && field.indexOf(';') >= 0) {
        // java-grok's own spelling of a type, %{NAME:field;type}: its types that Glue's grok has
        // not (date) stay strings
        String[] parts = field.split(";", 3);
        field = parts[0];
        if (typeName == null && parts.length > 1 && TYPES.containsKey(parts[1])) {
          typeName = parts[1];
        }
      }
      // UNWANTED: how the standard patterns mark a part that is no field of its own
      if (field == null || field.equals("UNWANTED")) {
        out.append("(?:").append(body).append(')');
        continue;
      }
      DataType type = Types.STRING;
      if (typeName != null) {
        type = TYPES.get(typeName.toLowerCase(Locale.ROOT));
        if (type == null) {
          throw new SourceException(
              "format option logFormat: %{"
                  + name
                  + ":"
                  + field
                  + ":"
                  + typeName
                  + "} names the type '"
                  + typeName
                  + "'; a grok field may be byte, boolean, double, short, int, long, float or"
                  + " string");
        }
      }
      String group = "g" + (found.size() + 1) + "x";
      found.add(new Capture(group, field, type));
      out.append("(?<").append(group).append('>').append(body).append(')');
    }
    out.append(plainGroups(pattern.substring(last)));
    return out.toString();
  }

  /**
   * The text of a pattern with its own named groups ({@code (?<name>...)}, which some standard
   * patterns use) made plain: they are not fields here, and Java allows no {@code _} in group
   * names.
   */
  private static String plainGroups(String text) {
    return text.replaceAll("\\(\\?<([A-Za-z][A-Za-z0-9_]*)>", "(?:");
  }

  @Override
  public boolean splittable() {
    return true;
  }

  @Override
  public Iterator<ParsedRecord> records(Reader text, String file, Part part) {
    if (compiled == null) {
      compiled = Pattern.compile(regex);
    }
    BufferedReader reader = (BufferedReader) text;
    long before = part.firstLine() - 1;
    return new Iterator<>() {
      private long lineNo = before;
      private ParsedRecord next;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (next == null && !done) {
          String line;
          try {
            line = reader.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (line == null) {
            done = true;
            break;
          }
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          next = parse(line, lineNo);
        }
        return next != null;
      }

      @Override
      public ParsedRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ParsedRecord r = next;
        next = null;
        return r;
      }
    };
  }

  private ParsedRecord parse(String line, long lineNo) {
    Matcher m = compiled.matcher(line);
    if (!m.find()) {
      return ParsedRecord.failed(
          "the line does not match the grok pattern of logFormat '" + logFormat + "'",
          lineNo,
          line);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Capture c : captures) {
      String v = m.group(c.group());
      Object value = v == null || v.equals(missing) ? null : strict ? v : typed(v, c.type());
      // a field the pattern names twice keeps the value it matched
      if (value != null || !fields.containsKey(c.field())) {
        fields.put(c.field(), value);
      }
    }
    return ParsedRecord.ok(fields, lineNo, line);
  }

  /** The value as the capture's type; a value that does not convert stays text. */
  private static Object typed(String v, DataType type) {
    if (type == Types.STRING) {
      return v;
    }
    try {
      Object converted = ValueConverter.convert(v.strip(), type, "");
      if (converted instanceof Long
          || converted instanceof Integer
          || converted instanceof Double
          || converted instanceof Boolean) {
        return converted;
      }
      return new JsonValues.Typed(converted, type);
    } catch (ValueConverter.ConversionException | RuntimeException e) {
      return v;
    }
  }
}
