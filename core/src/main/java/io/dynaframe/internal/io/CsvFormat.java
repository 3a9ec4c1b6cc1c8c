package io.dynaframe.internal.io;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CSV records with Glue's format options, typed per value: a whole number (without leading
 * zeros) is a long, a decimal number a double, an unquoted empty field null, anything else
 * a string. A row whose number of fields differs from the header's (or, without a header,
 * from the file's first row) is an error record.
 */
final class CsvFormat implements RecordFormat {
  private static final long serialVersionUID = 1L;
  private static final Pattern LONG = Pattern.compile("[-+]?(0|[1-9][0-9]{0,18})");
  private static final Pattern DOUBLE = Pattern.compile("[-+]?(0|[1-9][0-9]*)?(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final char separator;
  private final char quote;
  private final char escape;
  private final boolean withHeader;
  private final boolean skipFirst;

  CsvFormat(String separator, String quoteChar, String escaper, boolean withHeader, boolean skipFirst) {
    this.separator = single("separator", separator, ',');
    this.quote = quoteChar != null && quoteChar.equals("-1") ? '\0' : single("quoteChar", quoteChar, '"');
    this.escape = single("escaper", escaper, this.quote == '\0' ? '\\' : this.quote);
    this.withHeader = withHeader;
    this.skipFirst = skipFirst;
  }

  private static char single(String option, String value, char dflt) {
    if (value == null || value.isEmpty()) {
      return dflt;
    }
    String v = value.equals("\\t") ? "\t" : value;
    if (v.length() != 1) {
      throw new IllegalArgumentException("format option " + option + " must be one character, was '" + value + "'");
    }
    return v.charAt(0);
  }

  @Override
  public Iterator<ParsedRecord> records(Reader text, String file) {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(separator);
    s.getFormat().setQuote(quote);
    s.getFormat().setQuoteEscape(escape);
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setComment('\0');
    s.setLineSeparatorDetectionEnabled(true);
    s.setMaxCharsPerColumn(-1);
    s.setMaxColumns(100_000);
    s.setNullValue(null);
    s.setEmptyValue("");
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setSkipEmptyLines(true);
    s.setHeaderExtractionEnabled(false);
    s.setErrorContentLength(200);
    CsvParser parser = new CsvParser(s);
    parser.beginParsing(text);
    return new CsvIterator(parser);
  }

  /** A CSV value with its per-value type: Long, Double, String, or null. */
  static Object typed(String v) {
    if (v == null) {
      return null;
    }
    if (!v.isEmpty() && v.length() <= 20 && LONG.matcher(v).matches()) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (!v.isEmpty() && (v.indexOf('.') >= 0 || v.indexOf('e') >= 0 || v.indexOf('E') >= 0)
        && DOUBLE.matcher(v).matches() && Character.isDigit(v.charAt(v.length() - 1))) {
      return Double.parseDouble(v);
    }
    return v;
  }

  private final class CsvIterator implements Iterator<ParsedRecord> {
    private final CsvParser parser;
    private final ParsingContext context;
    private List<String> names;
    private ParsedRecord next;
    private boolean done;
    private long lastEndLine;

    CsvIterator(CsvParser parser) {
      this.parser = parser;
      this.context = parser.getContext();
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        String[] fields;
        long start = lastEndLine + 1;
        try {
          fields = parser.parseNext();
        } catch (TextParsingException e) {
          next = ParsedRecord.failed("malformed CSV: " + firstLine(e.getMessage()), start, null);
          done = true;
          parser.stopParsing();
          break;
        }
        if (fields == null) {
          done = true;
          break;
        }
        long end = context.currentLine();
        String raw = context.currentParsedContent();
        if (raw != null) {
          raw = raw.stripTrailing();
          start = end - raw.chars().filter(c -> c == '\n').count();
        }
        lastEndLine = end;
        if (skipFirst && context.currentRecord() == 1) {
          continue;
        }
        if (names == null) {
          names = withHeader ? headerNames(fields) : positionalNames(fields.length);
          if (withHeader) {
            continue;
          }
        }
        next = toRecord(fields, start, raw == null ? String.join(String.valueOf(separator), nonNull(fields)) : raw);
      }
      return next != null;
    }

    private ParsedRecord toRecord(String[] fields, long line, String raw) {
      if (fields.length != names.size()) {
        return ParsedRecord.failed("expected " + names.size() + " fields" + (withHeader ? " (from the header)" : " (from the first row)")
            + ", found " + fields.length, line, raw);
      }
      Map<String, Object> m = new LinkedHashMap<>(names.size() * 2);
      for (int i = 0; i < fields.length; i++) {
        m.put(names.get(i), typed(fields[i]));
      }
      return ParsedRecord.ok(m, line, raw);
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
  }

  private static List<String> nonNull(String[] fields) {
    List<String> out = new ArrayList<>(fields.length);
    for (String f : fields) {
      out.add(f == null ? "" : f);
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static List<String> positionalNames(int n) {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add("col" + i);
    }
    return names;
  }

  /** Header names; blanks become {@code col<i>}, repeats get {@code _<i>} appended. */
  static List<String> headerNames(String[] header) {
    List<String> names = new ArrayList<>(header.length);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String n = header[i] == null || header[i].isBlank() ? "col" + i : header[i];
      if (!seen.add(n)) {
        n = n + "_" + i;
        seen.add(n);
      }
      names.add(n);
    }
    return names;
  }
}
