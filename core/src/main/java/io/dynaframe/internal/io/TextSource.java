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
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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

  static DynamicFrame read(
      DynaContext ctx,
      List<InputFile> files,
      RecordFormat format,
      String compressionType,
      long groupBytes,
      StructType declared,
      String name,
      String transformationContext) {
    List<String> groups = FileGroups.pack(files, groupBytes);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    SerializableConf conf = new SerializableConf(ctx.spark().sessionState().newHadoopConf());
    if (groups.isEmpty()) {
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
    JavaRDD<String> groupRdd = jsc.parallelize(groups, groups.size());
    StructType schema = declared;
    if (schema == null) {
      // merged in partition (file) order, so that fields keep the order in which the files
      // first show them, however the tasks happen to finish
      DataType merged = Types.NULL;
      for (DataType t :
          groupRdd.mapPartitions(new Infer(format, conf, compressionType)).collect()) {
        merged = Types.merge(merged, t);
      }
      schema = merged instanceof StructType s ? s : Types.struct();
    }
    String step =
        transformationContext == null || transformationContext.isEmpty()
            ? name
            : transformationContext;
    org.apache.spark.sql.types.StructType sparkSchema =
        SparkTypes.toSpark(schema).add(ErrorRecords.COLUMN, ErrorRecords.SCHEMA, true);
    JavaRDD<Row> rows =
        groupRdd.mapPartitions(new Parse(format, conf, compressionType, schema, step));
    Dataset<Row> staged = ctx.spark().createDataFrame(rows, sparkSchema);
    return DynamicFrame.fromStaged(staged, ctx, name, transformationContext);
  }

  /**
   * The records of a group of files (one path per line), in order. Nothing a file holds escapes as
   * an exception: a file that cannot be opened, a read that fails part way (a truncated gzip), and
   * lines that are not UTF-8 all become error records naming the file and, where there is one, the
   * line. A failure of the storage itself (the network or the object store's client failing after
   * its retries) is not a property of the file: it stops the task with a {@link SourceException},
   * so that the run fails instead of dropping the rest of the file into an error record while the
   * bookmark moves past it.
   */
  private static Iterator<FileRecord> records(
      String group, RecordFormat format, SerializableConf conf, String compression) {
    List<String> files = List.of(group.split("\n"));
    return new Iterator<>() {
      private int index = -1;
      private TextFiles.Text text;
      private Iterator<ParsedRecord> current = Collections.emptyIterator();
      private final Deque<FileRecord> pending = new ArrayDeque<>();
      private final Set<Long> reported = new HashSet<>();
      private long lastLine; // the last line the file's records so far reach
      private boolean fileDone = true;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty()) {
          if (!fileDone) {
            advance();
            continue;
          }
          closeCurrent();
          if (++index >= files.size()) {
            return false;
          }
          open(files.get(index));
        }
        return true;
      }

      private void open(String file) {
        reported.clear();
        lastLine = 0;
        fileDone = false;
        try {
          text = TextFiles.open(file, conf.get(), compression);
          current = format.records(text.reader(), file);
        } catch (IOException | RuntimeException e) {
          stopOnStorageFailure(file, 0, e);
          failFile(
              "cannot read the file: "
                  + describe(e instanceof UncheckedIOException u ? u.getCause() : e),
              0);
        }
      }

      /** Moves the current file's next record into {@code pending}, or finishes the file. */
      private void advance() {
        try {
          if (current.hasNext()) {
            ParsedRecord r = current.next();
            lastLine = Math.max(lastLine, r.lastLine());
            pending.add(record(checkEncoding(r)));
            return;
          }
        } catch (UncheckedIOException e) {
          stopOnStorageFailure(files.get(index), lastLine + 1, e);
          failFile(
              "cannot read the rest of the file from line "
                  + (lastLine + 1)
                  + ": "
                  + describe(e.getCause()),
              lastLine + 1);
          return;
        } catch (RuntimeException e) {
          stopOnStorageFailure(files.get(index), lastLine + 1, e);
          failFile(
              (ioCause(e) != null ? "cannot read" : "cannot parse")
                  + " the rest of the file from line "
                  + (lastLine + 1)
                  + ": "
                  + describe(e),
              lastLine + 1);
          return;
        }
        fileDone = true;
        reportUnclaimedLines(Long.MAX_VALUE);
      }

      private void failFile(String reason, long line) {
        current = Collections.emptyIterator();
        fileDone = true;
        reportUnclaimedLines(line - 1);
        pending.add(record(ParsedRecord.failed(reason, line, null)));
      }

      /** The record of the current file, with the bytes of it read so far. */
      private FileRecord record(ParsedRecord r) {
        return new FileRecord(
            files.get(index), r, text == null ? null : text.decoder().bytesRead());
      }

      /**
       * A record that holds bytes that are not UTF-8 becomes an error record, whatever it parsed
       * to.
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
       * Lines up to {@code upTo} that were not UTF-8 but belong to no record (a CSV header, a
       * skipped line).
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
                        notUtf8(Set.of(l))
                            + ", and it holds no record (a header or a skipped line)",
                        l,
                        null)));
          }
        }
      }

      private void closeCurrent() {
        if (text != null) {
          try {
            text.reader().close();
          } catch (IOException e) {
            // nothing more to read from it
          }
          text = null;
        }
      }

      @Override
      public FileRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
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

  /** Merges the types of the records of one partition. */
  private static final class Infer implements FlatMapFunction<Iterator<String>, DataType> {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;

    Infer(RecordFormat format, SerializableConf conf, String compression) {
      this.format = format;
      this.conf = conf;
      this.compression = compression;
    }

    @Override
    public Iterator<DataType> call(Iterator<String> groups) {
      // the same type as folding Types.merge over JsonValues.typeOf of each record, without a type
      // per record
      TypeAccumulator acc = new TypeAccumulator();
      while (groups.hasNext()) {
        Iterator<FileRecord> it = records(groups.next(), format, conf, compression);
        while (it.hasNext()) {
          ParsedRecord r = it.next().record();
          if (r.fields() != null) {
            acc.addFields(r.fields());
          }
        }
      }
      return List.of(acc.type()).iterator();
    }
  }

  /**
   * Parses the records of one partition into staged rows: values and a null error, or nulls and an
   * error.
   */
  private static final class Parse implements FlatMapFunction<Iterator<String>, Row> {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;
    private final StructType schema;
    private final String step;

    Parse(
        RecordFormat format,
        SerializableConf conf,
        String compression,
        StructType schema,
        String step) {
      this.format = format;
      this.conf = conf;
      this.compression = compression;
      this.schema = schema;
      this.step = step;
    }

    @Override
    public Iterator<Row> call(Iterator<String> groups) {
      int width = schema.fields().size();
      return new Iterator<>() {
        private Iterator<FileRecord> it = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!it.hasNext()) {
            if (!groups.hasNext()) {
              return false;
            }
            it = records(groups.next(), format, conf, compression);
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
              Object[] values = ValueConverter.rowValues(r.fields(), schema, 1);
              return RowFactory.create(values);
            } catch (ValueConverter.ConversionException e) {
              return errorRow(
                  width,
                  ErrorRecords.error(
                      step, e.getMessage(), fr.file(), line, r.raw(), fr.bytesRead(), null, null));
            }
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
