package io.dynaframe.internal.io;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.ErrorRecords;
import io.dynaframe.types.DataType;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads JSON or CSV files with per-value typing, in the same number of passes as Spark's
 * own readers with schema inference: one Spark job merges the types of all records into the
 * frame's schema (choices where records disagree), and the frame's rows are parsed again,
 * lazily, when an action runs. Bad records become error records on the way.
 */
final class TextSource {
  private TextSource() {}

  static DynamicFrame read(DynaContext ctx, List<FileEntry> files, RecordFormat format, String compressionType,
      long groupBytes, StructType declared, String name, String transformationContext) {
    List<String> groups = FileGroups.pack(files, groupBytes);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    SerializableConf conf = new SerializableConf(ctx.spark().sessionState().newHadoopConf());
    if (groups.isEmpty()) {
      return DynamicFrame.fromDF(ctx.spark().createDataFrame(List.of(),
          declared == null ? DataTypes.createStructType(List.of()) : SparkTypes.toSpark(declared)), ctx, name)
          .withTransformationContext(transformationContext);
    }
    JavaRDD<String> groupRdd = jsc.parallelize(groups, groups.size());
    StructType schema = declared;
    if (schema == null) {
      // merged in partition (file) order, so that fields keep the order in which the files
      // first show them, however the tasks happen to finish
      DataType merged = Types.NULL;
      for (DataType t : groupRdd.mapPartitions(new Infer(format, conf, compressionType)).collect()) {
        merged = Types.merge(merged, t);
      }
      schema = merged instanceof StructType s ? s : Types.struct();
    }
    String step = transformationContext == null || transformationContext.isEmpty() ? name : transformationContext;
    org.apache.spark.sql.types.StructType sparkSchema = SparkTypes.toSpark(schema)
        .add(ErrorRecords.COLUMN, ErrorRecords.SCHEMA, true);
    JavaRDD<Row> rows = groupRdd.mapPartitions(new Parse(format, conf, compressionType, schema, step));
    Dataset<Row> staged = ctx.spark().createDataFrame(rows, sparkSchema);
    return DynamicFrame.fromStaged(staged, ctx, name, transformationContext);
  }

  /** The records of a group of files (one path per line), in order. */
  private static Iterator<FileRecord> records(String group, RecordFormat format, SerializableConf conf, String compression) {
    List<String> files = List.of(group.split("\n"));
    return new Iterator<>() {
      private int index = -1;
      private Reader reader;
      private Iterator<ParsedRecord> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          closeCurrent();
          if (++index >= files.size()) {
            return false;
          }
          try {
            reader = TextFiles.open(files.get(index), conf.get(), compression);
            current = format.records(reader, files.get(index));
          } catch (IOException e) {
            // a file that cannot be opened or decompressed is one error record naming it
            current = List.of(ParsedRecord.failed("cannot read file: " + e, 0, null)).iterator();
          }
        }
        return true;
      }

      @Override
      public FileRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          return new FileRecord(files.get(index), current.next());
        } catch (UncheckedIOException e) {
          current = Collections.emptyIterator();
          return new FileRecord(files.get(index), ParsedRecord.failed(
              "cannot read the rest of the file: " + e.getCause(), 0, null));
        }
      }

      private void closeCurrent() {
        if (reader != null) {
          try {
            reader.close();
          } catch (IOException e) {
            // nothing more to read from it
          }
          reader = null;
        }
      }
    };
  }

  private record FileRecord(String file, ParsedRecord record) {}

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
      // the same type as folding Types.merge over JsonValues.typeOf of each record, without a type per record
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

  /** Parses the records of one partition into staged rows: values and a null error, or nulls and an error. */
  private static final class Parse implements FlatMapFunction<Iterator<String>, Row> {
    private static final long serialVersionUID = 1L;
    private final RecordFormat format;
    private final SerializableConf conf;
    private final String compression;
    private final StructType schema;
    private final String step;

    Parse(RecordFormat format, SerializableConf conf, String compression, StructType schema, String step) {
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
              return errorRow(width, ErrorRecords.error(step, e.getMessage(), fr.file(), line, r.raw(), null));
            }
          }
          return errorRow(width, ErrorRecords.error(step, r.error(), fr.file(), line, r.raw(), null));
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
