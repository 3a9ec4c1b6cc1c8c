package io.dynaframe.internal.io;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.TextSpan;
import com.amazon.ion.system.IonReaderBuilder;
import com.amazon.ion.system.IonTextWriterBuilder;
import io.dynaframe.SourceException;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Amazon Ion records (Glue's format {@code ion}): each top-level struct of a file, text or binary
 * (the reader tells them apart by the binary version marker), is a record. Values keep Ion's types
 * as far as the frame's types go: int as int or long (a larger one as a decimal), float as double,
 * decimal as decimal, timestamp as timestamp, string and symbol as string, blob as binary, clob as
 * string, list and sexp as array, struct as struct; annotations are dropped. A top-level value that
 * is not a struct is an error record; text that is not valid Ion is an error record with its line
 * (text Ion), after which the rest of the file is not read.
 */
final class IonFormat implements RecordFormat {
  private static final long serialVersionUID = 1L;

  /** The artifact that reads Ion. */
  static final String ARTIFACT = "com.amazon.ion:ion-java";

  /** The version of {@link #ARTIFACT} dynaframe is built and tested with (the pom's). */
  static final String VERSION = "1.11.9";

  @Override
  public boolean readsBytes() {
    return true;
  }

  @Override
  public Iterator<ParsedRecord> records(Reader text, String file, Part part) {
    throw new UnsupportedOperationException("Ion is read from bytes");
  }

  @Override
  public Iterator<ParsedRecord> records(InputStream bytes, String file) {
    IonReader reader = IonReaderBuilder.standard().build(bytes);
    TextSpanSource spans = new TextSpanSource(reader);
    return new Iterator<>() {
      private ParsedRecord next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          long line = spans.line();
          try {
            IonType type = reader.next();
            if (type == null) {
              done = true;
              close();
              return false;
            }
            line = spans.line();
            if (type != IonType.STRUCT || reader.isNullValue()) {
              String raw = text(reader);
              next =
                  ParsedRecord.failed(
                      "an Ion record must be a struct, found "
                          + (reader.isNullValue() ? "null" : type.name().toLowerCase()),
                      line,
                      raw);
            } else {
              @SuppressWarnings("unchecked")
              Map<String, Object> fields = (Map<String, Object>) read(reader, 0);
              next = ParsedRecord.ok(fields, line, spans.lastLine(line), null);
            }
          } catch (JsonValues.OutOfRange e) {
            next =
                ParsedRecord.failed(
                    e.getMessage() + "; the rest of the file after this point was not read",
                    line,
                    null);
            done = true;
            close();
          } catch (RuntimeException e) {
            if (e instanceof SourceException) {
              throw e;
            }
            next =
                ParsedRecord.failed(
                    "malformed Ion: "
                        + firstLine(e)
                        + "; the rest of the file after this point was not read",
                    line,
                    null);
            done = true;
            close();
          }
        }
        return next != null;
      }

      private void close() {
        try {
          reader.close();
        } catch (IOException e) {
          // the file is closed by the source
        }
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

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The current value as Ion text (for an error record's input). */
  private static String text(IonReader reader) {
    StringBuilder out = new StringBuilder();
    try (IonWriter w = IonTextWriterBuilder.standard().build(out)) {
      w.writeValue(reader);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return out.toString();
  }

  /** How deep values may nest (as JSON records). */
  private static final int MAX_DEPTH = JsonFormat.MAX_DEPTH;

  /** The current value, read whole. */
  private static Object read(IonReader r, int depth) throws JsonValues.OutOfRange {
    if (r.isNullValue()) {
      return null;
    }
    IonType type = r.getType();
    switch (type) {
      case BOOL:
        return r.booleanValue();
      case INT:
        switch (r.getIntegerSize()) {
          case INT:
            return r.intValue();
          case LONG:
            return r.longValue();
          default:
            {
              BigDecimal b = new BigDecimal(r.bigIntegerValue());
              return decimal(b);
            }
        }
      case FLOAT:
        return r.doubleValue();
      case DECIMAL:
        return decimal(r.bigDecimalValue());
      case TIMESTAMP:
        return new JsonValues.Typed(
            new java.sql.Timestamp(r.timestampValue().getMillis()), Types.TIMESTAMP);
      case STRING:
      case SYMBOL:
        return r.stringValue();
      case CLOB:
        return new String(r.newBytes(), java.nio.charset.StandardCharsets.UTF_8);
      case BLOB:
        return new JsonValues.Typed(r.newBytes(), Types.BINARY);
      case LIST:
      case SEXP:
        {
          checkDepth(depth);
          List<Object> out = new ArrayList<>();
          r.stepIn();
          while (r.next() != null) {
            out.add(read(r, depth + 1));
          }
          r.stepOut();
          return out;
        }
      case STRUCT:
        {
          checkDepth(depth);
          Map<String, Object> out = new LinkedHashMap<>();
          r.stepIn();
          while (r.next() != null) {
            String name = r.getFieldName();
            out.put(name, read(r, depth + 1));
          }
          r.stepOut();
          return out;
        }
      default:
        return null;
    }
  }

  private static void checkDepth(int depth) throws JsonValues.OutOfRange {
    if (depth >= MAX_DEPTH) {
      throw new JsonValues.OutOfRange(
          "Ion nested deeper than "
              + MAX_DEPTH
              + " levels; a record may nest structs and lists at most "
              + MAX_DEPTH
              + " levels deep");
    }
  }

  private static Object decimal(BigDecimal b) throws JsonValues.OutOfRange {
    int scale = Math.max(0, b.scale());
    BigDecimal v = b.scale() < 0 ? b.setScale(0) : b;
    int precision = Math.max(v.precision(), scale);
    if (precision > JsonValues.MAX_DECIMAL_DIGITS) {
      throw new JsonValues.OutOfRange(
          "the Ion number "
              + b
              + " has "
              + precision
              + " digits, more than the "
              + JsonValues.MAX_DECIMAL_DIGITS
              + " of a decimal");
    }
    return new JsonValues.Typed(v, Types.decimal(precision, scale));
  }

  /** The lines of text Ion values, where the reader knows them (0 for binary Ion). */
  private static final class TextSpanSource {
    private final com.amazon.ion.SpanProvider spans;

    TextSpanSource(IonReader reader) {
      com.amazon.ion.SpanProvider p;
      try {
        p = com.amazon.ion.facet.Facets.asFacet(com.amazon.ion.SpanProvider.class, reader);
      } catch (RuntimeException e) {
        p = null;
      }
      this.spans = p;
    }

    long line() {
      try {
        if (spans != null && spans.currentSpan() instanceof TextSpan t) {
          return t.getStartLine();
        }
      } catch (RuntimeException e) {
        // no value yet, or a binary reader
      }
      return 0;
    }

    long lastLine(long first) {
      try {
        if (spans != null && spans.currentSpan() instanceof TextSpan t) {
          return Math.max(first, t.getFinishLine());
        }
      } catch (RuntimeException e) {
        // as above
      }
      return first;
    }
  }
}
