package io.dynaframe.internal.io;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * CSV records with Glue's format options. As Glue reads CSV with {@code from_options}, every value
 * is a string (an unquoted empty field is null). Two other typings:
 *
 * <ul>
 *   <li>with the columns of a catalog table ({@code from_catalog}), the table's column names are
 *       given to the fields by position and each value is converted to its column's type; a value
 *       that does not fit stays a string, so that the column becomes a choice of the two, as Glue
 *       prints it ({@code choice {long, string}});
 *   <li>with dynaframe's format option {@value #TYPED_VALUES}, each value is typed by itself: a
 *       whole number (without leading zeros) is a long, a decimal number a double, anything else a
 *       string.
 * </ul>
 *
 * <p>A row whose number of fields differs from the header's (or, without a header, from the file's
 * first row, or from the table's columns) is an error record.
 */
final class CsvFormat implements RecordFormat {
  private static final long serialVersionUID = 1L;

  private final char separator;
  private final char quote;
  private final char escape;
  private final boolean withHeader;
  private final boolean skipFirst;
  private final boolean typedValues;
  private final List<String> columnNames;
  private final List<DataType> columnTypes;
  private final boolean multiLine;

  /** dynaframe's format option that types each CSV value by itself (false by default). */
  static final String TYPED_VALUES = "typedValues";

  CsvFormat(
      String separator, String quoteChar, String escaper, boolean withHeader, boolean skipFirst) {
    this(separator, quoteChar, escaper, withHeader, skipFirst, false, null, null);
  }

  /** Without {@code multiLine}: see the constructor with it. */
  CsvFormat(
      String separator,
      String quoteChar,
      String escaper,
      boolean withHeader,
      boolean skipFirst,
      boolean typedValues,
      List<String> columnNames,
      List<DataType> columnTypes) {
    this(
        separator,
        quoteChar,
        escaper,
        withHeader,
        skipFirst,
        typedValues,
        columnNames,
        columnTypes,
        false);
  }

  /**
   * {@code columnNames} and {@code columnTypes} are a catalog table's columns, or null; {@code
   * typedValues} types each value by itself when there are none. Without {@code multiLine} (Glue's
   * default) a large file is read in parts cut at line breaks, each by its own task, as Glue and
   * Spark split it: a quoted value that holds a line break is then read whole only where it does
   * not cross the boundary of two parts (Glue: set {@code multiLine} when records span lines).
   */
  CsvFormat(
      String separator,
      String quoteChar,
      String escaper,
      boolean withHeader,
      boolean skipFirst,
      boolean typedValues,
      List<String> columnNames,
      List<DataType> columnTypes,
      boolean multiLine) {
    this.typedValues = typedValues;
    this.multiLine = multiLine;
    this.columnNames = columnNames == null ? null : List.copyOf(columnNames);
    this.columnTypes = columnTypes == null ? null : List.copyOf(columnTypes);
    this.separator = single("separator", separator, ',');
    this.quote =
        quoteChar != null && quoteChar.equals("-1") ? '\0' : single("quoteChar", quoteChar, '"');
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
      throw new IllegalArgumentException(
          "format option " + option + " must be one character, was '" + value + "'");
    }
    return v.charAt(0);
  }

  @Override
  public boolean splittable() {
    return !multiLine;
  }

  @Override
  public boolean valuesAreStrings() {
    return !typedValues && columnTypes == null;
  }

  @Override
  public Iterator<ParsedRecord> records(Reader text, String file, Part part) throws IOException {
    CsvParserSettings settings = settings(BUFFER);
    List<String> names = null;
    if (part.head() != null) {
      // a part of a large file: every part reads lines with the separator the parser finds at the
      // file's start (as a read of the whole file does), and a later part, which has no header of
      // its own, takes the columns of the file's first row (the header, or the first row's number
      // of fields)
      FileHead head = readHead(part.head());
      if (head.lineSeparator() != null) {
        settings.setLineSeparatorDetectionEnabled(false);
        settings.getFormat().setLineSeparator(head.lineSeparator());
      }
      names = part.first() ? null : columnNames != null ? columnNames : head.names();
    }
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(text);
    return new CsvIterator(parser, part, names);
  }

  /** The characters the parser reads ahead. */
  private static final int BUFFER = 1 << 20;

  /**
   * What the start of a file says: the column names its first row gives (after a skipped first
   * line; the header's, or {@code col0...} as many as the first row has fields) and the line
   * separator the parser detected; either null when the file has no row or its first row cannot be
   * parsed.
   */
  private record FileHead(List<String> names, String lineSeparator) {}

  private FileHead readHead(Head head) throws IOException {
    try (Reader r = head.open()) {
      CsvParser p = new CsvParser(settings(BUFFER));
      p.beginParsing(r);
      try {
        String[] row = p.parseNext();
        if (skipFirst && row != null) {
          row = p.parseNext();
        }
        com.univocity.parsers.csv.CsvFormat detected = p.getDetectedFormat();
        return new FileHead(
            row == null ? null : withHeader ? headerNames(row) : positionalNames(row.length),
            detected == null ? null : detected.getLineSeparatorString());
      } catch (TextParsingException e) {
        return new FileHead(null, null);
      } finally {
        p.stopParsing();
      }
    }
  }

  private CsvParserSettings settings(int bufferChars) {
    CsvParserSettings s = new CsvParserSettings();
    s.setInputBufferSize(bufferChars);
    s.getFormat().setDelimiter(separator);
    s.getFormat().setQuote(quote);
    s.getFormat().setQuoteEscape(escape);
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setComment('\0');
    // no comment lines at all: with '\0' as the comment character alone, a line that starts with a
    // NUL byte would be skipped without a trace
    s.setCommentProcessingEnabled(false);
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
    // read on the task's thread: the decoder's record of lines that are not UTF-8 is read there too
    s.setReadInputOnSeparateThread(false);
    return s;
  }

  /** A CSV value with its per-value type: Long, Double, String, or null. */
  static Object typed(String v) {
    if (v == null) {
      return null;
    }
    if (isLong(v)) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if ((v.indexOf('.') >= 0 || v.indexOf('e') >= 0 || v.indexOf('E') >= 0) && isDecimal(v)) {
      try {
        double d = Double.parseDouble(v);
        // beyond a double's range: the text, not infinity
        return Double.isInfinite(d) ? v : d;
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }

  /**
   * True when {@code v} is a whole number without leading zeros of at most 19 digits: {@code
   * [-+]?(0|[1-9][0-9]{0,18})}, checked without a regular expression (this runs for every value).
   */
  static boolean isLong(String v) {
    int n = v.length();
    int i = n > 0 && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    if (i >= n) {
      return false;
    }
    char c = v.charAt(i);
    if (c == '0') {
      return i + 1 == n;
    }
    if (c < '1' || c > '9' || n - i > 19) {
      return false;
    }
    return digits(v, i + 1) == n;
  }

  /**
   * True when {@code v} is a decimal number: {@code
   * [-+]?((0|[1-9][0-9]*)(\.[0-9]+)?|\.[0-9]+)([eE][-+]?[0-9]+)?}, checked without a regular
   * expression.
   */
  static boolean isDecimal(String v) {
    int n = v.length();
    int i = n > 0 && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    if (i >= n) {
      return false;
    }
    char c = v.charAt(i);
    if (c == '.') {
      int end = digits(v, i + 1);
      if (end == i + 1) {
        return false;
      }
      i = end;
    } else {
      if (c == '0') {
        i++;
      } else if (c >= '1' && c <= '9') {
        i = digits(v, i + 1);
      } else {
        return false;
      }
      if (i < n && v.charAt(i) == '.') {
        int end = digits(v, i + 1);
        if (end == i + 1) {
          return false;
        }
        i = end;
      }
    }
    if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
      i++;
      if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
        i++;
      }
      int end = digits(v, i);
      if (end == i) {
        return false;
      }
      i = end;
    }
    return i == n;
  }

  /** The index of the first character at or after {@code from} that is not an ASCII digit. */
  private static int digits(String v, int from) {
    int i = from;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /**
   * A value as its catalog column's type when it fits (a long as Long, an int as Integer, ...,
   * other types as {@link JsonValues.Typed}); else the text itself, which makes the column a
   * choice. An empty field of a column that is not a string is null.
   */
  static Object asColumn(String v, DataType type) {
    if (v == null || type == Types.STRING) {
      return v;
    }
    if (v.isEmpty()) {
      return null;
    }
    Object converted;
    try {
      converted = ValueConverter.convert(v, type, "");
    } catch (ValueConverter.ConversionException | RuntimeException e) {
      return v;
    }
    if (converted instanceof Long
        || converted instanceof Integer
        || converted instanceof Double
        || converted instanceof Boolean) {
      return converted;
    }
    return new JsonValues.Typed(converted, type);
  }

  private final class CsvIterator implements Iterator<ParsedRecord> {
    private final CsvParser parser;
    private final ParsingContext context;
    private final Part part;
    private final long linesBefore;
    private List<String> names;
    private FieldMap.Columns columns; // of columnsOf, made at the first row
    private List<String> columnsOf;
    private ParsedRecord next;
    private boolean done;
    private long lastEndLine;
    private Parsed lookahead;
    private TextParsingException lookaheadFailure;
    private boolean atEnd;

    /** {@code names}: the columns of a later part of a file, from the file's first row. */
    CsvIterator(CsvParser parser, Part part, List<String> names) {
      this.parser = parser;
      this.context = parser.getContext();
      this.part = part;
      this.names = names;
      this.linesBefore = part.firstLine() - 1;
      this.lastEndLine = linesBefore;
    }

    /**
     * The next row the parser gives, with what the context says about it; null at the end of the
     * file.
     */
    private Parsed fetch() {
      if (lookahead != null) {
        Parsed p = lookahead;
        lookahead = null;
        return p;
      }
      if (lookaheadFailure != null) {
        TextParsingException e = lookaheadFailure;
        lookaheadFailure = null;
        throw e;
      }
      if (atEnd) {
        return null;
      }
      String[] fields = parser.parseNext();
      if (fields == null) {
        atEnd = true;
        return null;
      }
      return new Parsed(
          fields,
          context.currentLine() + linesBefore,
          context.currentParsedContent(),
          context.currentRecord());
    }

    /** True when no row follows: the parser has reached the end of the file. */
    private boolean endFollows() {
      if (lookahead != null || lookaheadFailure != null) {
        return false;
      }
      try {
        lookahead = fetch();
      } catch (TextParsingException e) {
        lookaheadFailure = e;
        return false;
      }
      return lookahead == null;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        Parsed row;
        long start = lastEndLine + 1;
        try {
          row = fetch();
        } catch (TextParsingException e) {
          IOException io = ioCause(e);
          next =
              ParsedRecord.failed(
                  io != null
                      ? "cannot read the rest of the file from line " + start + ": " + describe(io)
                      : "malformed CSV: " + firstLine(e.getMessage()),
                  start,
                  null);
          done = true;
          parser.stopParsing();
          break;
        }
        if (row == null) {
          done = true;
          break;
        }
        String[] fields = row.fields();
        long end = row.endLine();
        String raw = row.raw();
        long newlines = 0;
        if (raw != null) {
          raw = raw.stripTrailing();
          newlines = count(raw, '\n');
          // the parser counts lines by the separator it detected in the first line (\r\n, say); a
          // file that mixes separators has more lines than it counts: never before the last record
          start = Math.max(lastEndLine + 1, end - newlines);
          end = Math.max(end, start + newlines);
        }
        // an odd number of quotes: a quoted field may have run to the end of the file
        boolean unclosed =
            raw != null
                && quote != '\0'
                && escape == quote
                && count(raw, quote) % 2 == 1
                && endFollows();
        if (unclosed) {
          start = lastEndLine + 1;
          end = start + newlines;
        }
        lastEndLine = end;
        if (part.first() && skipFirst && row.number() == 1) {
          continue;
        }
        if (names == null) {
          // a later part has its names from the file's head, unless that could not be read
          boolean header = withHeader && part.first();
          names =
              columnNames != null
                  ? columnNames
                  : header ? headerNames(fields) : positionalNames(fields.length);
          if (header) {
            continue;
          }
        }
        next =
            unclosed
                ? ParsedRecord.failed(
                    "a quoted field opened in line "
                        + start
                        + " is not closed: the quote runs to the end "
                        + (part.last()
                            ? "of the file, so the lines after it were read as part of this record"
                            : "of the part of the file one task reads (a large file is read in"
                                + " parts cut at line breaks; set the format option multiLine to"
                                + " true for quoted values that span lines)"),
                    start,
                    end,
                    raw)
                : toRecord(
                    fields,
                    start,
                    Math.max(start, end),
                    raw == null ? String.join(String.valueOf(separator), nonNull(fields)) : raw);
      }
      return next != null;
    }

    private ParsedRecord toRecord(String[] fields, long line, long lastLine, String raw) {
      if (fields.length != names.size()) {
        return ParsedRecord.failed(
            "expected "
                + names.size()
                + " fields"
                + (columnNames != null
                    ? " (the table's columns)"
                    : withHeader ? " (from the header)" : " (from the first row)")
                + ", found "
                + fields.length,
            line,
            lastLine,
            raw);
      }
      if (columnsOf != names) {
        columns = new FieldMap.Columns(names);
        columnsOf = names;
      }
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] =
            columnTypes != null
                ? asColumn(fields[i], columnTypes.get(i))
                : typedValues ? typed(fields[i]) : fields[i];
      }
      return ParsedRecord.ok(new FieldMap(columns, values), line, lastLine, raw);
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

  /**
   * One row as the parser gave it: its fields, the line it ends on, its text and its number in the
   * file.
   */
  private record Parsed(String[] fields, long endLine, String raw, long number) {}

  /** How many times {@code c} occurs in {@code s}. */
  private static long count(String s, char c) {
    long n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> nonNull(String[] fields) {
    List<String> out = new ArrayList<>(fields.length);
    for (String f : fields) {
      out.add(f == null ? "" : f);
    }
    return out;
  }

  /**
   * The I/O failure behind a parser's error (a truncated or unreadable file), if that is what it
   * is.
   */
  private static IOException ioCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  static String describe(IOException e) {
    String msg = e.getMessage();
    return (msg == null || msg.isBlank() ? "" : msg + " ")
        + "("
        + e.getClass().getSimpleName()
        + ")";
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

  /**
   * Fails when a header gave one column whose name holds another likely separator ({@code ;}, tab,
   * {@code |}, {@code ,}): the file is almost surely separated by that character, and every record
   * would otherwise be read as one long string.
   */
  void checkHeaderSplit(org.apache.spark.sql.types.StructType schema, String file) {
    if (!withHeader || columnNames != null || schema.fields().length != 1) {
      return;
    }
    String header = schema.fields()[0].name();
    for (char c : new char[] {';', '\t', '|', ','}) {
      if (c != separator && header.indexOf(c) >= 0) {
        String shown = c == '\t' ? "\\t" : String.valueOf(c);
        throw new io.dynaframe.SourceException(
            "the CSV header of "
                + file
                + " splits into one column, '"
                + header.replace("\t", "\\t")
                + "', with the separator '"
                + (separator == '\t' ? "\\t" : String.valueOf(separator))
                + "', but it holds '"
                + shown
                + "': is the file separated by '"
                + shown
                + "'? Set the format option separator, e.g. Options.of(\"withHeader\", true,"
                + " \"separator\", \""
                + shown
                + "\")");
      }
    }
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
