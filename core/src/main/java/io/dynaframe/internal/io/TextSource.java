package io.dynaframe.internal.io;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.InputFile;
import io.dynaframe.SourceException;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads JSON or CSV files with per-value typing, in the same number of passes as Spark's own
 * readers with schema inference: one Spark job merges the types of all records into the frame's
 * schema (choices where records disagree), and the frame's rows are parsed again, lazily, when an
 * action runs. Bad records become error records on the way.
 */
final class TextSource {
  private TextSource() {}

  /**
   * What a source adds to reading records: the columns of {@code attachFilename} and {@code
   * attachTimestamp} (null: none), and {@code isFailFast}.
   */
  record Extras(String filenameColumn, String timestampColumn, boolean failFast)
      implements java.io.Serializable {
    static final Extras NONE = new Extras(null, null, false);

    int columns() {
      return (filenameColumn == null ? 0 : 1) + (timestampColumn == null ? 0 : 1);
    }
  }

  static DynamicFrame read(
      DynaContext ctx,
      List<InputFile> files,
      RecordFormat format,
      String compressionType,
      long groupBytes,
      StructType declared,
      String name,
      String transformationContext) {
    return read(
        ctx,
        files,
        format,
        compressionType,
        groupBytes,
        declared,
        name,
        transformationContext,
        Extras.NONE);
  }

  static DynamicFrame read(
      DynaContext ctx,
      List<InputFile> files,
      RecordFormat format,
      String compressionType,
      long groupBytes,
      StructType declared,
      String name,
      String transformationContext,
      Extras extras) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    SerializableConf conf = new SerializableConf(ctx.spark().sessionState().newHadoopConf());
    if (files.isEmpty()) {
      return DynamicFrame.fromDF(
              ctx.spark()
                  .createDataFrame(
                      List.of(),
                      declared == null
                          ? DataTypes.createStructType(List.of())
                          : SparkTypes.toSpark(declared)),
              ctx,
              name)
          .withTransformationContext(transformationContext);
    }
    // large files are read in parts only where the schema pass runs: it counts each part's lines,
    // which gives every later part the number of its first line in the file
    long splitBytes = declared == null && format.splittable() ? splitBytes(ctx, files) : 0;
    List<FilePart> parts =
        FilePart.plan(
            files, splitBytes, f -> !TextFiles.compressed(f.path(), conf.get(), compressionType));
    // a task reads at most a split's bytes, as in Spark (with Spark's defaults the group size is
    // the smaller one anyway)
    List<List<FilePart>> groups =
        FileGroups.pack(
            parts,
            FilePart::length,
            splitBytes > 0 ? Math.min(groupBytes, splitBytes) : groupBytes);
    StructType schema = declared;
    if (schema == null) {
      // merged in partition (file) order, so that fields keep the order in which the files
      // first show them, however the tasks happen to finish
      DataType merged = Types.NULL;
      Map<FilePart, Long> lines = new HashMap<>();
      List<Inferred> inferred;
      try {
        inferred =
            jsc.parallelize(groups, groups.size())
                .mapPartitions(new Infer(format, conf, compressionType, extras.failFast()))
                .collect();
      } catch (Exception e) { // Spark's SparkException is checked, and thrown unchecked
        throw failedFast(e);
      }
      for (Inferred t : inferred) {
        merged = Types.merge(merged, t.type());
        lines.putAll(t.lines());
      }
      schema = merged instanceof StructType s ? s : Types.struct();
      groups = numberLines(groups, lines);
    }
    String step =
        transformationContext == null || transformationContext.isEmpty()
            ? name
            : transformationContext;
    org.apache.spark.sql.types.StructType sparkSchema = SparkTypes.toSpark(schema);
    for (String[] c :
        new String[][] {
          {"attachFilename", extras.filenameColumn()}, {"attachTimestamp", extras.timestampColumn()}
        }) {
      if (c[1] == null) {
        continue;
      }
      if (schema.field(c[1]).isPresent()) {
        throw new SourceException(
            "connection option "
                + c[0]
                + " names the column '"
                + c[1]
                + "', which the records already hold; choose another name");
      }
      sparkSchema =
          sparkSchema.add(
              c[1],
              c[0].equals("attachFilename") ? DataTypes.StringType : DataTypes.LongType,
              true);
    }
    sparkSchema = sparkSchema.add(ErrorRecords.COLUMN, ErrorRecords.SCHEMA, true);
    HashMap<String, Long> times = new HashMap<>();
    if (extras.timestampColumn() != null) {
      files.forEach(f -> times.put(f.path(), f.modificationTime()));
    }
    JavaRDD<Row> rows =
        jsc.parallelize(groups, groups.size())
            .mapPartitions(new Parse(format, conf, compressionType, schema, step, extras, times));
    Dataset<Row> staged = ctx.spark().createDataFrame(rows, sparkSchema);
    return DynamicFrame.fromStaged(staged, ctx, name, transformationContext);
  }

  /**
   * The {@link SourceException} of {@code isFailFast} a task threw, as the driver's own exception
   * (Spark wraps it); any other failure as it is.
   */
  static RuntimeException failedFast(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SourceException s && s.getMessage().startsWith(FAIL_FAST)) {
        return new SourceException(s.getMessage(), e);
      }
      // Spark keeps the task's exception only as text in its message
      String m = t.getMessage();
      String marker = SourceException.class.getName() + ": " + FAIL_FAST;
      int at = m == null ? -1 : m.indexOf(marker);
      if (at >= 0) {
        int from = at + SourceException.class.getName().length() + 2;
        int to = m.indexOf('\n', from);
        return new SourceException(to < 0 ? m.substring(from) : m.substring(from, to), e);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return TextSource.<RuntimeException>rethrow(e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> T rethrow(Exception e) throws T {
    throw (T) e;
  }

  private static final String FAIL_FAST = "isFailFast: ";

  /** The exception of {@code isFailFast} for a malformed record. */
  static SourceException malformed(String file, long line, String reason) {
    return new SourceException(
        FAIL_FAST
            + "malformed record in "
            + file
            + (line > 0 ? " at line " + line : "")
            + ": "
            + reason
            + " (without isFailFast it would be an error record)");
  }

  /** Spark's split size for these files, from the session's settings. */
  private static long splitBytes(DynaContext ctx, List<InputFile> files) {
    org.apache.spark.sql.internal.SQLConf sql = ctx.spark().sessionState().conf();
    int cores =
        sql.filesMinPartitionNum().isDefined()
            ? ((Number) sql.filesMinPartitionNum().get()).intValue()
            : Integer.parseInt(
                ctx.spark()
                    .conf()
                    .get(
                        "spark.sql.leafNodeDefaultParallelism",
                        String.valueOf(ctx.spark().sparkContext().defaultParallelism())));
    return FilePart.maxSplitBytes(
        files, sql.filesMaxPartitionBytes(), sql.filesOpenCostInBytes(), cores);
  }

  /**
   * The groups with the first line of every later part of a file: 1 plus the line breaks the schema
   * pass counted in the parts before it. A file whose line breaks could not all be counted (a part
   * that failed to read) is read whole by one task instead, in the group of its first part, so that
   * its error records still name exact lines.
   */
  static List<List<FilePart>> numberLines(List<List<FilePart>> groups, Map<FilePart, Long> lines) {
    Map<String, long[]> firstLines = new HashMap<>();
    for (List<FilePart> g : groups) {
      for (FilePart p : g) {
        if (p.whole()) {
          continue;
        }
        long[] first = firstLines.computeIfAbsent(p.path(), k -> new long[p.parts()]);
        Long n = lines.get(p);
        // parts come in file order; -1: the rest of the file cannot be numbered
        if (p.index() + 1 < p.parts()) {
          first[p.index() + 1] =
              n == null || n < 0 || (p.index() > 0 && first[p.index()] < 0)
                  ? -1
                  : (p.index() == 0 ? 1 : first[p.index()]) + n;
        }
      }
    }
    List<List<FilePart>> out = new ArrayList<>();
    for (List<FilePart> g : groups) {
      List<FilePart> numbered = new ArrayList<>();
      for (FilePart p : g) {
        if (p.whole()) {
          numbered.add(p);
          continue;
        }
        long[] first = firstLines.get(p.path());
        boolean exact = true;
        for (int i = 1; i < first.length; i++) {
          exact &= first[i] > 0;
        }
        if (exact) {
          numbered.add(p.withFirstLine(p.index() == 0 ? 1 : first[p.index()]));
        } else if (p.index() == 0) {
          numbered.add(FilePart.whole(p.path(), 0));
        }
      }
      if (!numbered.isEmpty()) {
        out.add(numbered);
      }
    }
    return out;
  }

  /**
   * The records of one file, or of one part of a file, in order. Nothing a file holds escapes as an
   * exception: a file that cannot be opened, a read that fails part way (a truncated gzip), and
   * lines that are not UTF-8 all become error records naming the file and, where there is one, the
   * line. A failure of the storage itself (the network or the object store's client failing after
   * its retries) is not a property of the file: it stops the task with a {@link SourceException},
   * so that the run fails instead of dropping the rest of the file into an error record while the
   * bookmark moves past it.
   */
  private static final class PartRecords implements Iterator<FileRecord> {
    private final FilePart part;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;
    private final String file;
    private TextFiles.Text text;
    private java.io.InputStream bytes; // a format that reads bytes: the open file
    private Iterator<ParsedRecord> current = Collections.emptyIterator();
    private final Deque<FileRecord> pending = new ArrayDeque<>();
    private final Set<Long> reported = new HashSet<>();
    private long lastLine; // the last line the records so far reach
    private boolean opened;
    private boolean done;
    private boolean failed;
    private long lineBreaks = -1;

    PartRecords(FilePart part, RecordFormat format, SerializableConf conf, String compression) {
      this.part = part;
      this.format = format;
      this.conf = conf;
      this.compression = compression;
      this.file = part.path();
    }

    /**
     * Ends the part without parsing the rest of its records; their line breaks are still counted.
     */
    void skipRest() {
      current = Collections.emptyIterator();
      pending.clear();
      done = true;
    }

    /**
     * After the last record: the line breaks in the part's text, or -1 when they could not all be
     * counted (the part failed to read).
     */
    long lineBreaks() {
      return lineBreaks;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty()) {
        if (!opened) {
          open();
        } else if (!done) {
          advance();
        } else {
          closeCurrent();
          return false;
        }
      }
      return true;
    }

    /** The first line of the part; 1 in the schema pass, where later parts do not know it yet. */
    private long firstLine() {
      return part.firstLine() > 0 ? part.firstLine() : 1;
    }

    private void open() {
      opened = true;
      lastLine = firstLine() - 1;
      try {
        if (format.readsBytes()) {
          bytes = TextFiles.openBytes(file, conf.get(), compression);
          current = format.records(bytes, file);
        } else if (part.whole()) {
          text = TextFiles.open(file, conf.get(), compression);
          current = format.records(text.reader(), file);
        } else {
          text = TextFiles.open(file, conf.get(), part.start(), part.end(), firstLine());
          current =
              format.records(
                  text.reader(),
                  file,
                  new RecordFormat.Part(
                      firstLine(),
                      part.index() == 0,
                      part.index() == part.parts() - 1,
                      () -> TextFiles.open(file, conf.get(), compression).reader()));
        }
      } catch (IOException | RuntimeException e) {
        stopOnStorageFailure(file, lastLine + 1, e);
        failFile(
            "cannot read the file"
                + (part.whole() ? "" : range(lastLine + 1))
                + ": "
                + describe(e instanceof UncheckedIOException u ? u.getCause() : e),
            part.whole() ? 0 : lastLine + 1);
      }
    }

    /** For a part that is not the file's last: the lines of it from {@code from}. */
    private String range(long from) {
      return part.whole() || part.index() == part.parts() - 1
          ? " from line " + from
          : " from line "
              + from
              + " to the end of its part "
              + (part.index() + 1)
              + " of "
              + part.parts()
              + " (bytes "
              + part.start()
              + " to "
              + part.end()
              + ")";
    }

    /** Moves the next record into {@code pending}, or finishes the part. */
    private void advance() {
      try {
        if (current.hasNext()) {
          ParsedRecord r = current.next();
          lastLine = Math.max(lastLine, r.lastLine());
          pending.add(record(checkEncoding(r)));
          return;
        }
      } catch (UncheckedIOException e) {
        stopOnStorageFailure(file, lastLine + 1, e);
        failFile(
            "cannot read the rest of the file"
                + range(lastLine + 1)
                + ": "
                + describe(e.getCause()),
            lastLine + 1);
        return;
      } catch (RuntimeException e) {
        stopOnStorageFailure(file, lastLine + 1, e);
        failFile(
            (ioCause(e) != null ? "cannot read" : "cannot parse")
                + " the rest of the file"
                + range(lastLine + 1)
                + ": "
                + describe(e),
            lastLine + 1);
        return;
      }
      done = true;
      reportUnclaimedLines(Long.MAX_VALUE);
    }

    private void failFile(String reason, long line) {
      current = Collections.emptyIterator();
      done = true;
      failed = true;
      reportUnclaimedLines(line - 1);
      pending.add(record(ParsedRecord.failed(reason, line, null)));
    }

    /** The record of the current file, with the bytes of it read so far. */
    private FileRecord record(ParsedRecord r) {
      return new FileRecord(file, r, text == null ? null : text.decoder().bytesRead());
    }

    /**
     * A record that holds bytes that are not UTF-8 becomes an error record, whatever it parsed to.
     */
    private ParsedRecord checkEncoding(ParsedRecord r) {
      if (text == null || r.line() <= 0) {
        return r;
      }
      Set<Long> bad = text.decoder().malformedLines(r.line(), r.lastLine());
      if (bad.isEmpty()) {
        return r;
      }
      reported.addAll(bad);
      return r.asError(notUtf8(bad) + "; the record is not read");
    }

    /**
     * Lines up to {@code upTo} that were not UTF-8 but belong to no record (a CSV header, a skipped
     * line).
     */
    private void reportUnclaimedLines(long upTo) {
      if (text == null) {
        return;
      }
      for (long l : text.decoder().malformedLines()) {
        if (l <= upTo && reported.add(l)) {
          pending.add(
              record(
                  ParsedRecord.failed(
                      notUtf8(Set.of(l)) + ", and it holds no record (a header or a skipped line)",
                      l,
                      null)));
        }
      }
    }

    private void closeCurrent() {
      if (bytes != null) {
        try {
          bytes.close();
        } catch (IOException e) {
          // nothing more to read from it
        }
        bytes = null;
      }
      if (text == null) {
        return;
      }
      try {
        if (!failed && !part.whole()) {
          // the format may stop before the end of the text (a CSV parser after a malformed row):
          // the rest still counts; a reader the format closed leaves the count unknown
          char[] rest = new char[8192];
          while (text.reader().read(rest) >= 0) {
            // counted by the decoder
          }
          lineBreaks = text.decoder().line() - firstLine();
        }
      } catch (IOException | RuntimeException e) {
        lineBreaks = -1;
      }
      try {
        text.close();
      } catch (IOException e) {
        // nothing more to read from it
      }
      text = null;
    }

    @Override
    public FileRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }
  }

  private static String notUtf8(Set<Long> lines) {
    return (lines.size() == 1
            ? "line " + lines.iterator().next() + " is"
            : "lines " + lines + " are")
        + " not valid UTF-8 text (bytes that no UTF-8 character has)";
  }

  /** Class name prefixes of the clients of object stores and of the HTTP clients under them. */
  private static final List<String> STORAGE_CLIENTS =
      List.of(
          "com.amazonaws.",
          "software.amazon.awssdk.",
          "org.apache.hadoop.fs.s3a.",
          "org.apache.http.",
          "org.apache.hadoop.fs.azurebfs.",
          "com.google.cloud.");

  /**
   * True when the failure came from the storage rather than from the file's bytes: a network error
   * (connection refused or reset, a timeout, an unknown host) or an exception of an object store's
   * client. A truncated or corrupt file (EOF, bad gzip) is not one.
   */
  static boolean isStorageFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketException
          || t instanceof java.io.InterruptedIOException
          || t instanceof java.net.UnknownHostException) {
        return true;
      }
      String n = t.getClass().getName();
      for (String prefix : STORAGE_CLIENTS) {
        if (n.startsWith(prefix)) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static void stopOnStorageFailure(String file, long line, Throwable failure) {
    if (isStorageFailure(failure)) {
      throw new SourceException(
          "cannot read "
              + file
              + (line > 1 ? " from line " + line + " on" : "")
              + ": the storage failed ("
              + describe(failure)
              + "); the run stops rather than lose the rest of the file, "
              + "rerun it when the storage answers again",
          failure);
    }
  }

  private static IOException ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  /** The failure in one line: the I/O error behind it if there is one, else its first line. */
  private static String describe(Throwable failure) {
    IOException io = failure == null ? null : ioCause(failure);
    Throwable e = io != null ? io : failure;
    String msg = e == null ? null : e.getMessage();
    if (msg != null && msg.indexOf('\n') >= 0) {
      msg = msg.substring(0, msg.indexOf('\n'));
    }
    String what =
        e == null
            ? "unknown error"
            : (msg == null || msg.isBlank() ? "" : msg + " ")
                + "("
                + e.getClass().getSimpleName()
                + ")";
    return e instanceof java.io.EOFException
        ? "the file ends too early, as a truncated or partly written file does: " + what
        : what;
  }

  /** A record, its file and the bytes of the file read when it was parsed (null: not known). */
  private record FileRecord(String file, ParsedRecord record, Long bytesRead) {}

  /**
   * What the schema pass found in one partition: the merged type of its records, and the line
   * breaks of each part of a file it read (-1: not known).
   */
  record Inferred(DataType type, Map<FilePart, Long> lines) implements java.io.Serializable {}

  /** Merges the types of the records of one partition and counts the lines of its parts. */
  private static final class Infer implements FlatMapFunction<Iterator<List<FilePart>>, Inferred> {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;
    private final boolean failFast;

    Infer(RecordFormat format, SerializableConf conf, String compression, boolean failFast) {
      this.format = format;
      this.conf = conf;
      this.compression = compression;
      this.failFast = failFast;
    }

    @Override
    public Iterator<Inferred> call(Iterator<List<FilePart>> groups) {
      // the same type as folding Types.merge over JsonValues.typeOf of each record, without a type
      // per record
      TypeAccumulator acc = new TypeAccumulator();
      Map<FilePart, Long> lines = new HashMap<>();
      while (groups.hasNext()) {
        for (FilePart part : groups.next()) {
          PartRecords it = new PartRecords(part, format, conf, compression);
          // string values: the part's records have the same fields, each a string or null; once
          // every field has shown a string, the rest cannot change the type (only its lines count);
          // not with isFailFast, which must see every record here
          Set<Object> unseen = null;
          while (it.hasNext()) {
            FileRecord fr = it.next();
            ParsedRecord r = fr.record();
            if (r.fields() != null) {
              acc.addFields(r.fields());
              if (format.valuesAreStrings() && !failFast) {
                if (unseen == null) {
                  unseen = new HashSet<>(r.fields().keySet());
                }
                for (Map.Entry<String, Object> f : r.fields().entrySet()) {
                  if (f.getValue() != null) {
                    unseen.remove(f.getKey());
                  }
                }
                if (unseen.isEmpty()) {
                  it.skipRest();
                }
              }
            } else if (failFast) {
              throw malformed(fr.file(), r.line(), r.error());
            }
          }
          if (!part.whole()) {
            lines.put(part, it.lineBreaks());
          }
        }
      }
      return List.of(new Inferred(acc.type(), lines)).iterator();
    }
  }

  /**
   * Parses the records of one partition into staged rows: values and a null error, or nulls and an
   * error.
   */
  private static final class Parse implements FlatMapFunction<Iterator<List<FilePart>>, Row> {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;
    private final StructType schema;
    private final String step;
    private final Extras extras;
    private final HashMap<String, Long> times;

    Parse(
        RecordFormat format,
        SerializableConf conf,
        String compression,
        StructType schema,
        String step,
        Extras extras,
        HashMap<String, Long> times) {
      this.format = format;
      this.conf = conf;
      this.compression = compression;
      this.schema = schema;
      this.step = step;
      this.extras = extras;
      this.times = times;
    }

    @Override
    public Iterator<Row> call(Iterator<List<FilePart>> groups) {
      int fields = schema.fields().size();
      int width = fields + extras.columns();
      return new Iterator<>() {
        private Iterator<FileRecord> it = Collections.emptyIterator();
        private Iterator<FilePart> parts = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!it.hasNext()) {
            while (!parts.hasNext()) {
              if (!groups.hasNext()) {
                return false;
              }
              parts = groups.next().iterator();
            }
            it = new PartRecords(parts.next(), format, conf, compression);
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          FileRecord fr = it.next();
          ParsedRecord r = fr.record();
          Long line = r.line() > 0 ? r.line() : null;
          if (r.fields() != null) {
            try {
              Object[] values = ValueConverter.rowValues(r.fields(), schema, 1 + extras.columns());
              int i = fields;
              if (extras.filenameColumn() != null) {
                values[i++] = fr.file();
              }
              if (extras.timestampColumn() != null) {
                values[i] = times.get(fr.file());
              }
              return RowFactory.create(values);
            } catch (ValueConverter.ConversionException e) {
              if (extras.failFast()) {
                throw malformed(fr.file(), line == null ? 0 : line, e.getMessage());
              }
              return errorRow(
                  width,
                  ErrorRecords.error(
                      step, e.getMessage(), fr.file(), line, r.raw(), fr.bytesRead(), null, null));
            }
          }
          if (extras.failFast()) {
            throw malformed(fr.file(), line == null ? 0 : line, r.error());
          }
          return errorRow(
              width,
              ErrorRecords.error(
                  step,
                  r.error(),
                  fr.file(),
                  line,
                  r.raw(),
                  fr.bytesRead(),
                  r.partial() == null ? null : JsonValues.toJson(r.partial()),
                  null));
        }
      };
    }

    private static Row errorRow(int width, Row error) {
      Object[] values = new Object[width + 1];
      values[width] = error;
      return RowFactory.create(values);
    }
  }
}
