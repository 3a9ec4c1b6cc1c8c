package io.dynaframe.internal.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * JSON records: one object per line by default (JSON Lines), or whole documents with {@code
 * multiLine}; {@code jsonPath} picks the records out of each document. A line that is not valid
 * JSON, or not an object, is an error record with its line number and text.
 */
final class JsonFormat implements RecordFormat {
  private static final long serialVersionUID = 1L;

  /**
   * How deep objects and arrays may nest in one record. Deeper records are error records: Spark's
   * schemas, plans and generated code recurse once per level, and a record nested a thousand levels
   * deep would overflow their stacks instead of failing with a reason.
   */
  static final int MAX_DEPTH = 100;

  private final boolean multiLine;
  private final JsonPathSelector jsonPath;

  JsonFormat(boolean multiLine, String jsonPath) {
    this.multiLine = multiLine;
    this.jsonPath =
        jsonPath == null || jsonPath.isBlank() ? null : JsonPathSelector.parse(jsonPath);
  }

  private static JsonFactory factory() {
    // NaN, Infinity and -Infinity as Python's json module writes them and Spark's reader accepts
    JsonFactory f = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    f.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(10_000)
            .build());
    return f;
  }

  @Override
  public Iterator<ParsedRecord> records(Reader text, String file, Part part) {
    return multiLine
        ? new DocumentIterator(text)
        : new LineIterator((BufferedReader) text, part.firstLine() - 1);
  }

  @Override
  public boolean splittable() {
    return !multiLine;
  }

  /** Adds the records selected from one parsed document to {@code out}. */
  private void emit(Object doc, long line, long lastLine, String raw, Deque<ParsedRecord> out) {
    List<Object> selected =
        jsonPath == null ? List.of(doc == null ? "null" : doc) : jsonPath.select(doc);
    if (jsonPath == null && doc == null) {
      out.add(
          ParsedRecord.failed("a JSON record must be an object, found null", line, lastLine, raw));
      return;
    }
    for (Object v : selected) {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) m;
        out.add(ParsedRecord.ok(fields, line, lastLine, selected.size() == 1 ? raw : null));
      } else {
        out.add(
            ParsedRecord.failed(
                "a JSON record must be an object, found "
                    + JsonValues.kindOf(v)
                    + (jsonPath == null ? "" : " at jsonPath " + jsonPath),
                line,
                lastLine,
                raw));
      }
    }
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    if (e instanceof StreamConstraintsException
        && e.getOriginalMessage().contains("nesting depth")) {
      return "JSON nested deeper than "
          + MAX_DEPTH
          + " levels"
          + (at == null ? "" : " (at column " + at.getColumnNr() + ")")
          + "; a record may nest objects and arrays at most "
          + MAX_DEPTH
          + " levels deep";
    }
    String msg = e.getOriginalMessage();
    int marker = msg.indexOf(" (start marker at");
    if (marker >= 0) {
      msg = msg.substring(0, marker);
    }
    int nl = msg.indexOf('\n');
    if (nl >= 0) {
      msg = msg.substring(0, nl);
    }
    JsonLocation loc = e.getLocation();
    return "malformed JSON" + (loc == null ? "" : " at column " + loc.getColumnNr()) + ": " + msg;
  }

  private final class LineIterator implements Iterator<ParsedRecord> {
    private final BufferedReader reader;
    private final JsonFactory json = factory();
    private final Deque<ParsedRecord> pending = new ArrayDeque<>();
    private long lineNo;
    private boolean done;

    /** {@code linesBefore}: the lines of the file before the text's first line. */
    LineIterator(BufferedReader reader, long linesBefore) {
      this.reader = reader;
      this.lineNo = linesBefore;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !done) {
        String line;
        try {
          line = reader.readLine();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        if (line == null) {
          done = true;
          break;
        }
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        parseLine(line);
      }
      return !pending.isEmpty();
    }

    private void parseLine(String line) {
      try (JsonParser p = json.createParser(line)) {
        JsonToken first = p.nextToken();
        Object doc = JsonValues.read(p);
        if (p.nextToken() != null) {
          pending.add(
              ParsedRecord.failed(
                  "malformed JSON at column "
                      + p.currentLocation().getColumnNr()
                      + ": unexpected content after the first JSON value",
                  lineNo,
                  line));
          return;
        }
        if (jsonPath == null && first != JsonToken.START_OBJECT) {
          pending.add(
              ParsedRecord.failed(
                  "a JSON record must be an object, found " + JsonValues.kindOf(doc),
                  lineNo,
                  line));
          return;
        }
        emit(doc, lineNo, lineNo, line, pending);
      } catch (JsonProcessingException e) {
        pending.add(ParsedRecord.failed(describe(e), lineNo, line, readBefore(line)));
      } catch (JsonValues.OutOfRange e) {
        pending.add(ParsedRecord.failed(e.getMessage(), lineNo, line, readBefore(line)));
      } catch (IOException e) {
        pending.add(ParsedRecord.failed("unreadable JSON: " + e.getMessage(), lineNo, line));
      }
    }

    /**
     * The top-level fields of a malformed line that were read whole before the failure, in order
     * (Glue's {@code dynamicRecord} of its reader's error: {@code {"id": 2, "name": "benjamin",}}
     * gives {@code id} and {@code name}); empty when the line is not an object or fails at once.
     */
    private Map<String, Object> readBefore(String line) {
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      try (JsonParser p = json.createParser(line)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return fields;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          fields.put(name, JsonValues.read(p));
        }
      } catch (IOException | RuntimeException e) {
        // the failure the record is reported for; what was read before it is kept
      }
      return fields;
    }

    @Override
    public ParsedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }
  }

  private final class DocumentIterator implements Iterator<ParsedRecord> {
    private final JsonParser parser;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<ParsedRecord> pending = new ArrayDeque<>();
    private boolean inTopArray;
    private boolean done;

    DocumentIterator(Reader text) {
      try {
        this.parser = factory().createParser(text);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !done) {
        long line = parser.currentLocation().getLineNr();
        try {
          JsonToken t = parser.nextToken();
          line = parser.currentTokenLocation().getLineNr();
          if (t == null) {
            done = true;
          } else if (inTopArray && t == JsonToken.END_ARRAY) {
            inTopArray = false;
          } else if (!inTopArray && t == JsonToken.START_ARRAY && jsonPath == null) {
            inTopArray = true;
          } else {
            boolean scalar = t.isScalarValue();
            Object doc = JsonValues.read(parser);
            // a scalar sits on one line; after a number at the top level Jackson has already
            // consumed the white space that ends it, which may be the line break
            long last = scalar ? line : parser.currentLocation().getLineNr();
            String raw = mapper.writeValueAsString(doc);
            if (jsonPath == null && !(doc instanceof Map)) {
              pending.add(
                  ParsedRecord.failed(
                      "a JSON record must be an object, found " + JsonValues.kindOf(doc),
                      line,
                      last,
                      raw));
            } else {
              emit(doc, line, last, raw, pending);
            }
          }
        } catch (JsonProcessingException e) {
          JsonLocation loc = e.getLocation();
          // the input ended inside a record: the record's first line (Jackson names the line after
          // the last line break)
          boolean ended =
              e instanceof JsonEOFException
                  || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
          long at = loc == null || ended ? line : loc.getLineNr();
          pending.add(
              ParsedRecord.failed(
                  describe(e) + "; the rest of the file after this point was not read", at, null));
          done = true;
        } catch (JsonValues.OutOfRange e) {
          pending.add(
              ParsedRecord.failed(
                  e.getMessage() + "; the rest of the file after this point was not read",
                  // the number's own line: after a top-level number the parser is past its end
                  parser.currentTokenLocation().getLineNr(),
                  null));
          done = true;
        } catch (IOException e) {
          pending.add(ParsedRecord.failed("unreadable JSON: " + e.getMessage(), line, null));
          done = true;
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public ParsedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }
  }
}
